import { createHash } from 'node:crypto';
import type { Lang } from '../../config.js';
import type { Article } from '../../kb/types.js';
import { companyThesaurus } from '../../text/synonyms.js';
import {
  clarifyConfidence,
  confidenceModels,
  roundScore,
  type CLARIFY_MODEL,
  type ConfidenceFeatures,
} from '../confidence.js';
import type { Thresholds } from '../decide.js';
import offTopic from '../data/off-topic.json' with { type: 'json' };
import { summarise, type QueryOutcome } from '../evaluate.js';
import type { KnowledgeRetriever, RankedCandidate } from '../retriever.js';
import { fitLogistic, type Sample } from './fit-logistic.js';
import { heldOutFolds, type HeldOutQuery } from './held-out.js';
import { replayDecision } from './replay-decision.js';

/** Bumped when the method changes, so that stored calibrations of an older method are redone. */
export const CALIBRATION_VERSION = 1;

/** Rounds of hold-out: each leaves out a fifth of the articles and of the phrasings. */
const FOLDS = 5;
/** Questions searched per round and kind: bounds the cost on a knowledge base of thousands. */
const MAX_QUERIES_PER_FOLD = 400;
/**
 * Pull of the fit towards the built-in model. The held-out phrasings are written by the same
 * authors as the phrasings left in, so they are easier than employees' messages; a strong pull
 * keeps what the labelled development set taught and moves only as far as this knowledge base
 * clearly differs.
 */
const PRIOR_PULL = 0.3;
/** Share of the fit's weight on questions the knowledge base does not cover. */
const OUT_OF_SCOPE_SHARE = 0.15;
/** Below this many held-out phrasings the built-in model is kept: too little to fit on. */
const MIN_HELD_OUT = 20;
/**
 * Lowest decline threshold: below it, a message sharing one common word with an article would be
 * worth a "Did you mean...?".
 */
const MIN_CLARIFY_THRESHOLD = 0.1;

/** The clarify model's coefficients, as in `CLARIFY_MODEL`. */
export type ClarifyModel = typeof CLARIFY_MODEL;

/** What the bot expects of itself on this knowledge base, from the held-out questions. */
export interface CalibrationEstimates {
  /** Held-out phrasings searched (questions the knowledge base covers). */
  inScope: number;
  /** Phrasings of held-out articles searched (questions it does not cover). */
  outOfScope: number;
  /** Everyday off-topic questions searched against the whole knowledge base. */
  offTopic: number;
  top1: number;
  answered: number;
  clarified: number;
  declined: number;
  /** Answers with the wrong article, as a share of in-scope questions. */
  wrongAnswers: number;
  outOfScopeDeclined: number;
  outOfScopeAnswered: number;
  offTopicDeclined: number;
}

/** A calibration for one knowledge base: what the retriever reads, and how it was reached. */
export interface Calibration {
  version: number;
  /** Key of the articles and settings it was made for (see `calibrationKey`). */
  key: string;
  /** Fitted with the intent classifier taking part: applies only to rankings made with it. */
  withIntent: boolean;
  clarifyModel: ClarifyModel;
  clarifyThreshold: number;
  estimates: CalibrationEstimates;
  /** Plain-language reasons for `npm run calibrate`. */
  notes: string[];
}

/**
 * Identifies the knowledge base and settings a calibration belongs to: the articles' ids and
 * file hashes, the company thesaurus, whether the classifier ran, the configured thresholds and
 * the method version.
 */
export function calibrationKey(articles: readonly Article[], withIntent: boolean, t: Thresholds): string {
  const hash = createHash('sha256');
  // The company thesaurus changes how every article and question is analysed.
  const thesaurus = [...companyThesaurus()].sort(([x], [y]) => x.localeCompare(y));
  hash.update(JSON.stringify({ v: CALIBRATION_VERSION, withIntent, t, n: articles.length, thesaurus }));
  for (const a of [...articles].sort((x, y) => x.id.localeCompare(y.id))) hash.update(`${a.id}\0${a.hash}\n`);
  return hash.digest('hex').slice(0, 32);
}

