import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { runCli } from '../support/run-cli.js';
import { createTinyModel } from '../support/tiny-model.js';

const SCRIPT = 'scripts/fit-builtin-models.ts';
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
    expect(run.stdout).toContain('model test/tiny-bert: top-1 at each dense weight');
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

  it.each([['true'], ['false']])(
    'with INTENT_CLASSIFIER=%s, eval run with the printed settings gets the figures calibrate claims',
    (intentClassifier) => {
      const env = { ...modelEnv, INTENT_CLASSIFIER: intentClassifier };
      const run = runCli(SCRIPT, [...ARGS, '--embeddings', 'required'], { ...LIMIT, env });
      expect(run.status).toBe(0);
      const claimed = JSON.parse(
        /^best thresholds with EMBEDDINGS=required: (.*)$/m.exec(run.stdout)![1]!,
      ) as {
        answeredCorrect: number;
        wrong: number;
        oosDeclined: number;
        inDeclined: number;
      };
      const settings = Object.fromEntries(
        [...run.stdout.matchAll(/^([A-Z_]+)=(\S+)$/gm)].map(([, key, value]) => [key!, value!]),
      );
      const out = path.join(dir, `eval-${intentClassifier}.json`);
      const evaluated = runCli('src/cli/eval.ts', [...ARGS, '--embeddings', 'required', '--out', out], {
        ...LIMIT,
        env: { ...env, ...settings },
      });
      expect(evaluated.status).toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8')) as {
        inScope: { answeredCorrect: number; wrongAnswer: number; declined: number };
        outOfScope: { declined: number };
      };
      expect(report.inScope.answeredCorrect).toBeCloseTo(claimed.answeredCorrect, 3);
      expect(report.inScope.wrongAnswer).toBeCloseTo(claimed.wrong, 3);
      expect(report.inScope.declined).toBeCloseTo(claimed.inDeclined, 3);
      expect(report.outOfScope.declined).toBeCloseTo(claimed.oosDeclined, 3);
    },
  );

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
});

describe('calibrate refuses bad input in one line, as eval does', () => {
  const queries = (lines: object[]) => {
    const file = path.join(dir, `q-${lines.length}.jsonl`);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    return file;
  };

  it.each([
    [
      'an unknown --embeddings value',
      [...ARGS, '--embeddings', 'auto'],
      {},
      '--embeddings must be off or required (got "auto")',
      2,
    ],
    ['an unknown flag', [...ARGS, '--embedding', 'required'], {}, "Unknown option '--embedding'", 2],
    [
      'a missing knowledge base',
      ['--kb', '/nonexistent-kb', '--queries', `${FIXTURE}/queries.jsonl`],
      {},
      'Knowledge-base folder "/nonexistent-kb" cannot be read',
      1,
    ],
    [
      'a missing query file',
      ['--kb', `${FIXTURE}/kb`, '--queries', '/nonexistent.jsonl'],
      {},
      'cannot read queries file /nonexistent.jsonl',
      2,
    ],
    [
      'an invalid setting',
      [...ARGS, '--embeddings', 'required'],
      { DENSE_COSINE_FLOOR: '0.95' },
      'DENSE_COSINE_FLOOR: must be below DENSE_COSINE_CEILING',
      2,
    ],
  ] as const)('%s', (_name, args, env, message, status) => {
    const run = runCli(SCRIPT, [...args], { ...LIMIT, env: { ...modelEnv, ...env } });
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(status);
  });

  it('a query set without out-of-scope (or in-scope) queries, whose constraints mean nothing', () => {
    const onlyInScope = queries([
      { query: 'forgot my password', lang: 'en', expected: ['password-reset-en'] },
    ]);
    const onlyOutOfScope = queries([
      { query: 'pizza', lang: 'en', expected: [] },
      { query: 'кино', lang: 'ru', expected: [] },
    ]);
    for (const file of [onlyInScope, onlyOutOfScope]) {
      const run = runCli(SCRIPT, ['--kb', `${FIXTURE}/kb`, '--queries', file, '--embeddings', 'required'], {
        ...LIMIT,
        env: modelEnv,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('the query set needs in-scope queries');
    }
  });
});
