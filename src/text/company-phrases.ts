import { normalizeText } from './normalize.js';

/**
 * Longest phrase a company thesaurus entry may be, in characters and in words. A synonym names a
 * thing ("global protect client", "авансовый отчёт"); a sentence is no synonym, and each entry
 * joins the patterns tried at every word of every message.
 */
export const MAX_PHRASE_CHARS = 60;
export const MAX_PHRASE_WORDS = 6;
/** Letters a word must keep before a `*`: "на*" would match half of Russian. */
export const MIN_WILDCARD_STEM = 3;

/**
 * A company entry as analysis sees it: normalized like every text (see `normalizeText`),
 * lowercased, hyphens and underscores read as spaces (a space matches either), spaces collapsed.
 */
export function normalizePhrase(phrase: string): string {
  return normalizeText(phrase)
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** Characters a company entry may use besides letters and digits (product names: "c++", "1c:erp"). */
const ALLOWED = /^[\p{L}\p{N} .+#&'’/@:*]*$/u;

/**
 * Why a company thesaurus entry cannot be used, or undefined when it can. Entries are plain words
 * for people who do not write regular expressions; the one special sign is a `*` ending a word
 * ("туннел*": any ending), which Russian endings need.
 */
export function phraseProblem(phrase: string): string | undefined {
  const normalized = normalizePhrase(phrase);
  if (normalized === '') return 'empty entry';
  if (normalized.length > MAX_PHRASE_CHARS) {
    return `entry is ${normalized.length} characters long; the limit is ${MAX_PHRASE_CHARS} (a word or a short phrase)`;
  }
  const words = normalized.split(' ');
  if (words.length > MAX_PHRASE_WORDS) {
    return `entry has ${words.length} words; the limit is ${MAX_PHRASE_WORDS} (a word or a short phrase)`;
  }
  if (!ALLOWED.test(normalized)) {
    return "entry may only use letters, digits, spaces, hyphens, the signs . + # & ' / @ : and a * ending a word";
  }
  for (const word of words) {
    if (!/^[\p{L}\p{N}]/u.test(word)) return `"${word}" must start with a letter or a digit`;
    const star = word.indexOf('*');
    if (star === -1) continue;
    if (star !== word.length - 1) return `"${word}": a * may only end a word (any ending)`;
    if ([...word.slice(0, -1)].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length < MIN_WILDCARD_STEM) {
      return `"${word}": keep at least ${MIN_WILDCARD_STEM} letters before the *, or it matches too many words`;
    }
  }
  return undefined;
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * The thesaurus pattern of a company entry (one `phraseProblem` accepts): its characters
 * literally, a space for any separator (as in the built-in groups), a word-final `*` for any
 * letters, and "е" and "ё" for either (people type "учетка" for "учётка").
 */
export function phrasePattern(phrase: string): string {
  return normalizePhrase(phrase)
    .split(' ')
    .map((word) => {
      const wildcard = word.endsWith('*');
      const stem = [...(wildcard ? word.slice(0, -1) : word)]
        .map((ch) => (ch === 'е' || ch === 'ё' ? '(?:е|ё)' : ch.replace(REGEX_SYNTAX, '\\$&')))
        .join('');
      return wildcard ? `${stem}[a-zа-яё0-9]*` : stem;
    })
    .join(' ');
}
