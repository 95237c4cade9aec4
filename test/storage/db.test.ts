import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIntegrity, openDatabase, prepared } from '../../src/storage/db.js';
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

describe('prepared', () => {
  it('compiles a statement once per database and text', () => {
    const db = openDatabase(':memory:');
    const other = openDatabase(':memory:');
    db.exec('CREATE TABLE t (x TEXT)');
    other.exec('CREATE TABLE t (x TEXT)');
    const insert = prepared(db, 'INSERT INTO t VALUES (?)');
    expect(prepared(db, 'INSERT INTO t VALUES (?)')).toBe(insert);
    expect(prepared(db, 'SELECT x FROM t')).not.toBe(insert);
    expect(prepared(other, 'INSERT INTO t VALUES (?)')).not.toBe(insert);
    insert.run('a');
    prepared(db, 'INSERT INTO t VALUES (?)').run('b');
    expect(prepared(db, 'SELECT x FROM t ORDER BY x').all()).toEqual([{ x: 'a' }, { x: 'b' }]);
    expect(prepared(other, 'SELECT x FROM t').all()).toEqual([]);
    db.close();
    other.close();
  });
});
