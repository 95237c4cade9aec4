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

/**
 * The deletion index as it was first written, with the deletion strings themselves as keys: the
 * hashed index must find exactly the words this finds.
 */
function referenceClosest(vocabulary: Map<string, number>, word: string): string | undefined {
  const deletesOf = (w: string) => Array.from(w, (_, i) => w.slice(0, i) + w.slice(i + 1));
  const deletes = new Map<string, string[]>();
  for (const known of vocabulary.keys()) {
    if (known.length < 4 || known.length > 30) continue;
    for (const d of deletesOf(known)) deletes.set(d, [...(deletes.get(d) ?? []), known]);
  }
  if (vocabulary.has(word)) return word;
  if (word.length < 4 || word.length > 30 || /\d/.test(word)) return undefined;
  const maxDistance = word.length >= 7 ? 2 : 1;
  const candidates = new Set(deletes.get(word) ?? []);
  for (const d of deletesOf(word)) {
    if (vocabulary.has(d)) candidates.add(d);
    for (const c of deletes.get(d) ?? []) candidates.add(c);
  }
  let best: string | undefined;
  let bestKey: [number, number, string] | undefined;
  for (const c of candidates) {
    if (c[0] !== word[0] && word.length < 7) continue;
    const key: [number, number, string] = [editDistance(word, c, maxDistance), -(vocabulary.get(c) ?? 0), c];
    if (
      !bestKey ||
      key[0] < bestKey[0] ||
      (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))
    ) {
      best = c;
      bestKey = key;
    }
  }
  return bestKey && bestKey[0] <= maxDistance ? best : undefined;
}

describe('Vocabulary deletion index', () => {
  it('finds what an index keyed by the deletion strings finds, on typos of every kind', () => {
    const words = [
      'printer',
      'printers',
      'password',
      'passwords',
      'outlook',
      'mailbox',
      'monitor',
      'monitors',
      'принтер',
      'пароль',
      'пароля',
      'почта',
      'почты',
      'vpn',
      'wifi',
      'wi-fi',
      'laptop',
      'laptops',
      'lap',
      'calendar',
      'calender',
      'teams',
      'team',
      'steam',
      'reset',
      'resent',
      'sent',
      'scan',
      'scanner',
      'sync',
    ];
    const counts = new Map<string, number>();
    const vocabulary = new Vocabulary();
    words.forEach((w, i) => {
      for (let k = 0; k <= i % 3; k++) {
        vocabulary.add(w);
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    });
    const letters = 'aeioustrnxпрл';
    const typos = new Set<string>();
    for (const w of words) {
      for (let i = 0; i <= w.length; i++) {
        typos.add(w.slice(0, i) + w.slice(i + 1));
        typos.add(w.slice(0, i) + w.slice(i + 2));
        if (i + 1 < w.length) typos.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
        for (const c of letters) {
          typos.add(w.slice(0, i) + c + w.slice(i));
          typos.add(w.slice(0, i) + c + w.slice(i + 1));
        }
      }
    }
    let repaired = 0;
    for (const typo of typos) {
      const expected = referenceClosest(counts, typo);
      if (expected !== undefined && expected !== typo) repaired += 1;
      expect(vocabulary.closest(typo), typo).toBe(expected);
    }
    expect(repaired).toBeGreaterThan(500);
  });
});
