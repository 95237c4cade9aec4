import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import { Bm25Table, sqliteLn } from '../../src/retrieval/bm25.js';
import { FIELD_WEIGHTS } from '../../src/retrieval/keyword-index.js';
import { openDatabase } from '../../src/storage/db.js';
import { analyzeDocument, analyzeQuery } from '../../src/text/analyze.js';

const SAMPLE_KB = path.resolve(import.meta.dirname, '../../knowledge-base');

/**
 * The in-memory BM25 replaced two SQLite FTS5 tables; FTS5 stays its reference: the same rows,
 * the same queries, the very same scores (not just close ones) and order.
 */
describe('Bm25Table scores exactly like FTS5 bm25()', () => {
  it('on every article and phrasing of the sample knowledge base', async () => {
    const { articles } = await loadKnowledgeBase(SAMPLE_KB);
    const db = openDatabase(':memory:');
    db.exec(`CREATE VIRTUAL TABLE art USING fts5(title, tags, questions, headings, body, id UNINDEXED, lang UNINDEXED,
      tokenize = "unicode61 remove_diacritics 0 tokenchars '_'");
      CREATE VIRTUAL TABLE phr USING fts5(text, id UNINDEXED, lang UNINDEXED,
      tokenize = "unicode61 remove_diacritics 0 tokenchars '_'");`);
    const w = FIELD_WEIGHTS;
    const weights = [w.title, w.tags, w.questions, w.headings, w.body];
    const table = new Bm25Table(weights, sqliteLn(db));
    const phrasings = new Bm25Table([1], sqliteLn(db));
    const addArticle = db.prepare('INSERT INTO art VALUES (?, ?, ?, ?, ?, ?, ?)');
    const addPhrasing = db.prepare('INSERT INTO phr VALUES (?, ?, ?)');
    for (const a of articles) {
      const columns = [
        analyzeDocument(a.title),
        analyzeDocument(a.tags.join(' ')),
        a.questions.flatMap((q) => analyzeDocument(q)),
        analyzeDocument(a.sections.map((s) => s.heading).join('\n')),
        a.sections.flatMap((s) => analyzeDocument(`${s.heading}\n${s.body}`)),
      ];
      table.add({ id: a.id, lang: a.lang, columns });
      addArticle.run(...columns.map((c) => c.join(' ')), a.id, a.lang);
      for (const text of [a.title, ...a.questions]) {
        const terms = analyzeDocument(text);
        if (terms.length === 0) continue;
        phrasings.add({ id: a.id, lang: a.lang, columns: [terms] });
        addPhrasing.run(terms.join(' '), a.id, a.lang);
      }
    }
    const fts = (
      name: string,
      weightList: number[],
      terms: string[],
      lang: string | undefined,
      limit: number,
    ) =>
      db
        .prepare(
          `SELECT id, -bm25(${name}${weightList.map((x) => `, ${x}`).join('')}) AS score FROM ${name}
           WHERE ${name} MATCH ? ${lang ? 'AND lang = ?' : ''} ORDER BY score DESC, id LIMIT ?`,
        )
        .all(...[terms.map((t) => `"${t}"`).join(' OR '), ...(lang ? [lang] : []), limit]);
    const messages = [
      ...articles.flatMap((a) => a.questions.slice(0, 2)),
      "VPN won't connect",
      'аутлук не синхронизирует почту',
      'printer broken',
    ];
    let compared = 0;
    for (const message of messages) {
      const terms = [...new Set(analyzeQuery(message))];
      if (terms.length === 0) continue;
      for (const lang of [undefined, 'en', 'ru']) {
        expect(table.search(terms, lang, 30)).toEqual(fts('art', weights, terms, lang, 30));
        expect(phrasings.search(terms, lang, 300)).toEqual(fts('phr', [], terms, lang, 300));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(100);
    db.close();
  });

  it('forgets removed rows: scores as if they had never been added', () => {
    const ln = sqliteLn(openDatabase(':memory:'));
    const edited = new Bm25Table([1], ln);
    const fresh = new Bm25Table([1], ln);
    edited.add({ id: 'a', lang: 'en', columns: [['vpn', 'connect']] });
    edited.add({ id: 'b', lang: 'en', columns: [['printer', 'jam']] });
    edited.add({ id: 'c', lang: 'en', columns: [['vpn', 'slow']] });
    edited.remove('a');
    fresh.add({ id: 'b', lang: 'en', columns: [['printer', 'jam']] });
    fresh.add({ id: 'c', lang: 'en', columns: [['vpn', 'slow']] });
    expect(edited.size).toBe(2);
    expect(edited.search(['vpn', 'printer'], undefined, 10)).toEqual(
      fresh.search(['vpn', 'printer'], undefined, 10),
    );
  });

  /** What `searchSummed` must equal: the best `limit` rows in order, summed per id row by row. */
  function summedRowByRow(table: Bm25Table, terms: string[], limit: number, decay: number[]) {
    const sums = new Map<string, number[]>();
    for (const row of table.search(terms, undefined, limit)) {
      const list = sums.get(row.id) ?? [];
      if (list.length < decay.length) list.push(row.score);
      sums.set(row.id, list);
    }
    return [...sums].map(([id, scores]) => ({
      id,
      score: scores.reduce((sum, s, i) => sum + s * (decay[i] ?? 0), 0),
    }));
  }

  it('sums the best rows per id exactly as summing the ordered rows does, cut or not', () => {
    const ln = sqliteLn(openDatabase(':memory:'));
    const table = new Bm25Table([1], ln);
    // Many rows per id, equal scores across ids and within one, so that ties and the cut count.
    const words = ['vpn', 'slow', 'printer', 'jam', 'mail', 'sync'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let r = 0; r < 400; r++) {
      const length = 1 + Math.floor(next() * 4);
      const terms = Array.from({ length }, () => words[Math.floor(next() * words.length)]!);
      table.add({ id: `a${Math.floor(next() * 40)}`, lang: 'en', columns: [terms] });
    }
    const decay = [1, 0.7, 0.5, 0.3];
    let cut = 0;
    for (const terms of [['vpn'], ['vpn', 'slow'], ['jam', 'mail', 'sync'], words, ['nothing']]) {
      for (const limit of [1, 5, 37, 100, 300, 1000]) {
        if (table.search(terms, undefined, 100_000).length > limit) cut += 1;
        expect(table.searchSummed(terms, undefined, limit, decay)).toEqual(
          summedRowByRow(table, terms, limit, decay),
        );
      }
    }
    expect(cut).toBeGreaterThan(10);
  });
});
