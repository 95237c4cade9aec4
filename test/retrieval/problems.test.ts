import { describe, expect, it } from 'vitest';
import { MAX_FOLLOW_UPS, combineProblems, type PartDecision } from '../../src/retrieval/problems.js';
import type { DecisionKind, RetrievalDecision } from '../../src/retrieval/types.js';

function decision(kind: DecisionKind, top?: string): RetrievalDecision {
  const candidates = top
    ? [
        {
          articleId: top,
          title: `T ${top}`,
          lang: 'en' as const,
          score: 0.9,
          keywordScore: 1,
          denseScore: undefined,
          sectionId: `${top}#1`,
        },
      ]
    : [];
  return { kind, lang: 'en', confidence: top ? 0.9 : 0, candidates, options: kind === 'answer' ? 1 : 0 };
}

const part = (text: string, kind: DecisionKind, top?: string): PartDecision<string> => ({
  text,
  decision: decision(kind, top),
  detail: `ranking of ${text}`,
});

describe('combineProblems', () => {
  it('keeps the whole answer and queues the other answered parts as follow-ups', () => {
    const whole = { decision: decision('answer', 'vpn'), detail: 'whole' };
    const chosen = combineProblems(whole, [
      part('vpn drops', 'answer', 'vpn'),
      part('printer jams', 'answer', 'printer'),
    ]);
    expect(chosen.detail).toBe('whole');
    expect(chosen.decision.kind).toBe('answer');
    expect(chosen.decision.candidates[0]?.articleId).toBe('vpn');
    expect(chosen.decision.followUps).toEqual([
      { question: 'printer jams', articleId: 'printer', sectionId: 'printer#1', title: 'T printer' },
    ]);
    // The part answered, which a "No" re-searches alone.
    expect(chosen.decision.problem).toBe('vpn drops');
  });

  it('answers the first part when the whole message was split between two topics', () => {
    const whole = { decision: decision('clarify', 'printer'), detail: 'whole' };
    const chosen = combineProblems(whole, [
      part('printer jams', 'answer', 'printer'),
      part('vpn drops', 'answer', 'vpn'),
    ]);
    expect(chosen.detail).toBe('ranking of printer jams');
    expect(chosen.decision.kind).toBe('answer');
    expect(chosen.decision.candidates[0]?.articleId).toBe('printer');
    expect(chosen.decision.followUps?.map((f) => f.articleId)).toEqual(['vpn']);
    expect(chosen.decision.problem).toBe('printer jams');
  });

  it('is no split unless two parts are answered by different articles', () => {
    const whole = { decision: decision('clarify', 'printer'), detail: 'whole' };
    for (const parts of [
      [part('printer', 'clarify', 'printer'), part('vpn drops', 'answer', 'vpn')],
      [part('vpn drops', 'answer', 'vpn'), part('vpn disconnects', 'answer', 'vpn')],
      [part('a b', 'decline'), part('c d', 'decline')],
      [],
    ])
      expect(combineProblems(whole, parts)).toBe(whole);
  });

  it('keeps an answer no part found, alone: the parts were not problems of their own', () => {
    const whole = { decision: decision('answer', 'account'), detail: 'whole' };
    expect(combineProblems(whole, [part('a b', 'answer', 'x'), part('c d', 'answer', 'y')])).toBe(whole);
  });

  it(`keeps at most ${MAX_FOLLOW_UPS} follow-ups, in message order`, () => {
    const whole = { decision: decision('decline'), detail: 'whole' };
    const parts = ['a', 'b', 'c', 'd'].map((id) => part(`${id} broken`, 'answer', id));
    const chosen = combineProblems(whole, parts);
    expect(chosen.decision.candidates[0]?.articleId).toBe('a');
    expect(chosen.decision.followUps?.map((f) => f.articleId)).toEqual(['b', 'c']);
  });
});
