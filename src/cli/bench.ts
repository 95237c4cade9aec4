import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { measureServer, servingNodeOptions, staleBuild } from '../bench/server-bench.js';
import { writeKnowledgeBase } from '../bench/kb-files.js';
import { loadConfig, type Lang } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { loadKnowledgeBase } from '../kb/load-kb.js';
import type { Article } from '../kb/types.js';
import { silentLogger } from '../logger.js';
import { PROJECT_ROOT } from '../paths.js';
import { countSections } from '../kb/sections.js';
import { readQueries } from '../retrieval/eval-queries.js';
import { CachedEmbedder } from '../retrieval/embedding/vector-cache.js';
import { percentile } from '../retrieval/evaluate.js';
import { indexRetriever } from '../retrieval/retriever.js';
import { syntheticArticles, syntheticQueries } from '../retrieval/synthetic-kb.js';
import { migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { parseCliArgs, parseWholeNumber, runCli } from './args.js';

const USAGE =
  'npm run bench -- [--sizes sample,1000,10000] [--queries N] [--modes keyword,tiny-model] [--messages 10000]';
const MODES = ['keyword', 'tiny-model'] as const;
type Mode = (typeof MODES)[number];
/** `sample`: the shipped knowledge base and the labelled questions; a number: synthetic sections. */
type Size = number | 'sample';

const SAMPLE_KB = path.join(PROJECT_ROOT, 'knowledge-base');
const SAMPLE_QUERIES = ['queries-plain.jsonl', 'queries.jsonl'].map((f) =>
  path.join(PROJECT_ROOT, 'test', 'fixtures', f),
);

/** The articles and the questions of one size, repeated up to `count` questions. */
async function workload(
  size: Size,
  count: number,
): Promise<{ articles: Article[]; queries: { text: string; lang: Lang }[] }> {
  if (size !== 'sample') return { articles: syntheticArticles(size), queries: syntheticQueries(count) };
  const articles = (await loadKnowledgeBase(SAMPLE_KB)).articles;
  const labelled = (await Promise.all(SAMPLE_QUERIES.map((f) => readQueries(f)))).flat();
  const queries = Array.from({ length: count }, (_, i) => {
    const q = labelled[i % labelled.length]!;
    return { text: q.query, lang: q.lang };
  });
  return { articles, queries };
}

/** One measurement, run in a child process so that its peak RSS is its own. */
async function runOne(size: Size, mode: Mode, queryCount: number): Promise<Record<string, unknown>> {
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
    const { articles, queries } = await workload(size, queryCount);
    const sections = countSections(articles);
    const t0 = performance.now();
    const retriever = await indexRetriever(articles, {
      thresholds: loadConfig({}).retrieval,
      defaultLang: 'en',
      embedder,
    });
    const indexMs = performance.now() - t0;
    const latencies: number[] = [];
    for (const q of queries.slice(0, 20)) await retriever.search(q.text, { lang: q.lang }); // warm-up
    for (const q of queries) {
      const start = performance.now();
      await retriever.search(q.text, { lang: q.lang });
      latencies.push(performance.now() - start);
    }
    db.close();
    return {
      kb: size === 'sample' ? 'sample' : 'synthetic',
      sections,
      articles: articles.length,
      mode,
      intentModel: retriever.usesIntentModel,
      indexMs: Math.round(indexMs),
      queries: queryCount,
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      },
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Largest synthetic knowledge base and query count: beyond them a run takes hours. */
const MAX_SECTIONS = 200_000;
const MAX_QUERIES = 100_000;

/** `sample` or a whole number of synthetic sections; undefined when neither. */
function parseSize(text: string): Size | undefined {
  return text === 'sample' ? 'sample' : parseWholeNumber(text, 1, MAX_SECTIONS);
}

/**
 * The serving process on one size: the knowledge base written as files (the sample is used in
 * place), the server started on it, `messages` questions sent through the web chat.
 */
async function serverRun(size: Size, messages: number): Promise<Record<string, unknown>> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'helpdesk-bench-server-'));
  try {
    const { articles, queries } = await workload(size, 1000);
    let kbDir = SAMPLE_KB;
    if (size !== 'sample') {
      kbDir = path.join(tmp, 'kb');
      writeKnowledgeBase(articles, kbDir);
    }
    return {
      ...(await measureServer({
        kbDir,
        dataDir: path.join(tmp, 'data'),
        texts: queries.map((q) => q.text),
        messages,
      })),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    sizes: { type: 'string' },
    queries: { type: 'string' },
    modes: { type: 'string' },
    messages: { type: 'string' },
    one: { type: 'string' },
  });
  const queryCount = parseWholeNumber(values.queries ?? '300', 1, MAX_QUERIES);
  if (queryCount === undefined)
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--queries takes a whole number from 1 to ${MAX_QUERIES}`);
  const messages = parseWholeNumber(values.messages ?? '10000', 0, MAX_QUERIES);
  if (messages === undefined)
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--messages takes a whole number from 0 to ${MAX_QUERIES}`);
  if (values.one !== undefined) {
    // Internal: the parent runs each size and mode in a child of its own (`size:mode`).
    if (values.sizes !== undefined || values.modes !== undefined)
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--one is internal and takes no --sizes or --modes');
    const [sizeText = '', mode = ''] = values.one.split(':');
    const size = parseSize(sizeText);
    if (size === undefined || !MODES.includes(mode as Mode))
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--one takes SIZE:MODE, e.g. 1000:${MODES[0]}`);
    process.stdout.write(`${JSON.stringify(await runOne(size, mode as Mode, queryCount))}\n`);
    return 0;
  }
  const sizes = (values.sizes ?? 'sample,1000,10000').split(',').map(parseSize);
  if (sizes.some((s) => s === undefined))
    throw new HelpdeskError(
      ErrorCodes.CLI_USAGE,
      `--sizes takes "sample" or whole numbers from 1 to ${MAX_SECTIONS}, e.g. sample,1000,10000`,
    );
  const modes = (values.modes ?? MODES.join(',')).split(',') as Mode[];
  if (modes.some((m) => !MODES.includes(m)))
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--modes takes ${MODES.join(', ')}`);
  const stale = staleBuild();
  if (stale) process.stderr.write(`warning: ${stale}; the server figures are of the old build\n`);
  const self = fileURLToPath(import.meta.url);
  const results: unknown[] = [];
  for (const size of sizes as Size[]) {
    for (const mode of modes) {
      const child = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          ...servingNodeOptions(),
          self,
          '--one',
          `${size}:${mode}`,
          '--queries',
          String(queryCount),
        ],
        {
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      if (child.status !== 0) throw new Error(`bench ${size}:${mode} failed: ${child.stderr}`);
      const result = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
      // The real server runs keyword-only here (a model would have to be installed for it).
      if (mode === 'keyword' && messages > 0) result.server = await serverRun(size, messages);
      results.push(result);
      process.stderr.write(`done ${size}${size === 'sample' ? '' : ' sections'}, ${mode}\n`);
    }
  }
  process.stdout.write(
    `${JSON.stringify({ node: process.version, nodeOptions: servingNodeOptions(), results }, null, 2)}\n`,
  );
  return 0;
});
