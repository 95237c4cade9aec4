import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FakeConnector } from './fake-connector.js';
import {
  activity,
  AGENT_AAD,
  ANNA,
  mention,
  post,
  startTeamsServer,
  type TeamsServer,
} from './teams-server.js';

/**
 * The Teams endpoint under hostile or failing conditions: malformed activities (400), unsigned
 * requests with authentication on (401), a connector that throttles (429: delivered later, once)
 * or has lost the bot (403: never retried), and a queue channel that survives a restart.
 */

let s: TeamsServer;
beforeAll(async () => {
  s = await startTeamsServer();
});
afterAll(async () => {
  await s.close();
});

async function flushUntil<T>(server: TeamsServer, find: () => T | undefined, timeout = 10_000): Promise<T> {
  return vi.waitFor(
    async () => {
      await server.server.app.core.flush();
      const found = find();
      if (found === undefined) throw new Error('not yet');
      return found;
    },
    { timeout, interval: 100 },
  );
}

/** An employee in their own chat asks for a person; the ticket id. */
async function ticketFor(server: TeamsServer, chat: string): Promise<string> {
  const conversation = { id: chat, conversationType: 'personal', tenantId: 't' };
  const from = { id: `29:${chat}`, name: 'Petr', aadObjectId: `aad-${chat}` };
  await post(server.base, activity(server.connector, { text: 'my printer is broken', conversation, from }));
  const before = server.connector.calls.length;
  await post(
    server.base,
    activity(server.connector, { value: { action: 'handoff:request' }, conversation, from }),
  );
  const answer = server.connector.calls
    .slice(before)
    .find((c) => c.conversationId === chat && c.body.type === 'message');
  const id = /T-[A-Z0-9]+/.exec(FakeConnector.text(answer as never))?.[0];
  expect(id).toBeDefined();
  return id as string;
}

const anna = (server: TeamsServer, kind: string, ticketId: string, extra: Record<string, string> = {}) =>
  server.agents.core.handleAgentAction({
    kind,
    agentId: ANNA,
    agentName: 'Anna',
    channel: 'test',
    messageId: `${kind}-${Math.random()}`,
    ticketId,
    ...extra,
  } as Parameters<typeof server.agents.core.handleAgentAction>[0]);

describe('Teams endpoint', () => {
  test('malformed activities are answered with 400, and the server stays up', async () => {
    const good = activity(s.connector, { text: 'hi' });
    const cases: unknown[] = [
      '{not json',
      '[]',
      '"text"',
      {},
      { ...good, type: undefined },
      { ...good, conversation: undefined },
      { ...good, conversation: { id: '' } },
      { ...good, serviceUrl: undefined },
      { ...good, serviceUrl: 'javascript:alert(1)' },
      { ...good, serviceUrl: 'not a url' },
      { ...good, from: undefined },
      { ...good, id: undefined },
      { ...good, text: { nested: true } },
    ];
    for (const body of cases) {
      const res = await post(s.base, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
    // Odd but well-formed activities are accepted and ignored.
    expect((await post(s.base, { ...good, type: 'invoke', name: 'unknown/thing' })).status).toBeLessThan(600);
    expect((await post(s.base, { ...good, entities: 'oops', text: '<at>x</at>' })).status).toBe(200);
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });

  test('installation events store the reference used for proactive messages', async () => {
    const res = await post(
      s.base,
      activity(s.connector, {
        type: 'installationUpdate',
        action: 'add',
        id: undefined,
        from: { id: '29:oncall', aadObjectId: 'aad-oncall' },
        conversation: { id: 'a:personal-oncall', conversationType: 'personal' },
      }),
    );
    expect(res.status).toBe(200);
    const ref = s.teams.notifier;
    await ref.pageOnCall(
      'teams:aad-oncall',
      { reason: 'sla-breached', ticket: { id: 'T-X', subject: 'subject' } as never },
      { deliveryId: 'page-1' },
    );
    expect(s.connector.messagesTo('a:personal-oncall')).toHaveLength(1);
    // The same delivery again (a retry after a timeout) is not sent twice.
    await ref.pageOnCall(
      'teams:aad-oncall',
      { reason: 'sla-breached', ticket: { id: 'T-X', subject: 's' } as never },
      {
        deliveryId: 'page-1',
      },
    );
    expect(s.connector.messagesTo('a:personal-oncall')).toHaveLength(1);
  });

  test('a 429 from the connector is delivered later, exactly once', async () => {
    const chat = 'a:personal-429';
    const ticketId = await ticketFor(s, chat);
    await anna(s, 'claim', ticketId);
    await flushUntil(s, () =>
      s.connector.messagesTo(chat).find((c) => FakeConnector.text(c).includes('Anna')),
    );
    s.connector.failNext(429, (c) => c.conversationId === chat && c.kind === 'send', '1');
    await anna(s, 'reply', ticketId, { text: 'Reply after throttling' });
    const calls = () =>
      s.connector.calls.filter((c) => FakeConnector.text(c).includes('Reply after throttling'));
    await flushUntil(s, () => calls().find((c) => c.status === 429));
    // Not retried in-process by the HTTP pipeline: only the outbox tries again, after Retry-After.
    expect(calls()).toHaveLength(1);
    await flushUntil(s, () => calls().find((c) => c.status === 200));
    for (let i = 0; i < 3; i += 1) await s.server.app.core.flush();
    expect(calls().map((c) => c.status)).toEqual([429, 200]);
  });

  test('a 403 (bot removed from the chat) is never retried', async () => {
    const chat = 'a:personal-403';
    const ticketId = await ticketFor(s, chat);
    await anna(s, 'claim', ticketId);
    await flushUntil(s, () =>
      s.connector.messagesTo(chat).find((c) => FakeConnector.text(c).includes('Anna')),
    );
    s.connector.failNext(403, (c) => c.conversationId === chat && c.kind === 'send');
    await anna(s, 'reply', ticketId, { text: 'Nobody will read this' });
    const calls = () =>
      s.connector.calls.filter((c) => FakeConnector.text(c).includes('Nobody will read this'));
    await flushUntil(s, () => calls().find((c) => c.status === 403));
    for (let i = 0; i < 3; i += 1) await s.server.app.core.flush();
    expect(calls().map((c) => c.status)).toEqual([403]);
  });
});

describe('Teams restart', () => {
  test('a registered queue channel survives a restart', async () => {
    const first = await startTeamsServer();
    const { dir, connector } = first;
    await post(
      first.base,
      mention(connector, 'queue tier2', {
        channel: '19:persist@thread.tacv2',
        from: { id: '29:agent', name: 'Olga', aadObjectId: AGENT_AAD },
      }),
    );
    await first.close(true);
    const second = await startTeamsServer({}, { dir, connector });
    try {
      const ticketId = await ticketFor(second, 'a:personal-restart');
      const card = await flushUntil(second, () =>
        connector.ok('create').find((c) => FakeConnector.text(c).includes(ticketId)),
      );
      expect((card.body.channelData as { channel: { id: string } }).channel.id).toBe(
        '19:persist@thread.tacv2',
      );
    } finally {
      await second.close();
    }
  });
});

describe('Teams authentication', () => {
  test('with an app id set, an unsigned request is refused with 401', async () => {
    const secured = await startTeamsServer({
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    });
    try {
      expect(secured.teams.describe(secured.base)[0]).toContain('authentication on');
      const res = await post(secured.base, activity(secured.connector, { text: 'hello' }));
      expect(res.status).toBe(401);
      expect(secured.connector.calls).toHaveLength(0);
    } finally {
      await secured.close();
    }
  });
});
