import { tokenizeNormalized } from './analyze.js';
import { normalizeText } from './normalize.js';
import { STOPWORDS } from './stopwords.js';
import { CANONICAL_TOKENS, conceptSpans, type ConceptSpan } from './synonyms.js';
import vague from './data/vague-words.json' with { type: 'json' };

/** Thesaurus concepts that say how something fails, never what fails. */
const SYMPTOMS = new Set(['cxbroken', 'cxslow', 'cxcrash', 'cxstuck', 'cxerror']);

/** Words that add emphasis or scope to a symptom without naming a thing ("everything is broken"). */
const FILLERS = new Set([
  ...['not', 'no', 'never', 'nothing', 'everything', 'all', 'totally', 'completely', 'again'],
  ...['still', 'now', 'suddenly', 'always', 'constantly', 'really', 'very', 'so', 'too', 'super'],
  ...['keeps', 'just', 'stuff', 'work', 'working', 'works', 'anymore', 'at'],
  ...['не', 'нет', 'ничего', 'ни', 'совсем', 'полностью', 'постоянно', 'теперь', 'сейчас'],
  ...['вдруг', 'внезапно', 'опять', 'снова', 'жутко', 'ужасно', 'сильно', 'слишком', 'капец'],
  ...['работает', 'работают', 'больше'],
  // when and how often: "it crashes every time I open it", "тормозит уже неделю"
  ...['every', 'time', 'times', 'day', 'days', 'week', 'weeks', 'since', 'when', 'whenever', 'often'],
  ...['sometimes', 'today', 'yesterday', 'minutes', 'open', 'opening', 'start', 'starting', 'launch'],
  ...['время', 'каждый', 'раз', 'день', 'дня', 'дней', 'неделю', 'недели', 'часто', 'иногда', 'вчера'],
  ...['при', 'открытии', 'запуске', 'минут', 'утра'],
]);

/**
 * Thesaurus concepts that say how, when or where something happens, not what it is: a message
 * about "кондиционер в переговорке" names no IT thing, one about "проектор в переговорке" does.
 */
const CONTEXT = new Set([
  ...['cxmeetingroom', 'cxcall', 'cxremote', 'cxoutage', 'cxitsupport', 'cxnewhire', 'cxleaving'],
  ...['cxorder', 'cxaccess', 'cxlost', 'cxexpired', 'cxforgot', 'cxchange', 'cxreset', 'cxlocked'],
  ...['cxupdate', 'cxinstall', 'cxtraining', 'cxmaintenance', 'отправить', 'change'],
]);

/**
 * True for a message that only says something fails ("сломалось", "everything is broken", "всё
 * тормозит") without naming what. The one article that happens to use the word ("сломалась
 * зарядка") must not be answered for it; the bot may still offer candidates or ask.
 */
function onlySymptoms(normalized: string, spans: readonly ConceptSpan[]): boolean {
  const outside = textOutsideSymptoms(normalized, spans);
  if (!outside || outside.symptoms === 0) return false;
  const { rest } = outside;
  // A short number is a count ("10 minutes"); a longer one is an error code, which names the thing.
  return tokenizeNormalized(rest).every(
    (word) => STOPWORDS.has(word) || FILLERS.has(word) || /^\d{1,2}$/.test(word),
  );
}

/**
 * The text around a message's thesaurus matches and how many there are, when every match is a
 * symptom (see `SYMPTOMS`); undefined as soon as one names something.
 */
function textOutsideSymptoms(
  normalized: string,
  spans: Iterable<ConceptSpan>,
): { rest: string; symptoms: number } | undefined {
  let rest = '';
  let copied = 0;
  let symptoms = 0;
  for (const span of spans) {
    if (!SYMPTOMS.has(span.canonical)) return undefined;
    rest += ` ${normalized.slice(copied, span.start)}`;
    copied = span.end;
    symptoms += 1;
  }
  return { rest: `${rest} ${normalized.slice(copied)}`, symptoms };
}

/**
 * Things in the office that are not IT's: facilities and pay. Not words that are mostly context
 * ("after my vacation the VPN..."). Not part of the thesaurus, so that these words weigh in no
 * ranking.
 */
