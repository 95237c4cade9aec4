import type { Lang } from '../config.js';
import type { Article } from '../kb/types.js';
import type { Db } from '../storage/db.js';

/** One topic to suggest: an article, and a phrasing an employee could send to get it. */
export interface Topic {
  articleId: string;
  title: string;
  /** The article's first example phrasing (its title when it has none). */
  question: string;
}

/**
 * How often each article answered a question since `since` (answered or confirmed), most first:
 * what employees actually ask about, for suggested prompts and the Slack Home tab.
 */
export function answerCounts(db: Db, since: Date): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT articles FROM conversation_questions
       WHERE outcome IN ('answered', 'confirmed') AND asked_at >= ?`,
    )
    .all(since.toISOString()) as { articles: string }[];
  const counts = new Map<string, number>();
  for (const row of rows) {
    let first: unknown;
    try {
      first = (JSON.parse(row.articles) as unknown[])[0];
    } catch {
      continue;
    }
    if (typeof first === 'string') counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return counts;
}

/**
 * The `limit` topics employees ask about most in `lang`, then the knowledge base's other articles
 * in their order (a new bot with no history still has something to suggest).
 */
export function popularTopics(
  articles: readonly Article[],
  counts: ReadonlyMap<string, number>,
  lang: Lang,
  limit: number,
): Topic[] {
  const inLang = articles.filter((a) => a.lang === lang);
  const order = new Map(inLang.map((a, i) => [a.id, i]));
  return [...inLang]
    .sort(
      (a, b) =>
        (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    )
    .slice(0, Math.max(0, limit))
    .map((a) => ({ articleId: a.id, title: a.title, question: a.questions[0] ?? a.title }));
}
