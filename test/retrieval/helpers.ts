import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../../src/kb/parse-article.js';
import type { Article } from '../../src/kb/types.js';

/** The small EN+RU knowledge base of these tests (six articles). */
export const FIXTURE_KB = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'kb-retrieval',
  'kb',
);

export interface ArticleSpec {
  id: string;
  title: string;
  lang?: 'en' | 'ru';
  tags?: string[];
  questions?: string[];
  body: string;
}

/** Markdown of an article file. */
export function articleMarkdown(spec: ArticleSpec): string {
  const list = (items: string[]) => items.map((q) => `  - ${JSON.stringify(q)}`).join('\n');
  return [
    '---',
    `id: ${spec.id}`,
    `title: ${JSON.stringify(spec.title)}`,
    `lang: ${spec.lang ?? 'en'}`,
    `tags: [${(spec.tags ?? []).join(', ')}]`,
    ...(spec.questions && spec.questions.length > 0 ? ['questions:', list(spec.questions)] : []),
    '---',
    spec.body,
    '',
  ].join('\n');
}

/** An article parsed by the real parser, as the loader would produce it. */
export function makeArticle(spec: ArticleSpec): Article {
  const result = parseArticle(`${spec.id}.md`, Buffer.from(articleMarkdown(spec)));
  if (!result.article) throw new Error(`bad test article ${spec.id}: ${JSON.stringify(result.problems)}`);
  return result.article;
}
