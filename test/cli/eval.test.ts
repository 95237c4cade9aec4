import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const SCRIPT = 'src/cli/eval.ts';
const FIXTURE = 'test/fixtures/kb-retrieval';
const KB = `${FIXTURE}/kb`;
const LIMIT = { timeoutMs: 60_000 };

const IN_SCOPE_KEYS = [
  'answered',
  'answeredCorrect',
  'clarified',
  'declined',
  'mrr',
  'n',
  'recallAt3',
  'top1',
  'wrongAnswer',
];
const OUT_OF_SCOPE_KEYS = ['clarified', 'declined', 'n', 'wrongAnswer'];

type Figures = Record<string, number>;
interface Report {
  queries: number;
  embeddings: string;
  indexMs: number;
  latencyMs: { p50: number; p95: number };
  inScope: Figures;
  outOfScope: Figures;
  byLang: Record<'en' | 'ru', { inScope: Figures; outOfScope: Figures }>;
}

/** Rates are rounded to four decimals, so sums may be off by a few ten-thousandths. */
const ROUNDING = 0.001;

function checkGroup(inScope: Figures, outOfScope: Figures): void {
  expect(Object.keys(inScope).sort()).toEqual(IN_SCOPE_KEYS);
  expect(Object.keys(outOfScope).sort()).toEqual(OUT_OF_SCOPE_KEYS);
  for (const [key, value] of [...Object.entries(inScope), ...Object.entries(outOfScope)]) {
    if (key === 'n') {
      expect(Number.isInteger(value)).toBe(true);
      continue;
    }
    expect(value, key).toBeGreaterThanOrEqual(0);
    expect(value, key).toBeLessThanOrEqual(1);
  }
  if (inScope.n! > 0) {
    expect(Math.abs(inScope.answered! + inScope.clarified! + inScope.declined! - 1)).toBeLessThan(ROUNDING);
    expect(inScope.recallAt3!).toBeGreaterThanOrEqual(inScope.top1!);
    expect(inScope.mrr!).toBeGreaterThanOrEqual(inScope.top1!);
    expect(inScope.mrr!).toBeLessThanOrEqual(inScope.recallAt3! + ROUNDING);
  }
  expect(Math.abs(inScope.answeredCorrect! + inScope.wrongAnswer! - inScope.answered!)).toBeLessThan(
    ROUNDING,
  );
  if (outOfScope.n! > 0) {
    const sum = outOfScope.declined! + outOfScope.clarified! + outOfScope.wrongAnswer!;
    expect(Math.abs(sum - 1)).toBeLessThan(ROUNDING);
  }
}

let dir: string;
useTempDir('cli-eval', (d) => (dir = d));

