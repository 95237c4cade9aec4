import { tokenize } from './analyze.js';
import { normalizeText } from './normalize.js';
import { STOPWORDS } from './stopwords.js';
import { conceptSpans } from './synonyms.js';

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
]);

/**
 * True for a message that only says something fails ("сломалось", "everything is broken", "всё
 * тормозит") without naming what. The one article that happens to use the word ("сломалась
 * зарядка") must not be answered for it; the bot may still offer candidates or ask.
 */
export function onlySymptoms(text: string): boolean {
  const normalized = normalizeText(text);
  let rest = '';
  let copied = 0;
  let symptoms = 0;
  for (const span of conceptSpans(normalized)) {
    if (!SYMPTOMS.has(span.canonical)) return false;
    symptoms += 1;
    rest += ` ${normalized.slice(copied, span.start)}`;
    copied = span.end;
  }
  if (symptoms === 0) return false;
  rest += ` ${normalized.slice(copied)}`;
  return tokenize(rest).every((word) => STOPWORDS.has(word) || FILLERS.has(word) || /^\d+$/.test(word));
}

/**
 * Things in the office that are not IT's: facilities and pay. Only what a message is about, not
 * context ("after my vacation the VPN..." is an IT question), and nothing a device does too
 * ("heating", "too hot", "cleaning up the disk"). Not part of the thesaurus, so that these words
 * weigh in no ranking.
 */
const NOT_IT = [
  'air ?con(?:ditioning|ditioner)?s?',
  'heaters?',
  'radiators?',
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
const NOT_IT_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${NOT_IT.map((p) => p.replace(/ /g, '[\\s_-]*')).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/**
 * The words of a message that name something facilities or payroll handle ("кондиционер",
 * "chairs"), as typed, fillers left out ("too" of "too hot"); empty for an IT message.
 */
export function nonItWords(text: string): string[] {
  const named = normalizeText(text).match(NOT_IT_PATTERN)?.join(' ') ?? '';
  return tokenize(named).filter((word) => !STOPWORDS.has(word) && !FILLERS.has(word));
}
