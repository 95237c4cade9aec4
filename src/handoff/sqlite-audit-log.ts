import { prepared, type Db } from '../storage/db.js';
import type { AuditLog } from './ports.js';
import type { AuditEntry } from './types.js';

interface AuditRow {
  at: string;
  actor: string;
  role: AuditEntry['role'];
  action: string;
  ticket_id: string | null;
  conversation_id: string | null;
  outcome: AuditEntry['outcome'];
  details: string;
}

/** `AuditLog` on the bot's SQLite database; rows are only ever inserted. */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  record(e: AuditEntry): void {
    prepared(
      this.db,
      `INSERT INTO audit_log (at, actor, role, action, ticket_id, conversation_id, outcome, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.at,
      e.actor,
      e.role,
      e.action,
      e.ticketId ?? null,
      e.conversationId ?? null,
      e.outcome,
      JSON.stringify(e.details ?? {}),
    );
  }

  list(filter: { ticketId?: string; actor?: string } = {}): AuditEntry[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM audit_log WHERE (@ticket IS NULL OR ticket_id = @ticket) AND (@actor IS NULL OR actor = @actor)
         ORDER BY id`,
    ).all({ ticket: filter.ticketId ?? null, actor: filter.actor ?? null }) as AuditRow[];
    return rows.map((r) => {
      const entry: AuditEntry = {
        at: r.at,
        actor: r.actor,
        role: r.role,
        action: r.action,
        outcome: r.outcome,
      };
      if (r.ticket_id !== null) entry.ticketId = r.ticket_id;
      if (r.conversation_id !== null) entry.conversationId = r.conversation_id;
      const details = JSON.parse(r.details) as Record<string, unknown>;
      if (Object.keys(details).length > 0) entry.details = details;
      return entry;
    });
  }
}
