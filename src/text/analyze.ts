import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';
import russianPorter from 'natural/lib/natural/stemmers/porter_stemmer_ru.js';
import { isCyrillic } from './lang.js';
import { normalizeText } from './normalize.js';
import type { Vocabulary } from './spell.js';
import { STOPWORDS } from './stopwords.js';
import { expandSynonyms } from './synonyms.js';
import { cyrillicReadings } from './translit.js';

const MAX_TOKEN = 40;

/**
 * A word: a run of Latin or Cyrillic letters and digits, "ё" included (the Russian stemmer folds
 * it itself). The very runs natural's Russian tokenizer returns (it blanks every other character,
 * then splits), found in one pass instead of three replacements and a split.
 */
const WORD = /[a-zа-яё0-9]+/gi;

/** Lowercased words in Latin or Cyrillic letters and digits; everything else separates words. */
export function tokenize(text: string): string[] {
  return tokenizeNormalized(normalizeText(text));
}

/**
 * "won't" is read as "wont", the way it is often typed: split at the apostrophe it left the word
 * "won", which matched "who won the match" to every article about things that won't start.
 */
const WONT = /\bwon['\u2019]t\b/g;

/** `tokenize` for text `normalizeText` has already seen (it is idempotent, but not free). */
export function tokenizeNormalized(text: string): string[] {
  const words = text.toLowerCase().replace(WONT, 'wont').match(WORD);
  return words === null ? [] : words.filter((t) => t.length <= MAX_TOKEN);
}

/**
 * Russian stems are cut to this many letters. The Russian Porter stemmer leaves verb forms apart
 * ("подключается" -> "подключа", "подключиться" -> "подключ"); a 5-letter prefix joins them and
 * raised top-1 on the Russian development queries.
 */
export const RUSSIAN_STEM_PREFIX = 5;

/** Porter stem by the word's own script, so a mixed message stems each word correctly. */
export const stem = cachedStemmer(RUSSIAN_STEM_PREFIX);

/**
 * The stem a typo check can trust: Russian words keep their whole Porter stem, since the
 * 5-letter prefix that search uses joins unrelated words ("гранитура" and "граница").
 */
export const formStem = cachedStemmer(Infinity);

/** A Porter stemmer by script, Russian stems cut to `russianLength`, with a bounded cache. */
function cachedStemmer(russianLength: number): (token: string) => string {
  const cache = new Map<string, string>();
  return (token) => {
    let s = cache.get(token);
    if (s === undefined) {
      s = isCyrillic(token) ? russianPorter.stem(token).slice(0, russianLength) : porter.stem(token);
      if (cache.size > 200_000) cache.clear();
      cache.set(token, s);
    }
    return s;
  };
}

/**
 * Every word of a text, synonyms expanded. Normalized first (see `normalizeText`), so that a
 * decomposed "ё", a full-width "ＶＰＮ" or a soft hyphen inside a word meets the thesaurus.
 */
export function expandedTokens(text: string): string[] {
  return tokenizeNormalized(expandSynonyms(normalizeText(text)));
}

const isContentWord = (token: string): boolean => !STOPWORDS.has(token) && !/^\d$/.test(token);

/** Content words of a text: synonyms expanded, tokenized, stop words removed. Not stemmed. */
export function contentWords(text: string): string[] {
  return expandedTokens(text).filter(isContentWord);
}

/**
 * The stop words of a text, in order. Keyword search ignores them, but they still tell intents
 * apart ("why do I need to verify my identity" versus "how do I verify it"), so the intent
 * classifier gets them as features of their own.
 */
export function functionWords(text: string): string[] {
  return tokenize(text).filter((t) => STOPWORDS.has(t));
}

/** Index-side analysis: stems of the content words. */
export function analyzeDocument(text: string): string[] {
  return contentWords(text).map(stem);
}

/**
 * Query-side analysis: like documents, plus repair against the knowledge base's vocabulary.
 * A word the articles never use is tried as transliterated Russian, then as a typo.
 */
export function analyzeQuery(text: string, vocabulary?: Vocabulary): string[] {
  return repairedWords(text, vocabulary).map(stem);
}

/**
 * Content words of a message, each in the form the knowledge base knows when one is close.
 * `russianInLatin`: the message is Russian typed in Latin letters, so its little words are
 * Russian ones too ("u menya ne rabotaet").
 */
export function repairedWords(
  text: string,
  vocabulary?: Vocabulary,
  options: { russianInLatin?: boolean } = {},
): string[] {
  return messageWords(text, vocabulary, options).words;
}

/**
 * The concept of "it does not work". Typed as one word ("broken", "dead", "сломался"), it says
 * nothing its canonical token does not, so the message keeps only the token: as a word of its own
 * it matched the few articles that happen to use it ("a broken screen" of the hardware request,
 * "is it broken for everyone?") and counted against the rest, so "printer broken" was declined
 * while "printer not working" was answered.
 */
const GENERIC_FAILURE = 'cxbroken';

/**
 * `repairedWords`, plus the words that are typo repairs: guesses of what the user meant, which
 * may be wrong for a real word the articles do not use ("авокадо" -> "автокад").
 */
export function messageWords(
  text: string,
  vocabulary?: Vocabulary,
  options: { russianInLatin?: boolean } = {},
): { words: string[]; guesses: Set<string> } {
  const guesses = new Set<string>();
  if (!vocabulary || vocabulary.size === 0) return { words: contentWords(text), guesses };
  const normalized = normalizeText(text);
  // Words of a recognised spelling ("global protect", "аутлук") stay as typed: the thesaurus's
  // canonical word carries their meaning.
  const spelled = thesaurusWords(normalized);
  const prepared = options.russianInLatin ? russianInCyrillic(normalized, vocabulary, spelled) : normalized;
  // Of a recognised spelling, only the words the articles use are kept (a one-word spelling also
  // by stem); its canonical word stands for the rest: an unknown word would count as unmatched
  // ("мфу"), a "repair" would guess ("ванддрайв"), and a half of a name known only by stem
  // would mislead ("protect" of "global protect" matching antivirus "protection").
  const kept = (surface: string, canonical: string): string => {
    const tokens = tokenizeNormalized(surface);
    if (canonical === GENERIC_FAILURE && tokens.length === 1) return '';
    const known = (t: string) => vocabulary.has(t) || (tokens.length === 1 && vocabulary.knowsFormOf(t));
    return tokens.filter(known).join(' ');
  };
  const messageTokens = tokenizeNormalized(expandSynonyms(prepared, kept));
  const words = messageTokens.filter(isContentWord).map((word) => {
    const repaired = spelled.has(word) ? word : repairWord(word, vocabulary);
    if (repaired !== word && !isTransliteration(word, repaired) && !isSlip(word, repaired)) {
      guesses.add(repaired);
    }
    return repaired;
  });
  // A word also typed as such is no guess ("outlok outlook").
  for (const word of messageTokens) guesses.delete(word);
  return { words, guesses };
}

/** Words inside the thesaurus's recognised spellings of `text` (already normalized). */
export function thesaurusWords(text: string): Set<string> {
  const words = new Set<string>();
  expandSynonyms(text, (surface) => {
    for (const t of tokenizeNormalized(surface)) words.add(t);
    return surface;
  });
  return words;
}

/**
 * Russian typed in Latin letters: its stop words ("kak", "ne", "u menya") and the words only
 * known in Cyrillic ("zabyl" -> "забыл") rewritten in Cyrillic before the thesaurus and the stop
 * list see them; English stop words and recognised spellings stay.
 */
function russianInCyrillic(text: string, vocabulary: Vocabulary, spelled: ReadonlySet<string>): string {
  return text.replace(/[a-z]+/gi, (word) => {
    const lower = word.toLowerCase();
    if (STOPWORDS.has(lower) || spelled.has(lower) || vocabulary.has(lower)) return word;
    const known = cyrillicReadings(lower).find((c) => STOPWORDS.has(c) || vocabulary.has(c));
    return known ?? word;
  });
}

/** "parol" -> "пароль": the same word in the other alphabet (soft and hard signs, й aside). */
function isTransliteration(typed: string, known: string): boolean {
  const bare = (w: string) => w.replace(/[ьъ]/g, '').replace(/й/g, 'и');
  return cyrillicReadings(typed).some((reading) => bare(reading) === bare(known));
}

/**
 * A slip of the fingers rather than another word: two neighbouring letters swapped ("headest"),
 * or a letter doubled or not ("disconecting", "acess"). Such a repair is near-certain; a real
 * word the articles do not use is rarely one slip from a word they do.
 */
export function isSlip(typed: string, known: string): boolean {
  if (typed.length === known.length) {
    const diff = [...typed].flatMap((ch, i) => (ch === known[i] ? [] : [i]));
    return (
      diff.length === 2 &&
      diff[1] === diff[0]! + 1 &&
      typed[diff[0]!] === known[diff[1]!] &&
      typed[diff[1]!] === known[diff[0]!]
    );
  }
  const [longer, shorter] = typed.length > known.length ? [typed, known] : [known, typed];
  if (longer.length !== shorter.length + 1) return false;
  for (let i = 0; i < longer.length; i++) {
    if (longer.slice(0, i) + longer.slice(i + 1) !== shorter) continue;
    if (longer[i] === longer[i - 1] || longer[i] === longer[i + 1]) return true;
  }
  return false;
}

/**
 * The form of `word` the knowledge base knows, or the word itself: also when only another form of
 * it is known, which search matches by stem anyway.
 */
export function repairWord(word: string, vocabulary: Vocabulary): string {
  if (vocabulary.has(word)) return word;
  if (!isCyrillic(word) && /[a-z]/.test(word)) {
    const readings = cyrillicReadings(word);
    const known = readings.find((c) => vocabulary.has(c));
    if (known) return known;
    const cyrillic = readings[0]!;
    if (vocabulary.knowsFormOf(word)) return word;
    const close = vocabulary.closest(word);
    if (close) return close;
    const closeCyrillic = cyrillic.length >= 5 ? vocabulary.closest(cyrillic) : undefined;
    if (closeCyrillic) return closeCyrillic;
    return word;
  }
  if (vocabulary.knowsFormOf(word)) return word;
  return vocabulary.closest(word) ?? word;
}
