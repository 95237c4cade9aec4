import type { Lang } from '../config.js';
import type { Article } from '../kb/types.js';
import { analyzeDocument } from '../text/analyze.js';
import type { Db } from '../storage/db.js';

type Statement = ReturnType<Db['prepare']> & { all(...params: unknown[]): unknown[] };

/**
 * Field weights of the article-level BM25 (FTS5 `bm25()` column weights): a word in the title or
 * in a phrasing users type says more about the article than one deep in its body.
 */
export const FIELD_WEIGHTS = { title: 4, tags: 2, questions: 3, headings: 2, body: 1 } as const;

/** Per-article term statistics kept in memory for coverage scoring and section choice. */
export interface ArticleTerms {
  articleId: string;
  lang: Lang;
  /** Every term of the article, any field. */
  all: Set<string>;
  /** Terms of the title and of each `questions` entry, one set each. */
  phrasings: Set<string>[];
  /**
   * Terms of each section, by section id: of its heading (none for the lead section, whose
   * "heading" is the article title, shared by every question about the article) and of its body
   * (for a section other than the lead, heading and body analysed together).
   */
  sections: { sectionId: string; heading: Set<string>; body: Set<string> }[];
}

export interface KeywordHit {
  articleId: string;
  /** Article-level BM25 (positive, larger is better). */
  articleBm25: number;
  /** BM25 of the article's best phrasings (title, questions), decayed by `PHRASING_DECAY`. */
  phrasingBm25: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kw_article (
  rowid INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL UNIQUE,
  lang TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS kw_article_fts USING fts5(
  title, tags, questions, headings, body,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE TABLE IF NOT EXISTS kw_phrasing (
  rowid INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL,
  lang TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kw_phrasing_article ON kw_phrasing(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS kw_phrasing_fts USING fts5(
  text,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
`;

const join = (terms: string[]): string => terms.join(' ');

/** Share of articles above which a term is left out of the FTS5 match (see `search`). */
const COMMON_TERM_SHARE = 0.25;
/** ...and only once it is in this many articles: small indexes have short postings anyway. */
const COMMON_TERM_MIN_ARTICLES = 300;

/**
 * Weights of an article's four best matching phrasings: several phrasings of one article matching
 * a message is stronger evidence than a single lucky one (a soft k-NN vote).
 */
export const PHRASING_DECAY = [1, 0.7, 0.5, 0.3];

/** Per article, the decayed sum of its best phrasing scores (rows come best first). */
function topKSum(rows: { id: string; score: number }[], decay: number[]): { id: string; score: number }[] {
  const seen = new Map<string, number[]>();
  for (const row of rows) {
    const list = seen.get(row.id) ?? [];
    if (list.length < decay.length) list.push(row.score);
    seen.set(row.id, list);
  }
  return [...seen.entries()].map(([id, scores]) => ({
    id,
    score: scores.reduce((sum, s, i) => sum + s * (decay[i] ?? 0), 0),
  }));
}

/**
 * SQLite FTS5 index over pre-analysed (stemmed, synonym-expanded) article text. Two views of the
 * same articles: one row per article with weighted fields, and one row per phrasing (title and
 * each question) so that a message close to one typed phrasing scores even in a long article.
 */
export class KeywordIndex {
  private readonly terms = new Map<string, ArticleTerms>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
    // The index always starts empty and is filled from the articles: rows a previous run left in
    // a reused database file would be searched without being known (and skew BM25's scale).
    db.exec(
      'DELETE FROM kw_article_fts; DELETE FROM kw_phrasing_fts; DELETE FROM kw_phrasing; DELETE FROM kw_article;',
    );
  }

  /** Number of articles indexed. */
  get size(): number {
    return this.terms.size;
  }

  /** Adds or replaces one article (all its rows) in a single transaction. */
  upsert(article: Article): void {
    const sectionTerms = article.sections.map((s) => {
      const full = analyzeDocument(`${s.heading}\n${s.body}`);
      return {
        sectionId: s.id,
        full,
        heading: s.index === 0 ? [] : analyzeDocument(s.heading),
        // The lead section's "heading" is the title, so its body is analysed alone; for another
        // section the joint analysis serves (its heading words are found in `heading` first).
        body: s.index === 0 ? analyzeDocument(s.body) : full,
      };
    });
    const titleTerms = analyzeDocument(article.title);
    const questionTerms = article.questions.map((q) => analyzeDocument(q));
    const tagTerms = analyzeDocument(article.tags.join(' '));
    const headingTerms = analyzeDocument(article.sections.map((s) => s.heading).join('\n'));
    const bodyTerms = sectionTerms.flatMap((s) => s.full);

    this.db.transaction(() => {
      this.deleteRows(article.id);
      const info = this.db
        .prepare('INSERT INTO kw_article (article_id, lang) VALUES (?, ?)')
        .run(article.id, article.lang);
      this.db
        .prepare(
          'INSERT INTO kw_article_fts (rowid, title, tags, questions, headings, body) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          info.lastInsertRowid,
          join(titleTerms),
          join(tagTerms),
          questionTerms.map(join).join('\n'),
          join(headingTerms),
          join(bodyTerms),
        );
      const addPhrasing = this.db.prepare('INSERT INTO kw_phrasing (article_id, lang) VALUES (?, ?)');
      const addPhrasingText = this.db.prepare('INSERT INTO kw_phrasing_fts (rowid, text) VALUES (?, ?)');
      for (const terms of [titleTerms, ...questionTerms]) {
        if (terms.length === 0) continue;
        const row = addPhrasing.run(article.id, article.lang);
        addPhrasingText.run(row.lastInsertRowid, join(terms));
      }
    })();

    this.forgetTerms(article.id);
    const all = new Set([...titleTerms, ...tagTerms, ...questionTerms.flat(), ...headingTerms, ...bodyTerms]);
    this.terms.set(article.id, {
      articleId: article.id,
      lang: article.lang,
      all,
      phrasings: [titleTerms, ...questionTerms].filter((t) => t.length > 0).map((t) => new Set(t)),
      sections: sectionTerms.map((s) => ({
        sectionId: s.sectionId,
        heading: new Set(s.heading),
        body: new Set(s.body),
      })),
    });
    for (const term of all) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  /** Removes an article (e.g. its file was deleted). */
  remove(articleId: string): void {
    this.db.transaction(() => this.deleteRows(articleId))();
    this.forgetTerms(articleId);
  }

  /** In-memory terms of an article, for coverage and section choice. */
  termsOf(articleId: string): ArticleTerms | undefined {
    return this.terms.get(articleId);
  }

  /** Smoothed inverse document frequency over articles; unknown terms get the highest value. */
  idf(term: string): number {
    const n = this.terms.size;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Articles that share terms with the query, best first, with both BM25 views. Ties are broken by
   * article id, not row id: re-indexing an article gives its rows new ids, and the same knowledge
   * base must rank the same whether it was built fresh or edited in place.
   */
  search(queryTerms: string[], lang: Lang | undefined, limit = 30): KeywordHit[] {
    const valid = [...new Set(queryTerms)].filter((t) => /^[\p{L}\p{N}_]+$/u.test(t));
    // Terms found in most articles barely move BM25 but make SQLite walk huge postings lists;
    // they still count in coverage scoring, which reads the in-memory term sets.
    const common = Math.max(COMMON_TERM_MIN_ARTICLES, COMMON_TERM_SHARE * this.terms.size);
    const selective = valid.filter((t) => (this.documentFrequency.get(t) ?? 0) <= common);
    const unique = selective.length > 0 ? selective : valid;
    if (unique.length === 0) return [];
    const match = unique.map((t) => `"${t}"`).join(' OR ');
    const w = FIELD_WEIGHTS;
    const langFilter = (alias: string) => (lang ? `AND ${alias}.lang = ?` : '');
    const params: unknown[] = lang ? [match, lang, limit] : [match, limit];
    const articleRows = this.statement(
      `SELECT a.article_id AS id, -bm25(kw_article_fts, ${w.title}, ${w.tags}, ${w.questions}, ${w.headings}, ${w.body}) AS score
         FROM kw_article_fts JOIN kw_article a ON a.rowid = kw_article_fts.rowid
         WHERE kw_article_fts MATCH ? ${langFilter('a')}
         ORDER BY score DESC, a.article_id LIMIT ?`,
    ).all(...params) as { id: string; score: number }[];
    const phrasingMatches = this.statement(
      `SELECT p.article_id AS id, -bm25(kw_phrasing_fts) AS score
         FROM kw_phrasing_fts JOIN kw_phrasing p ON p.rowid = kw_phrasing_fts.rowid
         WHERE kw_phrasing_fts MATCH ? ${langFilter('p')}
         ORDER BY score DESC, p.article_id LIMIT ?`,
    ).all(...(lang ? [match, lang, limit * 10] : [match, limit * 10])) as { id: string; score: number }[];
    const phrasingRows = topKSum(phrasingMatches, PHRASING_DECAY);

    const hits = new Map<string, KeywordHit>();
    for (const row of articleRows)
      hits.set(row.id, { articleId: row.id, articleBm25: row.score, phrasingBm25: 0 });
    for (const row of phrasingRows) {
      const hit = hits.get(row.id);
      if (hit) hit.phrasingBm25 = row.score;
      else hits.set(row.id, { articleId: row.id, articleBm25: 0, phrasingBm25: row.score });
    }
    return [...hits.values()];
  }

  /** Prepared once per SQL text: preparing costs more than running these queries. */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql) as Statement;
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private deleteRows(articleId: string): void {
    const row = this.db.prepare('SELECT rowid FROM kw_article WHERE article_id = ?').get(articleId) as
      { rowid: number } | undefined;
    if (row) {
      this.db.prepare('DELETE FROM kw_article_fts WHERE rowid = ?').run(row.rowid);
      this.db.prepare('DELETE FROM kw_article WHERE rowid = ?').run(row.rowid);
    }
    const phrasings = this.db
      .prepare('SELECT rowid FROM kw_phrasing WHERE article_id = ?')
      .all(articleId) as {
      rowid: number;
    }[];
    const del = this.db.prepare('DELETE FROM kw_phrasing_fts WHERE rowid = ?');
    for (const p of phrasings) del.run(p.rowid);
    this.db.prepare('DELETE FROM kw_phrasing WHERE article_id = ?').run(articleId);
  }

  private forgetTerms(articleId: string): void {
    const old = this.terms.get(articleId);
    if (!old) return;
    for (const term of old.all) {
      const df = (this.documentFrequency.get(term) ?? 1) - 1;
      if (df <= 0) this.documentFrequency.delete(term);
      else this.documentFrequency.set(term, df);
    }
    this.terms.delete(articleId);
  }
}
