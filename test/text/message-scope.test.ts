import { describe, expect, it } from 'vitest';
import { messageScope, statesProblem } from '../../src/text/message-scope.js';

const onlySymptoms = (text: string) => messageScope(text).onlySymptoms;
const nonItWords = (text: string) => messageScope(text).nonItWords;

describe('onlySymptoms', () => {
  it('is true for a message that says something fails without naming what', () => {
    for (const text of [
      'сломалось',
      'it crashes every time I open it',
      'тормозит уже неделю',
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
      'error 1603',
      'hello',
      '',
      'кондиционер сломался',
    ])
      expect(onlySymptoms(text), text).toBe(false);
  });
});

describe('nonItWords', () => {
  it('finds what facilities or payroll handle in either language, and nothing in IT messages', () => {
    expect(nonItWords('the air conditioning in the meeting room is broken')).toEqual(['air', 'conditioning']);
    expect(nonItWords('в переговорке не работает кондиционер')).toEqual(['кондиционер']);
    expect(nonItWords('сломался стул')).toEqual(['стул']);
    expect(nonItWords('where is my payslip')).toEqual(['payslip']);
    expect(nonItWords('в офисе очень душно')).toEqual(['душно']);
    expect(nonItWords('it is very hot in the meeting room')).toEqual(['hot']);
    for (const text of [
      'the projector in the meeting room is broken',
      'после отпуска не работает впн',
      'my laptop gets too hot and is heating up',
      'cleaning up the disk on my laptop',
      // the thing named is IT's, the facilities word is where it is or a part of it
      'принтер возле лифта пишет замятие бумаги',
      'projector lamp is dead',
      'нет света на мониторе',
      'the parking system website will not load in Chrome',
      'I got a suspicious email about my payslip',
      '',
    ])
      expect(nonItWords(text), text).toEqual([]);
  });
});

describe('personalWords', () => {
  it("finds the words that make a device or account the user's own, in either language", () => {
    const personal = (text: string) => messageScope(text).personalWords;
    expect(personal("my personal iphone won't charge")).toEqual(['personal']);
    expect(personal('how to reset my gmail password')).toEqual(['gmail']);
    expect(personal('my home wi-fi router is slow')).toEqual(['home']);
    expect(personal('как восстановить пароль от личной почты')).toEqual(['личной']);
    expect(personal('домашний роутер не раздаёт вайфай')).toEqual(['домашний']);
    // working from home is where the user is, not whose the device is
    expect(personal('I work from home and the vpn drops')).toEqual([]);
    expect(personal('vpn не работает из дома')).toEqual([]);
  });
});

describe('statesProblem', () => {
  it('is true for a part that says something is wrong or asks for something', () => {
    for (const text of [
      'vpn drops',
      'outlook is slow',
      'I forgot my password',
      'my account is locked',
      'не работает впн',
      'принтер не печатает',
      "the printer won't print",
      'how do I book a meeting room',
      'нужен доступ к папке',
      'new laptop?',
    ])
      expect(statesProblem(text), text).toBe(true);
  });

  it('is false for a part that only sets the scene', () => {
    for (const text of [
      'сменил пароль',
      "I'm presenting in the meeting room in 10 minutes",
      'I changed my password yesterday',
      'HDMI is connected',
      '',
    ])
      expect(statesProblem(text), text).toBe(false);
  });
});
