import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { computeReport, groupGaps, percentile } from '../../src/report/figures.js';
import { formatReport } from '../../src/report/format.js';
import { AGENTS, Harness } from '../support/helpdesk-harness.js';

const MINUTE = 60_000;

describe('percentile and gap keys', () => {
  test('nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  test('the same question in other words groups together, per language', () => {
    const at = '2026-01-05T10:00:00.000Z';
    const gaps = groupGaps([
      { text: 'Excel crashes when opening macros!', lang: 'en', askedAt: at },
      { text: 'teams camera is black', lang: 'en', askedAt: at },
      { text: 'excel macro crash', lang: 'en', askedAt: at },
      { text: '???', lang: 'en', askedAt: at },
      { text: '???', lang: 'en', askedAt: at },
      { text: 'эксель падает на макросах', lang: 'ru', askedAt: at },
    ]);
    expect(gaps.map((g) => [g.example, g.count])).toEqual([
      ['excel macro crash', 2],
      ['teams camera is black', 1],
      ['???', 2],
      ['эксель падает на макросах', 1],
    ]);
  });
});

describe('report figures from a store filled by real conversations', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.close());

  async function escalateAndClose(
    userId: string,
    text: string,
    claimAfter: number,
    resolveAfter: number,
    rating?: number,
  ) {
    const u = h.user(userId);
    await u.say(text);
    await u.press('handoff:request');
    const ticketId = u.conversation()?.ticketId ?? '';
    h.clock.advance(claimAfter * MINUTE);
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId });
    h.clock.advance(resolveAfter * MINUTE);
    await h.agent({ kind: 'resolve', agentId: AGENTS.anna, ticketId });
    if (rating !== undefined) await u.press(`rating:${rating}`);
  }

  test('deflection, timings, CSAT and content gaps', async () => {
    await h
      .user('U-1')
      .say('forgot my password')
      .then(() => h.user('U-1').press('feedback:yes'));
    await h.user('U-2').say("vpn won't connect from home"); // answered, never confirmed
    await h.user('U-3').say('how to bake a cake'); // unanswered
    await escalateAndClose('U-4', 'excel crashes when I open a macro', 10, 30, 5);
    await escalateAndClose('U-5', 'Excel crashes when opening macros!', 20, 60, 3);
    await escalateAndClose('U-6', 'excel macro crash', 40, 90);
    await h.user('U-7').say('agent'); // a handoff without a question: a ticket, not a question

    const report = computeReport(h.db, { until: new Date('2026-02-01T00:00:00Z') });
    expect(report.questions).toEqual({ total: 6, confirmed: 1, unconfirmed: 1, escalated: 3, unanswered: 1 });
    expect(report.tickets).toEqual({
      created: 4,
      resolved: 3,
      handedBack: 0,
      cancelled: 0,
      open: 1,
      high: 0,
    });
    expect(report.timeToClaim).toEqual({ count: 3, medianMinutes: 20, p90Minutes: 40 });
    expect(report.timeToResolve).toEqual({ count: 3, medianMinutes: 80, p90Minutes: 130 });
    expect(report.csat).toEqual({ count: 2, average: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } });
    expect(report.contentGaps).toEqual([
      { example: 'excel macro crash', count: 3, lang: 'en', lastAskedAt: expect.any(String) },
      { example: 'how to bake a cake', count: 1, lang: 'en', lastAskedAt: '2026-01-05T10:00:00.000Z' },
    ]);

    const text = formatReport(report);
    expect(text).toContain('confirmed deflection         1  16.7%');
    expect(text).toContain('time to claim    median 20 min, p90 40 min (3 tickets)');
    expect(text).toContain('time to resolve  median 80 min, p90 2.2 h (3 tickets)');
    expect(text).toContain('CSAT: 4 / 5 from 2 ratings');
    expect(text).toMatch(/1\.\s+3×\s+\[en\] excel macro crash/);
  });

  test('--since keeps only what happened after it', async () => {
    await h.user('U-1').say('forgot my password');
    h.clock.set('2026-01-20T10:00:00Z');
    await h.user('U-2').say('how to bake a cake');
    const report = computeReport(h.db, {
      since: new Date('2026-01-10T00:00:00Z'),
      until: new Date('2026-02-01T00:00:00Z'),
    });
    expect(report.questions.total).toBe(1);
    expect(report.contentGaps.map((g) => g.example)).toEqual(['how to bake a cake']);
  });

  test('an empty store gives an empty report, not an error', () => {
    const report = computeReport(h.db);
    expect(report.questions.total).toBe(0);
    expect(report.timeToClaim).toEqual({ count: 0, medianMinutes: undefined, p90Minutes: undefined });
    expect(formatReport(report)).toContain('CSAT: no ratings');
  });
});
