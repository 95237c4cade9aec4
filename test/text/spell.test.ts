import { describe, expect, it } from 'vitest';
import { Vocabulary, editDistance } from '../../src/text/spell.js';

function vocabularyOf(...words: string[]): Vocabulary {
  const v = new Vocabulary();
  for (const w of words) v.add(w);
  return v;
}

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('password', 'pasword')).toBe(1);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('printer', 'printer')).toBe(0);
  });

  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('password', 'passowrd')).toBe(1);
  });

  it('stops at the limit and returns limit + 1', () => {
    expect(editDistance('abc', 'xyzuvw', 1)).toBe(2);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('password', 'pasword', 2)).toBe(1);
  });
});

describe('Vocabulary', () => {
  const v = vocabularyOf('password', 'printer', 'connection', 'router', 'vpn', 'пароль', 'принтер');

  it('counts distinct words and knows them', () => {
    const counted = vocabularyOf('mail', 'mail', 'inbox');
    expect(counted.size).toBe(2);
    expect(counted.has('mail')).toBe(true);
    expect(counted.has('outlook')).toBe(false);
  });

  it('returns a known word as is', () => {
    expect(v.closest('printer')).toBe('printer');
  });

  it('repairs one typo (missing, extra or wrong letter)', () => {
    expect(v.closest('pasword')).toBe('password');
    expect(v.closest('printerr')).toBe('printer');
    expect(v.closest('rauter')).toBe('router');
    expect(v.closest('conection')).toBe('connection');
    expect(v.closest('парль')).toBe('пароль');
  });

  it('repairs a transposition', () => {
    expect(v.closest('passowrd')).toBe('password');
    expect(v.closest('pritner')).toBe('printer');
  });

  it('allows two edits for long words only', () => {
    // a missing and an extra letter: two edits
    expect(v.closest('paswordd')).toBe('password');
    expect(v.closest('ruter')).toBe('router');
  });

  it('gives up when the word is too far from anything known', () => {
    expect(v.closest('keyboard')).toBeUndefined();
    expect(v.closest('xyzzy')).toBeUndefined();
  });

  it('leaves short words and words with digits untouched', () => {
    expect(v.closest('vpm')).toBeUndefined();
    expect(v.closest('vp')).toBeUndefined();
    expect(v.closest('router1')).toBeUndefined();
  });

  it('prefers the more frequent of equally close words', () => {
    const counts = vocabularyOf('print', 'point', 'point', 'point');
    expect(counts.closest('poimt')).toBe('point');
    const other = vocabularyOf('print', 'print', 'print', 'point');
    expect(other.closest('pnint')).toBe('print');
  });
});

describe('Vocabulary ties', () => {
  it('repairs the same way whatever order the words were added in', () => {
    const oneWay = new Vocabulary();
    const otherWay = new Vocabulary();
    for (const w of ['boot', 'boat']) oneWay.add(w);
    for (const w of ['boat', 'boot']) otherWay.add(w);
    expect(oneWay.closest('bost')).toBe(otherWay.closest('bost'));
    expect(oneWay.closest('bost')).toBe('boat');
  });
});

describe('Vocabulary.knowsFormOf', () => {
  it('knows a word by any form with the same stem, only when given a stemmer', () => {
    const stemmer = (w: string) => w.replace(/(ing|ed|s)$/, '');
    const v = new Vocabulary(stemmer);
    v.add('printing');
    expect(v.knowsFormOf('printing')).toBe(true);
    expect(v.knowsFormOf('printed')).toBe(true);
    expect(v.knowsFormOf('painting')).toBe(false);
    const plain = new Vocabulary();
    plain.add('printing');
    expect(plain.knowsFormOf('printing')).toBe(true);
    expect(plain.knowsFormOf('printed')).toBe(false);
  });
});
