/**
 * How keyword and dense evidence combine when a model is loaded. Cosines of sentence-embedding
 * models crowd into a narrow band (for E5, unrelated text still scores ~0.75), so they are
 * stretched from [floor, ceiling] onto 0..1 before mixing. These are starting values for E5-small;
 * recalibrate them with `npm run eval -- --embeddings required` when the model is installed.
 */
export const DENSE_FUSION = { weight: 0.5, floor: 0.78, ceiling: 0.92 };

/** Maps a cosine onto 0..1 with the fusion's floor and ceiling. */
export function stretchCosine(cosine: number): number {
  const { floor, ceiling } = DENSE_FUSION;
  return Math.min(1, Math.max(0, (cosine - floor) / (ceiling - floor)));
}

/** Ranking score from keyword relevance and, when a model is loaded, the article's best cosine. */
export function fuseRelevance(keywordRelevance: number, cosine: number | undefined): number {
  if (cosine === undefined) return keywordRelevance;
  const w = DENSE_FUSION.weight;
  return (1 - w) * keywordRelevance + w * stretchCosine(cosine);
}

/** Decision confidence from the keyword confidence and, when present, the cosine. */
export function fuseConfidence(keywordConfidence: number, cosine: number | undefined): number {
  if (cosine === undefined) return keywordConfidence;
  const w = DENSE_FUSION.weight;
  return (1 - w) * keywordConfidence + w * stretchCosine(cosine);
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
