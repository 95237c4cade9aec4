import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SqliteLearningStore } from '../../src/learning/sqlite-learning-store.js';
import { migrate, openDatabase } from '../../src/storage/db.js';
import { ALL_MIGRATIONS } from '../../src/storage/migrations.js';
import { KB_SMALL } from '../support/helpdesk-harness.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

let dir = '';
useTempDir('kb-suggest', (d) => (dir = d));

describe('npm run kb:suggest', () => {
  test('lists suggestions and gaps, accepts one into the article file, rejects another', () => {
    const kb = path.join(dir, 'kb');
    cpSync(KB_SMALL, kb, { recursive: true });
    const file = path.join(dir, 'helpdesk.db');
    const db = openDatabase(file);
    migrate(db, ALL_MIGRATIONS);
    const store = new SqliteLearningStore(db);
    const link = {
      lang: 'en' as const,
      channel: 'web',
      agentId: 'web:alice',
      at: '2026-01-05T10:00:00.000Z',
    };
    store.recordResolution({
      ...link,
      ticketId: 'T-1',
      articleId: 'vpn-connect-en',
      question: 'wiki down at home',
    });
    store.recordResolution({
      ...link,
      ticketId: 'T-2',
      articleId: 'printer-add-en',
      question: 'printer thing',
    });
    store.recordResolution({
      ...link,
      ticketId: 'T-3',
      articleId: undefined,
      question: 'coffee machine leaks',
    });
    db.close();
    const run = (args: string[]) => runCli('src/cli/kb-suggest.ts', [...args, '--db', file, '--kb', kb]);

    const listed = run([]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(
      '#1  "wiki down at home" -> vpn-connect-en (Connect to the VPN (GlobalProtect))',
    );
    expect(listed.stdout).toContain('Content gaps (1):\n    1  coffee machine leaks (en)');
    expect(run(['--accept', '1']).stdout).toBe('added: "wiki down at home" -> vpn-connect-en\n');
    expect(readFileSync(path.join(kb, 'network/vpn-connect-en.md'), 'utf8')).toContain(
      '  - wiki down at home\n',
    );
    expect(run(['--reject', '2']).status).toBe(0);
    expect(run(['--accept', '2'])).toMatchObject({ status: 1 });
    const json = JSON.parse(run(['--json']).stdout) as { pending: unknown[]; gaps: unknown[] };
    expect(json.pending).toEqual([]);
    expect(run(['--accept', 'x']).status).toBe(2);
  });
});
