import { describe, expect, test } from 'vitest';
import { messages } from '../../src/conversation/messages.js';

function render(value: unknown): string {
  return typeof value === 'function'
    ? String((value as (...a: unknown[]) => unknown)('T-1', 'Anna'))
    : String(value);
}

describe('message catalogue', () => {
  const en = messages('en');
  const ru = messages('ru');

  test('both languages have the same keys and no empty text', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const catalogue of [en, ru]) {
      for (const value of Object.values(catalogue)) expect(render(value).trim()).not.toBe('');
    }
  });

  test('Russian texts are in Russian', () => {
    for (const [key, value] of Object.entries(ru)) {
      if (key === 'yes' || key === 'no') continue;
      expect(render(value), key).toMatch(/[а-яё]{3,}/i);
    }
  });
});
