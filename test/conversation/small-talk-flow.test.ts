import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Harness, choiceIds, texts } from '../support/helpdesk-harness.js';

describe('small intents in both languages', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.close());

  test('greeting and thanks, in the language of the message', async () => {
    const u = h.user('U-1');
    expect(texts(await u.say('hello'))[0]).toMatch(/^Hi! I'm the IT helpdesk bot/);
    expect(texts(await u.say('Добрый день'))[0]).toMatch(/^Здравствуйте! Я бот ИТ-поддержки/);
    expect(texts(await u.say('спасибо!'))).toEqual(['Пожалуйста! Если что-то ещё понадобится, пишите.']);
    expect(texts(await u.say('thanks a lot'))).toEqual([
      "You're welcome! Write any time something else comes up.",
    ]);
    expect(u.conversation()?.state).toBe('bot');
  });

  test('"оператор" asks for a person straight away', async () => {
    const u = h.user('U-2');
    const replies = await u.say('оператор');
    expect(texts(replies)).toEqual(['notice:queued']);
    expect(replies[0]).toMatchObject({
      text: expect.stringMatching(/^Передал ваш вопрос в ИТ \(заявка T-\d+\)/),
    });
    expect(u.conversation()?.state).toBe('escalated');
    expect(h.channel.of('queue')).toHaveLength(1);
    // Asking again does not open a second ticket.
    const again = await u.say('I want to talk to a human');
    expect(again[0]).toMatchObject({ code: 'queued', text: expect.stringContaining('already in the queue') });
    expect(h.channel.of('queue')).toHaveLength(1);
  });

  test('cancel drops the pending clarification', async () => {
    const u = h.user('U-3');
    await u.say('printer');
    expect(u.conversation()?.state).toBe('clarifying');
    expect(texts(await u.say('cancel'))).toEqual(['OK, cancelled. Ask me anything whenever you need.']);
    expect(u.conversation()?.state).toBe('bot');
    expect(texts(await u.press('clarify:printer-add-en'))).toEqual(['notice:stale-action']);
  });

  test('angry words offer a person at once, and the ticket keeps the earlier question', async () => {
    const u = h.user('U-4');
    await u.say('forgot my password');
    const replies = await u.say('this bot is useless!!!');
    expect(replies).toEqual([
      {
        type: 'choices',
        prompt: "I'm sorry this is causing so much trouble. Let me get a person to help you.",
        choices: [{ id: 'handoff:request', label: 'Talk to a person' }],
        decision: 'handoff',
      },
    ]);
    await u.press('handoff:request');
    const [created] = h.channel.of('queue');
    expect(created?.event).toMatchObject({
      type: 'ticket-created',
      ticket: { subject: 'forgot my password' },
    });
  });

  test('angry words with a real question: answered, with a person on offer', async () => {
    const replies = await h.user('U-5').say('чёрт, опять не могу подключиться к впн');
    expect(texts(replies)).toEqual([
      'Извините, что всё так сложно. Давайте подключу специалиста.',
      'article:vpn-connect-ru',
      'choices:feedback:yes,feedback:no,handoff:request',
    ]);
  });

  test('the same problem again after an answer offers a person instead of the same article', async () => {
    const u = h.user('U-6');
    await u.say("vpn won't connect from home");
    const replies = await u.say('VPN still won’t connect from home');
    expect(replies).toEqual([
      {
        type: 'choices',
        prompt: 'Looks like the problem is still there. I can pass it to a person right away.',
        choices: [{ id: 'handoff:request', label: 'Talk to a person' }],
        decision: 'handoff',
      },
    ]);
  });

  test('high-priority words get a person on offer even when an article answers', async () => {
    const replies = await h.user('U-7').say('I lost my laptop and forgot my password');
    expect(choiceIds(replies)).toContain('handoff:request');
  });
});
