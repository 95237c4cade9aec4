import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const SCRIPT = 'scripts/kb-variant.ts';
const KB = 'test/fixtures/kb-retrieval/kb';
const LIMIT = { timeoutMs: 60_000 };

let dir: string;
useTempDir('kb-variant', (d) => (dir = d));

describe('kb:variant', { timeout: 90_000 }, () => {
  it('writes every article again with at most N phrasings, the first ones, and nothing else changed', async () => {
    const original = await loadKnowledgeBase(KB);
    for (const keep of [1, 0]) {
      const out = path.join(dir, `kb-${keep}`);
      const run = runCli(SCRIPT, ['--kb', KB, '--phrasings', String(keep), '--out', out], LIMIT);
      expect(run.status, run.stderr).toBe(0);
      const cut = await loadKnowledgeBase(out);
      expect(cut.problems).toEqual([]);
      expect(cut.articles.map((a) => a.id).sort()).toEqual(original.articles.map((a) => a.id).sort());
      for (const a of cut.articles) {
        const before = original.articles.find((b) => b.id === a.id)!;
        expect(a.questions).toEqual(before.questions.slice(0, keep));
        expect(a.title).toBe(before.title);
        expect(a.body).toBe(before.body);
      }
    }
  });

  it('refuses a bad count or writing over the knowledge base itself', () => {
    const bad = runCli(SCRIPT, ['--kb', KB, '--phrasings', 'some', '--out', path.join(dir, 'x')], LIMIT);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--phrasings takes a whole number');
    const over = runCli(SCRIPT, ['--kb', KB, '--phrasings', '1', '--out', KB], LIMIT);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('--out must not be the knowledge base itself');
  });
});
