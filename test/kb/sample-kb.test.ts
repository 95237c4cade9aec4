import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, loadKnowledgeBase } from '../../src/kb/load-kb.js';
import type { Article, LoadedKb } from '../../src/kb/types.js';
import { PROJECT_ROOT } from '../support/run-cli.js';

const KB_DIR = path.join(PROJECT_ROOT, 'knowledge-base');
const QUERIES_FILE = path.join(PROJECT_ROOT, 'test/fixtures/queries.jsonl');

interface Query {
  query: string;
  lang: 'en' | 'ru';
  expected: string[];
}

let kb: LoadedKb;
let byId: Map<string, Article>;

beforeAll(async () => {
  kb = await loadKnowledgeBase(KB_DIR);
  byId = new Map(kb.articles.map((a) => [a.id, a]));
});

describe('shipped knowledge-base/', () => {
  it('loads with zero problems', () => {
    expect(kb.problems.map(formatProblem)).toEqual([]);
    expect(kb.articles.length).toBeGreaterThan(0);
  });

  it('has at least 35 topics, each as <topic>-en and <topic>-ru with the matching lang', () => {
    const topics = new Map<string, Set<string>>();
    for (const a of kb.articles) {
      const match = /^(.+)-(en|ru)$/.exec(a.id);
      expect(match, `id "${a.id}" (${a.file}) must end in -en or -ru`).not.toBeNull();
      const [, topic, suffix] = match!;
      expect(a.lang, `${a.file}: id ${a.id} but lang ${a.lang}`).toBe(suffix);
      const langs = topics.get(topic!) ?? new Set<string>();
      langs.add(suffix!);
      topics.set(topic!, langs);
    }
    const oneSided = [...topics].filter(([, langs]) => langs.size !== 2).map(([topic]) => topic);
    expect(oneSided, 'topics missing their translation').toEqual([]);
    expect(topics.size).toBeGreaterThanOrEqual(35);
  });

  it('ends every article with an "if that didn\'t help" section in its language', () => {
    const missing: string[] = [];
    for (const a of kb.articles) {
      const last = a.sections.at(-1);
      const pattern = a.lang === 'en' ? /didn.?t help/i : /не помогл/i;
      if (!last || last.index === 0 || !pattern.test(last.heading) || last.body.trim() === '') {
        missing.push(`${a.file}: last section is "${last?.heading ?? '(none)'}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every article a title, at least one tag and one sample question', () => {
    const thin = kb.articles
      .filter((a) => a.tags.length === 0 || a.questions.length === 0)
      .map((a) => a.file);
    expect(thin).toEqual([]);
  });
});

describe('test/fixtures/queries.jsonl', () => {
  const lines = readFileSync(QUERIES_FILE, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== '');

  const queries: Query[] = lines.map(({ line, number }) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`queries.jsonl:${number}: not JSON: ${(error as Error).message}`);
    }
    return value as Query;
  });

  it('has well-formed entries: non-empty query, lang en/ru, expected list of ids', () => {
    const bad = queries
      .map((q, i) => ({ q, number: lines[i]!.number }))
      .filter(
        ({ q }) =>
          typeof q.query !== 'string' ||
          q.query.trim() === '' ||
          (q.lang !== 'en' && q.lang !== 'ru') ||
          !Array.isArray(q.expected) ||
          q.expected.some((id) => typeof id !== 'string'),
      )
      .map(({ number }) => number);
    expect(bad, 'malformed lines').toEqual([]);
  });

  it('has >= 150 in-scope queries across both languages and >= 40 out-of-scope', () => {
    const inScope = queries.filter((q) => q.expected.length > 0);
    const outOfScope = queries.filter((q) => q.expected.length === 0);
    expect(inScope.length).toBeGreaterThanOrEqual(150);
    expect(outOfScope.length).toBeGreaterThanOrEqual(40);
    for (const lang of ['en', 'ru'] as const) {
      expect(inScope.filter((q) => q.lang === lang).length, `in-scope ${lang}`).toBeGreaterThanOrEqual(50);
      expect(outOfScope.filter((q) => q.lang === lang).length, `out-of-scope ${lang}`).toBeGreaterThan(0);
    }
  });

  it('names only ids that exist in knowledge-base/ in the query language', () => {
    const wrong: string[] = [];
    queries.forEach((q, i) => {
      for (const id of q.expected) {
        const a = byId.get(id);
        if (!a) wrong.push(`line ${lines[i]!.number}: unknown id ${id}`);
        else if (a.lang !== q.lang)
          wrong.push(`line ${lines[i]!.number}: ${id} is ${a.lang}, query is ${q.lang}`);
      }
    });
    expect(wrong).toEqual([]);
  });
});
