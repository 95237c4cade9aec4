import type { Lang } from '../config.js';
import type { Article } from '../kb/types.js';
import { analyzeDocument } from '../text/analyze.js';
import { openDatabase } from '../storage/db.js';
import { Bm25Table, sqliteLn } from './bm25.js';
import type { TermStats } from './scoring.js';

/**
 * Field weights of the article-level BM25 (as FTS5 `bm25()` column weights): a word in the title or
 * in a phrasing users type says more about the article than one deep in its body.
 */
export const FIELD_WEIGHTS = { title: 4, tags: 2, questions: 3, headings: 2, body: 1 } as const;

/** Per-article term statistics kept in memory for coverage scoring and section choice. */
export interface ArticleTerms {
  articleId: string;
  lang: Lang;
  /** Every term of the article, any field. */
  all: Set<string>;
  /**
   * Distinct terms of the title and of each `questions` entry, one list each, in first-occurrence
   * order, as the index's term ids (`termIdOf`): every message walks them for its Dice overlap.
   */
  phrasings: number[][];
  /** Indexes into `phrasings` of the phrasings holding each term. */
  phrasingsWith: Map<string, number[]>;
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

/** Share of articles above which a term is left out of the FTS5 match (see `search`). */
const COMMON_TERM_SHARE = 0.25;
/** ...and only once it is in this many articles: small indexes have short postings anyway. */
const COMMON_TERM_MIN_ARTICLES = 300;

/**
 * Weights of an article's four best matching phrasings: several phrasings of one article matching
 * a message is stronger evidence than a single lucky one (a soft k-NN vote).
 */
export const PHRASING_DECAY = [1, 0.7, 0.5, 0.3];

/**
 * BM25 index over pre-analysed (stemmed, synonym-expanded) article text, scored exactly as the
 * SQLite FTS5 tables it replaces (see `Bm25Table`). Two views of the same articles: one row per
 * article with weighted fields, and one row per phrasing (title and each question) so that a
 * message close to one typed phrasing scores even in a long article.
 */
export class KeywordIndex implements TermStats {
  private readonly terms = new Map<string, ArticleTerms>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly ln = sqliteLn(openDatabase(':memory:'));
  private readonly articleTable = new Bm25Table(
    [
      FIELD_WEIGHTS.title,
      FIELD_WEIGHTS.tags,
      FIELD_WEIGHTS.questions,
      FIELD_WEIGHTS.headings,
      FIELD_WEIGHTS.body,
    ],
    this.ln,
  );
  private readonly phrasingTable = new Bm25Table([1], this.ln);
  /** IDF by term, valid until the next change of the articles (it depends on all of them). */
  private readonly idfCache = new Map<string, number>();
  /** IDF mass of each phrasing by article, valid as long as `idfCache`. */
  private readonly massCache = new Map<string, number[]>();
  /**
   * Ids of the terms phrasings use, and their texts by id. Ids are never taken back: they are
   * bounded by the words the phrasings have ever used.
   */
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];

  /** Number of articles indexed. */
  get size(): number {
    return this.terms.size;
  }

  /** Rows of both views: one per article, one per phrasing (title or question with terms). */
  get rowCounts(): { articles: number; phrasings: number } {
    return { articles: this.articleTable.size, phrasings: this.phrasingTable.size };
  }

  /** Adds or replaces one article (all its rows). */
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

    this.deleteRows(article.id);
    this.articleTable.add({
      id: article.id,
      lang: article.lang,
      columns: [titleTerms, tagTerms, questionTerms.flat(), headingTerms, bodyTerms],
    });
    for (const terms of [titleTerms, ...questionTerms]) {
      if (terms.length === 0) continue;
      this.phrasingTable.add({ id: article.id, lang: article.lang, columns: [terms] });
    }

