import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FakeSlack, type FakeMessage } from './fake-slack.js';
import {
  AGENT,
  AGENT3,
  ANNA,
  blockAction,
  dm,
  eventEnvelope,
  postCommand,
  postEvent,
  postInteraction,
  signedPost,
  slashCommand,
  startSlackServer,
  TIER2,
  TIER3,
  type SlackServer,
} from './slack-server.js';

/**
 * The Slack adapter end to end: the real Bolt app on the product's server, signed requests as
 * Slack sends them, and a fake Slack Web API on loopback that records every call.
 */

let s: SlackServer;
beforeAll(async () => {
  s = await startSlackServer();
});
afterAll(async () => {
  await s.close();
});

const WAIT = { timeout: 10_000, interval: 20 };

/** Waits for a message the bot posts in `channel` (and thread) matching `test`. */
async function posted(
  channel: string,
  match: (m: FakeMessage) => boolean,
  threadTs?: string,
): Promise<FakeMessage> {
  return vi.waitFor(() => {
    const found = s.fake.postedIn(channel, threadTs).find(match);
    if (!found) throw new Error(`nothing matching posted in ${channel}`);
    return found;
  }, WAIT);
}

const has = (text: string) => (m: FakeMessage) => FakeSlack.textOf(m).includes(text);
const buttonsOf = (m: FakeMessage) => FakeSlack.buttons(m);

/** An employee's DM, answered; returns the event and the answer. */
async function ask(user: string, text: string) {
  const event = dm(user, text);
  const res = await postEvent(s, eventEnvelope(event));
  expect(res.status).toBe(200);
  const answer = await posted(`D${user}`, () => true, event.ts as string);
  return { event, answer };
}

/** Presses a button on a posted message as `user`. */
async function press(user: string, message: FakeMessage, value: string) {
  const button = buttonsOf(message).find((b) => b.value === value);
  if (!button) throw new Error(`no button ${value} on the message: ${JSON.stringify(buttonsOf(message))}`);
  const res = await postInteraction(
    s,
    blockAction(
      s,
      user,
      { channel: message.channel, ts: message.ts, threadTs: message.threadTs, blocks: message.blocks },
      button,
    ),
  );
  expect(res.status).toBe(200);
}

