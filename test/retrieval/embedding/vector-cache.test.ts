import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isHelpdeskError } from '../../../src/errors.js';
import {
  CachedEmbedder,
  EMBEDDING_MIGRATIONS,
  contentHash,
} from '../../../src/retrieval/embedding/vector-cache.js';
import type { Embedder } from '../../../src/retrieval/types.js';
import { type Db, migrate, openDatabase } from '../../../src/storage/db.js';
import { ALL_MIGRATIONS } from '../../../src/storage/migrations.js';
import { tempDir } from '../../support/temp-dir.js';

/** A deterministic fake model that records what it was asked to embed. */
class CountingEmbedder implements Embedder {
  readonly calls: { texts: string[]; kind: 'query' | 'passage' }[] = [];
  constructor(readonly modelId: string) {}

  embedded(): string[] {
    return this.calls.flatMap((c) => c.texts);
  }

  async embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
    this.calls.push({ texts, kind });
    return texts.map((t) =>
      Float32Array.from([t.length, this.modelId.length, kind === 'query' ? 1 : 0, 0.5]),
    );
  }
}

const ARTICLES = [
  'Reset your password in the portal.',
  'Connect to the VPN with the client.',
  'Сброс пароля.',
];

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let db: Db;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('vector-cache'));
  file = path.join(dir, 'helpdesk.db');
  db = openDatabase(file);
  migrate(db, EMBEDDING_MIGRATIONS);
});

afterEach(async () => {
  db.close();
  await cleanup();
});

describe('CachedEmbedder', () => {
  it('is registered in ALL_MIGRATIONS', () => {
    expect(ALL_MIGRATIONS.map((m) => m.id)).toEqual(expect.arrayContaining(['embeddings/001-cache']));
    expect(EMBEDDING_MIGRATIONS.every((m) => m.id.startsWith('embeddings/'))).toBe(true);
  });

  it('re-indexing the same texts makes zero embed calls and returns the same vectors', async () => {
    const model = new CountingEmbedder('model-a');
    const cached = new CachedEmbedder(db, model);
    const first = await cached.embed(ARTICLES, 'passage');
    expect(model.calls).toHaveLength(1);

    const again = await new CachedEmbedder(db, model).embed(ARTICLES, 'passage');
    expect(model.calls).toHaveLength(1);
    expect(again.map((v) => Array.from(v))).toEqual(first.map((v) => Array.from(v)));
  });

  it('embeds only the changed text, and duplicates once', async () => {
    const model = new CountingEmbedder('model-a');
    const cached = new CachedEmbedder(db, model);
    await cached.embed(ARTICLES, 'passage');
    const changed = [ARTICLES[0]!, 'Connect to the VPN with the new client.', ARTICLES[2]!, ARTICLES[2]!];
    const vectors = await cached.embed(changed, 'passage');
    expect(model.calls).toHaveLength(2);
    expect(model.calls[1]!.texts).toEqual(['Connect to the VPN with the new client.']);
    expect(vectors).toHaveLength(4);
    expect(vectors[1]![0]).toBe(changed[1]!.length);
    expect(Array.from(vectors[3]!)).toEqual(Array.from(vectors[2]!));
  });

  it('keeps vectors of different models apart', async () => {
    const a = new CountingEmbedder('model-a');
    const b = new CountingEmbedder('model-bb');
    const [fromA] = await new CachedEmbedder(db, a).embed([ARTICLES[0]!], 'passage');
    const [fromB] = await new CachedEmbedder(db, b).embed([ARTICLES[0]!], 'passage');
    expect(b.embedded()).toEqual([ARTICLES[0]]);
    expect(fromA![1]).toBe('model-a'.length);
    expect(fromB![1]).toBe('model-bb'.length);
    const rows = db.prepare('SELECT model, hash FROM embedding_cache ORDER BY model').all();
    expect(rows).toEqual([
      { model: 'model-a', hash: contentHash(ARTICLES[0]!) },
      { model: 'model-bb', hash: contentHash(ARTICLES[0]!) },
    ]);
  });

  it('survives closing and reopening the database file', async () => {
    const model = new CountingEmbedder('model-a');
    const before = await new CachedEmbedder(db, model).embed(ARTICLES, 'passage');
    db.close();

    db = openDatabase(file);
    expect(migrate(db, EMBEDDING_MIGRATIONS)).toEqual([]);
    const after = await new CachedEmbedder(db, model).embed(ARTICLES, 'passage');
    expect(model.calls).toHaveLength(1);
    expect(after.map((v) => Array.from(v))).toEqual(before.map((v) => Array.from(v)));
    expect(after[0]).toBeInstanceOf(Float32Array);
  });

  it('prunes the vectors not asked for since it was made, and those of other models', async () => {
    const model = new CountingEmbedder('model-a');
    await new CachedEmbedder(db, model).embed(ARTICLES, 'passage');
    await new CachedEmbedder(db, new CountingEmbedder('model-b')).embed(ARTICLES, 'passage');
    const fresh = new CachedEmbedder(db, model);
    await fresh.embed([ARTICLES[0]!, ARTICLES[0]!], 'passage');
    await fresh.embed(['query text'], 'query');
    expect(fresh.pruneUnused()).toBe(5);
    const rows = db.prepare('SELECT model, hash FROM embedding_cache').all();
    expect(rows).toEqual([{ model: 'model-a', hash: contentHash(ARTICLES[0]!) }]);
    expect(fresh.pruneUnused()).toBe(0);
    // Pruned texts are embedded again when they come back; the kept one is not.
    const again = new CountingEmbedder('model-a');
    await new CachedEmbedder(db, again).embed(ARTICLES, 'passage');
    expect(again.embedded()).toEqual([ARTICLES[1], ARTICLES[2]]);
  });

  it('does not persist queries but remembers recent ones in memory', async () => {
    const model = new CountingEmbedder('model-a');
    const cached = new CachedEmbedder(db, model, 2);
    await cached.embed(['vpn slow'], 'query');
    await cached.embed(['vpn slow'], 'query');
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]!.kind).toBe('query');
    expect(db.prepare('SELECT COUNT(*) AS n FROM embedding_cache').get()).toEqual({ n: 0 });

    await cached.embed(['printer', 'wifi'], 'query'); // evicts "vpn slow"
    await cached.embed(['vpn slow'], 'query');
    expect(model.embedded()).toEqual(['vpn slow', 'printer', 'wifi', 'vpn slow']);
  });

  it('rejects a model that returns the wrong number of vectors', async () => {
    const broken: Embedder = { modelId: 'broken', embed: async () => [] };
    const error: unknown = await new CachedEmbedder(db, broken)
      .embed(['x'], 'passage')
      .catch((e: unknown) => e);
    expect(isHelpdeskError(error, ErrorCodes.EMBEDDING_FAILED)).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM embedding_cache').get()).toEqual({ n: 0 });
  });

  it('explains a missing table', () => {
    const bare = openDatabase(':memory:');
    try {
      expect(() => new CachedEmbedder(bare, new CountingEmbedder('m'))).toThrow(/EMBEDDING_MIGRATIONS/);
    } finally {
      bare.close();
    }
  });
});
