import { prepared, type Db } from '../storage/db.js';
import { deliveryChannel } from './announce.js';
import type { Delivery, Outbox, PendingDelivery } from './ports.js';

interface OutboxRow {
  id: number;
  payload: string;
  attempts: number;
  next_attempt_at: string;
}

/** `Outbox` on the bot's SQLite database: deliveries survive restarts until a channel accepts them. */
export class SqliteOutbox implements Outbox {
  constructor(private readonly db: Db) {}

  enqueue(delivery: Delivery, at: Date): number {
    const iso = at.toISOString();
    const result = prepared(
      this.db,
      'INSERT INTO outbox (created_at, kind, channel, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
    ).run(iso, delivery.kind, deliveryChannel(delivery), JSON.stringify(delivery), iso);
    return Number(result.lastInsertRowid);
  }

  pending(afterId: number, limit: number, channel?: string): PendingDelivery[] {
    const rows = (
      channel === undefined
        ? prepared(
            this.db,
            `SELECT id, payload, attempts, next_attempt_at FROM outbox
               WHERE delivered_at IS NULL AND gave_up_at IS NULL AND id > ?
               ORDER BY id LIMIT ?`,
          ).all(afterId, limit)
        : prepared(
            this.db,
            `SELECT id, payload, attempts, next_attempt_at FROM outbox
               WHERE delivered_at IS NULL AND gave_up_at IS NULL AND channel = ? AND id > ?
               ORDER BY id LIMIT ?`,
          ).all(channel, afterId, limit)
    ) as OutboxRow[];
    return rows.map((r) => ({
      id: r.id,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      delivery: JSON.parse(r.payload) as Delivery,
    }));
  }

  markDelivered(id: number, at: Date): void {
    prepared(this.db, 'UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?').run(
      at.toISOString(),
      id,
    );
  }

  markFailed(id: number, error: string, retryAt: Date | undefined): void {
    if (retryAt) {
      prepared(
        this.db,
        'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?',
      ).run(error.slice(0, 1000), retryAt.toISOString(), id);
    } else {
      prepared(
        this.db,
        'UPDATE outbox SET attempts = attempts + 1, last_error = ?, gave_up_at = next_attempt_at WHERE id = ?',
      ).run(error.slice(0, 1000), id);
    }
  }

  pendingChannels(): string[] {
    return (
      prepared(
        this.db,
        'SELECT DISTINCT channel FROM outbox WHERE delivered_at IS NULL AND gave_up_at IS NULL',
      ).all() as { channel: string }[]
    ).map((r) => r.channel);
  }

  pruneDelivered(before: Date): number {
    return prepared(this.db, 'DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?').run(
      before.toISOString(),
    ).changes;
  }

  pendingCount(): number {
    const row = prepared(
      this.db,
      'SELECT COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL AND gave_up_at IS NULL',
    ).get() as { n: number };
    return row.n;
  }
}
