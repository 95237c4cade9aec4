/**
 * Fits the keyword confidence models (src/retrieval/confidence.ts) and the decision thresholds on
 * a labelled query set, and prints them. Usage:
 *   npm run calibrate:builtin -- [--kb knowledge-base] [--queries test/fixtures/queries.jsonl]
 *                        [--embeddings off|required]
 * Two pairs of models are fitted: on rankings with the intent classifier (CONFIDENCE_MODEL,
 * CLARIFY_MODEL) and without it (..._WITHOUT_INTENT). The thresholds are chosen for the first
 * pair; the second is reported at the same thresholds. The coefficients are then pasted into
 * confidence.ts and the thresholds into config defaults: a reviewed change, not a silent
 * self-tuning at start-up. The rankings it fits on are ordered by the models in the code, so
 * after pasting, run it again until the printed models stop changing (two rounds so far).
 * With `--embeddings required` it loads the model the configuration names (EMBEDDING_MODEL,
 * MODELS_DIR) instead, fits the dense fusion (DENSE_WEIGHT, DENSE_COSINE_FLOOR,
 * DENSE_COSINE_CEILING) for it and the thresholds that go with it, and prints them as settings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCliArgs, runCli } from '../src/cli/args.js';
import { loadConfig } from '../src/config.js';
import { ErrorCodes, HelpdeskError } from '../src/errors.js';
import type { Article } from '../src/kb/types.js';
import { loadKnowledgeBase } from '../src/kb/load-kb.js';
import { cliLogger } from '../src/logger.js';
import {
  CLARIFY_MODEL,
  CONFIDENCE_MODEL,
  confidenceModels,
  type ConfidenceFeatures,
} from '../src/retrieval/confidence.js';
import { fitLogistic } from '../src/retrieval/calibration/fit-logistic.js';
import { replayDecision } from '../src/retrieval/calibration/replay-decision.js';
import type { Thresholds } from '../src/retrieval/decide.js';
import { chooseDenseWeight, fitDenseBand } from '../src/retrieval/dense-calibration.js';
import { createEmbedder } from '../src/retrieval/embedding/create-embedder.js';
import { CachedEmbedder } from '../src/retrieval/embedding/vector-cache.js';
import { readQueries, type LabelledQuery } from '../src/retrieval/eval-queries.js';
import { DEFAULT_DENSE_FUSION, type DenseFusion } from '../src/retrieval/fusion.js';
import {
  createRetriever,
  indexRetriever,
  type KnowledgeRetriever,
  type RankedCandidate,
} from '../src/retrieval/retriever.js';
import { migrate, openDatabase } from '../src/storage/db.js';
import { ALL_MIGRATIONS } from '../src/storage/migrations.js';

const USAGE = 'npm run calibrate:builtin -- [--kb DIR] [--queries FILE.jsonl] [--embeddings off|required]';

interface Row {
  query: LabelledQuery;
  ranked: RankedCandidate[];
}

const ANY_THRESHOLDS = { answerThreshold: 0.5, clarifyThreshold: 0.3, answerMargin: 0.1 };

/** Every query's full ranking by `retriever`. */
async function rankAll(retriever: KnowledgeRetriever, queries: readonly LabelledQuery[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const query of queries)
    rows.push({ query, ranked: (await retriever.rank(query.query, { lang: query.lang })).candidates });
  return rows;
}

/** A keyword-only retriever, with or without the intent classifier. */
function keywordRetriever(articles: readonly Article[], intentClassifier: boolean): KnowledgeRetriever {
  return createRetriever(articles, { thresholds: ANY_THRESHOLDS, defaultLang: 'en', intentClassifier });
}

interface Models {
  answer: typeof CONFIDENCE_MODEL;
  clarify: typeof CLARIFY_MODEL;
}

/** Fits both models; without the classifier its feature is left out (coefficient 0). */
function fitModels(rows: Row[], withIntent: boolean): Models {
  const use = (k: string) => k !== 'bias' && (withIntent || k !== 'intent');
  const named = <M extends Record<string, number>>(template: M, keys: string[], w: number[], b: number): M =>
    ({
      ...Object.fromEntries(Object.keys(template).map((k) => [k, 0])),
      bias: round(b),
      ...Object.fromEntries(keys.map((k, i) => [k, round(w[i]!)])),
    }) as unknown as M;

  // Answer model: the top candidate and the runner-up each teach it: right article or not.
  const keys = Object.keys(CONFIDENCE_MODEL).filter(use) as (keyof ConfidenceFeatures)[];
  const answerSamples = rows.flatMap(({ query, ranked }) =>
    ranked
      .slice(0, 2)
      .map((c) => ({ x: keys.map((k) => c.features[k]), y: query.expected.includes(c.articleId) ? 1 : 0 })),
  );
  const a = fitLogistic(answerSamples, { l2: 0.001, epochs: 20000 });

  // Clarify model: is the right article among the first three?
  const clarifyKeys = Object.keys(CLARIFY_MODEL).filter(use) as (keyof ConfidenceFeatures)[];
  const clarifySamples = rows
    .filter(({ ranked }) => ranked.length > 0)
    .map(({ query, ranked }) => ({
      x: clarifyKeys.map((k) => ranked[0]!.features[k]),
      y: ranked.slice(0, 3).some((c) => query.expected.includes(c.articleId)) ? 1 : 0,
    }));
  const c = fitLogistic(clarifySamples, { l2: 0.001, epochs: 20000 });
  return {
    answer: named(CONFIDENCE_MODEL, keys, a.w, a.b),
    clarify: named(CLARIFY_MODEL, clarifyKeys, c.w, c.b),
  };
}

