import { francAll } from 'franc-min';
import type { Lang } from '../config.js';
import { normalizeText } from './normalize.js';
import { STOPWORDS } from './stopwords.js';
import { hasRussianStopWordInLatin } from './translit.js';
import foreign from './data/foreign-words.json' with { type: 'json' };
import trigramLanguages from './data/foreign-languages.json' with { type: 'json' };

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
 * of them, one in a message of up to three words) outnumbering the English little words, or a
 * long Latin message whose letters read as another language (see `foreignByTrigrams`).
 * Cyrillic text is Russian to the bot. Returns a language code ("de") or "other".
 */
export function foreignLanguage(text: string): string | undefined {
  const cased = normalizeText(text);
  const normalized = cased.toLowerCase();
  const other = normalized.match(OTHER_SCRIPT)?.length ?? 0;
  const letters = normalized.match(/\p{L}/gu)?.length ?? 0;
  if (letters > 0 && other * 2 > letters) return 'other';
  if (isCyrillic(normalized)) return undefined;
  const words = normalized.match(/\p{L}+/gu) ?? [];
  const english = words.filter((w) => STOPWORDS.has(w) && !FOREIGN.has(w)).length;
  const hits = words.map((w) => FOREIGN.get(w)).filter((l): l is string => l !== undefined);
  const needed = words.length <= 3 ? 1 : 2;
  if (hits.length < needed || hits.length <= english) return foreignByTrigrams(cased);
  const counts = new Map<string, number>();
  for (const l of hits) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const TRIGRAM_LANGUAGES = new Map(Object.entries(trigramLanguages).filter(([code]) => !code.startsWith('$')));
const TRIGRAM_CODES = [...TRIGRAM_LANGUAGES.keys()];
/**
 * Below five lowercase words or twenty letters a letter-trigram guess is noise: on a labelled list
 * of work messages, short English ones ("outlook crash", "Zoom audio echo") read as French,
 * Quechua or Spanish.
 */
const MIN_TRIGRAM_WORDS = 5;
const MIN_TRIGRAM_LETTERS = 20;
/**
 * English's trigram score relative to the best language's (1 when English is best). On the
 * labelled list every English message scored at least 0.64 (telegraphic technical ones lowest),
 * messages in other languages mostly 0.2-0.6: above this it is taken as English.
 */
const MAX_ENGLISH_SCORE = 0.6;

/**
 * A message in another Latin-letter language, by franc's letter trigrams, for messages the little
 * words above miss ("Outlook stürzt ständig ab, sobald ich einen Anhang öffne"). Only lowercase
 * words count: product names, people's names and codes ("Citrix", "Jose Garcia", "EACCES",
 * "CrashLoopBackOff") read as any language. Never for a message with a Russian little word typed
 * in Latin letters ("ne", "kak", "gde"), whose trigrams read as Polish or Czech, nor for one that
 * is a quarter English little words.
 */
function foreignByTrigrams(normalized: string): string | undefined {
  // Words between spaces, punctuation and apostrophes, whole: "node_modules" is no word.
  const plain = normalized.split(/[\s.,;:!?()"'\u2019«»]+/u).filter((w) => /^\p{Ll}+$/u.test(w));
  if (plain.length < MIN_TRIGRAM_WORDS || plain.join('').length < MIN_TRIGRAM_LETTERS) return undefined;
  const english = plain.filter((w) => STOPWORDS.has(w) && !FOREIGN.has(w)).length;
  if (english * 4 >= plain.length) return undefined;
  const text = plain.join(' ');
  if (hasRussianStopWordInLatin(text)) return undefined;
  const scores = francAll(text, { only: TRIGRAM_CODES, minLength: MIN_TRIGRAM_LETTERS });
  const best = scores[0]?.[0];
  const englishScore = scores.find(([code]) => code === 'eng')?.[1] ?? 0;
  if (best === undefined || best === 'eng' || englishScore > MAX_ENGLISH_SCORE) return undefined;
  return TRIGRAM_LANGUAGES.get(best);
}
