import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { IncomingMessage } from '../../src/conversation/types.js';
import { AGENTS, Harness, texts } from '../support/helpdesk-harness.js';

describe('a restart loses nothing', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.close());

  test('in the middle of a relay: close the database, open it again, the conversation goes on', async () => {
    const u = h.user('U-1', { name: 'Ivan' });
    await u.say('excel crashes when I open a macro');
    await u.press('handoff:request');
    const ticketId = u.conversation()?.ticketId ?? '';
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    await h.agent({
      kind: 'reply',
      agentId: AGENTS.anna,
      agentName: 'Anna',
      ticketId,
      text: 'Which Excel version?',
    });
    const retried: IncomingMessage = {
      channel: 'test',
      userId: 'U-1',
      conversationId: 'dm-U-1',
      text: 'Excel 2021',
      messageId: 'before-restart',
    };
    expect(await h.core.handleMessage(retried)).toEqual([]);

    await h.restart();

    // The channel retries a message from before the restart: still processed only once.
    expect(await h.core.handleMessage(retried)).toEqual([]);
    expect(h.channel.of('agent').filter((d) => d.event.type === 'user-message')).toHaveLength(1);
    // The state, the owner and the relay survived.
    expect(u.conversation()).toMatchObject({ state: 'with-agent', ticketId });
    expect(await u.say('it crashes on every macro')).toEqual([]);
    expect(h.channel.of('agent').at(-1)).toMatchObject({
      agentId: AGENTS.anna,
      event: { type: 'user-message', text: 'it crashes on every macro' },
    });
    await h.agent({
      kind: 'reply',
      agentId: AGENTS.anna,
      agentName: 'Anna',
      ticketId,
      text: 'Try safe mode',
    });
    expect(h.channel.repliesTo('U-1').at(-1)).toEqual({
      type: 'agent-message',
      agentName: 'Anna',
      text: 'Try safe mode',
    });

    // The agent console sees the whole transcript across the restart, in order.
    const shown = await h.agent({ kind: 'show', agentId: AGENTS.anna, ticketId });
    if (shown.kind !== 'ticket') throw new Error('expected ticket');
    expect(shown.transcript.filter((e) => e.author !== 'bot').map((e) => e.text)).toEqual([
      'excel crashes when I open a macro',
      '(pressed handoff:request)',
      'Which Excel version?',
      'Excel 2021',
      'it crashes on every macro',
      'Try safe mode',
    ]);
    await h.agent({ kind: 'resolve', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    await h.restart();
    expect(texts(await u.press('rating:5'))).toEqual(['Thank you for your rating!']);
  });

  test('queue position and unanswered questions survive', async () => {
    await h.user('U-2').say('talk to a person');
    const u3 = h.user('U-3');
    await u3.say('printer');
    await h.restart();
    const list = await h.agent({ kind: 'list', agentId: AGENTS.anna });
    expect(list.kind === 'queue' && list.queued.map((t) => t.userId)).toEqual(['U-2']);
    const queued = await h.user('U-4').say('agent');
    expect(queued[0]).toMatchObject({
      code: 'queued',
      text: expect.stringContaining('number 2 in the queue'),
    });
    // The clarification the user was looking at still works.
    expect(texts(await u3.press('clarify:printer-add-en'))[0]).toBe('article:printer-add-en');
  });

  test('deliveries that failed before the restart are delivered after it', async () => {
    const u = h.user('U-5');
    await u.say('agent');
    const ticketId = u.conversation()?.ticketId ?? '';
    h.channel.down = true;
    await h.agent({ kind: 'claim', agentId: AGENTS.boris, agentName: 'Boris', ticketId });
    await h.agent({
      kind: 'reply',
      agentId: AGENTS.boris,
      agentName: 'Boris',
      ticketId,
      text: 'Hello from Boris',
    });
    expect(h.channel.repliesTo('U-5')).toEqual([]);
    // Two for the employee, two queue events (claimed, replied) for the ticket card.
    expect(h.stores.outbox.pendingCount()).toBe(4);

    await h.restart();
    h.channel.down = false;
    h.clock.advance(5 * 60_000);
    const swept = await h.core.sweep();
    expect(swept.delivered).toBe(4);
    expect(h.channel.repliesTo('U-5').map((r) => r.type)).toEqual(['notice', 'agent-message']);
    expect(h.stores.outbox.pendingCount()).toBe(0);
  });
});
