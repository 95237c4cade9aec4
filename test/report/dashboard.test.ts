import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { csvCell, dashboardCsv } from '../../src/report/csv.js';
import { computeDashboard } from '../../src/report/dashboard.js';
import { AGENTS, Harness } from '../support/helpdesk-harness.js';

const MINUTE = 60_000;

describe('dashboard figures', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.close());

  test('rates, SLA breaches and breakdowns by channel, language and day', async () => {
    await h.user('U-1').say('forgot my password');
    await h.user('U-1').press('feedback:yes');
    await h.user('U-2', { channel: 'other' }).say("vpn won't connect from home");
    await h.user('U-3').say('how to bake a cake');
    h.clock.advance(24 * 60 * MINUTE);
    const u = h.user('U-4', { locale: 'ru-RU' });
    await u.say('принтер сломался совсем и дымит');
    await u.press('handoff:request');
    const ticketId = u.conversation()?.ticketId ?? '';
    h.clock.advance(600 * MINUTE); // past any SLA
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId });
    await h.agent({ kind: 'resolve', agentId: AGENTS.anna, ticketId });
    await u.press('rating:4');

    const f = computeDashboard(h.db, { until: new Date('2026-02-01T00:00:00Z'), timeZone: 'UTC' });
    expect(f.questions.total).toBe(4);
    expect(f.rates.answer).toBe(0.5);
    expect(f.slaBreaches).toBe(1);
    expect(f.byChannel.map((r) => [r.key, r.questions, r.tickets])).toEqual([
      ['other', 1, 0],
      ['test', 3, 1],
    ]);
    expect(f.byLang.map((r) => r.key)).toEqual(['en', 'ru']);
    expect(f.byLang.find((r) => r.key === 'ru')).toMatchObject({
      tickets: 1,
      csatAverage: 4,
      slaBreaches: 1,
    });
    expect(f.byDay.map((r) => [r.key, r.questions])).toEqual([
      ['2026-01-05', 3],
      ['2026-01-06', 1],
    ]);
    const csv = dashboardCsv(f);
    expect(csv.split('\r\n')[0]).toBe(
      'dimension,key,questions,confirmed,unconfirmed,escalated,declined,clarifyOpen,confirmedRate,unconfirmedRate,' +
        'tickets,resolved,slaBreaches,csatCount,csatAverage,medianClaimMinutes,medianResolveMinutes',
    );
    expect(csv).toContain('\r\nday,2026-01-06,1,');
  });

  test('CSV cells are quoted and never start a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(undefined)).toBe('');
  });
});
