import { SqliteAuditLog } from '../handoff/sqlite-audit-log.js';
import { SqliteOutbox } from '../handoff/sqlite-outbox.js';
import { SqliteTicketStore } from '../handoff/sqlite-ticket-store.js';
import { migrate, type Db } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import type { Stores } from './ports.js';
import { SqliteConversationStore } from './sqlite-conversation-store.js';

/**
 * All stores of the core on one SQLite database, migrated, sharing its transactions: a turn that
 * escalates writes the conversation, question, ticket, outbox and audit rows atomically.
 */
export function createSqliteStores(db: Db): Stores {
  migrate(db, ALL_MIGRATIONS);
  return {
    conversations: new SqliteConversationStore(db),
    tickets: new SqliteTicketStore(db),
    outbox: new SqliteOutbox(db),
    audit: new SqliteAuditLog(db),
    transaction: <T>(fn: () => T): T => (db.inTransaction ? fn() : db.transaction(fn)()),
  };
}
