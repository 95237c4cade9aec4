import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import type { Article } from '../../src/kb/types.js';
import { KeywordIndex } from '../../src/retrieval/keyword-index.js';
import { analyzeQuery, stem } from '../../src/text/analyze.js';
import { FIXTURE_KB, makeArticle } from './helpers.js';

let fixture: Article[];
let index: KeywordIndex;

beforeAll(async () => {
  const kb = await loadKnowledgeBase(FIXTURE_KB);
  expect(kb.problems).toEqual([]);
  fixture = kb.articles;
});

beforeEach(() => {
  index = new KeywordIndex();
});

const count = (table: 'articles' | 'phrasings'): number => index.rowCounts[table];

const filler = 'Open the settings and follow the steps below to finish the setup on your device.';

describe('KeywordIndex', () => {
  it('indexes the fixture knowledge base', () => {
    for (const a of fixture) index.upsert(a);
    expect(index.size).toBe(6);
    expect(count('articles')).toBe(6);
    // title + two questions per article
    expect(count('phrasings')).toBe(18);
  });

  it('ranks a word in the title above the same word in a body', () => {
    const inTitle = makeArticle({ id: 'in-title', title: 'Zebra scanner', body: `Scanner guide. ${filler}` });
    const inBody = makeArticle({
      id: 'in-body',
      title: 'Barcode scanner',
      body: `Zebra scanner guide. ${filler}`,
    });
    index.upsert(inBody);
    index.upsert(inTitle);
    const hits = index.search([stem('zebra')], undefined);
    const byId = new Map(hits.map((h) => [h.articleId, h]));
    expect([...byId.keys()].sort()).toEqual(['in-body', 'in-title']);
    expect(byId.get('in-title')!.articleBm25).toBeGreaterThan(byId.get('in-body')!.articleBm25);
    // the title is also a phrasing; the body is not
    expect(byId.get('in-title')!.phrasingBm25).toBeGreaterThan(0);
    expect(byId.get('in-body')!.phrasingBm25).toBe(0);
  });

  it('ranks a word in a tag or question above the same word in a body', () => {
    const inTag = makeArticle({ id: 'in-tag', title: 'Scanner', tags: ['zebra'], body: filler });
    const inBody = makeArticle({ id: 'in-body', title: 'Scanner', body: `Zebra. ${filler}` });
    index.upsert(inTag);
    index.upsert(inBody);
    const hits = index.search([stem('zebra')], undefined);
    const score = (id: string) => hits.find((h) => h.articleId === id)?.articleBm25 ?? 0;
    expect(score('in-tag')).toBeGreaterThan(score('in-body'));
    expect(score('in-body')).toBeGreaterThan(0);
  });

  it('matches the phrasings users type (questions), not only the title', () => {
    for (const a of fixture) index.upsert(a);
    // "зажевал" only appears in a question of printer-jam-ru
    const hits = index.search(analyzeQuery('принтер зажевал'), 'ru');
    const jam = hits.find((h) => h.articleId === 'printer-jam-ru');
    expect(jam?.phrasingBm25).toBeGreaterThan(0);
    const onlyQuestion = index.search(analyzeQuery('зажевал'), 'ru');
    expect(onlyQuestion.map((h) => h.articleId)).toEqual(['printer-jam-ru']);
    expect(onlyQuestion[0]!.phrasingBm25).toBeGreaterThan(0);
  });

  it('sums several matching phrasings of one article above a single one', () => {
    const many = makeArticle({
      id: 'many',
      title: 'Badge',
      questions: ['badge lost', 'lost my badge', 'badge was lost'],
      body: filler,
    });
    const one = makeArticle({ id: 'one', title: 'Badge', questions: ['badge lost'], body: filler });
    index.upsert(many);
    index.upsert(one);
    const hits = index.search(analyzeQuery('lost badge'), undefined);
    const phrasing = (id: string) => hits.find((h) => h.articleId === id)!.phrasingBm25;
    expect(phrasing('many')).toBeGreaterThan(phrasing('one'));
  });

  it('upsert replaces all rows of an article: old words no longer match', () => {
    const v1 = makeArticle({
      id: 'badge',
      title: 'Lost badge',
      questions: ['I lost my badge'],
      body: 'Report the lost badge at reception.',
    });
    const v2 = makeArticle({
      id: 'badge',
      title: 'Broken keyboard',
      questions: ['keyboard types wrong letters'],
      body: 'Swap the keyboard at the IT desk.',
    });
    index.upsert(v1);
    index.upsert(v1);
    expect(count('articles')).toBe(1);
    expect(count('phrasings')).toBe(2);
    expect(index.search([stem('badge')], undefined)).toHaveLength(1);

    index.upsert(v2);
    expect(index.size).toBe(1);
    expect(count('articles')).toBe(1);
    expect(count('phrasings')).toBe(2);
    expect(index.search([stem('badge')], undefined)).toEqual([]);
    expect(index.search([stem('reception')], undefined)).toEqual([]);
    expect(index.search([stem('keyboard')], undefined).map((h) => h.articleId)).toEqual(['badge']);
    expect(index.termsOf('badge')!.all.has(stem('badge'))).toBe(false);
    expect(index.termsOf('badge')!.all.has(stem('keyboard'))).toBe(true);
  });

  it('keeps document frequencies in step with upserts and removals', () => {
    const a = makeArticle({ id: 'a', title: 'Keyboard', body: 'keyboard keys' });
    const b = makeArticle({ id: 'b', title: 'Mouse', body: 'mouse buttons' });
    index.upsert(a);
    index.upsert(b);
    const rare = index.idf(stem('mouse'));
    index.upsert(makeArticle({ id: 'a', title: 'Mouse and keyboard', body: 'mouse keys' }));
    expect(index.idf(stem('mouse'))).toBeLessThan(rare);
    index.remove('a');
    // one article left, and it has the word: df 1 of 1
    expect(index.idf(stem('mouse'))).toBeCloseTo(Math.log(1 + 0.5 / 1.5), 10);
  });

  it('remove deletes the article and all its rows', () => {
    for (const a of fixture) index.upsert(a);
    index.remove('vpn-connect-en');
    expect(index.size).toBe(5);
    expect(index.termsOf('vpn-connect-en')).toBeUndefined();
    expect(count('articles')).toBe(5);
    expect(count('phrasings')).toBe(15);
    const hits = index.search(analyzeQuery("VPN won't connect"), undefined);
    expect(hits.map((h) => h.articleId)).not.toContain('vpn-connect-en');
    expect(hits.map((h) => h.articleId)).toContain('vpn-connect-ru');
    index.remove('no-such-article');
    expect(index.size).toBe(5);
  });

  it('filters by language', () => {
    for (const a of fixture) index.upsert(a);
    const terms = [stem('vpn')];
    const all = index.search(terms, undefined).map((h) => h.articleId);
    expect(all.sort()).toEqual(['vpn-connect-en', 'vpn-connect-ru']);
    expect(index.search(terms, 'ru').map((h) => h.articleId)).toEqual(['vpn-connect-ru']);
    expect(index.search(terms, 'en').map((h) => h.articleId)).toEqual(['vpn-connect-en']);
  });

  it('returns nothing for no terms or unknown terms, and ignores FTS5 syntax', () => {
    for (const a of fixture) index.upsert(a);
    expect(index.search([], undefined)).toEqual([]);
    expect(index.search(['zzzunknown'], undefined)).toEqual([]);
    expect(() => index.search(['"', 'OR', 'NEAR(', '*', 'vpn'], undefined)).not.toThrow();
    expect(index.search(['"', 'NEAR(', '*'], undefined)).toEqual([]);
  });

  it('keeps per-section terms for choosing the section to quote', () => {
    for (const a of fixture) index.upsert(a);
    const terms = index.termsOf('vpn-connect-en')!;
    expect(terms.lang).toBe('en');
    expect(terms.sections.map((s) => s.sectionId)).toEqual([
      'vpn-connect-en#0',
      'vpn-connect-en#1',
      'vpn-connect-en#2',
    ]);
    expect(terms.sections[2]!.body.has(stem('unreachable'))).toBe(true);
    expect(terms.sections[1]!.body.has(stem('unreachable'))).toBe(false);
    expect(terms.phrasings).toHaveLength(3);
  });
});
