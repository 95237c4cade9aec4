import type { Lang } from '../config.js';
import { normalizeText } from './normalize.js';
import { STOPWORDS } from './stopwords.js';
import foreign from './data/foreign-words.json' with { type: 'json' };

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

const FOREIGN = new Map<string, string>(
  Object.entries(foreign)
    .filter(([lang]) => !lang.startsWith('$'))
    .flatMap(([lang, words]) => (words as string[]).map((w) => [w, lang] as const)),
);
/** Letters of scripts that are neither Latin nor Cyrillic (Greek, Arabic, Hebrew, CJK, Thai, ...). */
const OTHER_SCRIPT =
  /[\u0370-\u03ff\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu;

/**
 * The language of a message the bot does not speak, or undefined: mostly letters of another
 * script, or Latin text with little words of another language (`data/foreign-words.json`: two
 * of them, one in a message of up to three words) outnumbering the English little words. Cyrillic text is
 * Russian to the bot. Returns a language code ("de") or "other".
 */
export function foreignLanguage(text: string): string | undefined {
  const normalized = normalizeText(text).toLowerCase();
  const other = normalized.match(OTHER_SCRIPT)?.length ?? 0;
  const letters = normalized.match(/\p{L}/gu)?.length ?? 0;
  if (letters > 0 && other * 2 > letters) return 'other';
  if (/[\u0400-\u04ff]/.test(normalized)) return undefined;
  const words = normalized.match(/\p{L}+/gu) ?? [];
  const english = words.filter((w) => STOPWORDS.has(w) && !FOREIGN.has(w)).length;
  const hits = words.map((w) => FOREIGN.get(w)).filter((l): l is string => l !== undefined);
  const needed = words.length <= 3 ? 1 : 2;
  if (hits.length < needed || hits.length <= english) return undefined;
  const counts = new Map<string, number>();
  for (const l of hits) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
