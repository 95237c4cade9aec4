import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';

export type Db = Database.Database;

/** A schema step. Ids are namespaced by owner (`conversations/001-init`) and applied in order once. */
export interface Migration {
  id: string;
  up: string | ((db: Db) => void);
}

/**
 * Opens (creating if needed) a SQLite database in WAL mode with foreign keys on, so that a
 * crash or restart never loses a committed conversation, ticket or queue position.
 * `:memory:` gives a throw-away database for tests and `eval`.
 */
export function openDatabase(file: string): Db {
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new HelpdeskError(
      ErrorCodes.STORAGE_FAILED,
      `Cannot open database ${file}: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Most statements kept per database: the stores' SQL is fixed text, a few dozen in all. */
const MAX_CACHED_STATEMENTS = 500;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement of `sql` on `db`, compiled once and reused. The stores run the same few
 * dozen statements for every message; preparing each anew cost more than a millisecond of a
 * turn (SQL compilation, a native object for the garbage collector to finalize). A statement
 * taken from here is shared: never switch it to `pluck`, `raw` or `expand` mode.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    cache.set(sql, statement);
  }
  return statement;
}

/** Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[]): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const done = new Set(
    db
      .prepare('SELECT id FROM schema_migrations')
      .all()
      .map((row) => (row as { id: string }).id),
  );
  // A step this build does not know, in a namespace it does, was written by a newer version:
  // running on would read and write tables whose shape it does not know.
  const namespaces = new Set(migrations.map((m) => m.id.split('/')[0]));
  const known = new Set(migrations.map((m) => m.id));
  const unknown = [...done].filter((id) => namespaces.has(id.split('/')[0]) && !known.has(id));
  if (unknown.length > 0) {
    throw new HelpdeskError(
      ErrorCodes.STORAGE_FAILED,
      `The database was written by a newer version of Helpdesk Bot (schema steps ${unknown.join(', ')}); ` +
        'upgrade the bot or point DATABASE_PATH at another file',
      { details: { unknown } },
    );
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    const run = db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(
        migration.id,
        new Date().toISOString(),
      );
    });
    try {
      run();
    } catch (error) {
      throw new HelpdeskError(
        ErrorCodes.STORAGE_FAILED,
        `Migration ${migration.id} failed: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    applied.push(migration.id);
  }
  return applied;
}

/**
 * Throws unless `file` is an existing Helpdesk Bot database: a tool that reads the bot's data must
 * neither create an empty one nor turn somebody else's database into the bot's by migrating it.
 */
export function assertHelpdeskDatabase(file: string): void {
  if (!existsSync(file)) {
    throw new HelpdeskError(
      ErrorCodes.NOT_FOUND,
      `No database at ${file} (start the bot first, or pass --db FILE)`,
    );
  }
  if (!isHelpdeskDatabase(file)) {
    throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${file} is not a Helpdesk Bot database`);
  }
}

/**
 * True when `file` is a database this bot wrote: its `schema_migrations` table has our columns
 * and our steps. Read with a read-only connection, so that checking somebody else's file leaves
 * it exactly as it was (opening it normally would switch it to WAL).
 */
export function isHelpdeskDatabase(file: string): boolean {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const columns = (db.pragma('table_info(schema_migrations)') as { name: string }[]).map((c) => c.name);
    if (!columns.includes('id') || !columns.includes('applied_at')) return false;
    return (
      db.prepare("SELECT 1 FROM schema_migrations WHERE id LIKE 'conversations/%' LIMIT 1").get() !==
      undefined
    );
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** Above this size the start-up integrity check would hold the bot up for many seconds. */
export const INTEGRITY_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Fails start-up on a damaged database file, with a clear message, instead of failing every
 * message afterwards with "database disk image is malformed".
 */
export function checkIntegrity(db: Db, file: string): void {
  const pages = Number(db.pragma('page_count', { simple: true }));
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  // A big database is checked by its operators (`PRAGMA quick_check`), not on every start.
  if (pages * pageSize > INTEGRITY_CHECK_MAX_BYTES) return;
  let result: unknown;
  try {
    result = db.pragma('quick_check', { simple: true });
  } catch (error) {
    result = errorMessage(error);
  }
  if (result !== 'ok') {
    throw new HelpdeskError(
      ErrorCodes.STORAGE_FAILED,
      `The database ${file} is damaged (${String(result)}); restore it from a backup or move it away`,
    );
  }
}
