import { describe, expect, test } from 'vitest';
import { detectFeedback, detectIntent, detectNumber } from '../../src/conversation/intents.js';

describe('detectIntent', () => {
  test.each([
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['Добрый день', 'greeting'],
    ['привет', 'greeting'],
    ['thanks a lot', 'thanks'],
    ['Спасибо большое!', 'thanks'],
    ['thanks a lot, that helped!', 'thanks'],
    ['спасибо, всё работает', 'thanks'],
    ['thanks, it works now', 'thanks'],
    ["thanks, that's all!", 'thanks'],
    ['спасибо, на этом всё', 'thanks'],
    ['привет, как дела?', 'greeting'],
    ['hi there, how are you doing?', 'greeting'],
    ['agent', 'human'],
    ['I want to talk to a human', 'human'],
    ['can I speak with a real person please', 'human'],
    ['оператор', 'human'],
    ['позовите живого человека', 'human'],
    ['соедините со специалистом', 'human'],
    ['хочу поговорить с человеком', 'human'],
    ['cancel', 'cancel'],
    ['never mind', 'cancel'],
    ['отмена', 'cancel'],
    ['this bot is useless', 'angry'],
    ['да сколько можно, опять не работает', 'angry'],
    ['VPN DOWN AGAIN!!!', 'angry'],
  ])('%s → %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  test.each([
    'Intune agent is not syncing',
    'hi, my vpn does not connect',
    'how do I cancel a meeting in Outlook',
    'привет, не печатает принтер',
    'the person who left still has access',
    'thanks, but it still does not work',
    'спасибо, но всё равно не работает',
    'hi, how do you add a printer',
    'привет, как дела с впн?',
    '',
  ])('no intent: %s', (text) => {
    expect(detectIntent(text)).toBeUndefined();
  });
});

describe('detectFeedback', () => {
  test.each([
    ['yes', true],
    ['Yes, thanks!', true],
    ['thanks, it worked', true],
    ['thanks a lot, that helped!', true],
    ['спасибо большое, всё работает', true],
    ['да', true],
    ['помогло', true],
    ['no', false],
    ["didn't help", false],
    ['не помогло', false],
    ['нет', false],
  ])('%s → %s', (text, solved) => {
    expect(detectFeedback(text)).toBe(solved);
  });

  test('anything longer is not a yes/no', () => {
    expect(detectFeedback('no, now Outlook crashes as well')).toBeUndefined();
  });
});

describe('detectNumber', () => {
  test('bare numbers within range', () => {
    expect(detectNumber('2', 3)).toBe(2);
    expect(detectNumber(' #3. ', 3)).toBe(3);
    expect(detectNumber('5/5', 5)).toBe(5);
    expect(detectNumber('4', 3)).toBeUndefined();
    expect(detectNumber('0', 3)).toBeUndefined();
    expect(detectNumber('2 printers', 3)).toBeUndefined();
  });
});