    this.forgetTerms(article.id);
    const all = new Set([...titleTerms, ...tagTerms, ...questionTerms.flat(), ...headingTerms, ...bodyTerms]);
    const distinct = [titleTerms, ...questionTerms].filter((t) => t.length > 0).map((t) => [...new Set(t)]);
    const phrasingsWith = new Map<string, number[]>();
    distinct.forEach((phrasing, i) => {
      for (const term of phrasing) phrasingsWith.set(term, [...(phrasingsWith.get(term) ?? []), i]);
    });
    const phrasings = distinct.map((phrasing) => phrasing.map((term) => this.idOf(term)));
    this.terms.set(article.id, {
      articleId: article.id,
      lang: article.lang,
      all,
      phrasings,
      phrasingsWith,
      sections: sectionTerms.map((s) => ({
        sectionId: s.sectionId,
        heading: new Set(s.heading),
        body: new Set(s.body),
      })),
    });
    for (const term of all) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    this.forgetIdf();
  }

  /** Removes an article (e.g. its file was deleted). */
  remove(articleId: string): void {
    this.deleteRows(articleId);
    this.forgetTerms(articleId);
    this.forgetIdf();
  }

  /**
   * IDF mass of each phrasing of an article (the sum over its terms, in order), which Dice
   * divides by; kept until the next edit.
   */
  phrasingMassesOf(terms: ArticleTerms): readonly number[] {
    let masses = this.massCache.get(terms.articleId);
    if (!masses) {
      masses = terms.phrasings.map((phrasing) => {
        let mass = 0;
        for (const id of phrasing) mass += this.idf(this.termNames[id]!);
        return mass;
      });
      this.massCache.set(terms.articleId, masses);
    }
    return masses;
  }

  /** The id of a term some phrasing uses (see `ArticleTerms.phrasings`), else undefined. */
  termIdOf(term: string): number | undefined {
    return this.termIds.get(term);
  }

  private idOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
    }
    return id;
  }

  /** In-memory terms of an article, for coverage and section choice. */
  termsOf(articleId: string): ArticleTerms | undefined {
    return this.terms.get(articleId);
  }

  /**
   * Smoothed inverse document frequency over articles; unknown terms get the highest value.
   * Cached: scoring asks for it for every term of every candidate's phrasings.
   */
  idf(term: string): number {
    let value = this.idfCache.get(term);
    if (value === undefined) {
      const n = this.terms.size;
      const df = this.documentFrequency.get(term) ?? 0;
      value = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      if (this.idfCache.size > 100_000) this.idfCache.clear();
      this.idfCache.set(term, value);
    }
    return value;
  }

  /**
   * Articles that share terms with the query, best first, with both BM25 views. Ties are broken by
   * article id, not insertion order: the same knowledge base must rank the same whether it was
   * built fresh or edited in place.
   */
  search(queryTerms: string[], lang: Lang | undefined, limit = 30): KeywordHit[] {
    const valid = [...new Set(queryTerms)].filter((t) => /^[\p{L}\p{N}_]+$/u.test(t));
    // Terms found in most articles barely move BM25 but walk huge postings lists; they still
    // count in coverage scoring, which reads the in-memory term sets.
    const common = Math.max(COMMON_TERM_MIN_ARTICLES, COMMON_TERM_SHARE * this.terms.size);
    const selective = valid.filter((t) => (this.documentFrequency.get(t) ?? 0) <= common);
    const unique = selective.length > 0 ? selective : valid;
    if (unique.length === 0) return [];
    const articleRows = this.articleTable.search(unique, lang, limit);
    const phrasingRows = this.phrasingTable.searchSummed(unique, lang, limit * 10, PHRASING_DECAY);

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

  /** Every IDF depends on every article: an edit voids them all. */
  private forgetIdf(): void {
    this.idfCache.clear();
    this.massCache.clear();
  }

  private deleteRows(articleId: string): void {
    this.articleTable.remove(articleId);
    this.phrasingTable.remove(articleId);
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
