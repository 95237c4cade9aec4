import type { Config } from '../../config.js';
import { ErrorCodes, HelpdeskError, errorMessage, isHelpdeskError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Embedder } from '../types.js';
import type { TransformersEmbedder, TransformersEmbedderOptions } from './transformers-embedder.js';

/** Knobs not (yet) in `Config`; defaults suit the shipped model. */
export type EmbedderTuning = Pick<TransformersEmbedderOptions, 'dtype' | 'cacheDir' | 'batchSize'>;

/**
 * Applies `EMBEDDINGS=auto|off|required`, so that dense retrieval is a bonus when the model files
 * are present and never a reason for the bot not to start (unless asked to be):
 * - `off`: returns `undefined` without touching the model library;
 * - `auto`: loads the model and embeds one probe text; on any failure logs one warning (folder,
 *   missing files, how to fix) and returns `undefined`, i.e. keyword-only retrieval;
 * - `required`: the same, but failure throws `EMBEDDINGS_UNAVAILABLE` with the cause attached.
 * Never downloads anything: the library is switched to local files before loading.
 *
 * The model library (`@huggingface/transformers`, with ONNX Runtime and sharp) is imported here,
 * only when embeddings are on: loading it costs some 40 MB (170 MB under `tsx`) and a few hundred
 * milliseconds of start-up that a keyword-only bot would pay for nothing.
 */
export async function createEmbedder(
  cfg: Config['embeddings'],
  logger: Logger,
  tuning: EmbedderTuning = {},
): Promise<Embedder | undefined> {
  if (cfg.mode === 'off') {
    logger.info('Embeddings off (EMBEDDINGS=off): keyword search only');
    return undefined;
  }
  let embedder: TransformersEmbedder | undefined;
  try {
    const { TransformersEmbedder } = await import('./transformers-embedder.js');
    embedder = await TransformersEmbedder.load({
      modelName: cfg.model,
      modelsDir: cfg.modelsDir,
      dtype: cfg.dtype,
      ...tuning,
    });
    await embedder.embed(['probe'], 'query');
    logger.info({ model: embedder.modelId, maxTokens: embedder.maxTokens }, 'Embedding model loaded');
    return embedder;
  } catch (error) {
    await embedder?.dispose().catch(() => undefined);
    const failure = unavailable(error, cfg.model);
    if (cfg.mode === 'required') throw failure;
    logger.warn(
      { model: cfg.model, ...failure.details },
      `${failure.message} Continuing with keyword search only (EMBEDDINGS=auto).`,
    );
    return undefined;
  }
}

/** Normalises any load or probe failure to one `EMBEDDINGS_UNAVAILABLE` error. */
function unavailable(error: unknown, model: string): HelpdeskError {
  if (isHelpdeskError(error, ErrorCodes.EMBEDDINGS_UNAVAILABLE)) return error;
  return new HelpdeskError(
    ErrorCodes.EMBEDDINGS_UNAVAILABLE,
    `Embedding model "${model}" loaded but cannot compute vectors: ${errorMessage(error)}.`,
    { cause: error },
  );
}
