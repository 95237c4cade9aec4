import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';
import { formatProblem, loadKnowledgeBase } from '../kb/load-kb.js';
import { cliLogger } from '../logger.js';
import { createEmbedder } from '../retrieval/embedding/create-embedder.js';
import { CachedEmbedder } from '../retrieval/embedding/vector-cache.js';
import { migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { readQueries, repeatedQueries, unknownExpectations } from '../retrieval/eval-queries.js';
import { clarifyFigures, formatReport, summarise, type QueryOutcome } from '../retrieval/evaluate.js';
import { indexRetriever, retrieverSettings } from '../retrieval/retriever.js';
import { SelfCalibrator } from '../retrieval/calibration/self-calibrator.js';
import { parseCliArgs, parseWholeNumber, runCli } from './args.js';

const USAGE =
  'npm run eval -- --kb DIR --queries FILE.jsonl --out REPORT.json [--embeddings off|auto|required] [--calibration on|off] [--errors N]';

/**
 * Fails before any work when the report cannot be written (with a real model, indexing and the
 * queries take minutes); creates its folder if needed.
 */
function checkReportPath(out: string): void {
  try {
    if (existsSync(out) && statSync(out).isDirectory()) throw new Error('it is a folder');
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    accessSync(path.dirname(path.resolve(out)), constants.W_OK);
  } catch (error) {
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `cannot write --out ${out}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    kb: { type: 'string' },
    queries: { type: 'string' },
    out: { type: 'string' },
    embeddings: { type: 'string' },
    errors: { type: 'string' },
    calibration: { type: 'string' },
  });
  if (!values.kb || !values.queries || !values.out)
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--kb, --queries and --out are required');
  const out = values.out;
  // Without --embeddings, the same setting as the bot (EMBEDDINGS, default auto).
  const mode = values.embeddings ?? loadConfig(process.env).embeddings.mode;
  if (!['off', 'auto', 'required'].includes(mode)) {
    throw new HelpdeskError(
      ErrorCodes.CLI_USAGE,
      `--embeddings must be off, auto or required (got "${mode}")`,
    );
  }
  const showErrors =
    values.errors === undefined ? 0 : parseWholeNumber(values.errors, 0, Number.MAX_SAFE_INTEGER);
  if (showErrors === undefined) {
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--errors takes a whole number');
  }
  if (values.calibration !== undefined && !['on', 'off'].includes(values.calibration))
    throw new HelpdeskError(
      ErrorCodes.CLI_USAGE,
      `--calibration must be on or off (got "${values.calibration}")`,
    );
  const config = loadConfig({ ...process.env, EMBEDDINGS: mode });
  // Without --calibration, as the bot does (SELF_CALIBRATION, default on).
  const calibrate = values.calibration === undefined ? config.selfCalibration : values.calibration === 'on';
  const queries = await readQueries(values.queries);
  if (queries.length === 0) throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${values.queries} has no queries`);
  const repeated = repeatedQueries(queries);
  if (repeated.total > 0) {
    process.stderr.write(
      `warning: ${repeated.total} query line(s) repeat an earlier one (same language and text), ${repeated.conflicting} with other expected articles; each line counts\n`,
    );
  }
  checkReportPath(out);

  const tmp = mkdtempSync(path.join(tmpdir(), 'helpdesk-eval-'));
  try {
    const started = performance.now();
    const kb = await loadKnowledgeBase(values.kb);
    for (const p of kb.problems) process.stderr.write(`skipped: ${formatProblem(p)}\n`);
    if (kb.articles.length === 0) {
      throw new HelpdeskError(ErrorCodes.KB_UNREADABLE, `no article could be loaded from ${values.kb}`);
    }
    const unknown = unknownExpectations(queries, new Set(kb.articles.map((a) => a.id)));
    if (unknown.size > 0) {
      const named = [...unknown].map(([id, n]) => `${id} (${n})`);
      process.stderr.write(
        `warning: ${unknown.size} expected article id(s) are not in the knowledge base; their queries count as misses: ${named.slice(0, 10).join(', ')}${named.length > 10 ? ', ...' : ''}\n`,
      );
    }
    const db = openDatabase(path.join(tmp, 'eval.db'));
    migrate(db, ALL_MIGRATIONS);
    const model = await createEmbedder(config.embeddings, cliLogger('warn'));
    const retriever = await indexRetriever(kb.articles, {
      ...retrieverSettings(config),
      embedder: model ? new CachedEmbedder(db, model) : undefined,
    });
    const calibration = calibrate
      ? await new SelfCalibrator(retriever, config.retrieval).refresh()
      : undefined;
    const indexMs = performance.now() - started;

    const outcomes: QueryOutcome[] = [];
    for (const query of queries) {
      const t0 = performance.now();
      const { decision, ranked } = await retriever.searchDetailed(query.query, { lang: query.lang });
      const latencyMs = performance.now() - t0;
      outcomes.push({
        query,
        ranked: ranked.map((c) => c.articleId),
        decision: decision.kind,
        latencyMs,
        offered:
          decision.kind === 'clarify'
            ? decision.candidates.slice(0, decision.options).map((c) => c.articleId)
            : undefined,
      });
    }
    const report = summarise(outcomes, { embeddings: retriever.usesEmbeddings ? 'on' : 'off', indexMs });
    process.stdout.write(`${formatReport(report)}\n`);
    const asked = clarifyFigures(outcomes);
    process.stdout.write(
      asked.n === 0
        ? 'clarify in-scope n=0: no in-scope query was clarified\n'
        : `clarify in-scope n=${asked.n}: right article offered ${(asked.rightOffered * 100).toFixed(1)}%, ${asked.meanOptions} options on average\n`,
    );
    process.stdout.write(
      calibration
        ? `self-calibration: decline threshold ${calibration.clarifyThreshold} (configured ${config.retrieval.clarifyThreshold})\n`
        : 'self-calibration: off\n',
    );
    process.stdout.write(
      `intent classifier: ${retriever.usesIntentModel ? 'on' : 'off (INTENT_CLASSIFIER=false, or too few or too many articles)'}\n`,
    );
    if (showErrors > 0) {
      const bad = outcomes.filter((o) =>
        o.query.expected.length === 0
          ? o.decision === 'answer'
          : !o.query.expected.includes(o.ranked[0] ?? '') || o.decision !== 'answer',
      );
      for (const o of bad.slice(0, showErrors)) {
        process.stdout.write(
          `  [${o.decision}] ${JSON.stringify(o.query.query)} expected=${o.query.expected.join(',') || '-'} got=${o.ranked.slice(0, 3).join(',')}\n`,
        );
      }
    }
    try {
      writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, `cannot write --out ${out}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    db.close();
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
