import type { Lang } from '../config.js';
import type { Article } from '../kb/types.js';
import type { Embedder } from './types.js';

/** Longest passage text sent to the embedder; models truncate anyway, this bounds the work. */
const MAX_PASSAGE_CHARS = 1500;

/** The texts of an article that get a vector: its title, each question and each section. */
export function passagesOf(article: Article): string[] {
  return [
    article.title,
    ...article.questions,
    ...article.sections.map((s) => `${article.title}. ${s.heading}\n${s.body}`.slice(0, MAX_PASSAGE_CHARS)),
  ];
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * In-memory vectors per article for brute-force cosine search (vectors are unit length, so a dot
 * product is the cosine). At the knowledge-base sizes of a company (hundreds to tens of thousands
 * of passages) this is faster than any index would repay.
 */
export class DenseIndex {
  private readonly vectors = new Map<string, { lang: Lang; vectors: Float32Array[] }>();

  constructor(readonly embedder: Embedder) {}

  /** Computes an article's vectors; throws if the embedder fails (the caller keeps the old ones). */
  async prepare(article: Article): Promise<Float32Array[]> {
    return this.embedder.embed(passagesOf(article), 'passage');
  }

  set(article: Article, vectors: Float32Array[]): void {
    this.vectors.set(article.id, { lang: article.lang, vectors });
  }

  remove(articleId: string): void {
    this.vectors.delete(articleId);
  }

  /** Best cosine of each article (of `lang`, when given) with the query vector. */
  score(query: Float32Array, lang: Lang | undefined): Map<string, number> {
    const out = new Map<string, number>();
    for (const [id, entry] of this.vectors) {
      if (lang && entry.lang !== lang) continue;
      let best = -1;
      for (const v of entry.vectors) best = Math.max(best, dot(query, v));
      out.set(id, best);
    }
    return out;
  }
}
