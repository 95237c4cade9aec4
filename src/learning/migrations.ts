import type { Migration } from '../storage/db.js';

/** Schema of learning from agents: how tickets were resolved, and the phrasings suggested from them. */
export const LEARNING_MIGRATIONS: Migration[] = [
  {
    id: 'learning/001-init',
    up: `
      CREATE TABLE resolution_links (
        ticket_id TEXT PRIMARY KEY,
        article_id TEXT,
        question TEXT NOT NULL,
        lang TEXT NOT NULL,
        channel TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE TABLE kb_suggestions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL,
        text TEXT NOT NULL,
        lang TEXT NOT NULL,
        ticket_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
        created_at TEXT NOT NULL,
        decided_at TEXT,
        decided_by TEXT,
        UNIQUE (article_id, text)
      );
      CREATE INDEX kb_suggestions_by_status ON kb_suggestions (status, created_at);
    `,
  },
];