interface Result {
  answerThreshold: number;
  clarifyThreshold: number;
  answerMargin: number;
  answeredCorrect: number;
  wrong: number;
  oosDeclined: number;
  inDeclined: number;
}

/** The decisions of `models` (and `fusion`, with a model) at thresholds `t` over the query set. */
function evaluateAt(
  rows: Row[],
  models: Models,
  t: Thresholds,
  fusion: DenseFusion = DEFAULT_DENSE_FUSION,
): Result {
  let correct = 0;
  let wrong = 0;
  let inDeclined = 0;
  let oosDeclined = 0;
  let inScope = 0;
  for (const { query, ranked } of rows) {
    const { kind, candidates } = replayDecision(ranked, models, t, fusion);
    if (query.expected.length === 0) {
      if (kind === 'decline') oosDeclined += 1;
      continue;
    }
    inScope += 1;
    if (kind === 'answer') {
      if (query.expected.includes(candidates[0]!.articleId)) correct += 1;
      else wrong += 1;
    } else if (kind === 'decline') inDeclined += 1;
  }
  const outOfScope = rows.length - inScope;
  return {
    answerThreshold: round(t.answerThreshold),
    clarifyThreshold: round(t.clarifyThreshold),
    answerMargin: t.answerMargin,
    answeredCorrect: correct / inScope,
    wrong: wrong / inScope,
    oosDeclined: oosDeclined / Math.max(1, outOfScope),
    inDeclined: inDeclined / inScope,
  };
}

/** Answer margins tried; the first of equally good ones is kept. */
const ANSWER_MARGINS = [0, 0.05, 0.1, 0.15, 0.2];

/**
 * The answer margins that decide exactly as well as `best` at its thresholds: when they are
 * several, the data cannot choose among them, and the printout says so.
 */
function equivalentMargins(rows: Row[], models: Models, best: Result, fusion?: DenseFusion): number[] {
  const same = (r: Result) =>
    r.answeredCorrect === best.answeredCorrect &&
    r.wrong === best.wrong &&
    r.oosDeclined === best.oosDeclined &&
    r.inDeclined === best.inDeclined;
  return ANSWER_MARGINS.filter((answerMargin) =>
    same(
      evaluateAt(
        rows,
        models,
        { answerThreshold: best.answerThreshold, clarifyThreshold: best.clarifyThreshold, answerMargin },
        fusion,
      ),
    ),
  );
}

