import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock } from '../../src/storage/instance-lock.js';
import { useTempDir } from '../support/temp-dir.js';

let dir: string;
useTempDir('instance-lock', (d) => (dir = d), 'each');

describe('acquireInstanceLock', () => {
  it('writes this process id beside the database and removes it on release', () => {
    const db = path.join(dir, 'helpdesk.db');
    const release = acquireInstanceLock(db);
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that is gone', () => {
    const db = path.join(dir, 'helpdesk.db');
    writeFileSync(`${db}.lock`, '2147483646');
    const release = acquireInstanceLock(db);
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses a lock held by a running process', () => {
    const db = path.join(dir, 'helpdesk.db');
    writeFileSync(`${db}.lock`, String(process.ppid));
    expect(() => acquireInstanceLock(db)).toThrow(/Another Helpdesk Bot \(process \d+\) is already using/);
  });

  it.each(['1', '0', '-1', 'garbage', ''])(
    'takes over a lock holding %j, which no bot can own',
    (content) => {
      const db = path.join(dir, 'helpdesk.db');
      writeFileSync(`${db}.lock`, content);
      acquireInstanceLock(db)();
    },
  );

  it('refuses a second bot on the same database in this very process', () => {
    const db = path.join(dir, 'helpdesk.db');
    const release = acquireInstanceLock(db);
    expect(() => acquireInstanceLock(db)).toThrow(/already open in this process/);
    release();
    acquireInstanceLock(db)();
  });

  it('creates the folder of a database that does not exist yet', () => {
    const db = path.join(dir, 'new', 'folder', 'helpdesk.db');
    acquireInstanceLock(db)();
  });

  it('needs no lock for an in-memory database', () => {
    expect(() => acquireInstanceLock(':memory:')()).not.toThrow();
  });
});
