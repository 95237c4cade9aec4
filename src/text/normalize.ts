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
 * letter has a look-alike there; otherwise, or on a tie, unchanged.
 */
function foldMixedScript(word: string): string {
  if (!LATIN.test(word) || !CYRILLIC.test(word)) return word;
  let latin = 0;
  let cyrillic = 0;
  for (const ch of word) {
    if (LATIN.test(ch)) latin += 1;
    else if (CYRILLIC.test(ch)) cyrillic += 1;
  }
  if (latin === cyrillic) return word;
  const [minority, table] = latin > cyrillic ? [CYRILLIC, CYRILLIC_TO_LATIN] : [LATIN, LATIN_TO_CYRILLIC];
  let out = '';
  for (const ch of word) {
    if (!minority.test(ch)) out += ch;
    else if (table[ch] !== undefined) out += table[ch];
    else return word;
  }
  return out;
}

/**
 * Text as analysis should see it: compatibility forms folded (NFKC: full-width "ＶＰＮ", a
 * decomposed "ё"), invisible format characters (soft hyphens, zero-width spaces) and leftover
 * combining marks (stress marks in Russian: "при́нтер") removed, and words typed in two scripts
 * brought to one. Every analysis path starts here, on articles and messages alike.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{M}]/gu, '')
    .replace(/[\p{L}]+/gu, foldMixedScript);
}
