import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { CachedEmbedder } from '../retrieval/embedding/vector-cache.js';
import { percentile } from '../retrieval/evaluate.js';
import { indexRetriever } from '../retrieval/retriever.js';
import { syntheticArticles, syntheticQueries } from '../retrieval/synthetic-kb.js';
import { migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { parseCliArgs, parseWholeNumber, runCli } from './args.js';

const USAGE = 'npm run bench -- [--sizes 1000,10000] [--queries N] [--modes keyword,tiny-model]';
const MODES = ['keyword', 'tiny-model'] as const;
type Mode = (typeof MODES)[number];

/** One measurement, run in a child process so that its peak RSS is its own. */
async function runOne(sections: number, mode: Mode, queryCount: number): Promise<Record<string, unknown>> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'helpdesk-bench-'));
  try {
    const db = openDatabase(path.join(tmp, 'bench.db'));
    migrate(db, ALL_MIGRATIONS);
    let embedder;
    if (mode === 'tiny-model') {
      // The bench measures the real library pipeline on the generated tiny model, as the tests do.
      // Imported here so that keyword-only runs do not load the model library into their RSS.
      const { createTinyModel } = await import('../../test/support/tiny-model.js');
      const { createEmbedder } = await import('../retrieval/embedding/create-embedder.js');
      const tiny = await createTinyModel(path.join(tmp, 'model'));
      const config = loadConfig({
        EMBEDDINGS: 'required',
        MODELS_DIR: tiny.modelsDir,
        EMBEDDING_MODEL: tiny.modelName,
      });
      const model = await createEmbedder(config.embeddings, silentLogger());
      embedder = model ? new CachedEmbedder(db, model) : undefined;
    }
    const articles = syntheticArticles(sections);
    const t0 = performance.now();
    const retriever = await indexRetriever(articles, {
      thresholds: loadConfig({}).retrieval,
      defaultLang: 'en',
      embedder,
    });
    const indexMs = performance.now() - t0;
    const latencies: number[] = [];
    const queries = syntheticQueries(queryCount);
    for (const q of queries.slice(0, 20)) await retriever.search(q.text, { lang: q.lang }); // warm-up
    for (const q of queries) {
      const start = performance.now();
      await retriever.search(q.text, { lang: q.lang });
      latencies.push(performance.now() - start);
    }
    db.close();
    return {
      sections,
      articles: articles.length,
      mode,
      intentModel: retriever.usesIntentModel,
      indexMs: Math.round(indexMs),
      queries: queryCount,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Largest synthetic knowledge base and query count: beyond them a run takes hours. */
const MAX_SECTIONS = 200_000;
const MAX_QUERIES = 100_000;

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    sizes: { type: 'string' },
    queries: { type: 'string' },
    modes: { type: 'string' },
    one: { type: 'string' },
  });
  const queryCount = parseWholeNumber(values.queries ?? '300', 1, MAX_QUERIES);
  if (queryCount === undefined)
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--queries takes a whole number from 1 to ${MAX_QUERIES}`);
  if (values.one !== undefined) {
    // Internal: the parent runs each size and mode in a child of its own (`size:mode`).
    if (values.sizes !== undefined || values.modes !== undefined)
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--one is internal and takes no --sizes or --modes');
    const [sizeText = '', mode = ''] = values.one.split(':');
    const size = parseWholeNumber(sizeText, 1, MAX_SECTIONS);
    if (size === undefined || !MODES.includes(mode as Mode))
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--one takes SECTIONS:MODE, e.g. 1000:${MODES[0]}`);
    process.stdout.write(`${JSON.stringify(await runOne(size, mode as Mode, queryCount))}\n`);
    return 0;
  }
  const sizes = (values.sizes ?? '1000,10000').split(',').map((s) => parseWholeNumber(s, 1, MAX_SECTIONS));
  if (sizes.some((s) => s === undefined))
    throw new HelpdeskError(
      ErrorCodes.CLI_USAGE,
      `--sizes takes whole numbers from 1 to ${MAX_SECTIONS}, e.g. 1000,10000`,
    );
  const modes = (values.modes ?? MODES.join(',')).split(',') as Mode[];
  if (modes.some((m) => !MODES.includes(m)))
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--modes takes ${MODES.join(', ')}`);
  const self = fileURLToPath(import.meta.url);
  const results: unknown[] = [];
  for (const size of sizes) {
    for (const mode of modes) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, self, '--one', `${size}:${mode}`, '--queries', String(queryCount)],
        {
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      if (child.status !== 0) throw new Error(`bench ${size}:${mode} failed: ${child.stderr}`);
      results.push(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}'));
      process.stderr.write(`done ${size} sections, ${mode}\n`);
    }
  }
  process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
  return 0;
});