const NOT_IT = [
  'air ?con(?:ditioning|ditioner)?s?',
  'heaters?',
  'radiators?',
  'heating',
  '(?:too |very |so )?(?:hot|cold|warm|stuffy)',
  'doors?',
  'cleaning',
  'cleaners?',
  'thermostats?',
  'lights',
  'light ?bulbs?',
  'lamps?',
  'chairs?',
  'blinds',
  'toilets?',
  'restrooms?',
  'bathrooms?',
  'kitchen',
  'coffee (?:machine|maker)s?',
  'fridge',
  'microwave',
  'elevators?',
  'parking(?: (?:pass|spot|space|permit|lot))?',
  'plumbing',
  'pay ?slips?',
  'payroll',
  'salary',
  'кондиционер[а-яё]*',
  'конд[её]й',
  'отоплени[а-яё]*',
  'обогревател[а-яё]*',
  'батаре[ияюей] отопления',
  'жарко',
  'холодно',
  'душно',
  'двер(?:ь|и|ью|ей)',
  'свет(?:а|ом|у)?',
  'ламп(?:а|ы|у|е|ой|очк[а-яё]*)',
  'стул(?:а|у|ом|е|ья|ьев|ьях)?',
  'кресл[а-яё]*',
  'жалюзи',
  'туалет[а-яё]*',
  'уборк[а-яё]*',
  'кофемашин[а-яё]*',
  'холодильник[а-яё]*',
  'микроволновк[а-яё]*',
  'лифт[а-яё]*',
  'парковк[а-яё]*',
  'протечк[а-яё]*',
  'протека[а-яё]*',
  'сантехник[а-яё]*',
  'расч[её]тн[а-яё]* лист[а-яё]*',
  'зарплат[а-яё]*',
];
/** One pattern of whole-word alternatives; a space also matches a hyphen, an underscore or nothing. */
function wordsPattern(alternatives: readonly string[]): RegExp {
  const body = alternatives.map((p) => p.replace(/ /g, '[\\s_-]*')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
}

const NOT_IT_PATTERN = wordsPattern(NOT_IT);

/**
 * The words (normalized, lowercased) of a message about something facilities or payroll handle
 * ("кондиционер в переговорке не работает", "chairs"), fillers left out ("too" of "too hot").
 * Empty when the message also names an IT thing: "лампа проектора", "свет на мониторе", "the
 * parking website won't load in Chrome" are IT questions.
 */
function nonItWords(normalized: string, spans: readonly ConceptSpan[]): string[] {
  const named = normalized.match(NOT_IT_PATTERN);
  if (!named) return [];
  const namesIt = (concept: string) => !SYMPTOMS.has(concept) && !CONTEXT.has(concept);
  if (spans.some((span) => namesIt(span.canonical))) return [];
  if (tokenizeNormalized(normalized).some((word) => CANONICAL_TOKENS.has(word) && namesIt(word))) return [];
  return tokenizeNormalized(named.join(' ')).filter((word) => !STOPWORDS.has(word) && !FILLERS.has(word));
}

/**
 * Words that make a device or account the user's own rather than the company's ("my personal
 * iPhone", "my home router", "личная почта gmail"). The marker is the word an article about it
 * would use; one captured group per pattern names it when the pattern has more words.
 */
const PERSONAL = [
  'personal',
  '(home) (?:pc|computer|laptop|desktop|printer|router|wi ?fi|network|internet)',
  'gmail',
  'icloud',
  'yahoo',
  'hotmail',
  'личн[а-яё]*',
  'домашн[а-яё]*',
];
const PERSONAL_PATTERN = wordsPattern(PERSONAL);

/** The words that make the message about the user's own things (see `PERSONAL`), lowercased. */
function personalWords(normalized: string): string[] {
  const words: string[] = [];
  for (const match of normalized.matchAll(PERSONAL_PATTERN)) {
    words.push((match.slice(1).find((group) => group !== undefined) ?? match[0]).toLowerCase());
  }
  return words;
}

/** What a message is about, as far as answering it goes; see `Candidate.messageGuard`. */
export interface MessageScope {
  /** It only says that something fails, without naming what. */
  onlySymptoms: boolean;
  /** The facilities or payroll things it is about, when it names no IT thing (else empty). */
  nonItWords: string[];
  /** The words making it about the user's own device or account ("personal", "домашний"). */
  personalWords: string[];
}

/** The message's scope, from one normalization and one pass of the thesaurus. */
export function messageScope(text: string): MessageScope {
  const normalized = normalizeText(text);
  const spans = [...conceptSpans(normalized)];
  const symptomsOnly = onlySymptoms(normalized, spans);
  return {
    onlySymptoms: symptomsOnly,
    nonItWords: symptomsOnly ? [] : nonItWords(normalized, spans),
    personalWords: personalWords(normalized),
  };
}

/** Thesaurus concepts that say something is wrong: a part with one states a problem. */
const TROUBLE = new Set([
  ...SYMPTOMS,
  ...['cxdrop', 'cxforgot', 'cxlocked', 'cxlost', 'cxexpired', 'cxhacked', 'cxmalware', 'cxscam'],
  ...['cxoutage', 'cxdelete', 'cxmfaprompt'],
]);

/** Negations, questions and requests: "can't", "how do I", "need", "не", "как", "нужен", "?". */
const ASKS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[
    ...['not', 'no', 'never', 'cannot', 'unable', 'fails?', 'failed', 'failing', 'error'],
    "(?:can|won|doesn|don|isn|aren|didn|wasn|couldn|haven|hasn)[’']?t",
    ...['how', 'why', 'what', 'where', 'which', 'can', 'could', 'should', 'need', 'needs', 'want'],
    ...['please', 'help', 'не', 'нет', 'нельзя', 'невозможно', 'никак', 'как', 'почему', 'где'],
    ...['что', 'зачем', 'можно', 'нужен', 'нужн[а-яё]*', 'надо', 'помоги[а-яё]*', 'хочу', 'подскажите'],
  ].join('|')})(?![\\p{L}\\p{N}])|\\?`,
  'iu',
);

/**
 * True when a part of a message says something is wrong or asks for something ("vpn drops",
 * "I forgot my password", "how do I book a room"), false for one that only sets the scene ("I
 * changed my password and now...", "I'm presenting in the meeting room in 10 minutes"): only the
 * former is a problem of its own when a message is split (see `problemParts`).
 */
export function statesProblem(text: string): boolean {
  const normalized = normalizeText(text);
  if (ASKS.test(normalized)) return true;
  for (const span of conceptSpans(normalized)) if (TROUBLE.has(span.canonical)) return true;
  return false;
}

const TROUBLE_WORDS = new Set(vague.trouble);
const VAGUE = new Set([...vague.words, ...vague.trouble]);

/**
 * True for a message that says something is wrong, or asks for help, without saying what: "it
 * doesn't work", "help", "привет, у меня всё сломалось". The bot asks back what it is about
 * instead of guessing an article. Its words are all symptoms (see `SYMPTOMS`), fillers, stop
 * words or the vague words of `data/vague-words.json`, and there is at least one word.
 */
export function isVague(text: string): boolean {
  const normalized = normalizeText(text);
  const outside = textOutsideSymptoms(normalized, conceptSpans(normalized));
  if (!outside) return false;
  // "it's", "doesn't": the letter after the apostrophe names nothing.
  const words = (outside.rest.toLowerCase().match(/[\p{L}\p{N}-]+/gu) ?? []).filter((w) => w.length > 1);
  if (outside.symptoms === 0 && !words.some((w) => TROUBLE_WORDS.has(w))) return false;
  return words.every(isFillerWord);
}

/**
 * True for a word that says when, how often or how strongly, never what ("today", "keeps",
 * "опять"): such a word shared with an article is no sign the article is about the message.
 */
export function isFillerWord(word: string): boolean {
  const w = word.toLowerCase();
  return FILLERS.has(w) || STOPWORDS.has(w) || VAGUE.has(w);
}
