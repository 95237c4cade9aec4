import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { ErrorCodes, HelpdeskError, errorMessage } from '../../errors.js';
import type { Embedder } from '../types.js';
import {
  type EmbeddingDtype,
  REQUIRED_FILES,
  locateModel,
  modelFingerprint,
  onnxFileFor,
} from './model-files.js';

/** Where the model is and how to run it; everything but the name and folder has a default. */
export interface TransformersEmbedderOptions {
  /** Hub-style id, e.g. `Xenova/multilingual-e5-small`; files live in `<modelsDir>/<org>/<name>/`. */
  modelName: string;
  modelsDir: string;
  /**
   * Which weights file to load (`fp32` → `onnx/model.onnx`, `q8` → `onnx/model_quantized.onnx`).
   * `auto` (default) takes the first of those two that exists. Passed to the library explicitly,
   * so it never guesses on its own.
   */
  dtype?: EmbeddingDtype | 'auto';
  /** The library's file cache, also searched for the model; defaults to the library's own. */
  cacheDir?: string;
  /** Texts per model call; bounds memory on long re-indexing runs. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 32;
/** Used when `tokenizer_config.json` lacks `model_max_length` (BERT-family models take 512). */
const FALLBACK_MAX_TOKENS = 512;
/** Characters kept per token of budget: cuts huge passages before tokenizing them in full. */
const CHARS_PER_TOKEN_BUDGET = 16;

/**
 * E5 models were trained with `query: ` / `passage: ` prefixes and rank noticeably worse without
 * them. Rule: the prefixes are added when `e5` is a separate part of the model id (split on
 * `/`, `-`, `_`, `.`), e.g. `Xenova/multilingual-e5-small`, `intfloat/e5-base-v2`.
 */
export function usesE5Prefixes(modelName: string): boolean {
  return modelName
    .toLowerCase()
    .split(/[/_.-]/)
    .includes('e5');
}

/** The text prepended to each input of `kind` for `modelName` (empty for non-E5 models). */
export function inputPrefix(modelName: string, kind: 'query' | 'passage'): string {
  return usesE5Prefixes(modelName) ? `${kind}: ` : '';
}

/**
 * A local ONNX sentence-embedding model run by `@huggingface/transformers` on the CPU: mean
 * pooling over tokens, then L2 normalisation, so a dot product is the cosine similarity. It only
 * ever reads files from disk (remote models are disabled before loading); use `load`.
 */
export class TransformersEmbedder implements Embedder {
  /**
   * `<model name>:<dtype>:<fingerprint>`: vectors of another model, weights variant or a model
   * replaced under the same name never mix in the cache.
   */
  readonly modelId: string;
  /** Passages longer than this many tokens are truncated (the model's maximum). */
  readonly maxTokens: number;

  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    private readonly modelName: string,
    dtype: EmbeddingDtype,
    fingerprint: string,
    maxTokens: number,
    private readonly batchSize: number,
  ) {
    this.modelId = `${modelName}:${dtype}:${fingerprint.slice(0, 16)}`;
    this.maxTokens = maxTokens;
  }

  /**
   * Loads the model from `<modelsDir>/<modelName>/` (or the library cache). Throws
   * `EMBEDDINGS_UNAVAILABLE` naming the folder and missing files when it is not there.
   */
  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const { modelName } = options;
    const modelsDir = path.resolve(options.modelsDir);
    const cacheDir = options.cacheDir ?? env.cacheDir ?? undefined;
    const location = locateModel(modelsDir, modelName, options.dtype ?? 'auto', cacheDir);
    if (location.dtype === undefined || location.missing.length > 0) {
      const searched = [location.folder, ...location.alsoSearched].join(', ');
      throw new HelpdeskError(
        ErrorCodes.EMBEDDINGS_UNAVAILABLE,
        `Embedding model "${modelName}" not found: missing ${location.missing.join(', ')} in ${searched}. ` +
          `Fix: download ${[...REQUIRED_FILES, onnxFileFor('fp32')].join(', ')} ` +
          `(or ${onnxFileFor('q8')} for the smaller 8-bit variant) from https://huggingface.co/${modelName} ` +
          `into ${location.folder}, or set EMBEDDINGS=off to use keyword search only.`,
        {
          details: {
            folder: location.folder,
            alsoSearched: location.alsoSearched,
            missing: location.missing,
          },
        },
      );
    }

    // Process-wide library settings: offline, and reading from our folders only.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = modelsDir;
    if (cacheDir !== undefined) env.cacheDir = cacheDir;

    let extractor: FeatureExtractionPipeline;
    try {
      extractor = await pipeline('feature-extraction', modelName, { dtype: location.dtype, device: 'cpu' });
    } catch (error) {
      throw new HelpdeskError(
        ErrorCodes.EMBEDDINGS_UNAVAILABLE,
        `Cannot load embedding model "${modelName}" (${onnxFileFor(location.dtype)}) from ${location.folder}: ` +
          `${errorMessage(error)}. Check that the files are the ONNX export of the model ` +
          `(https://huggingface.co/${modelName}), or set EMBEDDINGS=off.`,
        { cause: error, details: { folder: location.folder, dtype: location.dtype } },
      );
    }
    const maxTokens = ensureMaxTokens(extractor);
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const fingerprint = await modelFingerprint(location);
    return new TransformersEmbedder(extractor, modelName, location.dtype, fingerprint, maxTokens, batchSize);
  }

  async embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
    const prefix = inputPrefix(this.modelName, kind);
    const maxChars = this.maxTokens * CHARS_PER_TOKEN_BUDGET;
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((t) => prefix + t.slice(0, maxChars));
      try {
        const pooled = await this.extractor(batch, { pooling: 'mean', normalize: true });
        // fp16 weights may give half-precision outputs; callers always get float32.
        const output = pooled.type === 'float32' ? pooled : pooled.to('float32');
        const dims = output.dims[1] ?? 0;
        const data = output.data as Float32Array;
        for (let i = 0; i < batch.length; i++) vectors.push(data.slice(i * dims, (i + 1) * dims));
      } catch (error) {
        throw new HelpdeskError(
          ErrorCodes.EMBEDDING_FAILED,
          `Embedding model ${this.modelId} failed: ${errorMessage(error)}`,
          { cause: error, details: { batchSize: batch.length } },
        );
      }
    }
    return vectors;
  }

  /** Frees the ONNX session. */
  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

/**
 * The pipeline truncates to the tokenizer's `model_max_length`; a tokenizer config without it
 * would mean no truncation and a model failure on long passages, so fill it in from the model.
 */
function ensureMaxTokens(extractor: FeatureExtractionPipeline): number {
  const tokenizer = extractor.tokenizer;
  const declared = Number(tokenizer.model_max_length);
  if (Number.isFinite(declared) && declared > 0) return declared;
  const fromModel = Number(
    (extractor.model.config as { max_position_embeddings?: number }).max_position_embeddings,
  );
  const maxTokens = Number.isFinite(fromModel) && fromModel > 0 ? fromModel : FALLBACK_MAX_TOKENS;
  // `_tokenizerConfig` is public in the library's typings; `model_max_length` is read from it.
  tokenizer._tokenizerConfig.model_max_length = maxTokens;
  return maxTokens;
}
