import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { AGENTS, Harness } from '../support/helpdesk-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function report(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(TSX, ['src/cli/report.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TIMEZONE: 'Europe/Moscow', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run report', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.create();
    const u = h.user('U-1');
    await u.say('excel crashes when I open a macro');
    await u.press('handoff:request');
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId: u.conversation()?.ticketId ?? '' });
    h.db.close();
  });
  afterAll(() => h.close());

  test('prints the figures of the database given with --db', () => {
    const { code, stdout } = report(['--db', h.dbFile, '--since', '2026-01-01']);
    expect(code).toBe(0);
    expect(stdout).toContain('Helpdesk report from 2025-12-31T21:00:00.000Z to');
    expect(stdout).toContain('Questions to the bot: 1');
    expect(stdout).toContain('escalated to a person        1  100%');
    expect(stdout).toMatch(/1\.\s+1×\s+\[en\] excel crashes when I open a macro/);
  });

  test('--json prints machine-readable figures', () => {
    const { code, stdout } = report(['--db', h.dbFile, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      questions: { total: 1, escalated: 1 },
      tickets: { created: 1 },
    });
  });

  test('a bad --since is a clear usage error', () => {
    const { code, stdout, stderr } = report(['--db', h.dbFile, '--since', 'last-week']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--since: "last-week" is not a date; expected e.g. 2026-01-31');
    expect(stderr).toContain('usage: npm run report --');
  });

  test('unknown flags and a missing database are reported, not stack traces', () => {
    expect(report(['--bogus']).code).toBe(2);
    const missing = report(['--db', path.join(h.dir, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: No database at .*nope\.db/);
  });

  test("another program's database is refused and left as it was", () => {
    const other = path.join(h.dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE customers (id INTEGER); CREATE TABLE schema_migrations (version TEXT)');
    db.close();
    const run = report(['--db', other]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*other\.db is not a Helpdesk Bot database/);
    const after = new Database(other, { readonly: true });
    const tables = after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    const journal = after.pragma('journal_mode', { simple: true });
    after.close();
    expect(tables).toEqual([{ name: 'customers' }, { name: 'schema_migrations' }]);
    expect(journal).toBe('delete');
  });
});
