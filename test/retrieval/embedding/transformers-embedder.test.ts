import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isHelpdeskError } from '../../../src/errors.js';
import {
  TransformersEmbedder,
  inputPrefix,
  usesE5Prefixes,
} from '../../../src/retrieval/embedding/transformers-embedder.js';
import { TINY_HIDDEN_SIZE, TINY_MAX_TOKENS, createTinyModel } from '../../support/tiny-model.js';
import { cosine, norm } from './helpers.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
let modelsDir: string;
let plain: TransformersEmbedder;
let e5: TransformersEmbedder;
const fetchSpy = vi.fn(() => Promise.reject(new Error('network access attempted')));

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('embedder'));
  env.fetch = fetchSpy;
  ({ modelsDir } = await createTinyModel(dir, 'test/tiny-bert'));
  await createTinyModel(dir, 'test/tiny-e5');
  plain = await TransformersEmbedder.load({ modelName: 'test/tiny-bert', modelsDir });
  e5 = await TransformersEmbedder.load({ modelName: 'test/tiny-e5', modelsDir });
});

afterAll(async () => {
  await plain?.dispose();
  await e5?.dispose();
  await cleanup();
  expect(fetchSpy).not.toHaveBeenCalled();
});

describe('createTinyModel', () => {
  it('is deterministic', async () => {
    const other = await tempDir('tiny-again');
    try {
      const again = await createTinyModel(other.dir, 'test/tiny-bert');
      for (const file of ['onnx/model.onnx', 'tokenizer.json', 'config.json']) {
        const a = await readFile(path.join(modelsDir, 'test/tiny-bert', file));
        const b = await readFile(path.join(again.modelsDir, 'test/tiny-bert', file));
        expect(a.equals(b), file).toBe(true);
      }
    } finally {
      await other.cleanup();
    }
  });
});

describe('TransformersEmbedder on the tiny model', () => {
  it('loads model.onnx as fp32 and names the variant and the files in modelId', () => {
    expect(plain.modelId).toMatch(/^test\/tiny-bert:fp32:[0-9a-f]{16}$/);
    expect(plain.maxTokens).toBe(TINY_MAX_TOKENS);
  });

  it('gives a model replaced under the same name another modelId, so cached vectors are not reused', async () => {
    const other = await tempDir('replaced');
    try {
      const tiny = await createTinyModel(other.dir, 'test/tiny-bert');
      const first = await TransformersEmbedder.load(tiny);
      // same bytes in another folder: same id
      expect(first.modelId).toBe(plain.modelId);
      await first.dispose();
      const configFile = path.join(tiny.modelsDir, 'test/tiny-bert/config.json');
      const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
      await writeFile(configFile, JSON.stringify({ ...config, retrained: '2026-11' }));
      const replaced = await TransformersEmbedder.load(tiny);
      expect(replaced.modelId).toMatch(/^test\/tiny-bert:fp32:/);
      expect(replaced.modelId).not.toBe(plain.modelId);
      await replaced.dispose();
    } finally {
      await other.cleanup();
    }
  });

  it('returns one unit-length vector of the hidden size per text', async () => {
    const vectors = await plain.embed(['How do I reset my password?', 'Как сбросить пароль?', ''], 'passage');
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(TINY_HIDDEN_SIZE);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(await plain.embed([], 'passage')).toEqual([]);
  });

  it('gives the same text the same vector', async () => {
    const [a, b] = await plain.embed(['VPN is slow today', 'VPN is slow today'], 'query');
    const [c] = await plain.embed(['VPN is slow today'], 'query');
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(Array.from(a!)).toEqual(Array.from(c!));
  });

  it('puts a related text closer than an unrelated one', async () => {
    const [query, related, unrelated] = await plain.embed(
      ['How do I reset my password?', 'Password reset: step by step guide', 'The printer is out of paper'],
      'passage',
    );
    expect(cosine(query!, related!)).toBeGreaterThan(cosine(query!, unrelated!) + 0.2);

    const [ru, ruRelated, ruUnrelated] = await plain.embed(
      ['Забыл пароль, как сбросить?', 'Сброс пароля: инструкция', 'Принтер не печатает'],
      'passage',
    );
    expect(cosine(ru!, ruRelated!)).toBeGreaterThan(cosine(ru!, ruUnrelated!) + 0.2);
  });

  it('batches without changing the vectors', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `ticket ${i}: ${'printer '.repeat(i % 5)}password`);
    const small = await TransformersEmbedder.load({ modelName: 'test/tiny-bert', modelsDir, batchSize: 8 });
    try {
      const batched = await small.embed(texts, 'passage');
      const single = await Promise.all(
        texts.slice(0, 10).map(async (t) => (await plain.embed([t], 'passage'))[0]!),
      );
      expect(batched).toHaveLength(70);
      single.forEach((v, i) => expect(cosine(v, batched[i]!)).toBeCloseTo(1, 5));
    } finally {
      await small.dispose();
    }
  });

  it('truncates passages to the model maximum', async () => {
    const head = 'password reset '.repeat(TINY_MAX_TOKENS);
    const [a, b] = await plain.embed([head, `${head} printer paper scanner`], 'passage');
    expect(Array.from(a!)).toEqual(Array.from(b!));
    const [huge] = await plain.embed(['word '.repeat(200_000)], 'passage');
    expect(norm(huge!)).toBeCloseTo(1, 5);
  });
});

