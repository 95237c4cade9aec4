import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Harness, choiceIds, texts } from '../support/helpdesk-harness.js';

/** Whole conversations through `handleMessage`, real retriever over kb-small, real SQLite file. */
describe('answering from the knowledge base', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.close());

  test('answered and confirmed (English): article with steps and link, then Yes = confirmed deflection', async () => {
    const u = h.user('U-1');
    const replies = await u.say('how do I connect to the vpn from home');
    expect(texts(replies)).toEqual(['article:vpn-connect-en', 'choices:feedback:yes,feedback:no']);
    const article = replies[0];
    expect(article).toMatchObject({
      type: 'article',
      title: 'Connect to the VPN (GlobalProtect)',
      url: '/kb/vpn-connect-en',
    });
    if (article?.type !== 'article') throw new Error('expected an article');
    expect(article.steps).toMatch(/^1\. /);
    expect(article.steps).toContain('vpn.example.com');
    expect(replies[1]).toMatchObject({ prompt: 'Did this solve it?' });
    expect(u.conversation()?.state).toBe('awaiting-feedback');

    expect(texts(await u.press('feedback:yes'))).toEqual([
      "Great, glad it's fixed! Write any time something else comes up.",
    ]);
    const conv = u.conversation();
    expect(conv?.state).toBe('resolved');
    const question = h.stores.conversations.getQuestion(conv?.context.questionId ?? '');
    expect(question).toMatchObject({ outcome: 'confirmed', articles: ['vpn-connect-en'] });
    expect(question?.closedAt).toBeDefined();
    expect(h.channel.deliveries).toEqual([]);
  });

  test('a product name alone in a Russian conversation gets the Russian article', async () => {
    const u = h.user('U-RU-VPN');
    await u.say('привет');
    const shown = texts(await u.say('vpn')).join(' ');
    expect(shown).toContain('vpn-connect-ru');
    expect(shown).not.toMatch(/-en\b/);
    const byLocale = h.user('U-RU-LOCALE', { locale: 'ru-RU' });
    const byLocaleShown = texts(await byLocale.say('vpn')).join(' ');
    expect(byLocaleShown).toContain('vpn-connect-ru');
    expect(byLocaleShown).not.toMatch(/-en\b/);
  });

  test('answered and confirmed in Russian, with a typed "да"', async () => {
    const u = h.user('U-2', { locale: 'ru-RU' });
    const replies = await u.say('не могу подключиться к впн');
    expect(texts(replies)).toEqual(['article:vpn-connect-ru', 'choices:feedback:yes,feedback:no']);
    expect(replies[1]).toMatchObject({
      prompt: 'Это помогло?',
      decision: 'answer',
      choices: expect.arrayContaining([
        { id: 'feedback:yes', label: 'Да' },
        { id: 'feedback:no', label: 'Нет' },
        { id: 'article:vpn-connect-ru', label: 'Показать всю статью' },
      ]),
    });
    expect(texts(await u.say('да, спасибо'))).toEqual([
      'Отлично, рад, что получилось! Если что-то ещё понадобится, пишите.',
    ]);
    expect(u.conversation()?.lang).toBe('ru');
  });

  test('KB_BASE_URL turns into the article link', async () => {
    h.close();
    h = await Harness.create({ KB_BASE_URL: 'https://kb.example.com/articles/' });
    const [article] = await h.user('U-3').say('forgot my password');
    expect(article).toMatchObject({
      type: 'article',
      url: 'https://kb.example.com/articles/password-reset-en',
    });
  });

  test('clarified: "printer" offers the printer articles, the pick is answered', async () => {
    const u = h.user('U-4');
    const replies = await u.say('printer');
    expect(choiceIds(replies).sort()).toEqual([
      'clarify:none',
      'clarify:printer-add-en',
      'clarify:printer-not-printing-en',
    ]);
    expect(replies[0]).toMatchObject({
      prompt: 'I found a few articles that might fit. Which one is closest to your problem?',
    });
    expect(u.conversation()?.state).toBe('clarifying');

    const picked = await u.press('clarify:printer-not-printing-en');
    expect(texts(picked)).toEqual(['article:printer-not-printing-en', 'choices:feedback:yes,feedback:no']);
    await u.press('feedback:yes');
    const q = h.stores.conversations.getQuestion(u.conversation()?.context.questionId ?? '');
    expect(q).toMatchObject({ outcome: 'confirmed', articles: ['printer-not-printing-en'] });
  });

  test('one close article: "Is this your problem?" with "No, something else", not "a few articles"', async () => {
    const u = h.user('U-4b');
    const replies = await u.say('my password');
    expect(replies[0]).toMatchObject({
      prompt: 'I found an article that might fit. Is this your problem?',
      choices: [
        { id: 'clarify:password-reset-en', label: expect.any(String) },
        { id: 'clarify:none', label: 'No, something else' },
      ],
    });
    const ru = await h.user('U-4c').say('пароль');
    expect(ru[0]).toMatchObject({
      prompt: 'Нашлась статья, которая может подойти. Это ваш случай?',
      choices: [{ id: 'clarify:password-reset-ru' }, { id: 'clarify:none', label: 'Нет, другое' }],
    });
    const declined = await u.press('clarify:none');
    expect(choiceIds(declined)).toEqual(['handoff:request']);
  });

  test('Russian typed in Latin letters gets a Russian article and a Russian conversation', async () => {
    for (const [id, text, locale] of [
      ['U-4d', 'zabyl parol ot pochty', undefined],
      ['U-4g', 'zabyl parol', undefined],
      ['U-4h', 'ne mogu podklyuchitsya k vpn', 'ru-RU'],
      ['U-4i', 'ne mogu podklyuchitsya k vpn', undefined],
      ['U-4j', 'ne mogu podklyuchitsya k vpn', 'en-US'],
    ] as const) {
      const u = h.user(id, locale ? { locale } : {});
      const replies = await u.say(text);
      expect(texts(replies)[0], text).toMatch(/^(article|choices):.*-ru\b/);
      expect(u.conversation()?.lang, text).toBe('ru');
    }
  });

  test('English words that read as Russian in Latin letters keep an English conversation', async () => {
    for (const [id, text] of [
      ['U-4e', 'global protect'],
      ['U-4f', 'soft token expired'],
    ] as const) {
      const u = h.user(id, { locale: 'en-US' });
      await u.say(text);
      expect(u.conversation()?.lang, text).toBe('en');
    }
  });

  test('clarified in Russian by typing the option number', async () => {
    const u = h.user('U-5');
    const replies = await u.say('принтер');
    const options = replies.flatMap((r) => (r.type === 'choices' ? r.choices : []));
    expect(options.at(-1)).toEqual({ id: 'clarify:none', label: 'Ничего из этого' });
    const second = options[1]?.id.replace('clarify:', '');
    const picked = await u.say('2');
    expect(texts(picked)[0]).toBe(`article:${second}`);
  });

  test('"None of these" declines the question and offers a person', async () => {
    const u = h.user('U-6');
    await u.say('printer');
    const replies = await u.press('clarify:none');
    expect(choiceIds(replies)).toEqual(['handoff:request']);
    const q = h.stores.conversations.getQuestion(u.conversation()?.context.questionId ?? '');
    expect(q?.outcome).toBe('declined');
  });

  test('nothing in the KB: declined with a handoff offer', async () => {
    const u = h.user('U-7');
    const replies = await u.say('how to bake a cake');
    expect(replies).toEqual([
      {
        type: 'choices',
        prompt:
          "Sorry, I couldn't find an article about this. Try describing it in other words, or I can pass it to a person.",
        choices: [{ id: 'handoff:request', label: 'Talk to a person' }],
        decision: 'decline',
      },
    ]);
    const ru = await h.user('U-8').say('как испечь торт');
    expect(ru[0]).toMatchObject({ choices: [{ id: 'handoff:request', label: 'Позвать специалиста' }] });
  });

  test('No moves on until the articles run out, then offers a person', async () => {
    const u = h.user('U-9');
    await u.say('printer');
    await u.press('clarify:printer-add-en');
    const afterNo = await u.press('feedback:no');
    // The other printer article is next; after an article was rejected a person is always on offer.
    expect(texts(afterNo)).toEqual([
      'Sorry about that. Maybe this one fits better:',
      'article:printer-not-printing-en',
      'choices:feedback:yes,feedback:no,handoff:request',
    ]);
    const q = h.stores.conversations.getQuestion(u.conversation()?.context.questionId ?? '');
    expect(q).toMatchObject({ outcome: 'answered', articles: ['printer-add-en', 'printer-not-printing-en'] });
    const final = await u.press('feedback:no');
    expect(choiceIds(final)).toEqual(['handoff:request']);
    expect(h.stores.conversations.getQuestion(q?.id ?? '')?.outcome).toBe('declined');
  });

  test('an article marked escalate: true always offers the handoff', async () => {
    const u = h.user('U-10');
    const replies = await u.say('I clicked a link in a phishing email');
    expect(texts(replies)).toEqual([
      'article:phishing-clicked-en',
      'This usually needs someone from IT. If the steps are not enough, I can pass it to a person right away.',
      'choices:feedback:yes,feedback:no,handoff:request',
    ]);
  });

  test('one close article: a typed yes picks it, a typed no is "No, something else"', async () => {
    const yes = h.user('U-11');
    await yes.say('my password');
    expect(texts(await yes.say('yes'))[0]).toBe('article:password-reset-en');
    const no = h.user('U-12', { locale: 'ru-RU' });
    await no.say('пароль');
    expect(choiceIds(await no.say('нет'))).toEqual(['handoff:request']);
    const q = h.stores.conversations.getQuestion(no.conversation()?.context.questionId ?? '');
    expect(q).toMatchObject({ text: 'пароль', outcome: 'declined' });
  });

  test('two problems in one message: the first is answered, the second offered once it is solved', async () => {
    const u = h.user('U-TWO');
    const first = await u.say("vpn won't connect and I forgot my password");
    expect(texts(first)).toEqual([
      "You mentioned more than one problem. Let's start with this one and come back to the rest after.",
      'article:vpn-connect-en',
      'choices:feedback:yes,feedback:no',
    ]);
    const asked = u.conversation()?.context.questionId ?? '';
    // The queued problem survives a restart like the rest of the conversation.
    await h.restart();
    const offer = await u.press('feedback:yes');
    expect(offer).toEqual([
      {
        type: 'choices',
        prompt: "Great, glad it's fixed! You also mentioned another problem. Shall we look at it now?",
        choices: [
          { id: 'clarify:password-reset-en', label: expect.any(String) },
          { id: 'clarify:none', label: 'Not now' },
        ],
        decision: 'clarify',
      },
    ]);
    expect(h.stores.conversations.getQuestion(asked)).toMatchObject({
      outcome: 'confirmed',
      articles: ['vpn-connect-en'],
    });

    expect(texts(await u.press('clarify:password-reset-en'))).toEqual([
      'article:password-reset-en',
      'choices:feedback:yes,feedback:no',
    ]);
    const second = h.stores.conversations.getQuestion(u.conversation()?.context.questionId ?? '');
    expect(second).toMatchObject({ text: 'I forgot my password', outcome: 'answered' });
    expect(second?.id).not.toBe(asked);
    expect(texts(await u.press('feedback:yes'))).toEqual([
      "Great, glad it's fixed! Write any time something else comes up.",
    ]);
    expect(u.conversation()?.state).toBe('resolved');
  });

  test('two problems in Russian: a typed "нет" to the second one leaves it, a new message forgets it', async () => {
    const u = h.user('U-TWO-RU', { locale: 'ru-RU' });
    const first = await u.say('не подключается впн, и ещё забыл пароль');
    expect(texts(first)[0]).toBe(
      'Вы описали несколько проблем. Начнём с этой, а к остальным вернёмся потом.',
    );
    expect(texts(first)[1]).toBe('article:vpn-connect-ru');
    expect(choiceIds(await u.say('да'))).toEqual(['clarify:password-reset-ru', 'clarify:none']);
    expect(texts(await u.say('нет'))).toEqual(['Хорошо. Напишите, когда захотите к ней вернуться.']);
    expect(u.conversation()?.state).toBe('resolved');
    expect(u.conversation()?.context.followUps).toBeUndefined();

    const later = h.user('U-TWO-NEW');
    await later.say("vpn won't connect and I forgot my password");
    // A new question instead of feedback: the queued problem belonged to the old one.
    await later.say('printer');
    expect(later.conversation()?.context.followUps).toBeUndefined();
  });

  test('the second problem waits while the first is not solved, and goes with it to a person', async () => {
    const u = h.user('U-TWO-NO');
    await u.say("vpn won't connect and I forgot my password");
    // A "No" is about the VPN alone: the password part is not searched again with it.
    expect(u.conversation()?.context.question).toBe("vpn won't connect");
    const no = texts(await u.press('feedback:no'));
    expect(no.join(' ')).not.toContain('password-reset-en');
    expect(u.conversation()?.context.followUps?.map((f) => f.articleId)).toEqual(['password-reset-en']);
    await u.press('handoff:request');
    expect(u.conversation()?.state).toBe('escalated');
  });
});