interface Row {
  lang: Lang;
  expected: string[];
  ranked: RankedCandidate[];
}

/** How a self-calibration lets other work through. */
export interface CalibrationOptions {
  /** Resolves after pending I/O and messages had their turn; called between questions. */
  pause?(): Promise<void>;
  /** Labelled questions: one more source for the fit (`npm run calibrate -- --queries`). */
  extra?: readonly HeldOutQuery[];
}

const CLARIFY_KEYS = [
  'coverage',
  'phrasing',
  'matched',
  'intent',
] as const satisfies readonly (keyof ConfidenceFeatures)[];

async function rankAll(
  retriever: KnowledgeRetriever,
  queries: readonly HeldOutQuery[],
  pause: (() => Promise<void>) | undefined,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [i, q] of queries.entries()) {
    rows.push({
      lang: q.lang,
      expected: q.expected,
      ranked: (await retriever.rank(q.query, { lang: q.lang })).candidates,
    });
    if (pause && i % 20 === 19) await pause();
  }
  return rows;
}

/**
 * Fits the decline side of the decision to the knowledge base `serving` holds, without labelled
 * questions (see docs/retrieval.md, "Self-calibration"):
 * - each round of `heldOutFolds` is indexed apart and its held-out phrasings searched: they teach
 *   the clarify model (is the right article among the first three?) how this knowledge base's
 *   evidence looks, starting from and pulled towards the built-in model;
 * - everyday off-topic questions are searched against the whole knowledge base: the highest
 *   confidence any of them reaches is the noise floor of this knowledge base, and the decline
 *   threshold comes down to it (never above the configured one): the bot declines only what
 *   matches no better than small talk, and offers a choice for the rest.
 * The answer model and threshold stay as configured: a wrong answer costs more than a question
 * back, and held-out phrasings are too easy to loosen them safely.
 */
export async function selfCalibrate(
  serving: KnowledgeRetriever,
  thresholds: Thresholds,
  options: CalibrationOptions = {},
): Promise<Calibration> {
  const { pause, extra = [] } = options;
  const articles = serving.listArticles();
  const withIntent = serving.usesIntentModel;
  const builtIn = confidenceModels(withIntent);
  const notes: string[] = [];
  const heldOut: Row[] = [];
  for (const fold of heldOutFolds(articles, FOLDS, MAX_QUERIES_PER_FOLD)) {
    if (fold.queries.length === 0) continue;
    const retriever = await serving.keywordTwin(fold.articles);
    heldOut.push(...(await rankAll(retriever, fold.queries, pause)));
  }
  const labelled = await rankAll(serving, extra, pause);
  const langs = new Set<Lang>(articles.map((a) => a.lang));
  const offTopicQueries = [...langs].flatMap((lang) =>
    offTopic[lang].map((query) => ({ query, lang, expected: [] as string[] })),
  );
  const offTopicRows = await rankAll(serving, offTopicQueries, pause);

  const fitRows = [...heldOut, ...labelled];
  const inScope = fitRows.filter((r) => r.expected.length > 0);
  let clarifyModel = builtIn.clarify;
  if (inScope.length >= MIN_HELD_OUT) {
    clarifyModel = fitClarify(fitRows, builtIn.clarify, withIntent);
    notes.push(
      `clarify model fitted on ${inScope.length} held-out phrasings and ${fitRows.length - inScope.length} phrasings of held-out articles, starting from the built-in one`,
    );
  } else {
    notes.push(
      `only ${inScope.length} phrasings could be held out (fewer than ${MIN_HELD_OUT}): the built-in clarify model is kept; add example phrasings to the articles`,
    );
  }

  const noise = Math.max(
    0,
    ...offTopicRows.map((r) => (r.ranked[0] ? clarifyConfidence(r.ranked[0].features, 0, clarifyModel) : 0)),
  );
  const floor = roundScore(roundScore(noise) + 0.001); // just above the noise, in shown scores
  const clarifyThreshold = roundScore(
    Math.max(MIN_CLARIFY_THRESHOLD, Math.min(thresholds.clarifyThreshold, floor)),
  );
  notes.push(
    floor < thresholds.clarifyThreshold
      ? `off-topic questions reach a confidence of ${roundScore(noise)} at most: anything above it is offered as a choice rather than declined (threshold ${roundScore(clarifyThreshold)}, configured ${thresholds.clarifyThreshold})`
      : `off-topic questions reach ${roundScore(noise)}, above the configured decline threshold ${thresholds.clarifyThreshold}, which stays`,
  );
  const calibrated = { ...thresholds, clarifyThreshold };
  const estimates = estimate(heldOut, offTopicRows, withIntent, clarifyModel, calibrated);
  return {
    version: CALIBRATION_VERSION,
    key: calibrationKey(articles, withIntent, thresholds),
    withIntent,
    clarifyModel,
    clarifyThreshold,
    estimates,
    notes,
  };
}

