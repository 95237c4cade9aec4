import { describe, expect, it } from 'vitest';
import { MAX_SPLIT_CHARS, problemParts } from '../../src/text/problem-parts.js';

describe('problemParts', () => {
  it('splits at the words people join two problems with, in either language', () => {
    expect(problemParts('vpn drops and outlook is slow')).toEqual(['vpn drops', 'outlook is slow']);
    expect(problemParts('my printer is jammed and also I forgot my password')).toEqual([
      'my printer is jammed',
      'I forgot my password',
    ]);
    expect(problemParts('не работает впн, и ещё принтер не печатает')).toEqual([
      'не работает впн',
      'принтер не печатает',
    ]);
    expect(problemParts('Принтер не печатает. Также не открывается почта')).toEqual([
      'Принтер не печатает',
      'не открывается почта',
    ]);
  });

  it('splits at sentence ends and line breaks, not at dots inside words or numbers', () => {
    expect(problemParts('Outlook keeps asking for my password. Also the wifi is down')).toEqual([
      'Outlook keeps asking for my password',
      'the wifi is down',
    ]);
    expect(problemParts('wifi is down\nprinter is offline')).toEqual(['wifi is down', 'printer is offline']);
    expect(problemParts('Teams v2.0 crashes on start')).toEqual([]);
  });

  it('keeps a short piece with its neighbour: "printer and scanner not working" is one part', () => {
    expect(problemParts('printer and scanner not working')).toEqual([]);
    expect(problemParts('vpn and wifi')).toEqual([]);
    expect(problemParts('my laptop is slow and hot')).toEqual([]);
  });

  it('matches joining words only as whole words ("android", "plushie", "ещёвсё" are words)', () => {
    expect(problemParts('android phone mail does not sync')).toEqual([]);
    expect(problemParts('Andrea says the portal is down')).toEqual([]);
  });

  it('leaves stories and huge messages whole', () => {
    const story = 'one two. three four. five six. seven eight. nine ten';
    expect(problemParts(story)).toEqual([]);
    expect(problemParts(`vpn drops and outlook is slow ${'x'.repeat(MAX_SPLIT_CHARS)}`)).toEqual([]);
    expect(problemParts('')).toEqual([]);
    expect(problemParts('and and and. also; плюс и')).toEqual([]);
  });
});
