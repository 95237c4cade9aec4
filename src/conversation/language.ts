import type { Lang } from '../config.js';
import { detectLang } from '../text/lang.js';

function localeLang(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  if (/^ru\b/i.test(locale)) return 'ru';
  if (/^en\b/i.test(locale)) return 'en';
  return undefined;
}

/**
 * The language to reply in. The message's own words decide, except for short Latin-only
 * messages ("vpn", "ok", "outlook crash") that Russian speakers type too: those keep the
 * conversation's language, else the client's locale. Button presses keep the conversation's.
 */
export function chooseLang(
  text: string,
  locale: string | undefined,
  current: Lang | undefined,
  fallback: Lang,
): Lang {
  const cyrillic = (text.match(/[\u0400-\u04ff]{2,}/g) ?? []).length;
  const latin = (text.match(/[a-z]{2,}/gi) ?? []).length;
  if (cyrillic === 0 && latin < 3) return current ?? localeLang(locale) ?? detectLang(text) ?? fallback;
  return detectLang(text) ?? current ?? fallback;
}