/** Subprocesses start slowly on a loaded machine: generous limits, never timing assertions. */
describe('eval CLI', { timeout: 90_000 }, () => {
  it('writes a report with exactly the documented figures', () => {
    const out = path.join(dir, 'r.json');
    const run = runCli(
      SCRIPT,
      ['--embeddings', 'off', '--kb', KB, '--queries', `${FIXTURE}/queries.jsonl`, '--out', out],
      LIMIT,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^queries 7, embeddings off/);
    expect(run.stdout).toMatch(
      /^clarify in-scope n=(\d+: right article offered \d+\.\d%, [\d.]+ options on average|0: no in-scope query was clarified)$/m,
    );

    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(Object.keys(report).sort()).toEqual(
      ['byLang', 'embeddings', 'inScope', 'indexMs', 'latencyMs', 'outOfScope', 'queries'].sort(),
    );
    expect(report.queries).toBe(7);
    expect(report.embeddings).toBe('off');
    expect(report.indexMs).toBeGreaterThanOrEqual(0);
    expect(Object.keys(report.latencyMs).sort()).toEqual(['p50', 'p95']);
    expect(report.latencyMs.p50).toBeGreaterThanOrEqual(0);
    expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50);
    expect(Object.keys(report.byLang).sort()).toEqual(['en', 'ru']);
    for (const lang of ['en', 'ru'] as const)
      expect(Object.keys(report.byLang[lang]).sort()).toEqual(['inScope', 'outOfScope']);

    // the fixture: 5 in-scope (3 en, 2 ru) and 2 out-of-scope (1 en, 1 ru) queries
    expect(report.inScope.n).toBe(5);
    expect(report.outOfScope.n).toBe(2);
    expect(report.byLang.en.inScope.n).toBe(3);
    expect(report.byLang.ru.inScope.n).toBe(2);
    expect(report.byLang.en.outOfScope.n).toBe(1);
    expect(report.byLang.ru.outOfScope.n).toBe(1);

    checkGroup(report.inScope, report.outOfScope);
    for (const lang of ['en', 'ru'] as const)
      checkGroup(report.byLang[lang].inScope, report.byLang[lang].outOfScope);
    // the fixture queries are easy: the right article is always among the first three
    expect(report.inScope.recallAt3).toBe(1);
  });

  it('exits 2 with the usage line on bad arguments', () => {
    const missing = runCli(SCRIPT, ['--kb', KB], LIMIT);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--kb, --queries and --out are required');
    expect(missing.stderr).toMatch(/usage: npm run eval -- --kb DIR --queries FILE\.jsonl/);
    expect(missing.stdout).toBe('');
  });

  it('calibrates as the bot does unless told not to, and refuses an unknown --calibration', () => {
    const out = path.join(dir, 'calibrated.json');
    const args = ['--kb', KB, '--queries', `${FIXTURE}/queries.jsonl`, '--out', out, '--embeddings', 'off'];
    expect(runCli(SCRIPT, args, LIMIT).stdout).toMatch(
      /self-calibration: decline threshold [0-9.]+ \(configured 0\.53\)/,
    );
    expect(runCli(SCRIPT, [...args, '--calibration', 'off'], LIMIT).stdout).toContain(
      'self-calibration: off',
    );
    const bad = runCli(SCRIPT, [...args, '--calibration', 'maybe'], LIMIT);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--calibration must be on or off (got "maybe")');
  });

  it('reads a queries file saved with a byte-order mark and warns about unknown expected ids', () => {
    const queries = path.join(dir, 'bom.jsonl');
    const lines = [
      { query: 'vpn is not connecting', lang: 'en', expected: ['vpn-connect-en'] },
      { query: 'printer is jammed', lang: 'en', expected: ['no-such-article'] },
    ];
    writeFileSync(queries, `\uFEFF${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const out = path.join(dir, 'bom.json');
    const run = runCli(
      SCRIPT,
      ['--embeddings', 'off', '--kb', KB, '--queries', queries, '--out', out],
      LIMIT,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^queries 2, embeddings off/);
    expect(run.stderr).toMatch(
      /1 expected article id\(s\) are not in the knowledge base.*no-such-article \(1\)/,
    );
  });

  it('names the malformed line of a queries file', () => {
    const run = runCli(
      SCRIPT,
      ['--kb', KB, '--queries', `${FIXTURE}/queries-malformed.jsonl`, '--out', path.join(dir, 'r.json')],
      LIMIT,
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('queries-malformed.jsonl:3: not valid JSON');
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(run.stdout).toBe('');
  });

  const writeQueries = (name: string, lines: readonly object[] | string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n'));
    return file;
  };
  const VPN_QUERY = { query: 'vpn is not connecting', lang: 'en', expected: ['vpn-connect-en'] };

  it('refuses a queries file without queries, or with an empty one, naming the line', () => {
    const out = path.join(dir, 'never-written.json');
    const blank = runCli(
      SCRIPT,
      ['--kb', KB, '--queries', writeQueries('blank.jsonl', '\n  \n'), '--out', out],
      LIMIT,
    );
    expect(blank.status).toBe(1);
    expect(blank.stderr).toMatch(/blank\.jsonl has no queries/);
    const empty = writeQueries('empty-query.jsonl', [VPN_QUERY, { query: '  ', lang: 'en', expected: [] }]);
    const run = runCli(SCRIPT, ['--kb', KB, '--queries', empty, '--out', out], LIMIT);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('empty-query.jsonl:2: empty query');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a knowledge-base folder without articles instead of scoring it', () => {
    const queries = writeQueries('q.jsonl', [VPN_QUERY]);
    const run = runCli(SCRIPT, ['--kb', dir, '--queries', queries, '--out', path.join(dir, 'r.json')], LIMIT);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no article could be loaded from/);
    expect(run.stdout).toBe('');
  });

  it('checks the report path before doing any work, and creates its folder', () => {
    const queries = writeQueries('q.jsonl', [VPN_QUERY]);
    const underFile = runCli(SCRIPT, ['--kb', KB, '--queries', queries, '--out', `${queries}/r.json`], LIMIT);
    expect(underFile.status).toBe(2);
    expect(underFile.stderr).toMatch(/cannot write --out .*q\.jsonl\/r\.json/);
    expect(underFile.stdout).toBe('');
    const folder = runCli(SCRIPT, ['--kb', KB, '--queries', queries, '--out', dir], LIMIT);
    expect(folder.stderr).toMatch(/cannot write --out .*: it is a folder/);
    const nested = path.join(dir, 'reports', 'today', 'r.json');
    const ok = runCli(
      SCRIPT,
      ['--embeddings', 'off', '--kb', KB, '--queries', queries, '--out', nested],
      LIMIT,
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(readFileSync(nested, 'utf8'))).toMatchObject({ queries: 1 });
  });

  it('warns about repeated query lines, and those that expect other articles', () => {
    const queries = writeQueries('dup.jsonl', [
      VPN_QUERY,
      { ...VPN_QUERY, query: 'VPN is not connecting ' },
      { ...VPN_QUERY, expected: [] },
    ]);
    const run = runCli(
      SCRIPT,
      ['--embeddings', 'off', '--kb', KB, '--queries', queries, '--out', path.join(dir, 'd.json')],
      LIMIT,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      'warning: 2 query line(s) repeat an earlier one (same language and text), 1 with other expected articles',
    );
  });
});
