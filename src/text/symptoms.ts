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
