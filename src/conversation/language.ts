import type { Lang } from '../config.js';
import { detectLang } from '../text/lang.js';

/** Latin words that only an English speaker types; one of them makes a short message English. */
const ENGLISH_WORDS = new Set([
  'thanks',
  'thank',
  'hello',
  'hi',
  'hey',
  'please',
  'help',
  'yes',
  'yeah',
  'nope',
  'the',
  'my',
  'is',
  'not',
  'does',
  'doesn',
  'can',
  'cannot',
  'won',
  'how',
  'what',
  'why',
  'where',
  'still',
  'again',
]);

/** The language a client's locale names ("ru-RU" -> ru), if it is one the bot speaks. */
export function localeLang(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  if (/^ru\b/i.test(locale)) return 'ru';
  if (/^en\b/i.test(locale)) return 'en';
  return undefined;
}

/**
 * The language to reply in. The message's own words decide, except for short Latin-only
 * messages made of product names ("vpn", "ok", "outlook crash") that Russian speakers type too:
 * those keep the conversation's language, else the client's locale. Button presses keep the
 * conversation's.
 */
export function chooseLang(
  text: string,
  locale: string | undefined,
  current: Lang | undefined,
  fallback: Lang,
): Lang {
  const cyrillic = (text.match(/[\u0400-\u04ff]{2,}/g) ?? []).length;
  const latin = text.match(/[a-z]{2,}/gi) ?? [];
  const english = latin.some((w) => ENGLISH_WORDS.has(w.toLowerCase()));
  if (cyrillic === 0 && latin.length < 3 && !english) {
    return current ?? localeLang(locale) ?? detectLang(text) ?? fallback;
  }
  return detectLang(text) ?? current ?? fallback;
}

/**
 * True when a Latin-letter message has a word only an English speaker types ("the", "my",
 * "help"): such a message is never Russian typed in Latin letters.
 */
export function hasEnglishWord(text: string): boolean {
  return (text.match(/[a-z']{2,}/gi) ?? []).some((w) => ENGLISH_WORDS.has(w.toLowerCase()));
}
