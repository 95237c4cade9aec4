import type { Lang } from '../config.js';
import type { LabelledQuery } from './eval-queries.js';
import type { DecisionKind } from './types.js';

/** What the bot did with one labelled query. */
export interface QueryOutcome {
  query: LabelledQuery;
  /** Article ids, best first. */
  ranked: string[];
  decision: DecisionKind;
  latencyMs: number;
  /** Article ids offered by a "Did you mean...?" (clarify only). */
  offered?: string[];
}

export interface InScopeFigures {
  n: number;
  top1: number;
  recallAt3: number;
  mrr: number;
  answered: number;
  answeredCorrect: number;
  clarified: number;
  declined: number;
  wrongAnswer: number;
}

export interface OutOfScopeFigures {
  n: number;
  declined: number;
  clarified: number;
  wrongAnswer: number;
}

export interface EvalReport {
  queries: number;
  embeddings: 'on' | 'off';
  indexMs: number;
  latencyMs: { p50: number; p95: number };
  inScope: InScopeFigures;
  outOfScope: OutOfScopeFigures;
  byLang: Record<Lang, { inScope: InScopeFigures; outOfScope: OutOfScopeFigures }>;
}

const rate = (count: number, n: number): number => (n === 0 ? 0 : Math.round((count / n) * 10000) / 10000);

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 100) / 100;
}

function inScopeFigures(outcomes: QueryOutcome[]): InScopeFigures {
  let top1 = 0;
  let recallAt3 = 0;
  let mrr = 0;
  let answered = 0;
  let answeredCorrect = 0;
  let clarified = 0;
  let declined = 0;
  for (const o of outcomes) {
    const expected = new Set(o.query.expected);
    const rank = o.ranked.findIndex((id) => expected.has(id));
    if (rank === 0) top1 += 1;
    if (rank >= 0 && rank < 3) recallAt3 += 1;
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (o.decision === 'answer') {
      answered += 1;
      if (rank === 0) answeredCorrect += 1;
    } else if (o.decision === 'clarify') clarified += 1;
    else declined += 1;
  }
  const n = outcomes.length;
  return {
    n,
    top1: rate(top1, n),
    recallAt3: rate(recallAt3, n),
    mrr: rate(mrr, n),
    answered: rate(answered, n),
    answeredCorrect: rate(answeredCorrect, n),
    clarified: rate(clarified, n),
    declined: rate(declined, n),
    wrongAnswer: rate(answered - answeredCorrect, n),
  };
}

function outOfScopeFigures(outcomes: QueryOutcome[]): OutOfScopeFigures {
  const n = outcomes.length;
  const count = (kind: DecisionKind) => outcomes.filter((o) => o.decision === kind).length;
  return {
    n,
    declined: rate(count('decline'), n),
    clarified: rate(count('clarify'), n),
    wrongAnswer: rate(count('answer'), n),
  };
}

function split(outcomes: QueryOutcome[]) {
  const inScope = outcomes.filter((o) => o.query.expected.length > 0);
  const outOfScope = outcomes.filter((o) => o.query.expected.length === 0);
  return { inScope: inScopeFigures(inScope), outOfScope: outOfScopeFigures(outOfScope) };
}

/** Figures of the eval report; all rates are fractions of their group's `n`. */
export function summarise(
  outcomes: QueryOutcome[],
  meta: { embeddings: 'on' | 'off'; indexMs: number },
): EvalReport {
  const latencies = outcomes.map((o) => o.latencyMs);
  return {
    queries: outcomes.length,
    embeddings: meta.embeddings,
    indexMs: Math.round(meta.indexMs),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    ...split(outcomes),
    byLang: {
      en: split(outcomes.filter((o) => o.query.lang === 'en')),
      ru: split(outcomes.filter((o) => o.query.lang === 'ru')),
    },
  };
}

/**
 * How useful the "Did you mean...?" questions were on in-scope queries: how often the right
 * article was among the options shown, and how many were shown. For the readable summary only,
 * as the JSON report has a fixed shape.
 */
export function clarifyFigures(outcomes: QueryOutcome[]): {
  n: number;
  rightOffered: number;
  meanOptions: number;
} {
  const clarified = outcomes.filter((o) => o.decision === 'clarify' && o.query.expected.length > 0);
  const n = clarified.length;
  const right = clarified.filter((o) => (o.offered ?? []).some((id) => o.query.expected.includes(id)));
  const options = clarified.reduce((sum, o) => sum + (o.offered?.length ?? 0), 0);
  return {
    n,
    rightOffered: rate(right.length, n),
    meanOptions: n === 0 ? 0 : Math.round((options / n) * 100) / 100,
  };
}

/** A few readable lines for the terminal. */
export function formatReport(r: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `queries ${r.queries}, embeddings ${r.embeddings}, index ${r.indexMs} ms, latency p50 ${r.latencyMs.p50} ms p95 ${r.latencyMs.p95} ms`,
  ];
  const row = (label: string, s: { inScope: InScopeFigures; outOfScope: OutOfScopeFigures }) => {
    const i = s.inScope;
    const o = s.outOfScope;
    lines.push(
      `${label.padEnd(4)} in-scope n=${i.n} top1 ${pct(i.top1)} R@3 ${pct(i.recallAt3)} MRR ${i.mrr.toFixed(3)} | ` +
        `answered ${pct(i.answered)} (correct ${pct(i.answeredCorrect)}, wrong ${pct(i.wrongAnswer)}) clarified ${pct(i.clarified)} declined ${pct(i.declined)}`,
    );
    lines.push(
      `${''.padEnd(4)} out-of-scope n=${o.n} declined ${pct(o.declined)} clarified ${pct(o.clarified)} answered (wrong) ${pct(o.wrongAnswer)}`,
    );
  };
  row('all', r);
  for (const lang of ['en', 'ru'] as const)
    if (r.byLang[lang].inScope.n + r.byLang[lang].outOfScope.n > 0) row(lang, r.byLang[lang]);
  return lines.join('\n');
}
