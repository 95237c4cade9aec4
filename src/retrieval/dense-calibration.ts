import { fuseRelevance, type DenseFusion } from './fusion.js';

/**
 * One labelled query as the dense calibration sees it: every ranked article with its keyword
 * relevance (classifier already blended in) and its cosine, from a ranking made with dense weight 0.
 */
export interface DenseCalibrationSample {
  expected: readonly string[];
  candidates: readonly { articleId: string; keyword: number; cosine: number | undefined }[];
}

/** Weights tried, from keyword-only to dense-only. */
export const DENSE_WEIGHT_GRID = Array.from({ length: 21 }, (_, i) => i / 20);

/** The fitted fusion and the top-1 rate behind the choice, for the calibration printout. */
export interface DenseFusionFit {
  fusion: DenseFusion;
  /** Top-1 over the in-scope samples at each weight of the grid. */
  top1ByWeight: { weight: number; top1: number }[];
}

/**
 * Fits the dense fusion for the installed model on labelled rankings, or explains why it cannot.
 * Each model scores in its own band, so the band comes from the data: the floor is the median
 * cosine of articles that are not the answer (what "unrelated" looks like to this model), the
 * ceiling the 90th percentile of the right article's cosine. The weight is the one with the most
 * top-1 hits, the smallest on a tie: keyword evidence is the one the confidences were fitted on.
 */
export function fitDenseFusion(
  samples: readonly DenseCalibrationSample[],
): DenseFusionFit | { error: string } {
  const inScope = samples.filter((s) => s.expected.length > 0);
  const right: number[] = [];
  const wrong: number[] = [];
  for (const s of inScope)
    for (const c of s.candidates) {
      if (c.cosine === undefined) continue;
      (s.expected.includes(c.articleId) ? right : wrong).push(c.cosine);
    }
  if (right.length === 0 || wrong.length === 0)
    return { error: 'no cosines for right and for wrong articles: is the model loaded?' };
  const floor = round(quantile(wrong, 0.5));
  const ceiling = round(quantile(right, 0.9));
  if (ceiling <= floor)
    return {
      error: `the model scores right articles (90th percentile ${ceiling}) no higher than wrong ones (median ${floor}); it cannot help ranking`,
    };
  const top1ByWeight = DENSE_WEIGHT_GRID.map((weight) => ({
    weight,
    top1: top1Rate(inScope, { weight, floor, ceiling }),
  }));
  const best = top1ByWeight.reduce((a, b) => (b.top1 > a.top1 ? b : a));
  return { fusion: { weight: best.weight, floor, ceiling }, top1ByWeight };
}

/** Share of samples whose best fused article is an expected one (ties: the earlier candidate). */
export function top1Rate(samples: readonly DenseCalibrationSample[], fusion: DenseFusion): number {
  if (samples.length === 0) return 0;
  let hits = 0;
  for (const s of samples) {
    let best: string | undefined;
    let bestScore = -Infinity;
    for (const c of s.candidates) {
      const score = fuseRelevance(c.keyword, c.cosine, fusion);
      if (score > bestScore) {
        bestScore = score;
        best = c.articleId;
      }
    }
    if (best !== undefined && s.expected.includes(best)) hits += 1;
  }
  return hits / samples.length;
}

/** Linear-interpolated quantile of a non-empty list. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
