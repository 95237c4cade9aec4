import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Article } from '../kb/types.js';

/**
 * Writes articles as knowledge-base files (front matter and markdown body) into `dir`, so that the
 * server the bench starts loads a synthetic knowledge base the way it loads a real one.
 */
export function writeKnowledgeBase(articles: readonly Article[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const a of articles) {
    const front = stringify({ id: a.id, title: a.title, lang: a.lang, tags: a.tags, questions: a.questions });
    writeFileSync(path.join(dir, `${a.id}.md`), `---\n${front}---\n${a.body}\n`);
  }
}
