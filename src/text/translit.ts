import { memoized } from './memo.js';
import { STOPWORDS } from './stopwords.js';

/**
 * Russian typed in Latin letters ("printer ne pechataet", "zabyl parol") back to Cyrillic, so it
 * can match Russian articles. Longest sequences first; the result is only used when the
 * knowledge base knows the word.
 */
const LATIN_TO_CYRILLIC: [string, string][] = [
  // Reflexive verb endings: "podklyuchaetsya" is "подключается", not "подключаеця".
  ['tsya', 'тся'],
  ['tsja', 'тся'],
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['yo', 'ё'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['yu', 'ю'],
  ['ju', 'ю'],
  ['ya', 'я'],
  ['ja', 'я'],
  ['ye', 'е'],
  ['iy', 'ий'],
  ['yy', 'ый'],
  ['a', 'а'],
  ['b', 'б'],
  ['v', 'в'],
  ['w', 'в'],
  ['g', 'г'],
  ['d', 'д'],
  ['e', 'е'],
  ['z', 'з'],
  ['i', 'и'],
  ['j', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['f', 'ф'],
  ['h', 'х'],
  ['c', 'к'],
  ['y', 'ы'],
  ['x', 'кс'],
  ['q', 'к'],
  ["'", 'ь'],
];

/** Transliterates a lowercase Latin word to Cyrillic; digits and other characters pass through. */
export function latinToCyrillic(word: string): string {
  let out = '';
  let i = 0;
  outer: while (i < word.length) {
    for (const [latin, cyrillic] of LATIN_TO_CYRILLIC) {
      if (word.startsWith(latin, i)) {
        out += cyrillic;
        i += latin.length;
        continue outer;
      }
    }
    out += word[i];
    i += 1;
  }
  return out;
}

/**
 * The Cyrillic spellings a Latin word may stand for: "e" at the start of a word is "е" in some
 * words and "э" in others ("etazh" is "этаж"), so both are tried, the plain reading first.
 */
export const cyrillicReadings: (word: string) => readonly string[] = memoized((word) => {
  const plain = latinToCyrillic(word);
  return plain.startsWith('е') ? [plain, `э${plain.slice(1)}`] : [plain];
}, 4096);

/** English words that transliterate to Russian stop words ("no" -> "но", "by" -> "бы"). */
const ENGLISH_LOOKALIKES = new Set(['no', 'so', 'by', 'pro']);

/**
 * Russian little words search keeps as meaningful ("не", "нет"), besides the stop list's: they
 * tell Russian typed in Latin letters just as well.
 */
const RUSSIAN_LITTLE_WORDS = new Set([
  'не',
  'нет',
  'ни',
  'да',
  'что',
  'где',
  'когда',
  'почему',
  'уже',
  'тоже',
  'очень',
  'надо',
  'нужно',
  'можно',
]);

/**
 * True when the text has a Russian little word typed in Latin letters that is not an English word
 * too ("kak", "ne", "menya", "ot"): the surest sign of Russian typed on an English keyboard.
 * Content words alone can mislead ("global", "soft", "visit" transliterate to Russian words).
 */
export function hasRussianStopWordInLatin(text: string): boolean {
  return (text.toLowerCase().match(/[a-z]{2,}/g) ?? []).some((word) => {
    if (STOPWORDS.has(word) || ENGLISH_LOOKALIKES.has(word)) return false;
    return cyrillicReadings(word).some((c) => STOPWORDS.has(c) || RUSSIAN_LITTLE_WORDS.has(c));
  });
}