/** Most correct answers (and fewest handoffs) with wrong answers <= 3 % and out-of-scope declined >= 85 %. */
function bestThresholds(
  rows: Row[],
  models: Models,
  fusion: DenseFusion = DEFAULT_DENSE_FUSION,
): Result | undefined {
  let best: Result | undefined;
  const value = (r: Result) => r.answeredCorrect - 0.5 * r.inDeclined;
  // Whole hundredths, counted in integers: adding 0.01 repeatedly drifts (0.9000000000000006)
  // and never reaches 0.95.
  for (let a = 30; a <= 95; a++) {
    const at = a / 100;
    for (let c = 5; c < 95; c++) {
      const ct = c / 100;
      for (const answerMargin of ANSWER_MARGINS) {
        const r = evaluateAt(
          rows,
          models,
          { answerThreshold: at, clarifyThreshold: ct, answerMargin },
          fusion,
        );
        if (r.wrong > 0.03 || r.oosDeclined < 0.85) continue;
        if (!best || value(r) > value(best)) best = r;
      }
    }
  }
  return best;
}

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    kb: { type: 'string' },
    queries: { type: 'string' },
    embeddings: { type: 'string' },
  });
  const mode = values.embeddings ?? 'off';
  if (mode !== 'off' && mode !== 'required')
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--embeddings must be off or required (got "${mode}")`);
  const kb = await loadKnowledgeBase(values.kb ?? 'knowledge-base');
  const queries = await readQueries(values.queries ?? 'test/fixtures/queries.jsonl');
  // Both constraints need both kinds of query; without them every choice is arbitrary.
  if (!queries.some((q) => q.expected.length > 0) || !queries.some((q) => q.expected.length === 0))
    throw new HelpdeskError(
      ErrorCodes.CLI_USAGE,
      'the query set needs in-scope queries (with expected articles) and out-of-scope ones (expected: [])',
    );
  if (mode === 'required') return calibrateDense(kb.articles, queries);

  const withIntentRows = await rankAll(keywordRetriever(kb.articles, true), queries);
  const withIntent = fitModels(withIntentRows, true);
  console.log('CONFIDENCE_MODEL =', JSON.stringify(withIntent.answer));
  console.log('CLARIFY_MODEL =', JSON.stringify(withIntent.clarify));
  const best = bestThresholds(withIntentRows, withIntent);
  console.log('best thresholds meeting wrong<=0.03 and out-of-scope declined>=0.85:', JSON.stringify(best));
  if (best)
    console.log(
      'answer margins that decide the same at these thresholds:',
      equivalentMargins(withIntentRows, withIntent, best).join(', '),
    );

  const keywordRows = await rankAll(keywordRetriever(kb.articles, false), queries);
  const withoutIntent = fitModels(keywordRows, false);
  console.log('CONFIDENCE_MODEL_WITHOUT_INTENT =', JSON.stringify(withoutIntent.answer));
  console.log('CLARIFY_MODEL_WITHOUT_INTENT =', JSON.stringify(withoutIntent.clarify));
  if (best)
    console.log(
      'without the classifier, at those thresholds:',
      JSON.stringify(evaluateAt(keywordRows, withoutIntent, best)),
    );
  return 0;
});

/**
 * Fits the dense fusion for the configured model: ranks every query with dense weight 0 to read
 * the model's cosine band off the right and wrong articles, ranks again at each weight of the
 * grid and keeps the one with the best top-1 (in the confidence order `eval` uses), then chooses
 * the thresholds for the code's confidence models under the same constraints as the keyword-only
 * calibration. Article vectors are cached, so each re-ranking costs the keyword index only.
 */
async function calibrateDense(
  articles: readonly Article[],
  queries: readonly LabelledQuery[],
): Promise<number> {
  const config = loadConfig({ ...process.env, EMBEDDINGS: 'required' });
  const tmp = mkdtempSync(path.join(tmpdir(), 'helpdesk-calibrate-'));
  const db = openDatabase(path.join(tmp, 'calibrate.db'));
  try {
    migrate(db, ALL_MIGRATIONS);
    const model = await createEmbedder(config.embeddings, cliLogger('warn'));
    const embedder = model && new CachedEmbedder(db, model);
    const build = (fusion: DenseFusion) =>
      indexRetriever(articles, {
        thresholds: ANY_THRESHOLDS,
        defaultLang: config.kb.defaultLang,
        intentClassifier: config.intentClassifier,
        embedder,
        denseFusion: fusion,
      });
    const unfused = await build({ ...config.embeddings.fusion, weight: 0 });
    // The classifier may be skipped by its work budget even when configured: read what ran.
    const models = confidenceModels(unfused.usesIntentModel);
    const unfusedRows = await rankAll(unfused, queries);
    const band = fitDenseBand(
      unfusedRows.map(({ query, ranked }) => ({
        expected: query.expected,
        candidates: ranked.map((c) => ({ articleId: c.articleId, cosine: c.cosine })),
      })),
    );
    if ('error' in band) {
      process.stderr.write(`cannot fit the dense fusion: ${band.error}\n`);
      return 1;
    }
    // At weight 0 the band moves nothing, so the unfused ranking serves; each other weight is
    // ranked once, and the chosen one's rows are reused for the thresholds.
    const rowsByWeight = new Map<number, Row[]>([[0, unfusedRows]]);
    const { weight, top1ByWeight } = await chooseDenseWeight(async (w) => {
      let rows = rowsByWeight.get(w);
      if (!rows) {
        rows = await rankAll(await build({ ...band, weight: w }), queries);
        rowsByWeight.set(w, rows);
      }
      const inScope = rows.filter(({ query }) => query.expected.length > 0);
      const hits = inScope.filter(({ query, ranked }) => query.expected.includes(ranked[0]?.articleId ?? ''));
      return hits.length / inScope.length;
    });
    console.log(`model ${config.embeddings.model}: top-1 at each dense weight`);
    for (const p of top1ByWeight) console.log(`  ${p.weight.toFixed(2)}  ${p.top1.toFixed(3)}`);
    const fusion = { ...band, weight };
    console.log(
      `DENSE_WEIGHT=${fusion.weight}\nDENSE_COSINE_FLOOR=${fusion.floor}\nDENSE_COSINE_CEILING=${fusion.ceiling}`,
    );
    const best = bestThresholds(rowsByWeight.get(weight)!, models, fusion);
    if (!best) {
      console.log('no thresholds meet wrong<=0.03 and out-of-scope declined>=0.85 with this model');
      return 0;
    }
    console.log('best thresholds with EMBEDDINGS=required:', JSON.stringify(best));
    console.log(
      `ANSWER_THRESHOLD=${best.answerThreshold}\nCLARIFY_THRESHOLD=${best.clarifyThreshold}\nANSWER_MARGIN=${best.answerMargin}`,
    );
    return 0;
  } finally {
    db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
