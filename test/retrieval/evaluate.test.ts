import { describe, expect, it } from 'vitest';
import type { LabelledQuery } from '../../src/retrieval/eval-queries.js';
import {
  clarifyFigures,
  formatReport,
  percentile,
  summarise,
  type QueryOutcome,
} from '../../src/retrieval/evaluate.js';
import type { DecisionKind } from '../../src/retrieval/types.js';

describe('percentile', () => {
  it('is 0 for no values', () => {
    expect(percentile([], 50)).toBe(0);
  });

  it('takes the nearest rank of the sorted values', () => {
    const values = [80, 10, 70, 20, 60, 30, 50, 40];
    expect(percentile(values, 50)).toBe(40);
    expect(percentile(values, 95)).toBe(80);
    expect(percentile(values, 100)).toBe(80);
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 25)).toBe(20);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([7], 95)).toBe(7);
  });

  it('does not reorder its input and rounds to hundredths', () => {
    const values = [3.14159, 1.005, 2.71828];
    percentile(values, 50);
    expect(values).toEqual([3.14159, 1.005, 2.71828]);
    expect(percentile(values, 100)).toBe(3.14);
    expect(percentile(values, 50)).toBe(2.72);
  });
});

function outcome(
  lang: 'en' | 'ru',
  expected: string[],
  ranked: string[],
  decision: DecisionKind,
  latencyMs: number,
): QueryOutcome {
  const query: LabelledQuery = { query: `q${latencyMs}`, lang, expected };
  return { query, ranked, decision, latencyMs };
}

/** Hand-made outcomes; the expected figures below are worked out by hand. */
const OUTCOMES: QueryOutcome[] = [
  outcome('en', ['x'], ['x', 'y'], 'answer', 10), // rank 1, answered correctly
  outcome('en', ['x'], ['y', 'x'], 'answer', 20), // rank 2, answered wrongly
  outcome('en', ['x'], ['y', 'z', 'w', 'x'], 'clarify', 30), // rank 4
  outcome('en', ['x', 'x2'], ['x2', 'x'], 'decline', 40), // an alternative expected id at rank 1
  outcome('ru', ['r'], [], 'decline', 50), // not found
  outcome('en', [], ['x'], 'answer', 60), // out of scope, answered
  outcome('en', [], [], 'decline', 70),
  outcome('ru', [], ['r'], 'clarify', 80),
];

describe('summarise', () => {
  const report = summarise(OUTCOMES, { embeddings: 'off', indexMs: 12.6 });

  it('reports counts, meta and latency percentiles', () => {
    expect(report.queries).toBe(8);
    expect(report.embeddings).toBe('off');
    expect(report.indexMs).toBe(13);
    expect(report.latencyMs).toEqual({ p50: 40, p95: 80 });
  });

  it('computes the in-scope figures over all languages', () => {
    expect(report.inScope).toEqual({
      n: 5,
      top1: 0.4,
      recallAt3: 0.6,
      mrr: 0.55, // (1 + 1/2 + 1/4 + 1 + 0) / 5
      answered: 0.4,
      answeredCorrect: 0.2,
      clarified: 0.2,
      declined: 0.4,
      wrongAnswer: 0.2,
    });
  });

  it('computes the out-of-scope figures, rounded to four decimals', () => {
    expect(report.outOfScope).toEqual({ n: 3, declined: 0.3333, clarified: 0.3333, wrongAnswer: 0.3333 });
  });

  it('splits the figures by language', () => {
    expect(report.byLang.en.inScope).toEqual({
      n: 4,
      top1: 0.5,
      recallAt3: 0.75,
      mrr: 0.6875,
      answered: 0.5,
      answeredCorrect: 0.25,
      clarified: 0.25,
      declined: 0.25,
      wrongAnswer: 0.25,
    });
    expect(report.byLang.en.outOfScope).toEqual({ n: 2, declined: 0.5, clarified: 0, wrongAnswer: 0.5 });
    expect(report.byLang.ru.inScope).toEqual({
      n: 1,
      top1: 0,
      recallAt3: 0,
      mrr: 0,
      answered: 0,
      answeredCorrect: 0,
      clarified: 0,
      declined: 1,
      wrongAnswer: 0,
    });
    expect(report.byLang.ru.outOfScope).toEqual({ n: 1, declined: 0, clarified: 1, wrongAnswer: 0 });
  });

  it('gives zeros, not NaN, for empty groups', () => {
    const empty = summarise([], { embeddings: 'on', indexMs: 0 });
    expect(empty.queries).toBe(0);
    expect(empty.latencyMs).toEqual({ p50: 0, p95: 0 });
    expect(empty.inScope).toEqual({
      n: 0,
      top1: 0,
      recallAt3: 0,
      mrr: 0,
      answered: 0,
      answeredCorrect: 0,
      clarified: 0,
      declined: 0,
      wrongAnswer: 0,
    });
    expect(empty.outOfScope).toEqual({ n: 0, declined: 0, clarified: 0, wrongAnswer: 0 });
  });

  it('formats a readable summary with a row per language present', () => {
    const text = formatReport(report);
    expect(text).toContain('queries 8, embeddings off, index 13 ms, latency p50 40 ms p95 80 ms');
    expect(text).toMatch(/^all {2}in-scope n=5 top1 40\.0% R@3 60\.0% MRR 0\.550/m);
    expect(text).toMatch(/^en {3}in-scope n=4/m);
    expect(text).toMatch(/^ru {3}in-scope n=1/m);
    const onlyEn = formatReport(summarise(OUTCOMES.slice(0, 2), { embeddings: 'off', indexMs: 1 }));
    expect(onlyEn).not.toMatch(/^ru /m);
  });
});

describe('clarifyFigures', () => {
  it('counts in-scope clarifications that offered an expected article, and the options shown', () => {
    const asked = (expected: string[], offered: string[]): QueryOutcome => ({
      ...outcome('en', expected, offered, 'clarify', 1),
      offered,
    });
    const figures = clarifyFigures([
      asked(['x'], ['x', 'y']),
      asked(['x', 'x2'], ['y', 'x2', 'z']),
      asked(['x'], ['y']),
      asked([], ['x', 'y', 'z']), // out of scope: not counted
      { ...outcome('en', ['x'], ['x'], 'answer', 2), offered: undefined },
    ]);
    expect(figures).toEqual({ n: 3, rightOffered: 0.6667, meanOptions: 2 });
    expect(clarifyFigures([])).toEqual({ n: 0, rightOffered: 0, meanOptions: 0 });
  });
});
