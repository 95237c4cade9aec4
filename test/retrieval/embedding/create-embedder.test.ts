import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../../src/config.js';
import { ErrorCodes, isHelpdeskError } from '../../../src/errors.js';
import { createEmbedder } from '../../../src/retrieval/embedding/create-embedder.js';
import { TransformersEmbedder } from '../../../src/retrieval/embedding/transformers-embedder.js';
import { TINY_HIDDEN_SIZE, createTinyModel } from '../../support/tiny-model.js';
import { DEFAULT_DENSE_FUSION } from '../../../src/retrieval/fusion.js';
import { WARN, capturingLogger } from './helpers.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
let emptyModelsDir: string;
const fetchSpy = vi.fn(() => Promise.reject(new Error('network access attempted')));

function cfg(mode: Config['embeddings']['mode'], model: string, modelsDir: string): Config['embeddings'] {
  return { mode, model, modelsDir, dtype: 'auto', fusion: DEFAULT_DENSE_FUSION };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('create-embedder'));
  emptyModelsDir = path.join(dir, 'no-models');
  env.fetch = fetchSpy;
});

afterAll(async () => {
  await cleanup();
  // Whatever happened above, nothing may have been downloaded.
  expect(fetchSpy).not.toHaveBeenCalled();
});

describe('createEmbedder', () => {
  it('off: returns undefined without trying to load', async () => {
    const load = vi.spyOn(TransformersEmbedder, 'load');
    const { logger, lines } = capturingLogger();
    try {
      expect(
        await createEmbedder(cfg('off', 'Xenova/multilingual-e5-small', emptyModelsDir), logger),
      ).toBeUndefined();
      expect(load).not.toHaveBeenCalled();
      expect(lines.filter((l) => l.level >= WARN)).toHaveLength(0);
    } finally {
      load.mockRestore();
    }
  });

  it('auto with a missing model: one warning naming folder, files and fix, then undefined', async () => {
    const { logger, lines } = capturingLogger();
    const embedder = await createEmbedder(
      cfg('auto', 'Xenova/multilingual-e5-small', emptyModelsDir),
      logger,
    );
    expect(embedder).toBeUndefined();
    const warnings = lines.filter((l) => l.level >= WARN);
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    const folder = path.join(emptyModelsDir, 'Xenova', 'multilingual-e5-small');
    expect(warning!.msg).toContain(folder);
    expect(warning!.msg).toContain('onnx/model.onnx');
    expect(warning!.msg).toContain('tokenizer.json');
    expect(warning!.msg).toContain('EMBEDDINGS=off');
    expect(warning!.msg).toContain('keyword search only');
    expect(warning!.folder).toBe(folder);
    expect(warning!.missing).toEqual(expect.arrayContaining(['config.json', 'tokenizer_config.json']));
  });

  it('required with a missing model: throws EMBEDDINGS_UNAVAILABLE', async () => {
    const { logger } = capturingLogger();
    const error: unknown = await createEmbedder(
      cfg('required', 'Xenova/multilingual-e5-small', emptyModelsDir),
      logger,
    ).catch((e: unknown) => e);
    expect(isHelpdeskError(error, ErrorCodes.EMBEDDINGS_UNAVAILABLE)).toBe(true);
    expect((error as Error).message).toContain(path.join(emptyModelsDir, 'Xenova', 'multilingual-e5-small'));
  });

  it('required with unreadable weights: throws EMBEDDINGS_UNAVAILABLE with the cause', async () => {
    const broken = await createTinyModel(dir, 'test/broken');
    await writeFile(path.join(broken.modelsDir, 'test/broken/onnx/model.onnx'), 'not an onnx file');
    const { logger, lines } = capturingLogger();
    const error: unknown = await createEmbedder(
      cfg('required', broken.modelName, broken.modelsDir),
      logger,
    ).catch((e: unknown) => e);
    expect(isHelpdeskError(error, ErrorCodes.EMBEDDINGS_UNAVAILABLE)).toBe(true);
    expect((error as Error).cause).toBeDefined();

    expect(await createEmbedder(cfg('auto', broken.modelName, broken.modelsDir), logger)).toBeUndefined();
    expect(lines.filter((l) => l.level >= WARN)).toHaveLength(1);
  });

  it.each(['auto', 'required'] as const)(
    '%s with the tiny model: returns a working embedder',
    async (mode) => {
      const tiny = await createTinyModel(dir, `test/tiny-${mode}`);
      const { logger, lines } = capturingLogger();
      const embedder = await createEmbedder(cfg(mode, tiny.modelName, tiny.modelsDir), logger);
      expect(embedder).toBeDefined();
      expect(embedder!.modelId).toMatch(new RegExp(`^${tiny.modelName}:fp32:[0-9a-f]{16}$`));
      const [vector] = await embedder!.embed(['printer is out of paper'], 'passage');
      expect(vector).toHaveLength(TINY_HIDDEN_SIZE);
      expect(lines.filter((l) => l.level >= WARN)).toHaveLength(0);
      await (embedder as TransformersEmbedder).dispose();
    },
  );
});
