import { memoized } from './memo.js';

/** Latin letters that look exactly like Cyrillic ones, and back. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: 'А',
  a: 'а',
  B: 'В',
  C: 'С',
  c: 'с',
  E: 'Е',
  e: 'е',
  H: 'Н',
  K: 'К',
  k: 'к',
  M: 'М',
  O: 'О',
  o: 'о',
  P: 'Р',
  p: 'р',
  T: 'Т',
  X: 'Х',
  x: 'х',
  Y: 'У',
  y: 'у',
};
const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]),
);

const LATIN = /[a-z]/i;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * A word typed in two scripts ("outlооk" with Cyrillic "о", "пpинтep" with Latin "p": keyboard
 * layouts and copy-paste produce them) rewritten in its majority script, when every minority
 * letter has a look-alike there; on a tie, in the only script all its letters can be written in;
 * otherwise unchanged.
 */
function foldMixedScript(word: string): string {
  if (!LATIN.test(word) || !CYRILLIC.test(word)) return word;
  let latin = 0;
  let cyrillic = 0;
  for (const ch of word) {
    if (LATIN.test(ch)) latin += 1;
    else if (CYRILLIC.test(ch)) cyrillic += 1;
  }
  const toLatin = rewrite(word, CYRILLIC, CYRILLIC_TO_LATIN);
  const toCyrillic = rewrite(word, LATIN, LATIN_TO_CYRILLIC);
  if (latin > cyrillic) return toLatin ?? word;
  if (cyrillic > latin) return toCyrillic ?? word;
  // A tie ("нe" with a Latin "e"): the one script every letter can be written in, if only one.
  return toLatin === undefined ? (toCyrillic ?? word) : toCyrillic === undefined ? toLatin : word;
}

/** `word` with every letter of `script` replaced by its look-alike, or undefined if one has none. */
function rewrite(word: string, script: RegExp, table: Record<string, string>): string | undefined {
  let out = '';
  for (const ch of word) {
    if (!script.test(ch)) out += ch;
    else if (table[ch] !== undefined) out += table[ch];
    else return undefined;
  }
  return out;
}

/**
 * Text as analysis should see it: compatibility forms folded (NFKC: full-width "ＶＰＮ", a
 * decomposed "ё"), invisible format characters (soft hyphens, joiners; a zero-width space becomes
 * a space) and leftover
 * combining marks (stress marks in Russian: "при́нтер") removed, and words typed in two scripts
 * brought to one. Every analysis path starts here, on articles and messages alike.
 */
export const normalizeText: (text: string) => string = memoized(normalizeOnce);

function normalizeOnce(text: string): string {
  return (
    text
      .normalize('NFKC')
      // A zero-width space separates words; the other format characters sit inside them.
      .replace(/\u200B/g, ' ')
      .replace(/[\p{Cf}\p{M}]/gu, '')
      .replace(/[\p{L}]+/gu, foldMixedScript)
  );
}
