/**
 * Fits the keyword confidence model (src/retrieval/confidence.ts) and the decision thresholds on
 * a labelled query set, and prints both. Usage:
 *   npm run calibrate -- [--kb knowledge-base] [--queries test/fixtures/queries.jsonl]
 * The coefficients are then pasted into confidence.ts and the thresholds into config defaults:
 * a reviewed change, not a silent self-tuning at start-up.
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
import { decide } from '../src/retrieval/decide.js';
import { readQueries } from '../src/retrieval/eval-queries.js';
import { createRetriever, type RankedCandidate } from '../src/retrieval/retriever.js';

const { values } = parseArgs({
  options: { kb: { type: 'string' }, queries: { type: 'string' } },
});
const kb = await loadKnowledgeBase(values.kb ?? 'knowledge-base');
const queries = await readQueries(values.queries ?? 'test/fixtures/queries.jsonl');
const retriever = await createRetriever(kb.articles, {
  thresholds: { answerThreshold: 0.5, clarifyThreshold: 0.3, answerMargin: 0.1 },
  defaultLang: 'en',
});

interface Row {
  query: (typeof queries)[number];
  ranked: RankedCandidate[];
}
const rows: Row[] = [];
for (const query of queries)
  rows.push({ query, ranked: (await retriever.rank(query.query, { lang: query.lang })).candidates });

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

// Answer model: the top candidate and the runner-up each teach it: right article or not.
const keys = Object.keys(CONFIDENCE_MODEL).filter((k) => k !== 'bias') as (keyof ConfidenceFeatures)[];
const answerSamples = rows.flatMap(({ query, ranked }) =>
  ranked
    .slice(0, 2)
    .map((c) => ({ x: keys.map((k) => c.features[k]), y: query.expected.includes(c.articleId) ? 1 : 0 })),
);
const a = fit(answerSamples, keys.length);
const model = {
  bias: round(a.b),
  ...Object.fromEntries(keys.map((k, i) => [k, round(a.w[i]!)])),
} as typeof CONFIDENCE_MODEL;
console.log('CONFIDENCE_MODEL =', JSON.stringify(model));

// Clarify model: is the right article among the first three?
const clarifyKeys = Object.keys(CLARIFY_MODEL).filter((k) => k !== 'bias') as (keyof ConfidenceFeatures)[];
const clarifySamples = rows
  .filter(({ ranked }) => ranked.length > 0)
  .map(({ query, ranked }) => ({
    x: clarifyKeys.map((k) => ranked[0]!.features[k]),
    y: ranked.slice(0, 3).some((c) => query.expected.includes(c.articleId)) ? 1 : 0,
  }));
const c = fit(clarifySamples, clarifyKeys.length);
const clarifyModel = {
  bias: round(c.b),
  ...Object.fromEntries(clarifyKeys.map((k, i) => [k, round(c.w[i]!)])),
} as typeof CLARIFY_MODEL;
console.log('CLARIFY_MODEL =', JSON.stringify(clarifyModel));

// Threshold sweep with the fitted model: most correct answers subject to the targets.
const scored = rows.map(({ query, ranked }) => ({
  query,
  features: ranked[0]?.features,
  candidates: ranked
    .slice(0, 5)
    .map((c) => ({ ...c, score: keywordConfidence(c.features, model) }))
    .sort((x, y) => y.score - x.score),
}));
interface Result {
  answerThreshold: number;
  clarifyThreshold: number;
  answerMargin: number;
  answeredCorrect: number;
  wrong: number;
  oosDeclined: number;
  inDeclined: number;
}
let best: Result | undefined;
const inScope = scored.filter((s) => s.query.expected.length > 0);
const outScope = scored.filter((s) => s.query.expected.length === 0);
for (let at = 0.3; at <= 0.95; at += 0.01) {
  for (let ct = 0.05; ct < 0.95; ct += 0.01) {
    for (const m of [0, 0.05, 0.1, 0.15, 0.2]) {
      const t = { answerThreshold: at, clarifyThreshold: ct, answerMargin: m };
      let correct = 0;
      let wrong = 0;
      let inDeclined = 0;
      for (const s of inScope) {
        const d = decide(
          s.candidates,
          t,
          clarifyConfidence(s.features, t.clarifyThreshold, clarifyModel),
        ).kind;
        if (d === 'answer') {
          if (s.query.expected.includes(s.candidates[0]!.articleId)) correct += 1;
          else wrong += 1;
        } else if (d === 'decline') inDeclined += 1;
      }
      const oosDeclined = outScope.filter(
        (s) =>
          decide(s.candidates, t, clarifyConfidence(s.features, t.clarifyThreshold, clarifyModel)).kind ===
          'decline',
      ).length;
      const r: Result = {
        answerThreshold: round(at),
        clarifyThreshold: round(ct),
        answerMargin: m,
        answeredCorrect: correct / inScope.length,
        wrong: wrong / inScope.length,
        oosDeclined: oosDeclined / Math.max(1, outScope.length),
        inDeclined: inDeclined / inScope.length,
      };
      if (r.wrong > 0.03 || r.oosDeclined < 0.85) continue;
      const value = r.answeredCorrect - 0.5 * r.inDeclined;
      if (!best || value > best.answeredCorrect - 0.5 * best.inDeclined) best = r;
    }
  }
}
console.log('best thresholds meeting wrong<=0.03 and out-of-scope declined>=0.85:', JSON.stringify(best));

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
