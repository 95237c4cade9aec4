import { createHash } from 'node:crypto';
import { ErrorCodes, HelpdeskError, errorMessage } from '../../errors.js';
import type { Db, Migration } from '../../storage/db.js';
import type { Embedder } from '../types.js';

/**
 * Passage vectors keyed by (model id, sha256 of the text) in SQLite, so that re-indexing an
 * unchanged knowledge base, or restarting the bot, costs no model time at all.
 */
export const EMBEDDING_MIGRATIONS: Migration[] = [
  {
    id: 'embeddings/001-cache',
    up: `CREATE TABLE embedding_cache (
      model TEXT NOT NULL,
      hash TEXT NOT NULL,
      dims INTEGER NOT NULL,
      vector BLOB NOT NULL,
      PRIMARY KEY (model, hash)
    ) WITHOUT ROWID`,
  },
];

/** Cache key of a passage: hex sha256 of its exact text (the model's prefix is not included). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const DEFAULT_QUERY_CACHE_SIZE = 256;

function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** Copies (SQLite buffers need not be 4-byte aligned); `undefined` when the row is inconsistent. */
function fromBlob(blob: Buffer, dims: number): Float32Array | undefined {
  if (blob.byteLength !== dims * 4) return undefined;
  return new Float32Array(new Uint8Array(blob).buffer);
}

/**
 * Wraps an `Embedder`: passages are looked up in `embedding_cache` and only the missing ones are
 * sent to the model (each distinct text once), then stored. Queries are not persisted (they are
 * rarely repeated across restarts) but the last few hundred are kept in memory, since a
 * conversation often re-asks the same text. Needs `EMBEDDING_MIGRATIONS` applied.
 */
export class CachedEmbedder implements Embedder {
  readonly modelId: string;
  private readonly select;
  private readonly insert;
  private readonly queries = new Map<string, Float32Array>();
  /** Hashes of every passage asked for since this wrapper was made: what `pruneUnused` keeps. */
  private readonly used = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly inner: Embedder,
    private readonly queryCacheSize: number = DEFAULT_QUERY_CACHE_SIZE,
  ) {
    this.modelId = inner.modelId;
    try {
      this.select = db.prepare<[string, string], { dims: number; vector: Buffer }>(
        'SELECT dims, vector FROM embedding_cache WHERE model = ? AND hash = ?',
      );
      this.insert = db.prepare<[string, string, number, Buffer]>(
        'INSERT OR REPLACE INTO embedding_cache (model, hash, dims, vector) VALUES (?, ?, ?, ?)',
      );
    } catch (error) {
      throw new HelpdeskError(
        ErrorCodes.STORAGE_FAILED,
        `Embedding cache unavailable (were EMBEDDING_MIGRATIONS applied?): ${errorMessage(error)}`,
        { cause: error },
      );
    }
  }

  async embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
    return kind === 'query' ? this.embedQueries(texts) : this.embedPassages(texts);
  }

  private async embedPassages(texts: string[]): Promise<Float32Array[]> {
    const hashes = texts.map(contentHash);
    const found = new Map<string, Float32Array>();
    const missing = new Map<string, string>(); // hash → text, each distinct text once
    hashes.forEach((hash, i) => {
      this.used.add(hash);
      if (found.has(hash) || missing.has(hash)) return;
      const row = this.select.get(this.modelId, hash);
      const vector = row && fromBlob(row.vector, row.dims);
      if (vector) found.set(hash, vector);
      else missing.set(hash, texts[i] ?? '');
    });

    if (missing.size > 0) {
      const fresh = await this.embedChecked([...missing.values()], 'passage');
      const store = this.db.transaction((entries: [string, Float32Array][]) => {
        for (const [hash, vector] of entries)
          this.insert.run(this.modelId, hash, vector.length, toBlob(vector));
      });
      const entries = [...missing.keys()].map((hash, i): [string, Float32Array] => [hash, fresh[i]!]);
      store(entries);
      for (const [hash, vector] of entries) found.set(hash, vector);
    }
    return hashes.map((hash) => found.get(hash)!);
  }

  /**
   * Deletes the vectors nobody asked for since this wrapper was made: texts edited away or
   * removed from the knowledge base, and every vector of another model (a replaced model never
   * comes back under the same id). Called by the bot once its start-up index is built, so the
   * cache holds the knowledge base it serves, not every version it ever served. Returns how many
   * vectors were deleted.
   */
  pruneUnused(): number {
    const prune = this.db.transaction((keep: string[]) => {
      this.db.exec('CREATE TEMP TABLE IF NOT EXISTS embedding_keep (hash TEXT PRIMARY KEY) WITHOUT ROWID');
      this.db.exec('DELETE FROM embedding_keep');
      const add = this.db.prepare<[string]>('INSERT OR IGNORE INTO embedding_keep (hash) VALUES (?)');
      for (const hash of keep) add.run(hash);
      const { changes } = this.db
        .prepare<[string]>(
          'DELETE FROM embedding_cache WHERE model <> ? OR hash NOT IN (SELECT hash FROM embedding_keep)',
        )
        .run(this.modelId);
      this.db.exec('DROP TABLE embedding_keep');
      return changes;
    });
    return prune([...this.used]);
  }

  private async embedQueries(texts: string[]): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.queries.has(t)))];
    if (missing.length > 0) {
      const fresh = await this.embedChecked(missing, 'query');
      missing.forEach((text, i) => this.queries.set(text, fresh[i]!));
    }
    const result = texts.map((text) => {
      const vector = this.queries.get(text)!;
      this.queries.delete(text); // re-insert: Map order is the LRU order
      this.queries.set(text, vector);
      return vector;
    });
    while (this.queries.size > this.queryCacheSize) {
      const oldest = this.queries.keys().next().value;
      if (oldest === undefined) break;
      this.queries.delete(oldest);
    }
    return result;
  }

  private async embedChecked(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
    const vectors = await this.inner.embed(texts, kind);
    if (vectors.length !== texts.length) {
      throw new HelpdeskError(
        ErrorCodes.EMBEDDING_FAILED,
        `Embedder ${this.modelId} returned ${vectors.length} vectors for ${texts.length} texts`,
      );
    }
    return vectors;
  }
}
