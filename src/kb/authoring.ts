import type { Retriever } from '../retrieval/types.js';
import type { Article } from './types.js';

/**
 * Fewer example phrasings than this and the bot has little to recognise a topic by, and nothing
 * to check its own confidence on: worth a warning to whoever writes the article.
 */
export const MIN_PHRASINGS = 3;

/** Share of an article's phrasings another article answers on its own before the pair is flagged. */
const CONFUSABLE_SHARE = 0.25;

/** Something an author should look at; not an error: the article loads and serves. */
export interface AuthoringWarning {
  file: string;
  line: number;
  message: string;
}

/** Articles whose title and questions give fewer than `MIN_PHRASINGS` ways to ask for them. */
export function fewPhrasings(
  articles: readonly Article[],
  lineOf: (article: Article) => number,
): AuthoringWarning[] {
  return articles
    .filter((a) => a.questions.length < MIN_PHRASINGS)
    .map((a) => ({
      file: a.file,
      line: lineOf(a),
      message:
        `only ${a.questions.length} example phrasing(s) in questions; add at least ${MIN_PHRASINGS} ` +
        'ways people ask for this, so the bot recognises it and can check its own confidence',
    }));
}

/**
 * Pairs of articles that answer each other's questions: each phrasing of an article is searched
 * with that article left out, and when another article of the same language would then be given
 * as a confident answer to a quarter or more of them, the two are hard to tell apart (reworded
 * phrasings, a clearer title, or one merged article help). Reported once per pair, on the article
 * whose phrasings went astray.
 */
export async function confusablePairs(
  articles: readonly Article[],
  retriever: Retriever,
  lineOf: (article: Article) => number,
): Promise<AuthoringWarning[]> {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const warnings: AuthoringWarning[] = [];
  const reported = new Set<string>();
  for (const article of articles) {
    const phrasings = [article.title, ...article.questions];
    const taken = new Map<string, number>();
    for (const phrasing of phrasings) {
      const decision = await retriever.search(phrasing, { lang: article.lang, exclude: [article.id] });
      const other = decision.candidates[0]?.articleId;
      if (decision.kind === 'answer' && other && byId.get(other)?.lang === article.lang) {
        taken.set(other, (taken.get(other) ?? 0) + 1);
      }
    }
    for (const [other, count] of taken) {
      const pair = [article.id, other].sort().join(' ');
      if (count < 2 || count / phrasings.length < CONFUSABLE_SHARE || reported.has(pair)) continue;
      reported.add(pair);
      warnings.push({
        file: article.file,
        line: lineOf(article),
        message:
          `${count} of ${phrasings.length} phrasings of "${article.id}" are answered by "${other}" ` +
          `(${byId.get(other)?.file}) when this article is left out: the two are easy to confuse`,
      });
    }
  }
  return warnings;
}
