import type { Lang } from '../config.js';

const CYRILLIC_WORD = /[\u0400-\u04ff]{2,}/g;
const LATIN_WORD = /[a-z]{2,}/gi;

/**
 * Guesses EN or RU from the words' scripts. A message with any Russian word is Russian
 * ("corp-wifi отваливается", "ошибка net::err_cert_authority_invalid"): Russian speakers routinely
 * type product names and error codes in Latin letters, while English speakers almost never type
 * Cyrillic. Returns undefined when the text has no words to judge by.
 */
export function detectLang(text: string): Lang | undefined {
  const cyr = text.match(CYRILLIC_WORD)?.length ?? 0;
  const lat = text.match(LATIN_WORD)?.length ?? 0;
  if (cyr === 0 && lat === 0) return undefined;
  return cyr > 0 ? 'ru' : 'en';
}

/** True for a token written in Cyrillic letters. */
export function isCyrillic(token: string): boolean {
  return /[\u0400-\u04ff]/.test(token);
}
