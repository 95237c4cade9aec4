import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { isHelpdeskError } from '../../src/errors.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import type { IncomingMessage } from '../../src/conversation/types.js';
import { AGENTS, Harness, choiceIds, smallKb, texts } from '../support/helpdesk-harness.js';

const SECRET = 'Tr0ub4dor&3x';

describe('hostile input never crashes and never leaks', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.close());

  test('empty, whitespace-only, control-character-only and non-string text ask for a description', async () => {
    const u = h.user('U-1');
    for (const text of ['', '   ', '\u0000\u0007\u200b', 42 as unknown as string]) {
      expect(texts(await u.say(text))).toEqual(['Please describe your problem in a few words.']);
    }
  });

  test('a huge message is truncated before storage, with a notice, and still answered', async () => {
    const u = h.user('U-2');
    const huge = `vpn won't connect from home. ${'log line 0x80070005 failed\n'.repeat(100_000)}`;
    const replies = await u.say(huge);
    expect(texts(replies)).toEqual([
      'notice:truncated',
      'article:vpn-connect-en',
      'choices:feedback:yes,feedback:no',
    ]);
    const stored = h.stores.conversations
      .transcript(u.conversation()?.id ?? '')
      .find((e) => e.author === 'user');
    expect(stored?.text.length).toBeLessThanOrEqual(4000);
  });

  test('a password is redacted before storage, retrieval and any agent; the user is warned to change it', async () => {
    const u = h.user('U-3');
    const replies = await u.say(`forgot my password, it was password: ${SECRET}`);
    expect(replies[0]).toMatchObject({ type: 'notice', code: 'secret-redacted', level: 'warning' });
    expect(texts(replies).slice(1)).toEqual([
      'article:password-reset-en',
      'choices:feedback:yes,feedback:no',
    ]);
    await u.press('handoff:request');
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId: u.conversation()?.ticketId ?? '' });
    const ru = await u.say(`пароль: ${SECRET} и токен ghp_abcdefghijklmnopqrstuvwxyz0123456789AB`);
    expect(ru).toEqual([
      expect.objectContaining({ code: 'secret-redacted', text: expect.stringMatching(/^Похоже/) }),
    ]);

    const everything = JSON.stringify([
      h.db.prepare('SELECT * FROM conversation_messages').all(),
      h.db.prepare('SELECT * FROM conversation_questions').all(),
      h.db.prepare('SELECT * FROM tickets').all(),
      h.db.prepare('SELECT * FROM outbox').all(),
      h.channel.deliveries,
    ]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('ghp_abcdef');
    const relayed = h.channel.of('agent').at(-1);
    expect(relayed?.event).toMatchObject({
      type: 'user-message',
      text: expect.stringContaining('[redacted]'),
    });
  });

  test('the [redacted] placeholder is not searched: the answer is as sure as without the password', async () => {
    const plain = h.user('U-3b');
    const withSecret = h.user('U-3c');
    await plain.say('printer not printing');
    await withSecret.say(`printer not printing, my password is ${SECRET}`);
    const asked = (u: typeof plain) =>
      h.stores.conversations.getQuestion(u.conversation()?.context.questionId ?? '');
    expect(asked(withSecret)?.text).toContain('[redacted]');
    expect(asked(plain)?.outcome).toBe('answered');
    expect(asked(withSecret)).toMatchObject({ outcome: 'answered', articles: asked(plain)?.articles });
  });

  test('only a pasted token: just the warning, no search', async () => {
    const replies = await h.user('U-4').say('xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx');
    expect(texts(replies)).toEqual(['notice:secret-redacted']);
    expect(texts(await h.user('U-4').say('[redacted]'))).toEqual([
      'Please describe your problem in a few words.',
    ]);
  });

  test('each message id is processed once, also when the retry arrives while the first is running', async () => {
    const message: IncomingMessage = {
      channel: 'slack',
      userId: 'U-5',
      conversationId: 'D-5',
      text: 'forgot my password',
      messageId: 'slack-ts-1',
    };
    const [first, retry] = await Promise.all([h.core.handleMessage(message), h.core.handleMessage(message)]);
    expect(texts(first)).toEqual(['article:password-reset-en', 'choices:feedback:yes,feedback:no']);
    expect(retry).toEqual([]);
    expect(await h.core.handleMessage(message)).toEqual([]);
    const conv = h.stores.conversations.find('slack', 'D-5', 'U-5');
    expect(h.stores.conversations.transcript(conv?.id ?? '').filter((e) => e.author === 'user')).toHaveLength(
      1,
    );
    // The same id in another channel, or in another conversation of the channel, is another message.
    expect(await h.core.handleMessage({ ...message, channel: 'teams' })).not.toEqual([]);
    expect(await h.core.handleMessage({ ...message, userId: 'U-7', conversationId: 'D-7' })).not.toEqual([]);
  });

  test('a stale, repeated or forged button is answered politely and changes nothing', async () => {
    const u = h.user('U-6');
    for (const action of [
      'feedback:yes',
      'rating:5',
      'clarify:vpn-connect-en',
      'handoff:cancel',
      'drop table',
      '',
    ]) {
      expect(texts(await u.press(action))).toEqual(['notice:stale-action']);
    }
    expect(u.conversation()?.state).toBe('bot');
  });

  test('an envelope without ids is refused with BAD_INPUT', async () => {
    const bad = [
      { channel: 'slack', userId: '', conversationId: 'D', messageId: 'm' },
      { channel: 'slack', userId: 'U', conversationId: 'D' },
      { channel: 'slack', userId: 'U', conversationId: 'D', messageId: 'x'.repeat(1000) },
      null,
    ];
    for (const message of bad) {
      await expect(h.core.handleMessage(message as unknown as IncomingMessage)).rejects.toSatisfy((e) =>
        isHelpdeskError(e, 'BAD_INPUT'),
      );
    }
  });

  test('when retrieval fails the user gets an apology and a person on offer, and the turn is kept', async () => {
    const broken = await createRetriever(await smallKb(), {
      thresholds: h.config.retrieval,
      defaultLang: 'en',
    });
    vi.spyOn(broken, 'searchDetailed').mockRejectedValue(new Error('retrieval failed'));
    h.rebuild({ retriever: broken });
    const u = h.user('U-7');
    const replies = await u.say('forgot my password');
    expect(texts(replies)[0]).toBe('notice:error');
    expect(choiceIds(replies)).toEqual(['handoff:request']);
    expect(h.stores.conversations.transcript(u.conversation()?.id ?? '')[0]?.text).toBe('forgot my password');
  });
});
