import type { Db, Migration } from '../storage/db.js';
import type { IntentModelCache, IntentModelSnapshot } from './intent-model.js';

/** The table of trained intent classifiers, by the hash of what they were trained on. */
export const INTENT_CACHE_MIGRATIONS: Migration[] = [
  {
    id: 'intent/001-models',
    up: `
      CREATE TABLE intent_models (
        key TEXT PRIMARY KEY,
        labels TEXT NOT NULL,
        features TEXT NOT NULL,
        weights BLOB NOT NULL,
        bias BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];

interface Row {
  labels: string;
  features: string;
  weights: Buffer;
  bias: Buffer;
}

/** A float array over a copy of the stored bytes (a row's buffer may not be 4-byte aligned). */
function floats(bytes: Buffer): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}

/**
 * `IntentModelCache` in the bot's database. It keeps the model of the knowledge base it serves:
 * storing a new one drops the others, so edits do not pile models up.
 */
export function sqliteIntentCache(db: Db, now: () => Date = () => new Date()): IntentModelCache {
  return {
    get(key) {
      const row = db
        .prepare('SELECT labels, features, weights, bias FROM intent_models WHERE key = ?')
        .get(key) as Row | undefined;
      if (!row) return undefined;
      return {
        labels: JSON.parse(row.labels) as string[],
        features: JSON.parse(row.features) as string[],
        weights: floats(row.weights),
        bias: floats(row.bias),
      } satisfies IntentModelSnapshot;
    },
    put(key, s) {
      db.transaction(() => {
        db.prepare('DELETE FROM intent_models WHERE key <> ?').run(key);
        db.prepare(
          `INSERT OR REPLACE INTO intent_models (key, labels, features, weights, bias, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(
          key,
          JSON.stringify(s.labels),
          JSON.stringify(s.features),
          Buffer.from(s.weights.buffer, s.weights.byteOffset, s.weights.byteLength),
          Buffer.from(s.bias.buffer, s.bias.byteOffset, s.bias.byteLength),
          now().toISOString(),
        );
      })();
    },
  };
}
