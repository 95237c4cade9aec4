import { describe, expect, it } from 'vitest';
import { fitLogistic, type Sample } from '../../../src/retrieval/calibration/fit-logistic.js';

const samples: Sample[] = Array.from({ length: 40 }, (_, i) => ({ x: [i / 20, 1], y: i >= 20 ? 1 : 0 }));

describe('fitLogistic', () => {
  it('learns which way a feature points', () => {
    const fitted = fitLogistic(samples, { l2: 0.001 });
    expect(fitted.w[0]).toBeGreaterThan(1);
  });

  it('stays near its prior when pulled hard, and moves off it when not', () => {
    const prior = { w: [-1, 0], b: 0 };
    const pulled = fitLogistic(samples, { prior, l2: 1.5 });
    const free = fitLogistic(samples, { prior, l2: 0.001 });
    expect(Math.abs(pulled.w[0]! - prior.w[0]!)).toBeLessThan(Math.abs(free.w[0]! - prior.w[0]!) / 3);
    expect(free.w[0]).toBeGreaterThan(0);
  });

  it('weights examples', () => {
    const noisy: Sample[] = [
      { x: [1], y: 1, weight: 9 },
      { x: [1], y: 0, weight: 1 },
    ];
    const p = (f: { w: number[]; b: number }) => 1 / (1 + Math.exp(-(f.b + f.w[0]!)));
    expect(p(fitLogistic(noisy, { l2: 0 }))).toBeCloseTo(0.9, 1);
  });
});
