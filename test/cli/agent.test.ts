import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { verifyPassword } from '../../src/accounts/password.js';
import { SqliteAgentAccounts } from '../../src/accounts/sqlite-agent-accounts.js';
import { openDatabase } from '../../src/storage/db.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

let db = '';
useTempDir('agent-cli', (dir) => {
  db = path.join(dir, 'helpdesk.db');
});

const agent = (args: string[], input?: string) =>
  runCli('src/cli/agent.ts', [...args, '--db', db], {
    ...(input === undefined ? {} : { input }),
    timeoutMs: 30_000,
  });

describe('npm run agent:add / agent:list / agent:remove', () => {
  test('adds an account with a piped password (scrypt hash), links Slack, lists and removes it', async () => {
    const added = agent(
      ['add', '--login', 'Alice', '--tier', '2', '--name', 'Alice A', '--slack', 'U0ALICE'],
      'a long secret pw\n',
    );
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('added web:alice\tTier 2\tAlice A\tslack:U0ALICE');
    const conn = openDatabase(db);
    try {
      const account = new SqliteAgentAccounts(conn).get('alice');
      expect(account?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(await verifyPassword('a long secret pw', account?.passwordHash ?? '')).toBe(true);
      expect(await verifyPassword('wrong', account?.passwordHash ?? '')).toBe(false);
      const audit = conn.prepare("SELECT action FROM audit_log WHERE actor = 'cli'").all();
      expect(audit).toEqual([{ action: 'agent.account.add' }]);
    } finally {
      conn.close();
    }
    expect(agent(['list']).stdout).toBe('web:alice\tTier 2\tAlice A\tslack:U0ALICE\n');
    expect(agent(['remove', '--login', 'alice']).status).toBe(0);
    expect(agent(['list']).stdout).toBe('');
    expect(agent(['remove', '--login', 'alice']).status).toBe(1);
  });

  test('refuses a short password, a bad tier or login, with a usage exit code', () => {
    expect(agent(['add', '--login', 'bob', '--tier', '2'], 'short\n')).toMatchObject({ status: 2 });
    expect(agent(['add', '--login', 'bob', '--tier', '4'], 'a long secret pw\n').stderr).toContain('--tier');
    expect(agent(['add', '--login', '../x', '--tier', '2'], 'a long secret pw\n').status).toBe(2);
    expect(
      agent(['add', '--login', 'bob', '--tier', '2', '--slack', 'nope'], 'a long secret pw\n').status,
    ).toBe(2);
    expect(agent(['frobnicate']).status).toBe(2);
  });
});
