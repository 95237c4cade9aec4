import type { Db } from '../storage/db.js';

/** FTS5's `bm25()` constants. */
const K1 = 1.2;
const B = 0.75;

/** One row of a `Bm25Table`: whose it is, and its already-analysed terms by column. */
export interface Bm25Row {
  /** The article the row belongs to (several rows may share it). */
  id: string;
  lang: string;
  /** Terms of each column, in the order of the table's column weights. */
  columns: readonly (readonly string[])[];
}

/** A row's score for one query. */
export interface Bm25Score {
  id: string;
  score: number;
}

interface StoredRow {
  id: string;
  lang: string;
  /** Tokens in all columns (FTS5's `xColumnSize(-1)`). */
  size: number;
}

/**
 * An in-memory full-text table that scores exactly like SQLite FTS5's `bm25()` with column
 * weights (same formula, same floating-point operations in the same order, the same IDF floor),
 * for text that is already one term per space-separated token. It replaces an FTS5 table that
 * every message queried twice: the SQL round trips, row objects and auxiliary-function calls cost
 * more than the whole scoring, on a per-message budget of a fraction of a millisecond.
 *
 * Rows are scored over the whole table (IDF and average length count every language, as FTS5
 * did), then filtered by language, ordered by score and id, and cut to `limit`.
 */
export class Bm25Table {
  private readonly rows = new Map<number, StoredRow>();
  /** term -> rowid -> weighted frequency (each occurrence counts its column's weight). */
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly rowsById = new Map<string, number[]>();
  private totalTokens = 0;
  private nextRowid = 1;
  /** IDF by number of rows holding the term, for the current rows. */
  private readonly idfByHits = new Map<number, number>();

  /**
   * `weights`: of the columns, as given to FTS5's `bm25()`. `ln`: the natural logarithm of the C
   * library, which FTS5 uses for the IDF; V8's `Math.log` differs from it in the last bit for
   * some 7% of arguments (see `sqliteLn`), and a ranking must not change with the engine.
   */
  constructor(
    private readonly weights: readonly number[],
    private readonly ln: (x: number) => number,
  ) {}

  /** Number of rows. */
  get size(): number {
    return this.rows.size;
  }

  /** Adds one row. */
  add(row: Bm25Row): void {
    const rowid = this.nextRowid++;
    let size = 0;
    row.columns.forEach((terms, column) => {
      const weight = this.weights[column] ?? 1;
      size += terms.length;
      for (const term of terms) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = new Map()));
        list.set(rowid, (list.get(rowid) ?? 0) + weight);
      }
    });
    this.rows.set(rowid, { id: row.id, lang: row.lang, size });
    this.totalTokens += size;
    this.idfByHits.clear();
    const ofId = this.rowsById.get(row.id);
    if (ofId) ofId.push(rowid);
    else this.rowsById.set(row.id, [rowid]);
  }

  /** Removes every row of `id`. */
  remove(id: string): void {
    const rowids = this.rowsById.get(id);
    if (!rowids) return;
    for (const rowid of rowids) {
      const row = this.rows.get(rowid)!;
      this.totalTokens -= row.size;
      this.rows.delete(rowid);
    }
    this.rowsById.delete(id);
    this.idfByHits.clear();
    for (const [term, list] of this.postings) {
      for (const rowid of list.keys()) if (!this.rows.has(rowid)) list.delete(rowid);
      if (list.size === 0) this.postings.delete(term);
    }
  }

  /**
   * Rows holding any of `terms` (distinct, in query order), best first (ties by id), in `lang`
   * when given; at most `limit`.
   */
  search(terms: readonly string[], lang: string | undefined, limit: number): Bm25Score[] {
    const nRow = this.rows.size;
    if (nRow === 0) return [];
    const avgdl = this.totalTokens / nRow;
    const lists: Map<number, number>[] = [];
    const idfs: number[] = [];
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      // A term in no row adds nothing to any score; FTS5 adds its zero all the same.
      lists.push(list);
      idfs.push(this.idf(nRow, list.size));
    }
    // Scores accumulate term by term, in query order: each row's sum runs exactly as FTS5's loop
    // over the query's phrases (a term absent from the row adds nothing there either).
    const scores = new Map<number, number>();
    for (let i = 0; i < lists.length; i++) {
      const idf = idfs[i]!;
      for (const [rowid, freq] of lists[i]!) {
        const row = this.rows.get(rowid)!;
        if (lang !== undefined && row.lang !== lang) continue;
        const lengthNorm = 1 - B + (B * row.size) / avgdl;
        scores.set(rowid, (scores.get(rowid) ?? 0) + idf * ((freq * (K1 + 1.0)) / (freq + K1 * lengthNorm)));
      }
    }
    const out: Bm25Score[] = [];
    for (const [rowid, score] of scores) out.push({ id: this.rows.get(rowid)!.id, score });
    out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out.length > limit ? out.slice(0, limit) : out;
  }

  /** FTS5's IDF: log((N - n + 0.5) / (n + 0.5)), floored at 1e-6 so that it never goes negative. */
  private idf(nRow: number, nHit: number): number {
    let idf = this.idfByHits.get(nHit);
    if (idf === undefined) {
      idf = this.ln((nRow - nHit + 0.5) / (nHit + 0.5));
      if (idf <= 0) idf = 1e-6;
      this.idfByHits.set(nHit, idf);
    }
    return idf;
  }
}

/**
 * The C library's natural logarithm, through SQLite's `ln()` (SQLite is loaded anyway): what FTS5
 * computed its IDF with. Called once per distinct document frequency, then cached by the table.
 */
export function sqliteLn(db: Db): (x: number) => number {
  const statement = db.prepare('SELECT ln(?) AS v');
  return (x) => (statement.get(x) as { v: number }).v;
}
