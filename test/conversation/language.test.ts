import { describe, expect, test } from 'vitest';
import { chooseLang } from '../../src/conversation/language.js';

describe('chooseLang', () => {
  test('the words of the message decide', () => {
    expect(chooseLang('не могу подключиться к впн', 'en-US', 'en', 'en')).toBe('ru');
    expect(chooseLang('my printer does not print', 'ru-RU', 'ru', 'en')).toBe('en');
    expect(chooseLang('аутлук не синхронизирует mail', undefined, undefined, 'en')).toBe('ru');
  });

  test('short Latin-only messages keep the conversation language, then the locale', () => {
    expect(chooseLang('vpn', undefined, 'ru', 'en')).toBe('ru');
    expect(chooseLang('ok', 'ru', undefined, 'en')).toBe('ru');
    expect(chooseLang('outlook crash', undefined, undefined, 'ru')).toBe('en');
    expect(chooseLang('123', undefined, undefined, 'ru')).toBe('ru');
    expect(chooseLang('thanks a lot', undefined, 'ru', 'ru')).toBe('en');
    expect(chooseLang('hi', 'ru', 'ru', 'ru')).toBe('en');
  });
});
