import type { Db, Migration } from '../storage/db.js';
import type { ChannelState } from './ports.js';

/** Tables behind `ChannelState`: a key-value store and references, both per channel. */
export const CHANNEL_MIGRATIONS: Migration[] = [
  {
    id: 'channels/001-init',
    up: `
      CREATE TABLE channel_state (
        channel TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (channel, key)
      );
      CREATE TABLE channel_refs (
        channel TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('ticket', 'conversation')),
        id TEXT NOT NULL,
        ref TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (channel, kind, id)
      );
    `,
  },
];

/** `ChannelState` of one channel on the bot's SQLite database. */
export function sqliteChannelState(
  db: Db,
  channel: string,
  now: () => Date = () => new Date(),
): ChannelState {
  const get = db.prepare('SELECT value FROM channel_state WHERE channel = ? AND key = ?');
  const set = db.prepare(
    `INSERT INTO channel_state (channel, key, value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (channel, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const del = db.prepare('DELETE FROM channel_state WHERE channel = ? AND key = ?');
  const list = db.prepare(
    `SELECT key, value FROM channel_state WHERE channel = ? AND substr(key, 1, ?) = ? ORDER BY key`,
  );
  const getRef = db.prepare('SELECT ref FROM channel_refs WHERE channel = ? AND kind = ? AND id = ?');
  const setRef = db.prepare(
    `INSERT INTO channel_refs (channel, kind, id, ref, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel, kind, id) DO UPDATE SET ref = excluded.ref, updated_at = excluded.updated_at`,
  );
  return {
    get: (key) => (get.get(channel, key) as { value: string } | undefined)?.value,
    set: (key, value) => void set.run(channel, key, value, now().toISOString()),
    delete: (key) => void del.run(channel, key),
    list: (prefix) => list.all(channel, prefix.length, prefix) as { key: string; value: string }[],
    getRef: (kind, id) => (getRef.get(channel, kind, id) as { ref: string } | undefined)?.ref,
    setRef: (kind, id, ref) => void setRef.run(channel, kind, id, ref, now().toISOString()),
  };
}