/** The clarify model for these rows, out-of-scope ones weighted to `OUT_OF_SCOPE_SHARE`. */
function fitClarify(rows: readonly Row[], prior: ClarifyModel, withIntent: boolean): ClarifyModel {
  const keys = CLARIFY_KEYS.filter((k) => withIntent || k !== 'intent');
  const inScope = rows.filter((r) => r.expected.length > 0).length;
  const outOfScope = rows.length - inScope;
  const outWeight =
    outOfScope === 0 ? 1 : (OUT_OF_SCOPE_SHARE * inScope) / ((1 - OUT_OF_SCOPE_SHARE) * outOfScope);
  const samples: Sample[] = rows
    .filter((r) => r.ranked.length > 0)
    .map((r) => ({
      x: keys.map((k) => r.ranked[0]!.features[k]),
      y: r.ranked.slice(0, 3).some((c) => r.expected.includes(c.articleId)) ? 1 : 0,
      weight: r.expected.length > 0 ? 1 : outWeight,
    }));
  const fitted = fitLogistic(samples, {
    prior: { w: keys.map((k) => prior[k]), b: prior.bias },
    l2: PRIOR_PULL,
  });
  const model: ClarifyModel = { ...prior, bias: roundScore(fitted.b) };
  keys.forEach((k, i) => (model[k] = roundScore(fitted.w[i]!)));
  return model;
}

/** The decisions the calibrated bot makes on the held-out and off-topic questions. */
function estimate(
  heldOut: readonly Row[],
  offTopicRows: readonly Row[],
  withIntent: boolean,
  clarifyModel: ClarifyModel,
  t: Thresholds,
): CalibrationEstimates {
  const models = { answer: confidenceModels(withIntent).answer, clarify: clarifyModel };
  const decideRow = (r: Row) => {
    const { kind, candidates } = replayDecision(r.ranked, models, t);
    return { kind, order: candidates.map((c) => c.articleId) };
  };
  const outcome = (r: Row): QueryOutcome => {
    const d = decideRow(r);
    return {
      query: { query: '', lang: r.lang, expected: r.expected },
      ranked: d.order,
      decision: d.kind,
      latencyMs: 0,
    };
  };
  const held = summarise(heldOut.map(outcome), { embeddings: 'off', indexMs: 0 });
  const offTopic = summarise(offTopicRows.map(outcome), { embeddings: 'off', indexMs: 0 });
  return {
    inScope: held.inScope.n,
    outOfScope: held.outOfScope.n,
    offTopic: offTopic.outOfScope.n,
    top1: held.inScope.top1,
    answered: held.inScope.answered,
    clarified: held.inScope.clarified,
    declined: held.inScope.declined,
    wrongAnswers: held.inScope.wrongAnswer,
    outOfScopeDeclined: held.outOfScope.declined,
    outOfScopeAnswered: held.outOfScope.wrongAnswer,
    offTopicDeclined: offTopic.outOfScope.declined,
  };
}
