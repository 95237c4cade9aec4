import type { KeywordEvidence } from './scoring.js';

/**
 * How keyword and dense evidence combine when a model is loaded. Cosines of sentence-embedding
 * models crowd into a narrow band (for E5, unrelated text still scores ~0.75), so they are
 * stretched from [floor, ceiling] onto 0..1 before mixing.
 */
export const DENSE_FUSION = { weight: 0.5, floor: 0.78, ceiling: 0.92 };

/** Maps a cosine onto 0..1 with the fusion's floor and ceiling. */
export function stretchCosine(cosine: number): number {
  const { floor, ceiling } = DENSE_FUSION;
  return Math.min(1, Math.max(0, (cosine - floor) / (ceiling - floor)));
}

/** Relevance and confidence of one article from both signals (keyword evidence may be absent). */
export function fuse(
  keyword: KeywordEvidence | undefined,
  cosine: number | undefined,
): { relevance: number; confidence: number } {
  const kwRelevance = keyword?.relevance ?? 0;
  const kwConfidence = keyword?.confidence ?? 0;
  if (cosine === undefined) return { relevance: kwRelevance, confidence: kwConfidence };
  const dense = stretchCosine(cosine);
  const w = DENSE_FUSION.weight;
  return {
    relevance: (1 - w) * kwRelevance + w * dense,
    confidence: (1 - w) * kwConfidence + w * dense,
  };
}