describe('Slack over HTTP', () => {
  test('the URL check is answered; bad signatures and stale timestamps are refused with 401', async () => {
    const challenge = await signedPost(
      s,
      JSON.stringify({ type: 'url_verification', challenge: 'abc123' }),
      'application/json',
    );
    expect(challenge.status).toBe(200);
    expect(await challenge.json()).toEqual({ challenge: 'abc123' });

    const body = JSON.stringify(eventEnvelope(dm('UHACKER', 'vpn does not connect')));
    const forged = await signedPost(s, body, 'application/json', { secret: 'wrong-secret' });
    expect(forged.status).toBe(401);
    const stale = await signedPost(s, body, 'application/json', {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(`${s.base}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    expect(s.fake.postedIn('DUHACKER')).toHaveLength(0);
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });

  test('a DM is answered in its thread with the article, its link and Yes / No buttons; Yes closes it', async () => {
    s.fake.users.set('UEMP1', { realName: 'Ivan Petrov', locale: 'en-US' });
    const { event, answer } = await ask('UEMP1', 'vpn does not connect');
    expect(answer.threadTs).toBe(event.ts);
    const text = FakeSlack.textOf(answer);
    expect(text).toContain('<https://helpdesk.example.com/kb/vpn-connect-en|');
    expect(answer.blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(buttonsOf(answer).map((b) => b.value)).toEqual(
      expect.arrayContaining(['feedback:yes', 'feedback:no']),
    );
    expect(buttonsOf(answer).map((b) => b.label)).toEqual(expect.arrayContaining(['Yes', 'No']));

    await press('UEMP1', answer, 'feedback:yes');
    const thanks = await posted('DUEMP1', (m) => m.ts !== answer.ts && m.ts > answer.ts, event.ts as string);
    expect(FakeSlack.textOf(thanks)).toMatch(/glad/i);
    // The pressed buttons were replaced by the choice.
    await vi.waitFor(() => {
      const update = s.fake.of('chat.update').find((c) => c.args.ts === answer.ts);
      expect(update).toBeDefined();
      expect(JSON.stringify(update?.args.blocks)).not.toContain('"actions"');
    }, WAIT);
  });

  test('No gets another answer; a retried event is answered once', async () => {
    const { event, answer } = await ask('UEMP2', 'printer does not print');
    await press('UEMP2', answer, 'feedback:no');
    await posted('DUEMP2', (m) => m.ts > answer.ts, event.ts as string);

    // Slack retries the first event (same event_id and ts): no second answer.
    const retried = dm('UEMP2', 'my password expired');
    const envelope = eventEnvelope(retried, 'EvRETRY1');
    await postEvent(s, envelope);
    await posted('DUEMP2', () => true, retried.ts as string);
    const again = await postEvent(s, envelope, 1);
    expect(again.status).toBe(200);
    // A later message in the same conversation is answered after the retry was handled.
    const { answer: later } = await ask('UEMP2', 'thanks');
    expect(later).toBeDefined();
    expect(s.fake.postedIn('DUEMP2', retried.ts as string)).toHaveLength(1);
  });

  test('a ticket: card in Tier 2, Claim refused to a non-agent, claim, relay both ways, a note, Tier 3, resolve and rating', async () => {
    s.fake.users.set('UEMP3', { realName: 'Olga Smirnova', locale: 'en-US' });
    const { event, answer } = await ask('UEMP3', 'vpn does not connect');
    const dmThread = event.ts as string;
    await pressOrSend('UEMP3', answer, 'handoff:request');
    const card = await posted(TIER2, (m) => buttonsOf(m).some((b) => b.label === 'Claim'));
    const ticketId = /T-[A-Z0-9]+/.exec(FakeSlack.textOf(card))?.[0] as string;
    expect(ticketId).toBeDefined();
    const cardText = FakeSlack.textOf(card);
    for (const part of ['Olga Smirnova', 'Priority', 'SLA due', 'EN', 'slack', 'vpn-connect-en'])
      expect(cardText).toContain(part);
    const transcript = await posted(TIER2, has('Transcript'), card.ts);
    expect(FakeSlack.textOf(transcript)).toContain('vpn does not connect');
    await posted('DUEMP3', has(ticketId), dmThread);

    // Someone who is not an agent presses Claim: told so, only them; the card stays as it is.
    const updatesBefore = s.fake.of('chat.update').filter((c) => c.args.ts === card.ts).length;
    await press('UNOBODY', card, `agent:claim:${ticketId}`);
    const refusal = await vi.waitFor(() => {
      const e = s.fake.of('chat.postEphemeral').find((c) => c.args.user === 'UNOBODY');
      if (!e) throw new Error('no ephemeral yet');
      return e;
    }, WAIT);
    expect(String(refusal.args.text)).toMatch(/not|agent/i);
    expect(s.fake.of('chat.update').filter((c) => c.args.ts === card.ts)).toHaveLength(updatesBefore);
    expect(buttonsOf(card).map((b) => b.label)).toEqual(['Claim']);

    // The agent claims: the card is edited in place; the employee is told.
    await press(AGENT, card, `agent:claim:${ticketId}`);
    await vi.waitFor(
      () => expect(buttonsOf(card).map((b) => b.label)).toEqual(['Resolve', 'Tier 3', 'Hand back']),
      WAIT,
    );
    expect(FakeSlack.textOf(card)).toContain('Claimed by');
    await posted('DUEMP3', has('Anna Agent'), dmThread);

    // The agent writes in the card's thread: relayed to the employee, escaped.
    const reply = threadMessage(
      AGENT,
      card.ts,
      'Please restart the client &lt;!channel&gt; and <https://status.example.com|check status>',
    );
    await postEvent(s, eventEnvelope(reply));
    const relayed = await posted('DUEMP3', has('Please restart the client'), dmThread);
    expect(FakeSlack.textOf(relayed)).toContain('&lt;!channel&gt;');
    expect(FakeSlack.textOf(relayed)).not.toContain('<!channel>');

    // The employee answers in the DM: it arrives in the card's thread; the bot says nothing.
    const before = s.fake.postedIn('DUEMP3').length;
    await postEvent(s, eventEnvelope(dm('UEMP3', 'still broken after restart', { thread_ts: dmThread })));
    await posted(TIER2, has('still broken after restart'), card.ts);

    // An internal note is not relayed.
    const note = threadMessage(AGENT, card.ts, 'note: check the gateway logs');
    await postEvent(s, eventEnvelope(note));
    await vi.waitFor(() => {
      expect(
        s.fake.of('reactions.add').some((c) => c.args.timestamp === note.ts && c.args.name === 'memo'),
      ).toBe(true);
    }, WAIT);
    await s.server.app.core.idle();
    expect(s.fake.postedIn('DUEMP3').length).toBe(before);
    expect(s.fake.postedIn('DUEMP3').some(has('gateway logs'))).toBe(false);

    // Tier 3: a new card in Tier 3's channel; Tier 2's loses its buttons.
    await press(AGENT, card, `agent:tier3:${ticketId}`);
    const card3 = await posted(TIER3, (m) => buttonsOf(m).some((b) => b.label === 'Claim'));
    expect(FakeSlack.textOf(card3)).toContain(ticketId);
    await vi.waitFor(() => expect(buttonsOf(card)).toEqual([]), WAIT);

    // Tier 3's agent claims and resolves with the slash command; the employee rates.
    await postCommand(s, slashCommand(s, AGENT3, `claim ${ticketId}`, TIER3));
    await vi.waitFor(
      () =>
        expect(s.fake.responses.some((r) => String(r.body.text).includes(`You claimed ${ticketId}`))).toBe(
          true,
        ),
      WAIT,
    );
    await postCommand(s, slashCommand(s, AGENT3, `/resolve ${ticketId} restarted the gateway`, TIER3));
    const rating = await posted('DUEMP3', (m) => buttonsOf(m).some((b) => b.value === 'rating:5'), dmThread);
    expect(buttonsOf(rating).map((b) => b.label)).toEqual(['1', '2', '3', '4', '5']);
    await vi.waitFor(() => expect(FakeSlack.textOf(card3)).toContain('Resolved'), WAIT);
    await press('UEMP3', rating, 'rating:5');
    await posted('DUEMP3', has('Thank you for your rating'), dmThread);
  });

  test('a Slack employee with an agent on another channel; a 429 is retried after Retry-After, once; <!channel> is escaped', async () => {
    const { event, answer } = await ask('UEMP4', '&lt;!channel&gt; <!here> printer does not print');
    const dmThread = event.ts as string;
    await pressOrSend('UEMP4', answer, 'handoff:request');
    const card = await posted(
      TIER2,
      (m) => buttonsOf(m).some((b) => b.label === 'Claim') && FakeSlack.textOf(m).includes('printer'),
    );
    const ticketId = /T-[A-Z0-9]+/.exec(FakeSlack.textOf(card))?.[0] as string;
    await posted(TIER2, has('Transcript'), card.ts);
    const outgoing = s.fake.allOutgoingText();
    expect(outgoing).not.toContain('<!channel>');
    expect(outgoing).not.toContain('<!here>');
    expect(outgoing).toContain('&lt;!channel&gt;');

    const core = s.agents.core;
    await core.handleAgentAction({
      kind: 'claim',
      agentId: ANNA,
      agentName: 'Anna Test',
      channel: 'test',
      messageId: `claim-${ticketId}`,
      ticketId,
    });
    await vi.waitFor(() => expect(FakeSlack.textOf(card)).toContain('Claimed by'), WAIT);
    await posted('DUEMP4', has('Anna Test'), dmThread);

    // Slack answers the relay with 429 Retry-After: 1; the outbox delivers it after that, once.
    s.fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const failedBefore = s.fake.of('chat.postMessage').length;
    await core.handleAgentAction({
      kind: 'reply',
      agentId: ANNA,
      agentName: 'Anna Test',
      channel: 'test',
      messageId: `reply-${ticketId}`,
      ticketId,
      text: 'Which printer is it?',
    });
    await vi.waitFor(() => expect(s.fake.of('chat.postMessage').length).toBeGreaterThan(failedBefore), WAIT);
    expect(s.fake.postedIn('DUEMP4').some(has('Which printer'))).toBe(false);
    const started = Date.now();
    await vi.waitFor(
      async () => {
        await core.flush();
        expect(s.fake.postedIn('DUEMP4').some(has('Which printer'))).toBe(true);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    await core.flush();
    expect(s.fake.postedIn('DUEMP4').filter(has('Which printer'))).toHaveLength(1);
    // The reply of the other channel's agent is also shown in the card's thread.
    await posted(TIER2, has('Which printer'), card.ts);

    // The employee answers: the test channel's agent gets it, and the card's thread shows it.
    await postEvent(s, eventEnvelope(dm('UEMP4', 'the one on floor 3', { thread_ts: dmThread })));
    await vi.waitFor(() => {
      const got = s.agents.notifier
        .of('agent')
        .some((d) => d.event.type === 'user-message' && d.event.text.includes('floor 3'));
      expect(got).toBe(true);
    }, WAIT);
    await posted(TIER2, has('floor 3'), card.ts);
  });

  test('an @mention in a channel is answered in its thread, the mention removed before search', async () => {
    const ts = '1800000700.000001';
    const mentionEvent = {
      type: 'app_mention',
      channel: 'CGENERAL',
      channel_type: 'channel',
      user: 'UEMP7',
      text: `<@${s.fake.botUserId}> vpn wont connect`,
      ts,
    };
    expect((await postEvent(s, eventEnvelope(mentionEvent))).status).toBe(200);
    const answer = await posted('CGENERAL', has('Connect to the VPN'), ts);
    expect(buttonsOf(answer).map((b) => b.label)).toEqual(expect.arrayContaining(['Yes', 'No']));
    expect(s.fake.allOutgoingText()).not.toContain(`<@${s.fake.botUserId}> vpn`);
  });

  test('hand back: the card says so and loses its buttons; the employee is back with the bot', async () => {
    const { event, answer } = await ask('UEMP8', 'printer does not print');
    const dmThread = event.ts as string;
    await pressOrSend('UEMP8', answer, 'handoff:request');
    const card = await posted(TIER2, (m) => buttonsOf(m).some((b) => b.label === 'Claim') && has('UEMP8')(m));
    const ticketId = /T-[A-Z0-9]+/.exec(FakeSlack.textOf(card))?.[0] as string;
    await press(AGENT, card, `agent:claim:${ticketId}`);
    await vi.waitFor(() => expect(buttonsOf(card).map((b) => b.label)).toContain('Hand back'), WAIT);
    await press(AGENT, card, `agent:handback:${ticketId}`);
    await vi.waitFor(() => expect(buttonsOf(card)).toEqual([]), WAIT);
    expect(FakeSlack.textOf(card)).toMatch(/handed back/i);
    await posted('DUEMP8', has('chatting with the bot again'), dmThread);
  });

  test('the Home tab lists open requests and topics; /helpdesk queue answers the agent only', async () => {
    await postEvent(
      s,
      eventEnvelope({
        type: 'app_home_opened',
        user: 'UEMP4',
        channel: 'DUEMP4',
        tab: 'home',
        event_ts: '1800000000.1',
      }),
    );
    const view = await vi.waitFor(() => {
      const call = s.fake.of('views.publish').find((c) => c.args.user_id === 'UEMP4');
      if (!call) throw new Error('not published');
      return JSON.stringify(call.args.view);
    }, WAIT);
    expect(view).toContain('Connect to the VPN');
    expect(view).toMatch(/T-[A-Z0-9]+/);

    const res = await postCommand(s, slashCommand(s, AGENT, 'queue'));
    expect(res.status).toBe(200);
    await vi.waitFor(
      () => expect(s.fake.responses.some((r) => String(r.body.text).includes('waiting'))).toBe(true),
      WAIT,
    );
    const last = s.fake.responses[s.fake.responses.length - 1];
    expect(last?.body.response_type).toBe('ephemeral');

    await postCommand(s, slashCommand(s, AGENT, 'dance'));
    await vi.waitFor(
      () =>
        expect(s.fake.responses.some((r) => String(r.body.text).includes('/helpdesk claim T'))).toBe(true),
      WAIT,
    );
  });
});

let threadCounter = 0;

/** An agent's message in a card's thread in the Tier 2 channel. */
function threadMessage(user: string, threadTs: string, text: string): Record<string, unknown> {
  threadCounter += 1;
  return {
    type: 'message',
    channel: TIER2,
    channel_type: 'channel',
    user,
    text,
    thread_ts: threadTs,
    ts: `1800000500.${String(threadCounter).padStart(6, '0')}`,
  };
}

/** Presses the button with `value`, or sends the same action when the answer did not offer it. */
async function pressOrSend(user: string, message: FakeMessage, value: string) {
  const existing = buttonsOf(message).find((b) => b.value === value);
  const button = existing ?? { actionId: 'hd:choice:9:0', value, label: value };
  await postInteraction(
    s,
    blockAction(
      s,
      user,
      { channel: message.channel, ts: message.ts, threadTs: message.threadTs, blocks: message.blocks },
      button,
    ),
  );
}
