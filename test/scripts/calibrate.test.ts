import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../retrieval/embedding/helpers.js';
import { runCli } from '../support/run-cli.js';
import { createTinyModel } from '../support/tiny-model.js';

const SCRIPT = 'scripts/calibrate.ts';
const FIXTURE = 'test/fixtures/kb-retrieval';
const ARGS = ['--kb', `${FIXTURE}/kb`, '--queries', `${FIXTURE}/queries.jsonl`];
const LIMIT = { timeoutMs: 60_000 };

let dir: string;
let cleanup: () => Promise<void>;
let modelEnv: Record<string, string>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('calibrate'));
  const tiny = await createTinyModel(dir);
  modelEnv = { MODELS_DIR: tiny.modelsDir, EMBEDDING_MODEL: tiny.modelName };
});
afterAll(() => cleanup());

/** `KEY=value` lines of the printout, as numbers. */
function settings(stdout: string): Record<string, number> {
  return Object.fromEntries(
    [...stdout.matchAll(/^([A-Z_]+)=(\S+)$/gm)].map(([, key, value]) => [key!, Number(value)]),
  );
}

describe('calibrate --embeddings required', () => {
  it('fits the dense fusion for the installed model and prints it with thresholds, as settings', () => {
    const run = runCli(SCRIPT, [...ARGS, '--embeddings', 'required'], { ...LIMIT, env: modelEnv });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('model test/tiny-bert: top-1 (by fused relevance) at each dense weight');
    const s = settings(run.stdout);
    expect(Object.keys(s).sort()).toEqual(
      [
        'ANSWER_MARGIN',
        'ANSWER_THRESHOLD',
        'CLARIFY_THRESHOLD',
        'DENSE_COSINE_CEILING',
        'DENSE_COSINE_FLOOR',
        'DENSE_WEIGHT',
      ].sort(),
    );
    expect(s.DENSE_WEIGHT).toBeGreaterThanOrEqual(0);
    expect(s.DENSE_WEIGHT).toBeLessThanOrEqual(1);
    expect(s.DENSE_COSINE_FLOOR).toBeLessThan(s.DENSE_COSINE_CEILING!);
    expect(s.DENSE_COSINE_CEILING).toBeLessThanOrEqual(1);
  });

  it('says which model is missing, without a stack trace, and exits 1', () => {
    const run = runCli(SCRIPT, [...ARGS, '--embeddings', 'required'], {
      ...LIMIT,
      env: { ...modelEnv, EMBEDDING_MODEL: 'test/not-installed' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Embedding model "test/not-installed" not found');
    expect(run.stderr).toContain(path.join(modelEnv.MODELS_DIR!, 'test/not-installed'));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('refuses an --embeddings value it does not know', () => {
    const run = runCli(SCRIPT, [...ARGS, '--embeddings', 'auto'], LIMIT);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--embeddings must be off or required (got "auto")');
  });
});
