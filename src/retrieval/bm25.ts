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

/**
 * An in-memory full-text table that scores exactly like SQLite FTS5's `bm25()` with column
 * weights (same formula, same floating-point operations in the same order, the same IDF floor),
 * for text that is already one term per space-separated token. It replaces an FTS5 table that
 * every message queried twice: the SQL round trips, row objects and auxiliary-function calls cost
 * more than the whole scoring, on a per-message budget of a fraction of a millisecond.
 *
 * Rows are scored over the whole table (IDF and average length count every language, as FTS5
 * did), then filtered by language, ordered by score and id, and cut to `limit`.
 *
 * Rows live in arrays indexed by rowid, and each term's postings in one flat array of (rowid,
 * weighted frequency) pairs in rowid order: a fraction of the memory of a map per term, and a
 * search walks plain arrays.
 */
export class Bm25Table {
  /** By rowid: the row's id (undefined once removed), language and size in tokens (all columns). */
  private readonly rowIds: (string | undefined)[] = [undefined];
  private readonly rowLangs: string[] = [''];
  private readonly rowSizes: number[] = [0];
  private liveRows = 0;
  /** term -> [rowid, weighted frequency, rowid, frequency, ...], rowids ascending. */
  private readonly postings = new Map<string, number[]>();
  private readonly rowsById = new Map<string, number[]>();
  private totalTokens = 0;
  /** Scores of the search running by rowid, whether it touched each row yet, and the rows touched. */
  private scores = new Float64Array(0);
  private seen = new Uint8Array(0);
  private readonly touched: number[] = [];
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
    return this.liveRows;
  }

  /** Adds one row. */
  add(row: Bm25Row): void {
    const rowid = this.rowIds.length;
    let size = 0;
    row.columns.forEach((terms, column) => {
      const weight = this.weights[column] ?? 1;
      size += terms.length;
      for (const term of terms) {
        const list = this.postings.get(term);
        // This row's entry, if any, is the last one: rowids only grow.
        if (!list) this.postings.set(term, [rowid, weight]);
        else if (list[list.length - 2] === rowid) list[list.length - 1] = list[list.length - 1]! + weight;
        else list.push(rowid, weight);
      }
    });
    this.rowIds.push(row.id);
    this.rowLangs.push(row.lang);
    this.rowSizes.push(size);
    this.liveRows += 1;
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
      this.totalTokens -= this.rowSizes[rowid]!;
      this.rowIds[rowid] = undefined;
      this.liveRows -= 1;
    }
    this.rowsById.delete(id);
    this.idfByHits.clear();
    for (const [term, list] of this.postings) {
      let kept = 0;
      for (let i = 0; i < list.length; i += 2) {
        if (this.rowIds[list[i]!] === undefined) continue;
        list[kept] = list[i]!;
        list[kept + 1] = list[i + 1]!;
        kept += 2;
      }
      if (kept === 0) this.postings.delete(term);
      else list.length = kept;
    }
  }

  /**
   * Rows holding any of `terms` (distinct, in query order), best first (ties by id), in `lang`
   * when given; at most `limit`.
   */
  search(terms: readonly string[], lang: string | undefined, limit: number): Bm25Score[] {
    this.accumulate(terms, lang);
    return this.collect(limit);
  }

  /**
   * Per id, the decayed sum of the scores of its best rows among the `limit` best rows
   * (`decay[k]` weighs its k-th best), ids in the order of their best row: exactly what summing
   * `search(terms, lang, limit)` row by row gives. When the rows touched fit in `limit`, no row
   * order is needed: each id keeps its few best scores and only the ids are ordered.
   */
  searchSummed(
    terms: readonly string[],
    lang: string | undefined,
    limit: number,
    decay: readonly number[],
  ): Bm25Score[] {
    this.accumulate(terms, lang);
    const { scores, seen, touched, rowIds } = this;
    const cut = this.markCut(limit);
    const best = new Map<string, number[]>();
    for (const rowid of touched) {
      const id = rowIds[rowid]!;
      const score = scores[rowid]!;
      const kept = seen[rowid] === 1;
      scores[rowid] = 0;
      seen[rowid] = 0;
      if (!kept || score < cut) continue;
      let top = best.get(id);
      if (!top) best.set(id, (top = []));
      // Kept best first, at most one score per weight.
      let k = top.length;
      top.push(score);
      while (k > 0 && top[k - 1]! < score) {
        top[k] = top[k - 1]!;
        k -= 1;
      }
      top[k] = score;
      if (top.length > decay.length) top.length = decay.length;
    }
    touched.length = 0;
    const byId = [...best];
    // An id's first row in `search` order is its best: ids go by best score, then by id.
    byId.sort(([a, x], [b, y]) => y[0]! - x[0]! || (a < b ? -1 : a > b ? 1 : 0));
    return byId.map(([id, top]) => ({ id, score: decayedSum(top, decay) }));
  }

  /**
   * The lowest score among the `limit` best rows touched (0 when they all fit): rows below it are
   * out. Rows scoring exactly that much are in by id, as `collect` orders them; those that are
   * not get `seen` 2. Found by sorting the scores alone, natively, instead of ordering the rows.
   */
  private markCut(limit: number): number {
    const { scores, seen, touched, rowIds } = this;
    if (touched.length <= limit) return 0;
    const sorted = new Float64Array(touched.length);
    for (let i = 0; i < touched.length; i++) sorted[i] = scores[touched[i]!]!;
    sorted.sort();
    const cut = sorted[touched.length - limit]!;
    let room = limit;
    for (const rowid of touched) if (scores[rowid]! > cut) room -= 1;
    const tied = touched.filter((rowid) => scores[rowid] === cut);
    tied.sort((x, y) => (rowIds[x]! < rowIds[y]! ? -1 : rowIds[x]! > rowIds[y]! ? 1 : 0));
    for (let i = room; i < tied.length; i++) seen[tied[i]!] = 2;
    return cut;
  }

  /** Scores every row holding any of `terms` into `scores`, listing the rows in `touched`. */
  private accumulate(terms: readonly string[], lang: string | undefined): void {
    const nRow = this.liveRows;
    if (nRow === 0) return;
    const avgdl = this.totalTokens / nRow;
    if (this.scores.length < this.rowIds.length) {
      this.scores = new Float64Array(this.rowIds.length * 2);
      this.seen = new Uint8Array(this.rowIds.length * 2);
    }
    const { scores, seen, touched, rowLangs, rowSizes } = this;
    // Scores accumulate term by term, in query order: each row's sum runs exactly as FTS5's loop
    // over the query's phrases (a term absent from the row adds nothing there either; a term in
    // no row adds nothing to any score, and FTS5 adds its zero all the same).
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(nRow, list.length / 2);
      for (let i = 0; i < list.length; i += 2) {
        const rowid = list[i]!;
        if (lang !== undefined && rowLangs[rowid] !== lang) continue;
        const freq = list[i + 1]!;
        const lengthNorm = 1 - B + (B * rowSizes[rowid]!) / avgdl;
        if (seen[rowid] === 0) {
          seen[rowid] = 1;
          touched.push(rowid);
        }
        scores[rowid] = scores[rowid]! + idf * ((freq * (K1 + 1.0)) / (freq + K1 * lengthNorm));
      }
    }
  }

  /** The rows `accumulate` touched, best first (ties by id), at most `limit`; resets the scores. */
  private collect(limit: number): Bm25Score[] {
    const { scores, seen, touched, rowIds } = this;
    // Rowids are ordered, not row objects: only the `limit` best become objects.
    touched.sort((x, y) => {
      const byScore = scores[y]! - scores[x]!;
      if (byScore !== 0) return byScore;
      const a = rowIds[x]!;
      const b = rowIds[y]!;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const out: Bm25Score[] = [];
    for (let i = 0; i < touched.length; i++) {
      const rowid = touched[i]!;
      if (i < limit) out.push({ id: rowIds[rowid]!, score: scores[rowid]! });
      scores[rowid] = 0;
      seen[rowid] = 0;
    }
    touched.length = 0;
    return out;
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

/** `decay`-weighted sum of scores given best first. */
function decayedSum(scores: readonly number[], decay: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += scores[i]! * (decay[i] ?? 0);
  return sum;
}
