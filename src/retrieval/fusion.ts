/**
 * How keyword and dense evidence combine when a model is loaded. Cosines of sentence-embedding
 * models crowd into a narrow band (for E5, unrelated text still scores ~0.75), so they are
 * stretched from [floor, ceiling] onto 0..1 before mixing; `weight` is the stretched cosine's
 * share of both the ranking and the confidence. Set by `DENSE_WEIGHT`, `DENSE_COSINE_FLOOR` and
 * `DENSE_COSINE_CEILING`, because each model has its own band: `npm run calibrate:builtin -- --embeddings
 * required` fits them on the development set once the model is installed.
 */
export interface DenseFusion {
  weight: number;
  floor: number;
  ceiling: number;
}

/** Starting values for E5-small, used until a calibration with the installed model replaces them. */
export const DEFAULT_DENSE_FUSION: DenseFusion = { weight: 0.5, floor: 0.78, ceiling: 0.92 };

/**
 * Maps a cosine onto 0..1 with the fusion's floor and ceiling. The fusion is always passed in:
 * a default here would let a new caller use E5's band with another model without notice.
 */
export function stretchCosine(cosine: number, fusion: DenseFusion): number {
  const { floor, ceiling } = fusion;
  return Math.min(1, Math.max(0, (cosine - floor) / (ceiling - floor)));
}

/** Ranking score from keyword relevance and, when a model is loaded, the article's best cosine. */
export function fuseRelevance(
  keywordRelevance: number,
  cosine: number | undefined,
  fusion: DenseFusion,
): number {
  if (cosine === undefined) return keywordRelevance;
  return (1 - fusion.weight) * keywordRelevance + fusion.weight * stretchCosine(cosine, fusion);
}

/** Decision confidence from the keyword confidence and, when present, the cosine. */
export function fuseConfidence(
  keywordConfidence: number,
  cosine: number | undefined,
  fusion: DenseFusion,
): number {
  return fuseRelevance(keywordConfidence, cosine, fusion);
}

/**
 * Weight of the intent classifier's probability in the keyword ranking: enough to separate
 * neighbouring articles that share most words, not enough to override clear keyword evidence.
 */
export const INTENT_WEIGHT = 0.25;

/** Keyword relevance blended with the intent classifier's probability, when there is one. */
export function fuseIntent(keywordRelevance: number, intent: number | undefined): number {
  if (intent === undefined) return keywordRelevance;
  return (1 - INTENT_WEIGHT) * keywordRelevance + INTENT_WEIGHT * intent;
}
