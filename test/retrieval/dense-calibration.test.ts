import { describe, expect, it } from 'vitest';
import {
  fitDenseFusion,
  top1Rate,
  type DenseCalibrationSample,
} from '../../src/retrieval/dense-calibration.js';

/** A query whose keyword ranking prefers `keywordBest` and whose cosines prefer `denseBest`. */
function sample(
  expected: string,
  keywordBest: string,
  denseBest: string,
  other = 'c',
): DenseCalibrationSample {
  const ids = [...new Set([keywordBest, denseBest, other])];
  return {
    expected: [expected],
    candidates: ids.map((id) => ({
      articleId: id,
      keyword: id === keywordBest ? 0.6 : 0.5,
      cosine: id === denseBest ? 0.9 : 0.8,
    })),
  };
}

function fitted(samples: DenseCalibrationSample[]) {
  const fit = fitDenseFusion(samples);
  if ('error' in fit) throw new Error(fit.error);
  return fit;
}

describe('fitDenseFusion', () => {
  it('gives the cosine weight when the model is right where keywords are wrong', () => {
    const samples = [
      ...Array.from({ length: 6 }, () => sample('a', 'b', 'a')),
      ...Array.from({ length: 4 }, () => sample('a', 'a', 'a')),
    ];
    const fit = fitted(samples);
    expect(fit.fusion.weight).toBeGreaterThan(0);
    expect(top1Rate(samples, fit.fusion)).toBe(1);
    expect(fit.top1ByWeight[0]).toEqual({ weight: 0, top1: 0.4 });
  });

  it('keeps keyword-only ranking when the model only adds noise', () => {
    const samples = [
      ...Array.from({ length: 6 }, () => sample('a', 'a', 'b')),
      ...Array.from({ length: 2 }, () => sample('a', 'a', 'a')),
    ];
    const fit = fitted(samples);
    expect(fit.fusion.weight).toBe(0);
    expect(top1Rate(samples, fit.fusion)).toBe(1);
  });

  it("takes the band from the model's own cosines: median of wrong, 90th percentile of right", () => {
    const samples: DenseCalibrationSample[] = [0.5, 0.6, 0.7].map((wrong, i) => ({
      expected: ['a'],
      candidates: [
        { articleId: 'a', keyword: 0.5, cosine: 0.8 + i * 0.05 },
        { articleId: 'b', keyword: 0.4, cosine: wrong },
      ],
    }));
    const { fusion } = fitted(samples);
    expect(fusion.floor).toBe(0.6);
    expect(fusion.ceiling).toBe(0.89);
  });

  it('ignores out-of-scope queries and articles without a cosine', () => {
    const samples: DenseCalibrationSample[] = [
      sample('a', 'a', 'a'),
      sample('a', 'b', 'a'),
      { expected: [], candidates: [{ articleId: 'a', keyword: 0.9, cosine: 0.99 }] },
      { expected: ['a'], candidates: [{ articleId: 'a', keyword: 0.3, cosine: undefined }] },
    ];
    const fit = fitted(samples);
    expect(fit.fusion.ceiling).toBe(0.9);
    expect(fit.top1ByWeight.every((p) => p.top1 <= 1)).toBe(true);
  });

  it('explains instead of fitting when there are no cosines, or they do not separate', () => {
    const noModel: DenseCalibrationSample = {
      expected: ['a'],
      candidates: [{ articleId: 'a', keyword: 0.5, cosine: undefined }],
    };
    expect(fitDenseFusion([noModel])).toEqual({ error: expect.stringMatching(/model loaded/) });
    const upsideDown = [sample('a', 'a', 'b'), sample('a', 'a', 'b')];
    expect(fitDenseFusion(upsideDown)).toEqual({ error: expect.stringMatching(/no higher than wrong/) });
  });
});

describe('top1Rate', () => {
  it('counts the best fused article, earlier candidate on a tie, and 0 for no samples', () => {
    const tie: DenseCalibrationSample = {
      expected: ['b'],
      candidates: [
        { articleId: 'a', keyword: 0.5, cosine: undefined },
        { articleId: 'b', keyword: 0.5, cosine: undefined },
      ],
    };
    expect(top1Rate([tie], { weight: 0.5, floor: 0.7, ceiling: 0.9 })).toBe(0);
    expect(top1Rate([], { weight: 0.5, floor: 0.7, ceiling: 0.9 })).toBe(0);
  });
});
