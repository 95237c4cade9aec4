/**
 * Fits the keyword confidence models (src/retrieval/confidence.ts) and the decision thresholds on
 * a labelled query set, and prints them. Usage:
 *   npm run calibrate -- [--kb knowledge-base] [--queries test/fixtures/queries.jsonl]
 *                        [--embeddings off|required]
 * Two pairs of models are fitted: on rankings with the intent classifier (CONFIDENCE_MODEL,
 * CLARIFY_MODEL) and without it (..._WITHOUT_INTENT). The thresholds are chosen for the first
 * pair; the second is reported at the same thresholds. The coefficients are then pasted into
 * confidence.ts and the thresholds into config defaults: a reviewed change, not a silent
 * self-tuning at start-up.
 * With `--embeddings required` it loads the model the configuration names (EMBEDDING_MODEL,
 * MODELS_DIR) instead, fits the dense fusion (DENSE_WEIGHT, DENSE_COSINE_FLOOR,
 * DENSE_COSINE_CEILING) for it and the thresholds that go with it, and prints them as settings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadKnowledgeBase } from '../src/kb/load-kb.js';
import { cliLogger } from '../src/logger.js';
import { fitDenseFusion } from '../src/retrieval/dense-calibration.js';
import { createEmbedder } from '../src/retrieval/embedding/create-embedder.js';
import { CachedEmbedder } from '../src/retrieval/embedding/vector-cache.js';
import { fuseConfidence, type DenseFusion } from '../src/retrieval/fusion.js';
import { migrate, openDatabase } from '../src/storage/db.js';
import { ALL_MIGRATIONS } from '../src/storage/migrations.js';
import {
  CLARIFY_MODEL,
  CONFIDENCE_MODEL,
  clarifyConfidence,
  confidenceModels,
  keywordConfidence,
  type ConfidenceFeatures,
} from '../src/retrieval/confidence.js';
import { decide, type Thresholds } from '../src/retrieval/decide.js';
import { readQueries } from '../src/retrieval/eval-queries.js';
import {
  createRetriever,
  indexRetriever,
  type KnowledgeRetriever,
  type RankedCandidate,
} from '../src/retrieval/retriever.js';

const { values } = parseArgs({
  options: { kb: { type: 'string' }, queries: { type: 'string' }, embeddings: { type: 'string' } },
});
if (values.embeddings !== undefined && !['off', 'required'].includes(values.embeddings)) {
  process.stderr.write(`--embeddings must be off or required (got "${values.embeddings}")\n`);
  process.exit(2);
}
const kb = await loadKnowledgeBase(values.kb ?? 'knowledge-base');
const queries = await readQueries(values.queries ?? 'test/fixtures/queries.jsonl');

interface Row {
  query: (typeof queries)[number];
  ranked: RankedCandidate[];
}

const ANY_THRESHOLDS = { answerThreshold: 0.5, clarifyThreshold: 0.3, answerMargin: 0.1 };

async function rankAll(
  intentClassifier: boolean,
  retriever: KnowledgeRetriever = createRetriever(kb.articles, {
    thresholds: ANY_THRESHOLDS,
    defaultLang: 'en',
    intentClassifier,
  }),
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const query of queries)
    rows.push({ query, ranked: (await retriever.rank(query.query, { lang: query.lang })).candidates });
  return rows;
}

/** Logistic regression by full-batch gradient descent with a little L2; features are on 0..~3. */
function fit(samples: { x: number[]; y: number }[], size: number): { w: number[]; b: number } {
  let w = new Array<number>(size).fill(0);
  let b = 0;
  const lr = 0.5;
  const l2 = 0.001;
  for (let epoch = 0; epoch < 20000; epoch++) {
    const gw = new Array<number>(size).fill(0);
    let gb = 0;
    for (const s of samples) {
      const z = b + s.x.reduce((sum, v, i) => sum + v * w[i]!, 0);
      const err = 1 / (1 + Math.exp(-z)) - s.y;
      gb += err;
      s.x.forEach((v, i) => (gw[i]! += err * v));
    }
    w = w.map((wi, i) => wi - lr * (gw[i]! / samples.length + l2 * wi));
    b -= lr * (gb / samples.length);
  }
  return { w, b };
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
  const a = fit(answerSamples, keys.length);

  // Clarify model: is the right article among the first three?
  const clarifyKeys = Object.keys(CLARIFY_MODEL).filter(use) as (keyof ConfidenceFeatures)[];
  const clarifySamples = rows
    .filter(({ ranked }) => ranked.length > 0)
    .map(({ query, ranked }) => ({
      x: clarifyKeys.map((k) => ranked[0]!.features[k]),
      y: ranked.slice(0, 3).some((c) => query.expected.includes(c.articleId)) ? 1 : 0,
    }));
  const c = fit(clarifySamples, clarifyKeys.length);
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
function evaluateAt(rows: Row[], models: Models, t: Thresholds, fusion?: DenseFusion): Result {
  let correct = 0;
  let wrong = 0;
  let inDeclined = 0;
  let oosDeclined = 0;
  let inScope = 0;
  for (const { query, ranked } of rows) {
    const candidates = ranked
      .slice(0, 5)
      .map((c) => ({
        ...c,
        score: fuseConfidence(keywordConfidence(c.features, models.answer), c.cosine, fusion),
      }))
      .sort((x, y) => y.score - x.score);
    const group = fuseConfidence(
      clarifyConfidence(ranked[0]?.features, t.clarifyThreshold, models.clarify),
      ranked[0]?.cosine,
      fusion,
    );
    const kind = decide(candidates, t, group).kind;
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

/** Most correct answers (and fewest handoffs) with wrong answers <= 3 % and out-of-scope declined >= 85 %. */
function bestThresholds(rows: Row[], models: Models, fusion?: DenseFusion): Result | undefined {
  let best: Result | undefined;
  const value = (r: Result) => r.answeredCorrect - 0.5 * r.inDeclined;
  for (let at = 0.3; at <= 0.95; at += 0.01) {
    for (let ct = 0.05; ct < 0.95; ct += 0.01) {
      for (const answerMargin of [0, 0.05, 0.1, 0.15, 0.2]) {
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

if (values.embeddings === 'required') {
  try {
    await calibrateDense();
  } catch (error) {
    // A missing model or a bad setting: say what to fix, without a stack trace.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
  process.exit();
}

const withIntentRows = await rankAll(true);
const withIntent = fitModels(withIntentRows, true);
console.log('CONFIDENCE_MODEL =', JSON.stringify(withIntent.answer));
console.log('CLARIFY_MODEL =', JSON.stringify(withIntent.clarify));
const best = bestThresholds(withIntentRows, withIntent);
console.log('best thresholds meeting wrong<=0.03 and out-of-scope declined>=0.85:', JSON.stringify(best));

const keywordRows = await rankAll(false);
const withoutIntent = fitModels(keywordRows, false);
console.log('CONFIDENCE_MODEL_WITHOUT_INTENT =', JSON.stringify(withoutIntent.answer));
console.log('CLARIFY_MODEL_WITHOUT_INTENT =', JSON.stringify(withoutIntent.clarify));
if (best)
  console.log(
    'without the classifier, at those thresholds:',
    JSON.stringify(evaluateAt(keywordRows, withoutIntent, best)),
  );

/**
 * Fits the dense fusion for the configured model: ranks every query with dense weight 0 (so the
 * keyword relevance and the cosine come out separately), fits the band and weight, ranks again
 * with them and chooses the thresholds for the code's confidence models under the same
 * constraints as the keyword-only calibration.
 */
async function calibrateDense(): Promise<void> {
  const config = loadConfig({ ...process.env, EMBEDDINGS: 'required' });
  const tmp = mkdtempSync(path.join(tmpdir(), 'helpdesk-calibrate-'));
  const db = openDatabase(path.join(tmp, 'calibrate.db'));
  try {
    migrate(db, ALL_MIGRATIONS);
    const model = await createEmbedder(config.embeddings, cliLogger('warn'));
    const embedder = model && new CachedEmbedder(db, model);
    const build = (fusion: DenseFusion) =>
      indexRetriever(kb.articles, {
        thresholds: ANY_THRESHOLDS,
        defaultLang: config.kb.defaultLang,
        intentClassifier: config.intentClassifier,
        embedder,
        denseFusion: fusion,
      });
    const unfused = await build({ ...config.embeddings.fusion, weight: 0 });
    // The classifier may be skipped by its work budget even when configured: read what ran.
    const withIntent = unfused.usesIntentModel;
    const apart = await rankAll(withIntent, unfused);
    const fit = fitDenseFusion(
      apart.map(({ query, ranked }) => ({
        expected: query.expected,
        candidates: ranked.map((c) => ({ articleId: c.articleId, keyword: c.relevance, cosine: c.cosine })),
      })),
    );
    if ('error' in fit) {
      process.stderr.write(`cannot fit the dense fusion: ${fit.error}\n`);
      process.exitCode = 1;
      return;
    }
    console.log(`model ${config.embeddings.model}: top-1 (by fused relevance) at each dense weight`);
    for (const { weight, top1 } of fit.top1ByWeight)
      console.log(`  ${weight.toFixed(2)}  ${top1.toFixed(3)}`);
    const { weight, floor, ceiling } = fit.fusion;
    console.log(`DENSE_WEIGHT=${weight}\nDENSE_COSINE_FLOOR=${floor}\nDENSE_COSINE_CEILING=${ceiling}`);
    const fused = await rankAll(withIntent, await build(fit.fusion));
    const models = confidenceModels(withIntent);
    const best = bestThresholds(fused, models, fit.fusion);
    if (!best) {
      console.log('no thresholds meet wrong<=0.03 and out-of-scope declined>=0.85 with this model');
      return;
    }
    console.log('best thresholds with EMBEDDINGS=required:', JSON.stringify(best));
    console.log(
      `ANSWER_THRESHOLD=${best.answerThreshold}\nCLARIFY_THRESHOLD=${best.clarifyThreshold}\nANSWER_MARGIN=${best.answerMargin}`,
    );
  } finally {
    db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
