import type { Migration } from '../storage/db.js';
import { deliveryChannel } from './announce.js';
import type { Delivery } from './ports.js';

/**
 * Schema of the handoff: tickets (the queue is `status = 'queued'` ordered by priority and time),
 * internal notes, the audit log, and the outbox of deliveries to channels, so that no queue
 * position, SLA timer or relayed message is lost by a restart.
 */
export const HANDOFF_MIGRATIONS: Migration[] = [
  {
    id: 'handoff/001-init',
    up: `
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        question_id TEXT,
        user_id TEXT NOT NULL,
        user_name TEXT,
        channel TEXT NOT NULL,
        lang TEXT NOT NULL,
        subject TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'claimed', 'resolved', 'handed-back', 'cancelled')),
        tier INTEGER NOT NULL CHECK (tier IN (2, 3)),
        priority TEXT NOT NULL CHECK (priority IN ('high', 'normal', 'low')),
        tags TEXT NOT NULL DEFAULT '[]',
        articles_tried TEXT NOT NULL DEFAULT '[]',
        assignee_id TEXT,
        assignee_name TEXT,
        created_at TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        sla_due_at TEXT NOT NULL,
        sla_announced_for TEXT,
        first_claimed_at TEXT,
        closed_at TEXT,
        rating INTEGER CHECK (rating BETWEEN 1 AND 5),
        transcript_from INTEGER NOT NULL,
        transcript_to INTEGER,
        out_of_hours INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX tickets_queue ON tickets (status, tier, queued_at);
      CREATE INDEX tickets_by_assignee ON tickets (assignee_id, status);
      CREATE INDEX tickets_by_created ON tickets (created_at);
      CREATE TABLE ticket_notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id TEXT NOT NULL REFERENCES tickets(id),
        at TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        agent_name TEXT,
        kind TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX ticket_notes_by_ticket ON ticket_notes (ticket_id, id);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        ticket_id TEXT,
        conversation_id TEXT,
        outcome TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_by_ticket ON audit_log (ticket_id, id);
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        delivered_at TEXT,
        gave_up_at TEXT,
        last_error TEXT
      );
      CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
    `,
  },
  {
    // One row per destination channel, so that each channel has its own delivery lane.
    id: 'handoff/002-outbox-channel',
    up: (db) => {
      db.exec(`ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT ''`);
      const rows = db.prepare('SELECT id, payload FROM outbox').all() as { id: number; payload: string }[];
      const update = db.prepare('UPDATE outbox SET channel = ? WHERE id = ?');
      for (const row of rows) {
        try {
          update.run(deliveryChannel(JSON.parse(row.payload) as Delivery), row.id);
        } catch {
          // An unreadable payload keeps the empty channel; the dispatcher reports it when it tries it.
        }
      }
      db.exec(`CREATE INDEX outbox_pending_by_channel ON outbox (channel, id)
               WHERE delivered_at IS NULL AND gave_up_at IS NULL`);
    },
  },
];
