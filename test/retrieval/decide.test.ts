import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  CLARIFY_OPTION_SHARE,
  MAX_CLARIFY_OPTIONS,
  decide,
  type Thresholds,
} from '../../src/retrieval/decide.js';
import type { Candidate } from '../../src/retrieval/types.js';

const T: Thresholds = { answerThreshold: 0.6, clarifyThreshold: 0.3, answerMargin: 0.1 };

function candidates(...scores: number[]): Candidate[] {
  return scores.map((score, i) => ({
    articleId: `a${i}`,
    title: `Article ${i}`,
    lang: 'en',
    score,
    keywordScore: score,
    denseScore: undefined,
    sectionId: `a${i}#0`,
  }));
}

describe('decide', () => {
  it('declines when there is no candidate', () => {
    expect(decide([], T)).toEqual({ kind: 'decline', options: 0 });
  });

  it('declines when the best candidate is below the clarify threshold', () => {
    expect(decide(candidates(0.29, 0.2), T)).toEqual({ kind: 'decline', options: 0 });
    expect(decide(candidates(0), T)).toEqual({ kind: 'decline', options: 0 });
  });

  it('answers a confident candidate that is clearly ahead', () => {
    expect(decide(candidates(0.9, 0.5), T)).toEqual({ kind: 'answer', options: 1 });
    expect(decide(candidates(0.6), T)).toEqual({ kind: 'answer', options: 1 });
    expect(decide(candidates(0.95, 0.8, 0.1), T)).toEqual({ kind: 'answer', options: 1 });
  });

  it('never answers an article matched mostly by typo repairs: it asks instead', () => {
    const [guess, ...rest] = candidates(0.95, 0.1);
    expect(decide([{ ...guess!, matchedMostlyByRepairs: true }, ...rest], T)).toEqual({
      kind: 'clarify',
      options: 1,
    });
    expect(decide([{ ...guess!, matchedMostlyByRepairs: false }, ...rest], T).kind).toBe('answer');
  });

  it('never answers when the message only names a symptom: it asks instead', () => {
    const [top, ...rest] = candidates(0.95, 0.1);
    expect(decide([{ ...top!, messageGuard: 'symptoms-only' }, ...rest], T)).toEqual({
      kind: 'clarify',
      options: 1,
    });
  });

  it('does not answer when the runner-up is within the margin (asks instead)', () => {
    const d = decide(candidates(0.9, 0.85, 0.1), T);
    expect(d.kind).toBe('clarify');
    expect(d.options).toBe(2);
  });

  it('clarifies a plausible candidate below the answer threshold', () => {
    expect(decide(candidates(0.5), T)).toEqual({ kind: 'clarify', options: 1 });
    expect(decide(candidates(0.55, 0.4, 0.36), T)).toEqual({ kind: 'clarify', options: 3 });
  });

  it('offers only the candidates close to the best one', () => {
    // floor = max(0.3, 0.55 - 2 * 0.1) = 0.35: 0.34 is out
    expect(decide(candidates(0.55, 0.5, 0.34, 0.33), T)).toEqual({ kind: 'clarify', options: 2 });
    // floor = max(0.3, 0.4 - 0.2) = 0.3: the clarify threshold itself bounds the options
    expect(decide(candidates(0.4, 0.31, 0.29), T)).toEqual({ kind: 'clarify', options: 2 });
  });

  it('with a group confidence, offers every candidate with at least a tenth of the best confidence', () => {
    expect(CLARIFY_OPTION_SHARE).toBe(0.1);
    // The best is far from sure, but the right article is likely among these: show them.
    expect(decide(candidates(0.3, 0.05, 0.031, 0.02), T, 0.8)).toEqual({ kind: 'clarify', options: 3 });
    expect(decide(candidates(0.3, 0.05, 0.029), T, 0.8)).toEqual({ kind: 'clarify', options: 2 });
    expect(decide(candidates(0.3, 0.02), T, 0.8)).toEqual({ kind: 'clarify', options: 1 });
    expect(decide(candidates(0.3, 0.29, 0.28, 0.27), T, 0.8)).toEqual({ kind: 'clarify', options: 3 });
    expect(decide(candidates(0.3, 0.29), T, 0.2)).toEqual({ kind: 'decline', options: 0 });
  });

  it('caps the options at three', () => {
    expect(MAX_CLARIFY_OPTIONS).toBe(3);
    expect(decide(candidates(0.58, 0.57, 0.56, 0.55, 0.54), T)).toEqual({ kind: 'clarify', options: 3 });
    expect(decide(candidates(0.9, 0.89, 0.88, 0.87, 0.86), T)).toEqual({ kind: 'clarify', options: 3 });
  });

  it('follows the thresholds it is given', () => {
    const strict: Thresholds = { answerThreshold: 0.95, clarifyThreshold: 0.7, answerMargin: 0.3 };
    expect(decide(candidates(0.9, 0.1), strict).kind).toBe('clarify');
    expect(decide(candidates(0.69), strict).kind).toBe('decline');
    expect(decide(candidates(0.99, 0.6), strict).kind).toBe('answer');
    expect(decide(candidates(0.99, 0.7), strict).kind).toBe('clarify');
  });

  it('works with the configured defaults', () => {
    const defaults = loadConfig({}).retrieval;
    expect(decide(candidates(0.99, 0.1), defaults).kind).toBe('answer');
    expect(decide(candidates(0.01), defaults).kind).toBe('decline');
  });
});
