import type { Lang } from '../../config.js';
import type { Article } from '../../kb/types.js';

/** A phrasing searched as a question, with the article it should find ([] = not covered). */
export interface HeldOutQuery {
  query: string;
  lang: Lang;
  expected: string[];
}

/** One round of hold-out: the articles indexed and the questions searched against them. */
export interface HeldOutFold {
  articles: Article[];
  queries: HeldOutQuery[];
}

/** FNV-1a: a stable hash, so that the same knowledge base is always split the same way. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * What an article offers as questions: its example phrasings, or its title when it has none (a
 * help-centre FAQ, whose titles are the questions).
 */
function askedAs(article: Article): string[] {
  return article.questions.length > 0 ? article.questions : [article.title];
}

/**
 * Splits a knowledge base into `folds` rounds of hold-out, without labelled questions: in each
 * round a share of the articles is left out entirely, and their phrasings become questions the
 * knowledge base does not cover; of the other articles, a share of the phrasings is left out and
 * searched as questions the article should answer. An article with no phrasings has its title
 * held out instead, leaving its body. `maxQueries` bounds each round's questions of each kind,
 * taken evenly across articles, so that a large knowledge base costs a bounded calibration.
 */
export function heldOutFolds(articles: readonly Article[], folds = 5, maxQueries = 600): HeldOutFold[] {
  const rounds: HeldOutFold[] = [];
  for (let k = 0; k < folds; k++) {
    const kept: Article[] = [];
    const inScope: HeldOutQuery[] = [];
    const outOfScope: HeldOutQuery[] = [];
    for (const article of articles) {
      const seed = hash(article.id);
      const phrasings = askedAs(article);
      if (seed % folds === k) {
        for (const q of phrasings) outOfScope.push({ query: q, lang: article.lang, expected: [] });
        continue;
      }
      const out = phrasings.filter((_, i) => (seed + i * 7 + 1) % folds === k);
      if (out.length === 0) {
        kept.push(article);
        continue;
      }
      for (const q of out) inScope.push({ query: q, lang: article.lang, expected: [article.id] });
      kept.push(
        article.questions.length > 0
          ? { ...article, questions: article.questions.filter((q) => !out.includes(q)) }
          : withoutTitle(article),
      );
    }
    rounds.push({
      articles: kept,
      queries: [...spread(inScope, maxQueries), ...spread(outOfScope, maxQueries)],
    });
  }
  return rounds;
}

/** At most `max` of `items`, evenly spaced, in their order. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!);
}

/** The article as its body alone: the lead section's heading is the title too. */
function withoutTitle(article: Article): Article {
  return {
    ...article,
    title: '',
    sections: article.sections.map((s) => (s.index === 0 ? { ...s, heading: '' } : s)),
  };
}