describe('E5 prefix rule', () => {
  it('applies to model ids with an "e5" part only', () => {
    expect(usesE5Prefixes('Xenova/multilingual-e5-small')).toBe(true);
    expect(usesE5Prefixes('intfloat/e5-base-v2')).toBe(true);
    expect(usesE5Prefixes('test/tiny-e5')).toBe(true);
    expect(usesE5Prefixes('Xenova/all-MiniLM-L6-v2')).toBe(false);
    expect(usesE5Prefixes('vendor/dense5-model')).toBe(false);
    expect(inputPrefix('Xenova/multilingual-e5-small', 'query')).toBe('query: ');
    expect(inputPrefix('Xenova/multilingual-e5-small', 'passage')).toBe('passage: ');
    expect(inputPrefix('Xenova/all-MiniLM-L6-v2', 'query')).toBe('');
  });

  it('prefixes queries and passages for E5 models and not for others', async () => {
    const text = 'reset my password';
    const [e5Query] = await e5.embed([text], 'query');
    const [e5Passage] = await e5.embed([text], 'passage');
    const [plainQuery] = await plain.embed([text], 'query');
    const [plainPassage] = await plain.embed([text], 'passage');
    const [prefixedQuery, prefixedPassage] = await plain.embed(
      [`query: ${text}`, `passage: ${text}`],
      'query',
    );
    // Both tiny models have identical weights, so only the prefix can make a difference.
    expect(Array.from(e5Query!)).toEqual(Array.from(prefixedQuery!));
    expect(Array.from(e5Passage!)).toEqual(Array.from(prefixedPassage!));
    expect(Array.from(plainQuery!)).toEqual(Array.from(plainPassage!));
    expect(cosine(e5Query!, e5Passage!)).toBeLessThan(0.9999);
  });
});

describe('model files and dtype', () => {
  it('picks model_quantized.onnx (q8) when it is the only weights file', async () => {
    const other = await tempDir('q8');
    try {
      const tiny = await createTinyModel(other.dir, 'test/tiny-q8');
      const onnxDir = path.join(tiny.modelsDir, 'test/tiny-q8/onnx');
      await rename(path.join(onnxDir, 'model.onnx'), path.join(onnxDir, 'model_quantized.onnx'));
      const q8 = await TransformersEmbedder.load({ modelName: 'test/tiny-q8', modelsDir: tiny.modelsDir });
      expect(q8.modelId).toMatch(/^test\/tiny-q8:q8:[0-9a-f]{16}$/);
      expect(await q8.embed(['hello'], 'query')).toHaveLength(1);
      await q8.dispose();

      const explicit = TransformersEmbedder.load({
        modelName: 'test/tiny-q8',
        modelsDir: tiny.modelsDir,
        dtype: 'fp32',
      });
      await expect(explicit).rejects.toThrow(/missing onnx\/model\.onnx in /);
    } finally {
      await other.cleanup();
    }
  });

  it('falls back to max_position_embeddings when the tokenizer declares no maximum', async () => {
    const other = await tempDir('no-max');
    try {
      const tiny = await createTinyModel(other.dir, 'test/no-max');
      const configFile = path.join(tiny.modelsDir, 'test/no-max/tokenizer_config.json');
      const { model_max_length: _dropped, ...rest } = JSON.parse(
        await readFile(configFile, 'utf8'),
      ) as Record<string, unknown>;
      await writeFile(configFile, JSON.stringify(rest));
      const embedder = await TransformersEmbedder.load({
        modelName: 'test/no-max',
        modelsDir: tiny.modelsDir,
      });
      expect(embedder.maxTokens).toBe(TINY_MAX_TOKENS);
      const head = 'password reset '.repeat(TINY_MAX_TOKENS);
      const [a, b] = await embedder.embed([head, `${head} printer`], 'passage');
      expect(Array.from(a!)).toEqual(Array.from(b!));
      await embedder.dispose();
    } finally {
      await other.cleanup();
    }
  });

  it('also finds the model in the library cache folder', async () => {
    const empty = await tempDir('empty-models');
    const cache = await tempDir('cache');
    try {
      const tiny = await createTinyModel(cache.dir, 'test/cached');
      const cached = await TransformersEmbedder.load({
        modelName: 'test/cached',
        modelsDir: empty.dir,
        cacheDir: tiny.modelsDir,
      });
      expect(await cached.embed(['hello'], 'query')).toHaveLength(1);
      await cached.dispose();
    } finally {
      await empty.cleanup();
      await cache.cleanup();
    }
  });

  it('names the folder and every missing file', async () => {
    const empty = await tempDir('missing');
    try {
      const error: unknown = await TransformersEmbedder.load({
        modelName: 'Xenova/multilingual-e5-small',
        modelsDir: empty.dir,
      }).catch((e: unknown) => e);
      expect(isHelpdeskError(error, 'EMBEDDINGS_UNAVAILABLE')).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain(path.join(empty.dir, 'Xenova', 'multilingual-e5-small'));
      for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
        expect(message).toContain(file);
      }
      expect(message).toContain('EMBEDDINGS=off');
    } finally {
      await empty.cleanup();
    }
  });
});
