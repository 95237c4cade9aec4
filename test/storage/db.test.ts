import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIntegrity, openDatabase } from '../../src/storage/db.js';
import { useTempDir } from '../support/temp-dir.js';

let dir: string;
useTempDir('storage-db', (d) => (dir = d), 'each');

describe('checkIntegrity', () => {
  it('passes a sound database and names a damaged one', () => {
    const file = path.join(dir, 'helpdesk.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (x TEXT); ');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(() => checkIntegrity(db, file)).not.toThrow();
    db.close();
    // Overwrite a page in the middle of the table with garbage.
    const bytes = readFileSync(file);
    bytes.fill(0xff, 4096 * 5, 4096 * 6);
    writeFileSync(file, bytes);
    const damaged = openDatabase(file);
    expect(() => checkIntegrity(damaged, file)).toThrow(/is damaged/);
    damaged.close();
  });
});
