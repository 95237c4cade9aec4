import type { Reply } from '../conversation/types.js';
import type { Dialog, DialogTurn, Expectation } from './format.js';
import { decisionOf, langOf, offeredArticles, textOf } from './observe.js';

/**
 * Scoring of `npm run eval:dialogs`: each expectation of a turn is checked on its own and
 * counted per kind, so a report says which part of the conversation fails (section choice,
 * language, decisions), not only how many dialogs.
 */

/** One expectation that failed, with what the turn showed instead. */
export interface DialogFailure {
  dialog: string;
  turn: number;
  input: string;
  expectation: string;
  expected: unknown;
  got: unknown;
}

/** The report written by `--out` and summarised on stdout. */
export interface DialogReport {
  dialogs: number;
  passed: number;
  turns: number;
  turnsPassed: number;
  byExpectation: Record<string, { n: number; passed: number }>;
  failures: DialogFailure[];
}

export function emptyReport(): DialogReport {
  return { dialogs: 0, passed: 0, turns: 0, turnsPassed: 0, byExpectation: {}, failures: [] };
}

const test = (pattern: string, text: string) => new RegExp(pattern, 'iu').test(text);

/** What the turn showed for one expectation, and whether it is what was expected. */
function observe(
  kind: keyof Expectation,
  expected: unknown,
  replies: Reply[],
): { ok: boolean; got: unknown } {
  switch (kind) {
    case 'decision': {
      const got = decisionOf(replies);
      return { ok: got === expected, got };
    }
    case 'article': {
      const got = replies.find((r) => r.type === 'article');
      const id = got?.type === 'article' ? got.articleId : undefined;
      return { ok: id !== undefined && (expected as string[]).includes(id), got: id };
    }
    case 'offers': {
      const got = offeredArticles(replies);
      return { ok: got.some((id) => (expected as string[]).includes(id)), got };
    }
    case 'section': {
      const got = replies.find((r) => r.type === 'article');
      const heading = got?.type === 'article' ? got.sectionHeading : undefined;
      return { ok: heading !== undefined && test(expected as string, heading), got: heading };
    }
    case 'lang': {
      const got = langOf(replies);
      return { ok: got === expected, got };
    }
    case 'text': {
      const got = textOf(replies);
      return { ok: test(expected as string, got), got: got.slice(0, 300) };
    }
    case 'notText': {
      const got = textOf(replies);
      return { ok: !test(expected as string, got), got: got.slice(0, 300) };
    }
  }
}

/** Checks one turn, adds its counts and failures to the report; true when it passed. */
export function checkTurn(
  report: DialogReport,
  dialog: Dialog,
  index: number,
  turn: DialogTurn,
  replies: Reply[],
  failure: string | undefined,
): boolean {
  const input = 'say' in turn ? turn.say : `[press /${turn.press}/]`;
  let ok = failure === undefined;
  if (failure) {
    report.failures.push({
      dialog: dialog.name,
      turn: index + 1,
      input,
      expectation: 'press',
      expected: turn,
      got: failure,
    });
  }
  for (const [kind, expected] of Object.entries(turn.expect ?? {}) as [keyof Expectation, unknown][]) {
    if (expected === undefined) continue;
    const counts = (report.byExpectation[kind] ??= { n: 0, passed: 0 });
    counts.n += 1;
    const seen = failure ? { ok: false, got: failure } : observe(kind, expected, replies);
    if (seen.ok) counts.passed += 1;
    else {
      ok = false;
      report.failures.push({
        dialog: dialog.name,
        turn: index + 1,
        input,
        expectation: kind,
        expected,
        got: seen.got,
      });
    }
  }
  report.turns += 1;
  if (ok) report.turnsPassed += 1;
  return ok;
}

/** The report in a few lines for the terminal. */
export function formatDialogReport(r: DialogReport): string {
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
  const lines = [
    `dialogs ${r.passed}/${r.dialogs} passed (${pct(r.passed, r.dialogs)}), turns ${r.turnsPassed}/${r.turns} (${pct(r.turnsPassed, r.turns)})`,
    ...Object.entries(r.byExpectation).map(
      ([k, v]) => `  ${k.padEnd(10)} ${v.passed}/${v.n} (${pct(v.passed, v.n)})`,
    ),
  ];
  for (const f of r.failures.slice(0, 40)) {
    lines.push(
      `FAIL ${f.dialog} #${f.turn} ${JSON.stringify(f.input)} ${f.expectation}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.got)}`,
    );
  }
  return lines.join('\n');
}
