import { describe, expect, it } from 'vitest';
import {
  DENSE_WEIGHT_GRID,
  chooseDenseWeight,
  fitDenseBand,
  type DenseCalibrationSample,
} from '../../src/retrieval/dense-calibration.js';

/** An in-scope query whose right article `a` has cosine `right` and a wrong one `b` has `wrong`. */
const sample = (right: number | undefined, wrong: number | undefined): DenseCalibrationSample => ({
  expected: ['a'],
  candidates: [
    { articleId: 'a', cosine: right },
    { articleId: 'b', cosine: wrong },
  ],
});

describe('fitDenseBand', () => {
  it("takes the band from the model's own cosines: median of wrong, 90th percentile of right", () => {
    const band = fitDenseBand([sample(0.8, 0.5), sample(0.85, 0.6), sample(0.9, 0.7)]);
    expect(band).toEqual({ floor: 0.6, ceiling: 0.89 });
  });

  it('ignores out-of-scope queries and articles without a cosine', () => {
    const band = fitDenseBand([
      sample(0.8, 0.5),
      sample(undefined, 0.55),
      { expected: [], candidates: [{ articleId: 'a', cosine: 0.99 }] },
    ]);
    expect(band).toEqual({ floor: 0.525, ceiling: 0.8 });
  });

  it('explains instead of fitting: no in-scope query, no cosines, or cosines that do not separate', () => {
    expect(fitDenseBand([{ expected: [], candidates: [{ articleId: 'a', cosine: 0.9 }] }])).toEqual({
      error: 'the query set has no in-scope queries',
    });
    expect(fitDenseBand([sample(undefined, undefined)])).toEqual({
      error: expect.stringMatching(/no cosine/),
    });
    expect(fitDenseBand([sample(0.5, 0.9), sample(0.6, 0.8)])).toEqual({
      error: expect.stringMatching(/no higher than wrong ones/),
    });
  });
});

describe('chooseDenseWeight', () => {
  it('keeps the weight with the best top-1, the smallest on a tie, and reports every weight', async () => {
    const top1 = new Map([
      [0, 0.8],
      [0.3, 0.9],
      [0.4, 0.9],
      [1, 0.5],
    ]);
    const seen: number[] = [];
    const chosen = await chooseDenseWeight(async (w) => {
      seen.push(w);
      return top1.get(w) ?? 0.7;
    });
    expect(chosen.weight).toBe(0.3);
    expect(seen).toEqual(DENSE_WEIGHT_GRID);
    expect(chosen.top1ByWeight).toHaveLength(DENSE_WEIGHT_GRID.length);
    expect(chosen.top1ByWeight[0]).toEqual({ weight: 0, top1: 0.8 });
  });

  it('stays keyword-only when the model never helps', async () => {
    expect((await chooseDenseWeight(async (w) => 0.9 - w / 10)).weight).toBe(0);
  });
});
