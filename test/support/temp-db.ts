import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Stores } from '../../src/conversation/ports.js';
import { createSqliteStores } from '../../src/conversation/sqlite-stores.js';
import { openDatabase, type Db } from '../../src/storage/db.js';

/** A migrated SQLite file in a fresh temp dir; `reopen()` closes it and opens the same file again. */
export class TempDb {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-store-'));
  readonly file = path.join(this.dir, 'test.db');
  db: Db = openDatabase(this.file);
  stores: Stores = createSqliteStores(this.db);

  reopen(): Stores {
    this.db.close();
    this.db = openDatabase(this.file);
    this.stores = createSqliteStores(this.db);
    return this.stores;
  }

  close(): void {
    if (this.db.open) this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
