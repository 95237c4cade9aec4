import { prepared, type Db, type Migration } from '../../src/index.js';
import type { ChatEvent, NewChatEvent } from './types.js';

/**
 * The web chat's own schema. Every item an employee sees is a row of `web_events` (ids increase,
 * so a reconnecting client asks for "after N"); `web_batches` makes each append idempotent by key
 * (`echo:<messageId>`, `turn:<messageId>`, `delivery:<deliveryId>`), so no retry shows twice.
 */
export const WEB_MIGRATIONS: readonly Migration[] = [
  {
    id: 'channel-web/001-mailbox',
    up: `
      CREATE TABLE web_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        batch TEXT NOT NULL,
        at TEXT NOT NULL,
        event TEXT NOT NULL
      );
      CREATE INDEX web_events_by_user ON web_events (user_id, id);
      CREATE INDEX web_events_by_batch ON web_events (user_id, batch);
      CREATE TABLE web_batches (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      );
    `,
  },
];

/** Most events one history page or SSE replay chunk returns. */
export const PAGE_SIZE = 500;

/** Largest stored event (JSON); anything bigger is cut to a placeholder rather than stored. */
const MAX_EVENT_JSON = 200_000;

interface EventRow {
  id: number;
  at: string;
  event: string;
}

function toEvent(row: EventRow): ChatEvent {
  return { id: row.id, at: row.at, ...(JSON.parse(row.event) as NewChatEvent) };
}

function serialise(event: NewChatEvent): string {
  const json = JSON.stringify(event);
  if (json.length <= MAX_EVENT_JSON) return json;
  return JSON.stringify({ from: event.from, kind: 'text', html: '<p>…</p>' } satisfies NewChatEvent);
}

/** An append's outcome: the batch's events, and whether this call wrote them. */
export interface Appended {
  events: ChatEvent[];
  fresh: boolean;
}

/**
 * Each employee's durable list of chat events (SQLite): what the page shows after a reload, what
 * SSE replays after a reconnect, and where proactive deliveries land. Reads always filter by the
 * user, so one employee's events never reach another.
 */
export class Mailbox {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends `events` under `key` once; a second call with the key returns the first events. */
  append(userId: string, key: string, events: readonly NewChatEvent[]): Appended {
    return this.db.transaction((): Appended => {
      const existing = this.batch(userId, key);
      if (existing) return { events: existing, fresh: false };
      return { events: this.insert(userId, key, events), fresh: true };
    })();
  }

  /** The events of batch `key`, or undefined when nothing was appended under it. */
  batch(userId: string, key: string): ChatEvent[] | undefined {
    const known = prepared(this.db, 'SELECT 1 FROM web_batches WHERE user_id = ? AND key = ?').get(
      userId,
      key,
    );
    if (!known) return undefined;
    const rows = prepared(
      this.db,
      'SELECT id, at, event FROM web_events WHERE user_id = ? AND batch = ? ORDER BY id',
    ).all(userId, key) as EventRow[];
    return rows.map(toEvent);
  }

  /** The user's events with id above `afterId`, oldest first, at most `limit`. */
  after(userId: string, afterId: number, limit = PAGE_SIZE): ChatEvent[] {
    const rows = prepared(
      this.db,
      'SELECT id, at, event FROM web_events WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?',
    ).all(userId, afterId, Math.min(Math.max(limit, 1), PAGE_SIZE)) as EventRow[];
    return rows.map(toEvent);
  }

  /**
   * A proactive delivery, stored once per delivery id. A turn's own replies that the core sends
   * again (the HTTP answer was lost, or the process died before it could tell) carry the message
   * id they answer (`inReplyTo`) and go under that turn's key: when the turn's replies are already
   * in the mailbox they are not added again, and a retry of the message finds them there.
   */
  deliver(userId: string, deliveryId: string, events: readonly NewChatEvent[], inReplyTo?: string): Appended {
    return this.append(
      userId,
      inReplyTo === undefined ? `delivery:${deliveryId}` : `turn:${inReplyTo}`,
      events,
    );
  }

  /** The label of the newest button with `actionId` shown to the user, for echoing a press. */
  choiceLabel(userId: string, actionId: string): string | undefined {
    const rows = prepared(
      this.db,
      'SELECT id, at, event FROM web_events WHERE user_id = ? AND event LIKE \'%"choices"%\' ORDER BY id DESC LIMIT 50',
    ).all(userId) as EventRow[];
    for (const row of rows) {
      const found = toEvent(row).choices?.find((c) => c.id === actionId);
      if (found) return found.label;
    }
    return undefined;
  }

  private insert(userId: string, key: string, events: readonly NewChatEvent[]): ChatEvent[] {
    const at = this.now().toISOString();
    prepared(this.db, 'INSERT INTO web_batches (user_id, key, at) VALUES (?, ?, ?)').run(userId, key, at);
    const add = prepared(this.db, 'INSERT INTO web_events (user_id, batch, at, event) VALUES (?, ?, ?, ?)');
    return events.map((event) => {
      const json = serialise(event);
      const id = Number(add.run(userId, key, at, json).lastInsertRowid);
      return { id, at, ...(JSON.parse(json) as NewChatEvent) };
    });
  }
}
