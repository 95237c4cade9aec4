import { describe, expect, it } from 'vitest';
import {
  EXACT_PHRASING,
  FULL_COVERAGE,
  clarifyConfidence,
  confidenceFeatures,
  keywordConfidence,
  type ConfidenceFeatures,
} from '../../src/retrieval/confidence.js';
import {
  DEFAULT_DENSE_FUSION as DENSE_FUSION,
  fuseConfidence,
  fuseRelevance,
  stretchCosine,
} from '../../src/retrieval/fusion.js';

const ranking = [
  { relevance: 1, coverage: 0.9, phrasing: 0.8, matched: 3, intent: 0.7 },
  { relevance: 0.6, coverage: 0.5, phrasing: 0.4, matched: 2, intent: 0.2 },
  { relevance: 0.3, coverage: 0.2, phrasing: 0.1, matched: 1, intent: 0.05 },
];

const base: ConfidenceFeatures = {
  coverage: 0.8,
  phrasing: 0.6,
  relative: 1,
  gap: 0.3,
  lead: 0.24,
  matched: 1.1,
  intent: 0.5,
};

describe('confidenceFeatures', () => {
  it('gives the best article its lead and the others their shortfall, weighted by coverage', () => {
    const top = confidenceFeatures(ranking, 0);
    expect(top.relative).toBe(1);
    expect(top.gap).toBeCloseTo(0.4);
    expect(top.lead).toBeCloseTo(0.4 * 0.9);
    expect(top.matched).toBeCloseTo(Math.log1p(3));
    expect(top.intent).toBe(0.7);
    const third = confidenceFeatures(ranking, 2);
    expect(third.relative).toBeCloseTo(0.3);
    expect(third.gap).toBeCloseTo(-0.7);
    expect(third.lead).toBeCloseTo(-0.7 * 0.2);
  });

  it('is all zero for an empty ranking or an index past its end', () => {
    expect(confidenceFeatures([], 0)).toEqual({
      coverage: 0,
      phrasing: 0,
      relative: 0,
      gap: 0,
      lead: 0,
      matched: 0,
      intent: 0,
    });
    expect(confidenceFeatures(ranking, 7).relative).toBe(0);
  });
});

describe('keywordConfidence', () => {
  it('is a probability that grows with the lead over the runner-up and with phrasing overlap', () => {
    const p = keywordConfidence(base);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(keywordConfidence({ ...base, gap: 0.6, lead: 0.48 })).toBeGreaterThan(p);
    expect(keywordConfidence({ ...base, phrasing: 0.9 })).toBeGreaterThan(p);
    expect(keywordConfidence({ ...base, intent: 0.9 })).toBeGreaterThan(p);
    expect(keywordConfidence({ ...base, gap: -0.5, lead: -0.4, relative: 0.5 })).toBeLessThan(p);
  });

  it('answers an exact phrasing that clearly leads, and only then', () => {
    const exact = { ...base, phrasing: 1, gap: EXACT_PHRASING.lead + 0.01 };
    expect(keywordConfidence(exact)).toBeGreaterThanOrEqual(EXACT_PHRASING.confidence);
    const close = { ...base, phrasing: 1, gap: EXACT_PHRASING.lead - 0.1, lead: 0 };
    expect(keywordConfidence(close)).toBeLessThan(EXACT_PHRASING.confidence);
  });
});

describe('clarifyConfidence', () => {
  it('is zero without candidates and rises with the evidence for the best one', () => {
    expect(clarifyConfidence(undefined, 0.7)).toBe(0);
    const weak = clarifyConfidence({ ...base, coverage: 0.3, phrasing: 0.1, matched: 0.7 }, 0.99);
    const strong = clarifyConfidence({ ...base, coverage: 0.9, phrasing: 0.9, matched: 1.6 }, 0.99);
    expect(strong).toBeGreaterThan(weak);
  });

  it('lets a short message fully covered by the best article reach the clarify threshold', () => {
    const oneWord = { ...base, coverage: FULL_COVERAGE, phrasing: 0.3, matched: Math.log1p(1) };
    expect(clarifyConfidence(oneWord, 0.78)).toBeGreaterThanOrEqual(0.78);
    expect(clarifyConfidence({ ...oneWord, coverage: 0.9 }, 0.78)).toBeLessThan(0.78);
  });
});

describe('dense fusion', () => {
  it('stretches cosines from the floor..ceiling band onto 0..1', () => {
    expect(stretchCosine(DENSE_FUSION.floor - 0.1, DENSE_FUSION)).toBe(0);
    expect(stretchCosine(DENSE_FUSION.ceiling + 0.05, DENSE_FUSION)).toBe(1);
    expect(stretchCosine((DENSE_FUSION.floor + DENSE_FUSION.ceiling) / 2, DENSE_FUSION)).toBeCloseTo(0.5);
  });

  it('leaves keyword scores alone without a model and mixes them with one', () => {
    expect(fuseRelevance(0.4, undefined, DENSE_FUSION)).toBe(0.4);
    expect(fuseConfidence(0.4, undefined, DENSE_FUSION)).toBe(0.4);
    const w = DENSE_FUSION.weight;
    expect(fuseRelevance(0.4, DENSE_FUSION.ceiling, DENSE_FUSION)).toBeCloseTo((1 - w) * 0.4 + w);
    expect(fuseConfidence(0.4, DENSE_FUSION.floor, DENSE_FUSION)).toBeCloseTo((1 - w) * 0.4);
  });

  it('uses the band and weight it is given (another model, another calibration)', () => {
    const fusion = { weight: 0.2, floor: 0.3, ceiling: 0.5 };
    expect(stretchCosine(0.4, fusion)).toBeCloseTo(0.5);
    expect(fuseRelevance(0.5, 0.5, fusion)).toBeCloseTo(0.8 * 0.5 + 0.2);
    expect(fuseConfidence(0.5, 0.3, fusion)).toBeCloseTo(0.8 * 0.5);
    expect(fuseRelevance(0.5, 0.9, { ...fusion, weight: 0 })).toBe(0.5);
  });
});
