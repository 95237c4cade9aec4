import { describe, expect, test } from 'vitest';
import { detectFeedback, detectIntent, detectRating } from '../../src/conversation/intents.js';
import { cleanUserText } from '../../src/conversation/sanitize.js';
import { foreignLanguage } from '../../src/text/lang.js';
import { isVague } from '../../src/text/message-scope.js';
import { isJunkQuestion } from '../../src/report/figures.js';

describe('what a short message means', () => {
  test.each([
    ['5', 5],
    ['5/5', 5],
    ['five', 5],
    ['пять', 5],
    ['5 stars', 5],
    ['⭐⭐⭐⭐⭐', 5],
    ['4 из 5', 4],
    ['two', 2],
  ])('rating %s', (text, score) => expect(detectRating(text)).toBe(score));

  test.each(['7', '0', 'great job', '⭐⭐⭐⭐⭐⭐', '3 4', ''])('no rating: %s', (text) =>
    expect(detectRating(text)).toBeUndefined(),
  );

  test('"no" with its reason is a "No"', () => {
    expect(detectFeedback("no, didn't help")).toBe(false);
    expect(detectFeedback('нет, не помогло')).toBe(false);
    expect(detectFeedback('no vpn on my laptop')).toBeUndefined();
  });

  test('asking for a person in Russian with "нужен"', () => {
    expect(detectIntent('нужен специалист')).toBe('human');
    expect(detectIntent('нужен доступ к папке')).toBeUndefined();
  });

  test.each(['it doesnt work', "it's broken", 'help', 'привет, у меня всё сломалось', 'у меня проблема'])(
    'vague: %s',
    (text) => expect(isVague(text)).toBe(true),
  );

  test.each(['vpn doesnt work', 'outlook is broken', 'да, спасибо', 'hello', 'принтер сломался'])(
    'not vague: %s',
    (text) => expect(isVague(text)).toBe(false),
  );

  test('languages the bot does not speak', () => {
    expect(foreignLanguage('Mein Laptop startet nicht')).toBe('de');
    expect(foreignLanguage('mi impresora no funciona')).toBe('es');
    expect(foreignLanguage('我的电脑坏了')).toBe('other');
    expect(foreignLanguage('my printer does not print')).toBeUndefined();
    expect(foreignLanguage('zabyl parol')).toBeUndefined();
    expect(foreignLanguage('не работает vpn')).toBeUndefined();
  });
});

describe('stored text', () => {
  test('terminal escape sequences are removed whole', () => {
    expect(cleanUserText('\u001b[31mvpn\u001b[0m down', 1000).text).toBe('vpn down');
    expect(cleanUserText('\u001b]0;title\u0007hello', 1000).text).toBe('hello');
  });

  test.each(['7', 'five', '5 stars', 'xxxxxxx', '[31m', '?!'])('junk is no content gap: %s', (text) =>
    expect(isJunkQuestion(text)).toBe(true),
  );

  test.each(['how do I order a 3D printer', 'кофемашина'])('a question is one: %s', (text) =>
    expect(isJunkQuestion(text)).toBe(false),
  );
});
