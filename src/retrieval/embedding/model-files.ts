import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Which files an embedding model needs on disk and where we look for them. Checked before the
 * library is called so that a missing model gives one message naming the folder and the missing
 * files, instead of a library stack trace (and never a download attempt).
 */

/**
 * ONNX weight variants `@huggingface/transformers` can load, by the suffix it appends to
 * `onnx/model` (mirrors the library's `DEFAULT_DTYPE_SUFFIX_MAPPING`).
 */
export const ONNX_FILE_SUFFIXES = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;

export type EmbeddingDtype = keyof typeof ONNX_FILE_SUFFIXES;

/**
 * `auto` picks the first weights file present in this order: full precision (`model.onnx`, what
 * the library itself defaults to on Node's CPU backend), then 8-bit (`model_quantized.onnx`).
 */
export const AUTO_DTYPE_ORDER: readonly EmbeddingDtype[] = ['fp32', 'q8'];

/** Files besides the weights that the feature-extraction pipeline reads. */
export const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/** Path of the weights file for `dtype`, relative to the model folder. */
export function onnxFileFor(dtype: EmbeddingDtype): string {
  return `onnx/model${ONNX_FILE_SUFFIXES[dtype]}.onnx`;
}

/**
 * Folder the library reads `modelName` from under `root` (`<root>/<org>/<name>`); an absolute
 * `modelName` is used as is, as the library does.
 */
export function modelFolder(root: string, modelName: string): string {
  return path.isAbsolute(modelName) ? modelName : path.resolve(root, ...modelName.split('/'));
}

export interface ModelLocation {
  /** `<modelsDir>/<org>/<name>`: where a user should put the files. */
  folder: string;
  /** Other folders the library also reads (its file cache), checked before `folder`. */
  alsoSearched: string[];
  /** The weights variant that will be loaded, when one was found. */
  dtype: EmbeddingDtype | undefined;
  /** Files (relative to the model folder) found in none of the searched folders. */
  missing: string[];
}

/**
 * Looks for the model's files in `<modelsDir>/<modelName>` and in the library cache
 * (`<cacheDir>/<modelName>`), resolving `dtype: 'auto'` to the variant actually present.
 */
export function locateModel(
  modelsDir: string,
  modelName: string,
  dtype: EmbeddingDtype | 'auto',
  cacheDir: string | undefined,
): ModelLocation {
  const folder = modelFolder(modelsDir, modelName);
  const alsoSearched = cacheDir && !path.isAbsolute(modelName) ? [modelFolder(cacheDir, modelName)] : [];
  const present = (file: string): boolean =>
    [...alsoSearched, folder].some((dir) => existsSync(path.join(dir, file)));

  const candidates = dtype === 'auto' ? AUTO_DTYPE_ORDER : [dtype];
  const resolved = candidates.find((d) => present(onnxFileFor(d)));
  const missing: string[] = REQUIRED_FILES.filter((file) => !present(file));
  if (resolved === undefined) missing.push(candidates.map(onnxFileFor).join(' or '));
  return { folder, alsoSearched, dtype: resolved, missing };
}

/**
 * sha256 of the files the library will read for this model (first copy found, in the order it
 * searches), weights included. Part of the vector cache key: a model replaced under the same name
 * (retrained, re-exported, another size) must not be served vectors computed by the old one. About
 * half a second for E5-small's weights, once per start.
 */
export async function modelFingerprint(location: ModelLocation): Promise<string> {
  if (location.dtype === undefined) throw new Error('model weights not found');
  const onnx = onnxFileFor(location.dtype);
  const files = [...REQUIRED_FILES, onnx, `${onnx}_data`];
  const hash = createHash('sha256');
  for (const file of files) {
    const found = [...location.alsoSearched, location.folder]
      .map((dir) => path.join(dir, file))
      .find((full) => existsSync(full));
    if (found === undefined) continue;
    hash.update(`${file}\0`);
    for await (const chunk of createReadStream(found)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
