import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FakeConnector, type ConnectorCall } from './fake-connector.js';
import {
  activity,
  AGENT_AAD,
  ANNA,
  mention,
  post,
  startTeamsServer,
  TIER3_AAD,
  type TeamsServer,
} from './teams-server.js';

/**
 * Teams end to end: the real CloudAdapter on the shared server, activities POSTed to
 * /api/messages, and everything the bot sends recorded by a fake Bot Connector on loopback.
 */

const QUEUE2 = '19:queue2@thread.tacv2';
const QUEUE3 = '19:queue3@thread.tacv2';
const EMPLOYEE_CHAT = 'a:personal-ivan';
const AGENT = { id: '29:agent', name: 'Olga Agent', aadObjectId: AGENT_AAD };
const TIER3 = { id: '29:tier3', name: 'Sergei Tier3', aadObjectId: TIER3_AAD };
const STRANGER = { id: '29:stranger', name: 'Mallory', aadObjectId: 'aad-stranger' };

let s: TeamsServer;
beforeAll(async () => {
  s = await startTeamsServer();
});
afterAll(async () => {
  await s.close();
});

type Card = {
  body: {
    type: string;
    text?: string;
    wrap?: boolean;
    actions?: { title: string; data: { action: string } }[];
  }[];
  actions?: { title: string; data: { action: string } }[];
  version: string;
};

function cardOf(call: ConnectorCall | undefined): Card {
  const attachments = (call?.body.attachments ?? []) as { contentType: string; content: Card }[];
  expect(attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]?.content as Card;
}

function actionsOf(card: Card): { title: string; action: string }[] {
  const inBody = card.body.flatMap((e) => e.actions ?? []);
  return [...inBody, ...(card.actions ?? [])].map((a) => ({ title: a.title, action: a.data.action }));
}

const texts = (card: Card) =>
  card.body
    .filter((e) => e.type === 'TextBlock')
    .map((e) => e.text ?? '')
    .join('\n');

/** The employee says something in their personal chat; the card the bot answered with. */
async function say(text: string, extra: Record<string, unknown> = {}): Promise<Card> {
  const before = s.connector.calls.length;
  const res = await post(
    s.base,
    activity(s.connector, {
      text,
      conversation: { id: EMPLOYEE_CHAT, conversationType: 'personal', tenantId: 't' },
      ...extra,
    }),
  );
  expect(res.status).toBe(200);
  const answer = s.connector.calls
    .slice(before)
    .find((c) => c.conversationId === EMPLOYEE_CHAT && c.body.type === 'message');
  return cardOf(answer);
}

const press = (action: string) => say('', { text: undefined, value: { action } });

/** The employee writes while an agent has the ticket: the bot stays silent. */
async function write(text: string): Promise<void> {
  const res = await post(
    s.base,
    activity(s.connector, {
      text,
      conversation: { id: EMPLOYEE_CHAT, conversationType: 'personal', tenantId: 't' },
    }),
  );
  expect(res.status).toBe(200);
}

async function flushUntil<T>(find: () => T | undefined): Promise<T> {
  return vi.waitFor(
    async () => {
      await s.server.app.core.flush();
      const found = find();
      if (found === undefined) throw new Error('not yet');
      return found;
    },
    { timeout: 10_000, interval: 50 },
  );
}

/** A post (or reply) in a channel thread by `from`; the calls it caused. */
async function inChannel(
  text: string,
  channel: string,
  from: Record<string, unknown>,
  root?: string,
  value?: unknown,
) {
  const before = s.connector.calls.length;
  const body = {
    ...mention(s.connector, text, { channel, ...(root ? { root } : {}), from }),
    ...(value ? { value, text: undefined } : {}),
  };
  const res = await post(s.base, body);
  expect(res.status).toBe(200);
  return s.connector.calls.slice(before);
}

let ticketId = '';
let thread2 = '';
let card2Id = '';

