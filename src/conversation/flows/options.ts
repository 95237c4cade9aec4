import type { Article } from '../../kb/types.js';
import type { Candidate } from '../../retrieval/types.js';
import { analyzeDocument, contentWords, stem } from '../../text/analyze.js';
import { isFillerWord } from '../../text/message-scope.js';
import { thesaurusVersion } from '../../text/synonyms.js';
import { isLittleWord } from '../sections.js';
import type { Turn } from '../turn.js';

/**
 * Which articles a "Did you mean...?" offers. Retrieval may rank an article first for the
 * message's little words alone ("what's the weather" → service status): an option must share a
 * word that names something with the message. And a message naming two things ("wifi in meeting
 * room 4B keeps dropping") must not be offered only the article about one of them.
 */

/** Stems of each article version, with the thesaurus version they were analysed with. */
const STEMS = new WeakMap<Article, { thesaurus: number; stems: Set<string> }>();

function articleStems(article: Article): Set<string> {
  const thesaurus = thesaurusVersion();
  let cached = STEMS.get(article);
  if (cached?.thesaurus !== thesaurus) {
    const text = [article.title, ...article.questions, ...article.tags, article.body].join('\n');
    cached = { thesaurus, stems: new Set(analyzeDocument(text)) };
    STEMS.set(article, cached);
  }
  return cached.stems;
}

/**
 * A typo-repair guess ("weather" read as "whether") is offered on its own only when retrieval is
 * fairly sure of it; a real word the articles do not use is a guess at random.
 */
const REPAIR_GUESS_FLOOR = 0.7;

/**
 * The stems of the words of a message that name something: fillers, little words and the
 * thesaurus's concept tokens (`cx…`, "broken", "slow") left out.
 */
export function subjectStems(text: string): string[] {
  const stems = contentWords(text)
    .filter((w) => !isFillerWord(w))
    .map(stem);
  return [...new Set(stems.filter((s) => !s.startsWith('cx') && !isLittleWord(s)))];
}

/**
 * The options to offer, best first, at most three: retrieval's `count` first candidates that share
 * a naming word with the message (or were matched by typo repairs, a guess worth offering), then
 * further candidates that cover a naming word none of those covers. Empty: nothing to offer.
 */
export function subjectOptions(
  turn: Turn,
  text: string,
  candidates: Candidate[],
  count: number,
): Candidate[] {
  const words = subjectStems(text);
  const base = candidates.slice(0, Math.max(1, count));
  if (words.length === 0) return base;
  const covers = (c: Candidate) => {
    const article = turn.ctx.articles.getArticle(c.articleId);
    return article ? words.filter((w) => articleStems(article).has(w)) : [];
  };
  const guess = (c: Candidate) => c.matchedMostlyByRepairs === true && c.score >= REPAIR_GUESS_FLOOR;
  // A facilities or payroll thing the article never mentions ("кондиционер"): not IT's to offer.
  const kept = base.filter((c) => c.messageGuard !== 'not-it' && (guess(c) || covers(c).length > 0));
  const covered = new Set(kept.flatMap(covers));
  for (const c of candidates) {
    if (kept.length >= 3) break;
    if (kept.includes(c) || c.messageGuard === 'not-it') continue;
    const adds = covers(c).filter((w) => !covered.has(w));
    if (adds.length === 0 || kept.length === 0) continue;
    kept.push(c);
    for (const w of adds) covered.add(w);
  }
  return kept;
}
