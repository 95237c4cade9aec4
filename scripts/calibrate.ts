/**
 * Fits the keyword confidence models (src/retrieval/confidence.ts) and the decision thresholds on
 * a labelled query set, and prints them. Usage:
 *   npm run calibrate -- [--kb knowledge-base] [--queries test/fixtures/queries.jsonl]
 * Two pairs of models are fitted: on rankings with the intent classifier (CONFIDENCE_MODEL,
 * CLARIFY_MODEL) and without it (..._WITHOUT_INTENT). The thresholds are chosen for the first
 * pair; the second is reported at the same thresholds. The coefficients are then pasted into
 * confidence.ts and the thresholds into config defaults: a reviewed change, not a silent
 * self-tuning at start-up.
 */
import { parseArgs } from 'node:util';
import { loadKnowledgeBase } from '../src/kb/load-kb.js';
import {
  CLARIFY_MODEL,
  CONFIDENCE_MODEL,
  clarifyConfidence,
  keywordConfidence,
  type ConfidenceFeatures,
} from '../src/retrieval/confidence.js';
import { decide, type Thresholds } from '../src/retrieval/decide.js';
import { readQueries } from '../src/retrieval/eval-queries.js';
import { createRetriever, type RankedCandidate } from '../src/retrieval/retriever.js';

const { values } = parseArgs({
  options: { kb: { type: 'string' }, queries: { type: 'string' } },
});
const kb = await loadKnowledgeBase(values.kb ?? 'knowledge-base');
const queries = await readQueries(values.queries ?? 'test/fixtures/queries.jsonl');

interface Row {
  query: (typeof queries)[number];
  ranked: RankedCandidate[];
}

async function rankAll(intentClassifier: boolean): Promise<Row[]> {
  const retriever = createRetriever(kb.articles, {
    thresholds: { answerThreshold: 0.5, clarifyThreshold: 0.3, answerMargin: 0.1 },
    defaultLang: 'en',
    intentClassifier,
  });
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

/** The decisions of `models` at thresholds `t` over the query set. */
function evaluateAt(rows: Row[], models: Models, t: Thresholds): Result {
  let correct = 0;
  let wrong = 0;
  let inDeclined = 0;
  let oosDeclined = 0;
  let inScope = 0;
  for (const { query, ranked } of rows) {
    const candidates = ranked
      .slice(0, 5)
      .map((c) => ({ ...c, score: keywordConfidence(c.features, models.answer) }))
      .sort((x, y) => y.score - x.score);
    const group = clarifyConfidence(ranked[0]?.features, t.clarifyThreshold, models.clarify);
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
function bestThresholds(rows: Row[], models: Models): Result | undefined {
  let best: Result | undefined;
  const value = (r: Result) => r.answeredCorrect - 0.5 * r.inDeclined;
  for (let at = 0.3; at <= 0.95; at += 0.01) {
    for (let ct = 0.05; ct < 0.95; ct += 0.01) {
      for (const answerMargin of [0, 0.05, 0.1, 0.15, 0.2]) {
        const r = evaluateAt(rows, models, { answerThreshold: at, clarifyThreshold: ct, answerMargin });
        if (r.wrong > 0.03 || r.oosDeclined < 0.85) continue;
        if (!best || value(r) > value(best)) best = r;
      }
    }
  }
  return best;
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

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
