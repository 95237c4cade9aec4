import { roundScore } from './confidence.js';
/**
 * One labelled query as the dense calibration sees it: every ranked article with its cosine, from
 * a ranking made with dense weight 0.
 */
export interface DenseCalibrationSample {
  expected: readonly string[];
  candidates: readonly { articleId: string; cosine: number | undefined }[];
}

/** Weights tried, from keyword-only to dense-only. */
export const DENSE_WEIGHT_GRID = Array.from({ length: 11 }, (_, i) => i / 10);

/**
 * The installed model's cosine band, or why there is none. Each model scores in its own band, so
 * it comes from the data: the floor is the median cosine of articles that are not the answer
 * (what "unrelated" looks like to this model), the ceiling the 90th percentile of the right
 * article's cosine. Only in-scope queries count.
 */
export function fitDenseBand(
  samples: readonly DenseCalibrationSample[],
): { floor: number; ceiling: number } | { error: string } {
  const inScope = samples.filter((s) => s.expected.length > 0);
  if (inScope.length === 0) return { error: 'the query set has no in-scope queries' };
  const right: number[] = [];
  const wrong: number[] = [];
  for (const s of inScope)
    for (const c of s.candidates) {
      if (c.cosine === undefined) continue;
      (s.expected.includes(c.articleId) ? right : wrong).push(c.cosine);
    }
  if (right.length === 0 || wrong.length === 0)
    return { error: 'the model gave no cosine to the right articles or to the wrong ones' };
  const floor = roundScore(quantile(wrong, 0.5));
  const ceiling = roundScore(quantile(right, 0.9));
  if (ceiling <= floor)
    return {
      error: `the model scores right articles (90th percentile ${ceiling}) no higher than wrong ones (median ${floor}); it cannot help ranking`,
    };
  return { floor, ceiling };
}

/**
 * The weight with the most top-1 hits, measured by `top1At` the way `eval` measures it (the
 * confidence order of a ranking made with that weight); the smallest on a tie, as the keyword
 * evidence is what the confidence models were fitted on.
 */
export async function chooseDenseWeight(
  top1At: (weight: number) => Promise<number>,
  grid: readonly number[] = DENSE_WEIGHT_GRID,
): Promise<{ weight: number; top1ByWeight: { weight: number; top1: number }[] }> {
  const top1ByWeight: { weight: number; top1: number }[] = [];
  for (const weight of grid) top1ByWeight.push({ weight, top1: await top1At(weight) });
  const best = top1ByWeight.reduce((a, b) => (b.top1 > a.top1 ? b : a));
  return { weight: best.weight, top1ByWeight };
}

/** Linear-interpolated quantile of a non-empty list. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
