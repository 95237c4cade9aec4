import { describe, expect, it } from 'vitest';
import { onlySymptoms } from '../../src/text/symptoms.js';

describe('onlySymptoms', () => {
  it('is true for a message that says something fails without naming what', () => {
    for (const text of [
      'сломалось',
      'Всё сломалось!!!',
      'ничего не работает',
      'everything is broken',
      "it doesn't work anymore",
      'тормозит жутко',
      'error',
      'stuck again',
    ])
      expect(onlySymptoms(text), text).toBe(true);
  });

  it('is false once the message names a thing, or has no symptom at all', () => {
    for (const text of [
      'vpn не работает',
      'ноутбук тормозит',
      'printer broken',
      'outlook crashes',
      'ошибка 0x80070005',
      'hello',
      '',
      'кондиционер сломался',
    ])
      expect(onlySymptoms(text), text).toBe(false);
  });
});