describe('Teams', () => {
  test('an employee question is answered with a card, and its buttons work', async () => {
    const card = await say('VPN does not connect');
    expect(['1.4', '1.5']).toContain(card.version);
    expect(card.body.filter((e) => e.type === 'TextBlock').every((e) => e.wrap === true)).toBe(true);
    expect(texts(card)).toContain('VPN');
    // Yes and No first; then the article's other sections and the whole article.
    expect(actionsOf(card).slice(0, 2)).toEqual([
      { title: 'Yes', action: 'feedback:yes' },
      { title: 'No', action: 'feedback:no' },
    ]);
    expect(actionsOf(card)).toContainEqual({
      title: 'Show the whole article',
      action: 'article:vpn-connect-en',
    });
    // A typing indicator went first.
    expect(
      s.connector.calls.some((c) => c.body.type === 'typing' && c.conversationId === EMPLOYEE_CHAT),
    ).toBe(true);
    const next = await press('feedback:no');
    expect(next.body.length).toBeGreaterThan(0);
  });

  test('an employee @mention in a channel is answered in the reply chain, mention removed', async () => {
    const calls = await inChannel(
      'VPN does not connect',
      '19:general@thread.tacv2',
      { id: '29:u2', name: 'Eve', aadObjectId: 'aad-eve' },
      'root-1',
    );
    const answer = calls.find((c) => c.body.type === 'message');
    expect(answer?.conversationId).toBe('19:general@thread.tacv2;messageid=root-1');
    expect(texts(cardOf(answer))).toContain('VPN');
  });

  test('channel posts that do not @mention the bot are ignored', async () => {
    const body = mention(s.connector, 'just chatting about VPN', {
      channel: '19:general@thread.tacv2',
      from: { id: '29:u3', name: 'Bob', aadObjectId: 'aad-bob' },
    });
    const before = s.connector.calls.length;
    const res = await post(s.base, { ...body, entities: [], text: 'just chatting about VPN' });
    expect(res.status).toBe(200);
    expect(s.connector.calls.length).toBe(before);
  });

  test('only agents can make a channel the queue', async () => {
    const refused = await inChannel('queue tier2', QUEUE2, STRANGER);
    expect(texts(cardOf(refused.find((c) => c.body.type === 'message')))).toContain('Only Tier 2 agents');
    const ok = await inChannel('queue tier2', QUEUE2, AGENT);
    expect(texts(cardOf(ok.find((c) => c.body.type === 'message')))).toContain('now the Tier 2 queue');
    const tier3 = await inChannel('queue tier3', QUEUE3, TIER3);
    expect(texts(cardOf(tier3.find((c) => c.body.type === 'message')))).toContain('now the Tier 3 queue');
  });

  test('a ticket is posted to the queue channel as a card with Claim, its text escaped', async () => {
    await say('My **printer** <b>prints</b> [nothing](http://evil.example) at all');
    const queued = await press('handoff:request');
    ticketId = /T-[A-Z0-9]+/.exec(texts(queued))?.[0] ?? '';
    expect(ticketId).toMatch(/^T-/);
    const created = await flushUntil(() =>
      s.connector.ok('create').find((c) => FakeConnector.text(c).includes(ticketId)),
    );
    expect((created.body.channelData as { channel: { id: string } }).channel.id).toBe(QUEUE2);
    thread2 = created.conversationId;
    card2Id = created.activityId as string;
    const card = cardOf({ ...created, body: created.body.activity as Record<string, unknown> });
    expect(actionsOf(card)).toEqual([{ title: 'Claim', action: `agent:claim:${ticketId}` }]);
    const json = JSON.stringify(card);
    for (const fact of ['Requester', 'Priority', 'SLA due', 'Language', 'Channel', 'Articles tried'])
      expect(json).toContain(fact);
    expect(json).toContain('\\\\*\\\\*printer\\\\*\\\\*');
    expect(json).toContain('\\\\<b\\\\>');
    expect(json).toContain('\\\\[nothing\\\\]');
  });

  test('a non-agent cannot claim; the agent claims, and the card is updated in place', async () => {
    const refused = await inChannel('', QUEUE2, STRANGER, card2Id, { action: `agent:claim:${ticketId}` });
    const answer = refused.find((c) => c.body.type === 'message');
    expect(answer?.conversationId).toBe(thread2);
    expect(texts(cardOf(answer))).toContain('not a Tier 2 or Tier 3 agent');

    const updatesBefore = s.connector.ok('update').length;
    await inChannel('', QUEUE2, AGENT, card2Id, { action: `agent:claim:${ticketId}` });
    const update = await flushUntil(() =>
      s.connector
        .ok('update')
        .slice(updatesBefore)
        .find((c) => c.activityId === card2Id && FakeConnector.text(c).includes('agent:resolve')),
    );
    expect(actionsOf(cardOf(update)).map((a) => a.title)).toEqual(['Resolve', 'Tier 3', 'Hand back']);
    // The employee is told, proactively, in their own chat.
    await flushUntil(() =>
      s.connector.messagesTo(EMPLOYEE_CHAT).find((c) => FakeConnector.text(c).includes('Olga Agent')),
    );
  });

  test('replies are relayed both ways; an internal note is not', async () => {
    await inChannel('Please restart the printer, **then** try again', QUEUE2, AGENT, card2Id);
    const relayed = await flushUntil(() =>
      s.connector
        .messagesTo(EMPLOYEE_CHAT)
        .find((c) => FakeConnector.text(c).includes('Please restart the printer')),
    );
    expect(FakeConnector.text(relayed)).toContain('**then**');

    await write('Restarted, it still does not print');
    await flushUntil(() =>
      s.connector
        .messagesTo(thread2)
        .find((c) => FakeConnector.text(c).includes('Restarted, it still does not print')),
    );

    await inChannel('note: toner is probably empty', QUEUE2, AGENT, card2Id);
    await s.server.app.core.flush();
    await s.server.app.core.idle();
    expect(s.connector.messagesTo(EMPLOYEE_CHAT).some((c) => FakeConnector.text(c).includes('toner'))).toBe(
      false,
    );
  });

  test('Tier 3: the ticket moves to the Tier 3 queue; resolving sends the employee a rating card', async () => {
    await inChannel('', QUEUE2, AGENT, card2Id, { action: `agent:tier3:${ticketId}` });
    const created = await flushUntil(() =>
      s.connector
        .ok('create')
        .find((c) => (c.body.channelData as { channel: { id: string } }).channel.id === QUEUE3),
    );
    const card3Id = created.activityId as string;
    await inChannel('', QUEUE3, AGENT, card3Id, { action: `agent:claim:${ticketId}` });
    const refused = s.connector.messagesTo(created.conversationId).at(-1);
    expect(texts(cardOf(refused))).toContain('Tier 3');

    await inChannel('', QUEUE3, TIER3, card3Id, { action: `agent:claim:${ticketId}` });
    await inChannel('', QUEUE3, TIER3, card3Id, { action: `agent:resolve:${ticketId}` });
    const rating = await flushUntil(() =>
      s.connector.messagesTo(EMPLOYEE_CHAT).find((c) => FakeConnector.text(c).includes('rating:5')),
    );
    expect(actionsOf(cardOf(rating)).map((a) => a.title)).toEqual(['1', '2', '3', '4', '5']);
    const thanks = await press('rating:5');
    expect(texts(thanks).length).toBeGreaterThan(0);
  });

  test('cross-channel: an agent on another channel handles a Teams ticket, and a Teams agent a test-channel one', async () => {
    await say('I need a person for my laptop');
    const queued = await press('handoff:request');
    const id = /T-[A-Z0-9]+/.exec(texts(queued))?.[0] as string;
    const act = (kind: string, extra: Record<string, string> = {}) =>
      s.agents.core.handleAgentAction({
        kind,
        agentId: ANNA,
        agentName: 'Anna',
        channel: 'test',
        messageId: `${kind}-${Math.random()}`,
        ticketId: id,
        ...extra,
      } as Parameters<typeof s.agents.core.handleAgentAction>[0]);
    await act('claim');
    await act('reply', { text: 'Hello from Anna' });
    await flushUntil(() =>
      s.connector.messagesTo(EMPLOYEE_CHAT).find((c) => FakeConnector.text(c).includes('Hello from Anna')),
    );
    await act('resolve');

    // The reverse: an employee on the test channel, worked by the Teams agent.
    const core = s.agents.core;
    await core.handleMessage({
      channel: 'test',
      userId: 'U-EMP',
      conversationId: 'C-EMP',
      messageId: 'm1',
      text: 'my printer is broken',
    });
    const replies = await core.handleMessage({
      channel: 'test',
      userId: 'U-EMP',
      conversationId: 'C-EMP',
      messageId: 'm2',
      action: 'handoff:request',
    });
    const other = /T-[A-Z0-9]+/.exec(JSON.stringify(replies))?.[0] as string;
    const card = await flushUntil(() =>
      s.connector.ok('create').find((c) => FakeConnector.text(c).includes(other)),
    );
    await inChannel('', QUEUE2, AGENT, card.activityId, { action: `agent:claim:${other}` });
    await inChannel('Hi from Teams', QUEUE2, AGENT, card.activityId);
    await flushUntil(() =>
      s.agents.notifier
        .repliesTo('U-EMP')
        .find((r) => r.type === 'agent-message' && r.text === 'Hi from Teams'),
    );
  });
});
