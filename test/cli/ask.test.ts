import { describe, expect, it } from 'vitest';
import type { RetrievalDecision } from '../../src/retrieval/types.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const SCRIPT = 'src/cli/ask.ts';

let dir: string;
useTempDir('cli-ask', (d) => (dir = d));

/** Subprocesses start slowly on a loaded machine: generous limits, never timing assertions. */
describe('ask CLI', { timeout: 90_000 }, () => {
  it('prints the decision as JSON with its candidates', () => {
    const run = runCli(SCRIPT, ['--kb', 'knowledge-base', '--json', "VPN won't connect"], {
      env: { EMBEDDINGS: 'off', DATA_DIR: dir },
      timeoutMs: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const decision = JSON.parse(run.stdout) as RetrievalDecision;
    expect(Object.keys(decision).sort()).toEqual(['candidates', 'confidence', 'kind', 'lang', 'options']);
    expect(['answer', 'clarify']).toContain(decision.kind);
    expect(decision.lang).toBe('en');
    expect(decision.candidates.length).toBeGreaterThan(0);
    expect(decision.candidates.length).toBeLessThanOrEqual(5);
    const top = decision.candidates[0]!;
    expect(top.articleId).toBe('vpn-connect-en');
    expect(top.sectionId).toMatch(/^vpn-connect-en#\d+$/);
    expect(top.title).toContain('VPN');
    expect(decision.confidence).toBe(top.score);
    expect(top.denseScore).toBeUndefined();
  });

  it('prints the further problems of a message that states several', () => {
    const run = runCli(
      SCRIPT,
      ['--kb', 'knowledge-base', 'outlook keeps crashing and my laptop is very slow'],
      {
        env: { EMBEDDINGS: 'off', DATA_DIR: dir },
        timeoutMs: 60_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^decision: answer/);
    expect(run.stdout).toMatch(/\n1\. office-apps-crash-en /);
    expect(run.stdout).toContain('also: laptop-slow-en');
    expect(run.stdout).toContain('for "my laptop is very slow"');
  });

  it('exits 2 with the usage line when the text is missing', () => {
    const run = runCli(SCRIPT, ['--kb', 'knowledge-base', '--json'], {
      env: { EMBEDDINGS: 'off', DATA_DIR: dir },
      timeoutMs: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the text to ask is missing');
    expect(run.stderr).toContain('usage: npm run ask');
    expect(run.stdout).toBe('');
  });
});
