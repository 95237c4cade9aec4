import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AGENTS, Harness, texts } from '../support/helpdesk-harness.js';

const SATURDAY_NOON_MOSCOW = '2026-01-10T09:00:00Z';
const MINUTE = 60_000;

describe('24/7: out of hours, on-call and SLA', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
    h.clock.set(SATURDAY_NOON_MOSCOW);
  });
  afterEach(() => h.close());

  test('out of hours the user is told when a person will pick it up; the SLA starts at the opening', async () => {
    const u = h.user('U-1');
    const replies = await u.say('talk to a person');
    expect(texts(replies)).toEqual(['notice:queued', 'notice:out-of-hours']);
    expect(replies[1]).toMatchObject({
      text: expect.stringMatching(
        /^The support team works Mon–Fri 09:00–18:00 \(Europe\/Moscow time\), and it is outside those hours now\. A person will pick up your request from Monday.*12 January.*09:00\.$/,
      ),
    });
    const ticket = h.stores.tickets.get(u.conversation()?.ticketId ?? '');
    expect(ticket).toMatchObject({
      outOfHours: true,
      priority: 'normal',
      slaDueAt: '2026-01-12T10:00:00.000Z',
    });
    expect(h.channel.of('on-call')).toEqual([]);
  });

  test('in Russian, with the opening in Russian', async () => {
    const replies = await h.user('U-2').say('позовите оператора');
    expect(replies[1]).toMatchObject({
      code: 'out-of-hours',
      text: expect.stringMatching(
        /^ИТ-поддержка работает пн–пт 09:00–18:00 \(время Europe\/Moscow\).*понедельник.*12 января.*09:00/,
      ),
    });
  });

  test('high priority out of hours pages on-call at once and runs a 24/7 SLA', async () => {
    const u = h.user('U-3');
    await u.say('I clicked a link in a phishing email');
    const replies = await u.press('handoff:request');
    expect(texts(replies)).toEqual(['notice:queued', 'notice:out-of-hours', 'notice:on-call-paged']);
    const ticketId = u.conversation()?.ticketId ?? '';
    expect(h.stores.tickets.get(ticketId)).toMatchObject({
      priority: 'high',
      slaDueAt: '2026-01-10T09:30:00.000Z',
      tags: expect.arrayContaining(['phishing', 'security-incident']),
    });
    expect(h.channel.of('on-call')).toEqual([
      expect.objectContaining({
        target: 'test:oncall-it',
        page: expect.objectContaining({
          reason: 'high-priority-out-of-hours',
          ticket: expect.objectContaining({ id: ticketId }),
        }),
      }),
    ]);
  });

  test('an unclaimed ticket past its SLA is announced once per breach, even across a restart', async () => {
    const u = h.user('U-4');
    await u.say('my phone was stolen, I need a human');
    const ticketId = u.conversation()?.ticketId ?? '';
    const claimed = h.user('U-5');
    await claimed.say('agent please');
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId: claimed.conversation()?.ticketId ?? '' });
    h.channel.clear();

    h.clock.advance(29 * MINUTE);
    expect((await h.core.sweep()).announced).toEqual([]);
    h.clock.advance(2 * MINUTE);
    expect((await h.core.sweep()).announced).toEqual([ticketId]);
    expect(h.channel.of('queue')).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({ type: 'sla-breached', overdueMinutes: 1 }),
      }),
    ]);
    expect(h.channel.of('on-call')).toEqual([
      expect.objectContaining({ page: expect.objectContaining({ reason: 'sla-breached' }) }),
    ]);
    expect((await h.core.sweep()).announced).toEqual([]);
    await h.restart();
    h.clock.advance(60 * MINUTE);
    expect((await h.core.sweep()).announced).toEqual([]);
    expect(h.stores.audit.list({ ticketId }).map((e) => e.action)).toEqual([
      'ticket.create',
      'ticket.sla-breach',
    ]);

    // Sent to Tier 3 after a claim, it gets a fresh SLA, and its breach is announced again.
    await h.agent({ kind: 'claim', agentId: AGENTS.boris, ticketId });
    await h.agent({ kind: 'escalate', agentId: AGENTS.boris, ticketId, note: 'device wipe needed' });
    h.clock.advance(31 * MINUTE);
    expect((await h.core.sweep()).announced).toEqual([ticketId]);
  });

  test('normal tickets raised on Saturday are not late on Sunday', async () => {
    await h.user('U-6').say('talk to a person');
    h.clock.advance(24 * 60 * MINUTE);
    expect((await h.core.sweep()).announced).toEqual([]);
    h.clock.set('2026-01-12T10:01:00Z');
    expect((await h.core.sweep()).announced).toHaveLength(1);
  });

  test('without ONCALL_TARGET nothing is paged and the user is not told it was', async () => {
    h.close();
    h = await Harness.create({ ONCALL_TARGET: '' });
    h.clock.set(SATURDAY_NOON_MOSCOW);
    const replies = await h.user('U-7').say('I lost my laptop on the train, I need a human');
    expect(texts(replies)).toEqual(['notice:queued', 'notice:out-of-hours']);
    expect(h.channel.of('on-call')).toEqual([]);
  });
});
