/**
 * Keyword confidence: a logistic model of "the top article is the right answer", fitted on the
 * development query set by `npm run calibrate:builtin` (scripts/fit-builtin-models.ts), which prints the
 * coefficients below. Its output is a probability, so the decision thresholds in config read
 * as "answer when at least X likely right".
 */
export const CONFIDENCE_MODEL = {
  bias: -6.468,
  coverage: 0.682,
  phrasing: 1.422,
  relative: 0.617,
  gap: 2.328,
  lead: 1.936,
  matched: 1.903,
  intent: 1.889,
};

/**
 * Clarify confidence: a logistic model of "one of the top three articles is right", fitted the
 * same way. It looks at how well the best article matches, not at the lead over the runner-up:
 * two close printer articles for "printer" make answering risky but clarifying right.
 */
export const CLARIFY_MODEL = {
  bias: -9.872,
  coverage: 2.682,
  phrasing: 1.994,
  matched: 4.189,
  intent: 3.314,
};

/**
 * The same two models fitted on rankings made without the intent classifier (`INTENT_CLASSIFIER`
 * off, or a knowledge base beyond its work budget). Without them the models above would read the
 * missing classifier as "no article is likely" and the bot would stop answering.
 */
export const CONFIDENCE_MODEL_WITHOUT_INTENT: typeof CONFIDENCE_MODEL = {
  bias: -7.559,
  coverage: -0.372,
  phrasing: 2.803,
  relative: 1.761,
  gap: 3.514,
  lead: 3.405,
  matched: 2.331,
  intent: 0,
};

export const CLARIFY_MODEL_WITHOUT_INTENT: typeof CLARIFY_MODEL = {
  bias: -8.746,
  coverage: 1.349,
  phrasing: 4.594,
  matched: 4.462,
  intent: 0,
};

/** Which pair of fitted models reads a ranking: with or without the intent classifier. */
export function confidenceModels(withIntent: boolean): {
  answer: typeof CONFIDENCE_MODEL;
  clarify: typeof CLARIFY_MODEL;
} {
  return withIntent
    ? { answer: CONFIDENCE_MODEL, clarify: CLARIFY_MODEL }
    : { answer: CONFIDENCE_MODEL_WITHOUT_INTENT, clarify: CLARIFY_MODEL_WITHOUT_INTENT };
}

/** What the model looks at, all derived from one ranking. */
export interface ConfidenceFeatures {
  /** Share of the message's IDF mass the article contains. */
  coverage: number;
  /** Weighted Dice overlap with the article's closest phrasing. */
  phrasing: number;
  /** Relevance relative to the best article (1 for the best). */
  relative: number;
  /**
   * Lead over the next article for the best one, shortfall behind the best for the others, times
   * coverage: being alone in front only counts when the article matches the message well (a
   * message about pizza recipes may share one word with one article and none with the others).
   */
  lead: number;
  /** Lead (or shortfall) alone: how clearly the ranking separates this article. */
  gap: number;
  /** log(1 + distinct message terms the article contains): more matched words, more evidence. */
  matched: number;
  /** The intent classifier's probability for this article (0 when no classifier is trained). */
  intent: number;
}

/** Features of the candidate at `index` in a ranking sorted by relevance. */
export function confidenceFeatures(
  ranking: readonly {
    relevance: number;
    coverage: number;
    phrasing: number;
    matched: number;
    intent: number;
  }[],
  index: number,
): ConfidenceFeatures {
  const top = ranking[0]?.relevance ?? 0;
  const me = ranking[index];
  if (!me || top <= 0)
    return { coverage: 0, phrasing: 0, relative: 0, gap: 0, lead: 0, matched: 0, intent: 0 };
  const next = ranking[1]?.relevance ?? 0;
  const gap = index === 0 ? (top - next) / top : (me.relevance - top) / top;
  return {
    coverage: me.coverage,
    phrasing: me.phrasing,
    relative: me.relevance / top,
    gap,
    lead: gap * me.coverage,
    matched: Math.log1p(me.matched),
    intent: me.intent,
  };
}

/**
 * A message that, once analysed, is exactly one of an article's phrasings ("VPN won't connect")
 * and leads the runner-up clearly is what the phrasings are for: it is answered. The fitted model
 * cannot learn this, because the development queries were written to differ from the phrasings.
 */
export const EXACT_PHRASING = { overlap: 0.99, lead: 0.15, confidence: 0.95 };

/** Probability-like 0..1 confidence from the features. */
export function keywordConfidence(f: ConfidenceFeatures, model = CONFIDENCE_MODEL): number {
  const p = logistic(model, f);
  const exact = f.phrasing >= EXACT_PHRASING.overlap && f.gap >= EXACT_PHRASING.lead;
  return exact ? Math.max(p, EXACT_PHRASING.confidence) : p;
}

/** A fitted logistic model: its bias plus a coefficient for each feature it uses. */
type LogisticModel = { bias: number } & Partial<Record<keyof ConfidenceFeatures, number>>;

/**
 * Summed in the features' declared order, written out: every ranked candidate of every message
 * goes through here, and a loop over `Object.keys` cost an array and seven keyed lookups each time.
 */
function logistic(model: LogisticModel, f: ConfidenceFeatures): number {
  let z = model.bias;
  z += (model.coverage ?? 0) * f.coverage;
  z += (model.phrasing ?? 0) * f.phrasing;
  z += (model.relative ?? 0) * f.relative;
  z += (model.gap ?? 0) * f.gap;
  z += (model.lead ?? 0) * f.lead;
  z += (model.matched ?? 0) * f.matched;
  z += (model.intent ?? 0) * f.intent;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Coverage from which a message counts as fully about the best article even when it is short:
 * "wifi" or "printer" is a real, if vague, support request, and the right reply is a choice of
 * the matching articles rather than "I don't know". Short messages are rare in the development
 * set, so the fitted model alone undervalues them.
 */
export const FULL_COVERAGE = 0.99;

/** Probability-like 0..1 confidence that the best few candidates include the right one. */
export function clarifyConfidence(
  top: ConfidenceFeatures | undefined,
  clarifyThreshold: number,
  model = CLARIFY_MODEL,
): number {
  if (!top) return 0;
  const p = logistic(model, top);
  return top.coverage >= FULL_COVERAGE ? Math.max(clarifyThreshold, p) : p;
}

/**
 * Scores as the decision sees them: three decimals, as `ask` and the replies show them. The
 * calibration rounds the same way, or a confidence of 0.8896 would be "below 0.89" there and
 * "0.89" here.
 */
export function roundScore(x: number): number {
  return Math.round(x * 1000) / 1000;
}
