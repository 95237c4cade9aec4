import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AGENTS, Harness } from '../support/helpdesk-harness.js';

describe('who may do what', () => {
  let h: Harness;
  let ticketId: string;
  beforeEach(async () => {
    h = await Harness.create();
    const u = h.user('U-1');
    await u.say('talk to a person');
    ticketId = u.conversation()?.ticketId ?? '';
  });
  afterEach(() => h.close());

  test('a non-agent is refused every agent action, and each refusal is audited', async () => {
    const kinds = [
      { kind: 'list' },
      { kind: 'show', ticketId },
      { kind: 'claim', ticketId },
      { kind: 'reply', ticketId, text: 'hi' },
      { kind: 'note', ticketId, text: 'n' },
      { kind: 'escalate', ticketId, note: 'n' },
      { kind: 'transfer', ticketId, toAgentId: AGENTS.anna },
      { kind: 'resolve', ticketId },
      { kind: 'hand-back', ticketId },
    ] as const;
    for (const action of kinds) {
      await expect(h.agent({ ...action, agentId: 'U-1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // The user themself cannot act on their own ticket either, and nothing changed.
    expect(h.stores.tickets.get(ticketId)).toMatchObject({ status: 'queued', assigneeId: undefined });
    const denied = h.stores.audit.list({ actor: 'U-1' }).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.action)).toEqual(kinds.map((k) => `ticket.${k.kind}`));
    expect(denied.every((e) => e.role === 'none')).toBe(true);
    expect(h.channel.of('user')).toEqual([]);
  });

  test('a Tier 2 agent cannot take a Tier 3 ticket', async () => {
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId });
    await h.agent({ kind: 'escalate', agentId: AGENTS.anna, ticketId, note: 'needs Tier 3' });
    await expect(h.agent({ kind: 'claim', agentId: AGENTS.boris, ticketId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(h.agent({ kind: 'reply', agentId: AGENTS.anna, ticketId, text: 'x' })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    await expect(
      h.agent({ kind: 'escalate', agentId: AGENTS.vera, ticketId, note: 'again' }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    const vera = await h.agent({ kind: 'claim', agentId: AGENTS.vera, ticketId });
    expect(vera).toMatchObject({ kind: 'done', ticket: { assigneeId: AGENTS.vera, tier: 3 } });
  });

  test('one owner at a time; other agents get INVALID_STATE', async () => {
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId });
    await expect(h.agent({ kind: 'claim', agentId: AGENTS.boris, ticketId })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    await expect(h.agent({ kind: 'resolve', agentId: AGENTS.boris, ticketId })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    // Notes are open to every agent.
    await expect(
      h.agent({ kind: 'note', agentId: AGENTS.boris, ticketId, text: 'FYI' }),
    ).resolves.toMatchObject({
      kind: 'done',
    });
    // Claiming one's own ticket again is harmless.
    await expect(h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId })).resolves.toMatchObject({
      kind: 'done',
    });
    const rejected = h.stores.audit.list({ actor: AGENTS.boris }).filter((e) => e.outcome === 'rejected');
    expect(rejected.map((e) => e.action)).toEqual(['ticket.claim', 'ticket.resolve']);
  });

  test('actions that need a claim are refused on a queued ticket; unknown tickets are NOT_FOUND', async () => {
    for (const kind of ['resolve', 'hand-back'] as const) {
      await expect(h.agent({ kind, agentId: AGENTS.anna, ticketId })).rejects.toMatchObject({
        code: 'INVALID_STATE',
      });
    }
    await expect(h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId: 'T-999' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(h.agent({ kind: 'show', agentId: AGENTS.anna, ticketId: 'T-999' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  test('bad input: unknown action, empty reply, transfer to a non-agent or to oneself', async () => {
    await expect(h.agent({ kind: 'explode' as 'list', agentId: AGENTS.anna })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId });
    await expect(
      h.agent({ kind: 'reply', agentId: AGENTS.anna, ticketId, text: ' \u0000 ' }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(
      h.agent({ kind: 'transfer', agentId: AGENTS.anna, ticketId, toAgentId: 'U-1' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      h.agent({ kind: 'transfer', agentId: AGENTS.anna, ticketId, toAgentId: AGENTS.anna }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  test('a retried agent action (same message id) runs once', async () => {
    const action = {
      kind: 'reply' as const,
      agentId: AGENTS.anna,
      agentName: 'Anna',
      ticketId,
      text: 'On it',
      channel: 'test',
      messageId: 'slack-action-1',
    };
    await h.core.handleAgentAction(action);
    expect(await h.core.handleAgentAction(action)).toEqual({ kind: 'duplicate' });
    await h.core.idle();
    expect(h.channel.repliesTo('U-1').filter((r) => r.type === 'agent-message')).toHaveLength(1);
  });

  test('a password pasted by an agent is redacted too', async () => {
    const result = await h.agent({
      kind: 'reply',
      agentId: AGENTS.anna,
      ticketId,
      text: 'temporary password: Xk29!pq7',
    });
    expect(result).toMatchObject({ kind: 'done', redacted: true });
    expect(JSON.stringify(h.channel.deliveries)).not.toContain('Xk29');
  });
});
