import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { channelRegistry } from '../../src/channels/registry.js';
import { deliveryRefused } from '../../src/errors.js';
import type { QueueEvent } from '../../src/handoff/ports.js';
import { AGENTS, Harness } from '../support/helpdesk-harness.js';
import { TestChannel } from '../support/test-channel.js';

describe('queue events keep every channel’s ticket card current', () => {
  let h: Harness;
  let slack: TestChannel;
  let web: TestChannel;
  beforeEach(async () => {
    h = await Harness.create();
    slack = new TestChannel();
    web = new TestChannel();
    // Agents work on the `test` channel; Slack and the web console both show the queue.
    h.rebuild({
      channels: channelRegistry([
        { name: 'test', notifier: h.channel, hostsQueue: false },
        { name: 'slack', notifier: slack, hostsQueue: true },
        { name: 'web', notifier: web, hostsQueue: true },
      ]),
    });
  });
  afterEach(() => h.close());

  const types = (c: TestChannel) => c.of('queue').map((q) => (q.event as QueueEvent).type);

  test('every step of a ticket is announced once to each queue channel, with the ticket as it is now', async () => {
    const u = h.user('U-Q');
    await u.say('I need a person, the printer is on fire');
    const ticketId = u.conversation()?.ticketId ?? '';
    await u.say('also it smells');
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    await h.agent({ kind: 'note', agentId: AGENTS.anna, agentName: 'Anna', ticketId, text: 'facilities?' });
    await h.agent({
      kind: 'reply',
      agentId: AGENTS.anna,
      agentName: 'Anna',
      ticketId,
      text: 'Leave the room',
    });
    await u.say('done');
    await h.agent({
      kind: 'transfer',
      agentId: AGENTS.anna,
      ticketId,
      toAgentId: AGENTS.boris,
      toAgentName: 'Boris',
    });
    await h.agent({ kind: 'escalate', agentId: AGENTS.boris, ticketId });
    await h.agent({ kind: 'claim', agentId: AGENTS.vera, agentName: 'Vera', ticketId });
    await h.agent({ kind: 'resolve', agentId: AGENTS.vera, agentName: 'Vera', ticketId });
    const expected = [
      'ticket-created',
      'user-message',
      'ticket-claimed',
      'note-added',
      'agent-replied',
      'user-message',
      'ticket-transferred',
      'ticket-escalated',
      'ticket-claimed',
      'ticket-resolved',
    ];
    expect(types(slack)).toEqual(expected);
    expect(types(web)).toEqual(expected);
    expect(h.channel.of('queue')).toEqual([]);
    const last = slack.of('queue').at(-1)?.event as QueueEvent;
    expect(last.ticket).toMatchObject({ id: ticketId, status: 'resolved', tier: 3, assigneeId: AGENTS.vera });
    const claimed = slack.of('queue').find((q) => (q.event as QueueEvent).type === 'ticket-claimed');
    expect(claimed?.event).toMatchObject({ by: AGENTS.anna, byName: 'Anna', ticket: { status: 'claimed' } });
  });

  test("a channel's failure is retried alone: the other channel got its copy once", async () => {
    slack.down = true;
    const u = h.user('U-Q2');
    await u.say('talk to a person');
    expect(types(web)).toEqual(['ticket-created']);
    expect(types(slack)).toEqual([]);
    slack.down = false;
    h.clock.advance(60_000);
    await h.core.flush();
    expect(types(slack)).toEqual(['ticket-created']);
    expect(types(web)).toEqual(['ticket-created']);
  });

  test('hand back and cancel are announced too', async () => {
    const u = h.user('U-Q3');
    await u.say('talk to a person');
    const ticketId = u.conversation()?.ticketId ?? '';
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    await h.agent({ kind: 'hand-back', agentId: AGENTS.anna, ticketId });
    await u.say('talk to a person');
    await u.press('handoff:cancel');
    expect(types(web)).toEqual([
      'ticket-created',
      'ticket-claimed',
      'ticket-handed-back',
      'ticket-created',
      'ticket-cancelled',
    ]);
  });

  test('an agent acts only from their own channel', async () => {
    const u = h.user('U-Q4');
    await u.say('talk to a person');
    const ticketId = u.conversation()?.ticketId ?? '';
    await expect(
      h.agent({ kind: 'claim', agentId: AGENTS.anna, channel: 'slack', ticketId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(h.stores.tickets.get(ticketId)?.status).toBe('queued');
  });

  test('an employee who cannot be reached any more is reported on their ticket, for each message that cannot arrive', async () => {
    const u = h.user('U-GONE');
    await u.say('talk to a person');
    const ticketId = u.conversation()?.ticketId ?? '';
    h.channel.deliverToUser = async () => {
      throw deliveryRefused('the bot was removed from the chat', { status: 403, permanent: true });
    };
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    await h.agent({ kind: 'reply', agentId: AGENTS.anna, agentName: 'Anna', ticketId, text: 'Hello?' });
    const notes = h.stores.tickets.notes(ticketId).filter((n) => n.agentId === 'system');
    expect(notes.map((n) => n.text)).toEqual([
      expect.stringMatching(
        /^The employee could not be reached on test: the bot was removed from the chat\./,
      ),
      expect.stringMatching(/^The employee could not be reached on test/),
    ]);
    expect(types(web).filter((t) => t === 'note-added')).toHaveLength(2);
    expect(h.stores.audit.list({ ticketId }).map((e) => e.action)).toContain('ticket.undeliverable');
    // Given up, not retried: nothing is pending for the employee.
    h.clock.advance(3_600_000);
    await h.core.flush();
    expect(h.stores.outbox.pendingCount()).toBe(0);
  });
});
