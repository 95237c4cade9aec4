import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const SCRIPT = 'src/cli/calibrate.ts';
const FIXTURE = 'test/fixtures/kb-retrieval';
const LIMIT = { timeoutMs: 60_000 };

describe('calibrate CLI', { timeout: 90_000 }, () => {
  it('prints what the bot expects on a knowledge base, and why, from the knowledge base alone', () => {
    const run = runCli(SCRIPT, ['--kb', 'knowledge-base'], LIMIT);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^86 articles from knowledge-base, [0-9.]+ example phrasings per article$/m);
    expect(run.stdout).toMatch(/expected on questions it covers: top-1 [0-9.]+%, answered [0-9.]+%/);
    expect(run.stdout).toMatch(/wrong answers [0-9.]+%/);
    expect(run.stdout).toMatch(/expected on questions it does not cover: declined [0-9.]+%/);
    expect(run.stdout).toMatch(/decline threshold [0-9.]+ \(configured 0\.53\), classifier on/);
    expect(run.stdout).toMatch(/^why:\n {2}- clarify model fitted on \d+ held-out phrasings/m);
  });

  it('takes labelled questions as one more source and shows the figures on them, also as JSON', () => {
    const args = ['--kb', `${FIXTURE}/kb`, '--queries', `${FIXTURE}/queries.jsonl`];
    const run = runCli(SCRIPT, args, LIMIT);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /on test\/fixtures\/kb-retrieval\/queries\.jsonl \(also used for the fit\):\nqueries \d+/,
    );
    const json = JSON.parse(runCli(SCRIPT, [...args, '--json'], LIMIT).stdout) as {
      calibration: { clarifyThreshold: number; estimates: Record<string, number> };
      labelled: { inScope: { n: number } };
    };
    expect(json.calibration.clarifyThreshold).toBeLessThanOrEqual(0.53);
    expect(json.labelled.inScope.n).toBeGreaterThan(0);
  });

  it('refuses a missing folder or queries file in a line', () => {
    const missing = runCli(SCRIPT, ['--kb', 'test/fixtures/no-such-folder'], LIMIT);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toMatch(
      /^error: Knowledge-base folder "test\/fixtures\/no-such-folder" cannot be read/,
    );
    const bad = runCli(
      SCRIPT,
      ['--kb', 'test/fixtures/kb-retrieval/kb', '--queries', 'test/fixtures/no-such.jsonl'],
      LIMIT,
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /^cannot read queries file test\/fixtures\/no-such\.jsonl: ENOENT.*\nusage: npm run calibrate -- /,
    );
  });
});
