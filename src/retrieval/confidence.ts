/**
 * Keyword confidence: a logistic model of "the top article is the right answer", fitted on the
 * development query set by `npm run calibrate` (scripts/calibrate.ts), which prints the
 * coefficients below. Its output is a probability, so the decision thresholds in config read
 * as "answer when at least X likely right".
 */
export const CONFIDENCE_MODEL = {
  bias: -6,
  coverage: 5,
  phrasing: 3,
  relative: 2,
  gap: 4,
  terms: 0,
};

/** What the model looks at, all derived from one ranking. */
export interface ConfidenceFeatures {
  /** Share of the message's IDF mass the article contains. */
  coverage: number;
  /** Weighted Dice overlap with the article's closest phrasing. */
  phrasing: number;
  /** Relevance relative to the best article (1 for the best). */
  relative: number;
  /** Lead over the next article for the best one; shortfall behind the best for the others. */
  gap: number;
  /** log(1 + number of distinct query terms): short messages are weaker evidence. */
  terms: number;
}

/** Features of the candidate at `index` in a ranking sorted by relevance. */
export function confidenceFeatures(
  ranking: readonly { relevance: number; coverage: number; phrasing: number }[],
  index: number,
  termCount: number,
): ConfidenceFeatures {
  const top = ranking[0]?.relevance ?? 0;
  const me = ranking[index];
  if (!me || top <= 0) return { coverage: 0, phrasing: 0, relative: 0, gap: 0, terms: Math.log1p(termCount) };
  const next = ranking[1]?.relevance ?? 0;
  return {
    coverage: me.coverage,
    phrasing: me.phrasing,
    relative: me.relevance / top,
    gap: index === 0 ? (top - next) / top : (me.relevance - top) / top,
    terms: Math.log1p(termCount),
  };
}

/** Probability-like 0..1 confidence from the features. */
export function keywordConfidence(f: ConfidenceFeatures, model = CONFIDENCE_MODEL): number {
  const z =
    model.bias +
    model.coverage * f.coverage +
    model.phrasing * f.phrasing +
    model.relative * f.relative +
    model.gap * f.gap +
    model.terms * f.terms;
  return 1 / (1 + Math.exp(-z));
}
