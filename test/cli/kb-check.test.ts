import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { runCli } from '../support/run-cli.js';
import { KB_BROKEN_DIR, KB_BROKEN_PROBLEMS, KB_BROKEN_VALID, KB_MINI_DIR } from '../kb/kb-broken-expected.js';

const SCRIPT = 'src/cli/kb-check.ts';
const STACK_FRAME = /^\s+at .+[:(]/m;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('kb:check CLI', () => {
  it('exits 0 and reports 0 problems on the shipped knowledge-base/', () => {
    const run = runCli(SCRIPT, ['--kb', 'knowledge-base']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const summary = lines.pop() ?? '';
    expect(summary).toMatch(
      /^\d+ articles loaded \(en \d+, ru \d+\); 0 problem\(s\) in 0 file\(s\) from knowledge-base(; \d+ warning\(s\))?$/,
    );
    // Warnings are advice: the folder still passes. Every article has enough phrasings.
    for (const line of lines) expect(line).toMatch(/^[^:\s][^:]*\.md:\d+: warning: .* easy to confuse$/);
    const [, total, en, ru] = /^(\d+) articles loaded \(en (\d+), ru (\d+)\)/.exec(summary)!;
    expect(Number(en) + Number(ru)).toBe(Number(total));
    expect(Number(en)).toBe(Number(ru));
    expect(Number(total)).toBeGreaterThanOrEqual(70);
  });

  it('exits 1 on kb-broken, with one file:line: message line per broken file', () => {
    const run = runCli(SCRIPT, ['--kb', KB_BROKEN_DIR]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const all = run.stdout.trimEnd().split('\n');
    const summary = all.pop();
    const warnings = all.filter((l) => /^[^:]+:\d+: warning: /.test(l));
    const lines = all.filter((l) => !warnings.includes(l));
    const brokenFiles = Object.keys(KB_BROKEN_PROBLEMS);
    expect(summary).toBe(
      `2 articles loaded (en 1, ru 1); ${lines.length} problem(s) in ${brokenFiles.length} file(s) from ${KB_BROKEN_DIR}; 2 warning(s)`,
    );
    // The two articles that load have one example phrasing each.
    expect(warnings.map((w) => w.slice(0, w.indexOf(': warning')))).toEqual([
      'valid/vpn-en.md:6',
      'valid/vpn-ru.md:6',
    ]);

    for (const line of lines) expect(line).toMatch(/^[^:\s][^:]*\.md:\d+: \S.*$/);
    for (const [file, expected] of Object.entries(KB_BROKEN_PROBLEMS)) {
      const forFile = lines.filter((l) => l.startsWith(`${file}:`));
      expect(forFile.length, `${file} must be reported`).toBeGreaterThanOrEqual(1);
      for (const line of forFile)
        expect(line, file).toMatch(new RegExp(`^${escape(file)}:${expected.line}: `));
      expect(forFile[0]!.slice(`${file}:${expected.line}: `.length), file).toMatch(expected.message);
    }
    const reported = new Set(lines.map((l) => l.slice(0, l.indexOf(':'))));
    expect([...reported].sort()).toEqual([...brokenFiles].sort());
    for (const valid of Object.keys(KB_BROKEN_VALID)) expect(reported.has(valid)).toBe(false);
    expect(run.stdout).not.toContain('.drafts');
    expect(run.stdout).not.toContain('notes.txt');
  });

  it('exits 2 with the error and a usage line for an unknown flag', () => {
    const run = runCli(SCRIPT, ['--kb', KB_MINI_DIR, '--verbose']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("Unknown option '--verbose'");
    expect(run.stderr).toMatch(/^usage: npm run kb:check -- \[--kb DIR\]$/m);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('checks the company thesaurus: each problem at its line, exit 1; a broken file does not stop the check', async () => {
    const kb = await tempDir('kb-check-thesaurus');
    try {
      await cp(KB_MINI_DIR, kb.dir, { recursive: true });
      await writeFile(path.join(kb.dir, '_thesaurus.yml'), 'expense:\n  - zorbo\n\nvpn:\n  - 3\n  - впн\n');
      const run = runCli(SCRIPT, ['--kb', kb.dir]);
      expect(run.status).toBe(1);
      const lines = run.stdout.trimEnd().split('\n');
      // "впн" is a built-in spelling of the group it extends: already there, nothing to report
      expect(lines.filter((l) => l.startsWith('_thesaurus.yml'))).toEqual([
        '_thesaurus.yml:5: 3 is not text: put it in quotes ("3"): skipped',
      ]);
      expect(lines.at(-1)).toMatch(/; 1 company thesaurus group\(s\); 1 problem\(s\) in 1 file\(s\) from /);

      await writeFile(path.join(kb.dir, '_thesaurus.yml'), '- just\n- a list\n');
      const broken = runCli(SCRIPT, ['--kb', kb.dir]);
      expect(broken.status).toBe(1);
      expect(broken.stderr).not.toMatch(STACK_FRAME);
      expect(broken.stdout).toMatch(/^_thesaurus\.yml:1: the file must list groups: .*: not used$/m);
      expect(broken.stdout.trimEnd().split('\n').at(-1)).toMatch(
        /^\d+ articles loaded .*; 1 problem\(s\) in 1 file\(s\)/,
      );
    } finally {
      await kb.cleanup();
    }
  });

  it('exits 1 for a folder without any article: most likely the wrong folder', async () => {
    const empty = await tempDir('kb-check-empty');
    try {
      const run = runCli(SCRIPT, ['--kb', empty.dir]);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/no markdown articles found in .*: is it the right folder\?/);
    } finally {
      await empty.cleanup();
    }
  });

  it('exits 1 with a one-line error, no stack trace, for a missing folder', () => {
    const run = runCli(SCRIPT, ['--kb', 'test/fixtures/no-such-kb']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: Knowledge-base folder "test\/fixtures\/no-such-kb" cannot be read: .*ENOENT.*\n$/,
    );
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('reads KB_DIR from the environment when --kb is not given', () => {
    const run = runCli(SCRIPT, [], { env: { KB_DIR: KB_MINI_DIR } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').at(-2)).toBe(
      `3 articles loaded (en 2, ru 1); 0 problem(s) in 0 file(s) from ${KB_MINI_DIR}; 3 warning(s)`,
    );
    // An article without questions is pointed at its id line, one with too few at its questions.
    expect(run.stdout).toMatch(
      /^accounts\/passwords\/password-reset-en\.md:2: warning: only 0 example phrasing/m,
    );
    expect(run.stdout).toMatch(
      /^network\/vpn-ru\.md:6: warning: only 1 example phrasing\(s\) in questions; add at least 3/m,
    );
  });

  it('exits 2 naming the key when the environment configuration is invalid', () => {
    const run = runCli(SCRIPT, [], { env: { KB_DIR: KB_MINI_DIR, EMBEDDINGS: 'sometimes' } });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Invalid configuration:\n {2}EMBEDDINGS: /);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
