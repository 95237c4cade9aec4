import type { Lang } from '../config.js';
import { normalizeText } from './normalize.js';
import { STOPWORDS } from './stopwords.js';

const CYRILLIC_WORD = /[\u0400-\u04ff]{2,}/g;
const LATIN_WORD = /[a-z]{2,}/gi;

/**
 * Guesses EN or RU from the words' scripts. Russian speakers routinely type product names and
 * error codes in Latin letters ("corp-wifi отваливается", "ошибка net::err_cert_authority_invalid"),
 * so a Russian word usually makes the message Russian. Not when it is a name in an English
 * sentence ("my colleague Иванов cannot connect to the vpn"): Latin words that include English
 * function words and outnumber the Russian ones three to one make it English when the Russian
 * words look like names (capitalised); a quoted English error in a Russian message stays Russian.
 * Returns undefined when the text has no words to judge by.
 */
export function detectLang(text: string): Lang | undefined {
  const normalized = normalizeText(text);
  const cyrillic = normalized.match(CYRILLIC_WORD) ?? [];
  const latin = normalized.match(LATIN_WORD) ?? [];
  if (cyrillic.length === 0) return latin.length === 0 ? undefined : 'en';
  const englishSentence = latin.some((w) => STOPWORDS.has(w.toLowerCase()));
  // Russian words that are all capitalised, like names; "ошибка" before a quoted English error is not.
  const onlyNames = cyrillic.every((w) => /^[А-ЯЁ][а-яё]+$/.test(w));
  return englishSentence && onlyNames && latin.length >= 3 * cyrillic.length ? 'en' : 'ru';
}

/** True for a token written in Cyrillic letters. */
export function isCyrillic(token: string): boolean {
  return /[\u0400-\u04ff]/.test(token);
}
