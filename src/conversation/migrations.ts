import type { Migration } from '../storage/db.js';

/**
 * Schema of conversations: one row per employee and channel conversation, the redacted
 * transcript, each question with its outcome (the report's deflection figures), and processed
 * message ids (so a channel's retry is ignored even after a restart).
 */
export const CONVERSATION_MIGRATIONS: Migration[] = [
  {
    id: 'conversations/001-init',
    up: `
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        external_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT,
        thread_id TEXT,
        lang TEXT NOT NULL CHECK (lang IN ('en', 'ru')),
        state TEXT NOT NULL,
        context TEXT NOT NULL DEFAULT '{}',
        ticket_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (channel, external_id, user_id)
      );
      CREATE TABLE conversation_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        at TEXT NOT NULL,
        author TEXT NOT NULL CHECK (author IN ('user', 'bot', 'agent', 'system')),
        author_id TEXT,
        author_name TEXT,
        text TEXT NOT NULL,
        ticket_id TEXT
      );
      CREATE INDEX conversation_messages_by_conversation ON conversation_messages (conversation_id, seq);
      CREATE TABLE conversation_questions (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        asked_at TEXT NOT NULL,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'answered', 'confirmed', 'declined', 'escalated')),
        articles TEXT NOT NULL DEFAULT '[]',
        closed_at TEXT
      );
      CREATE INDEX conversation_questions_by_time ON conversation_questions (asked_at);
      CREATE TABLE processed_messages (
        key TEXT PRIMARY KEY,
        processed_at TEXT NOT NULL
      );
      CREATE INDEX processed_messages_by_time ON processed_messages (processed_at);
    `,
  },
  {
    // A turn's replies are kept until the channel confirms it showed them: those it could not
    // send (or that a crash interrupted) go out again through the outbox instead of being lost.
    id: 'conversations/002-turn-replies',
    up: `
      ALTER TABLE processed_messages ADD COLUMN replies TEXT;
      ALTER TABLE processed_messages ADD COLUMN target TEXT;
      ALTER TABLE processed_messages ADD COLUMN reply_state TEXT;
      CREATE INDEX processed_messages_unconfirmed ON processed_messages (reply_state)
        WHERE reply_state = 'pending';
    `,
  },
];
