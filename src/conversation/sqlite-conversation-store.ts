import type { Lang } from '../config.js';
import { prepared, type Db } from '../storage/db.js';
import type { ConversationStore } from './ports.js';
import type {
  Author,
  Conversation,
  ConversationContext,
  ConversationState,
  ConversationTarget,
  Question,
  QuestionOutcome,
  Reply,
  TranscriptEntry,
} from './types.js';

interface ConversationRow {
  id: string;
  channel: string;
  external_id: string;
  user_id: string;
  user_name: string | null;
  thread_id: string | null;
  lang: Lang;
  state: ConversationState;
  context: string;
  ticket_id: string | null;
  created_at: string;
  updated_at: string;
}

interface MessageRow {
  seq: number;
  conversation_id: string;
  at: string;
  author: Author;
  author_id: string | null;
  author_name: string | null;
  text: string;
  ticket_id: string | null;
}

interface QuestionRow {
  id: string;
  conversation_id: string;
  asked_at: string;
  lang: Lang;
  text: string;
  outcome: QuestionOutcome;
  articles: string;
  closed_at: string | null;
}

/** JSON columns are written only by this module, but a hand-edited row must not crash a turn. */
function parseJson<T>(text: string, fallback: T): T {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    channel: row.channel,
    externalId: row.external_id,
    userId: row.user_id,
    userName: row.user_name ?? undefined,
    threadId: row.thread_id ?? undefined,
    lang: row.lang,
    state: row.state,
    context: parseJson<ConversationContext>(row.context, {}),
    ticketId: row.ticket_id ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The one encoding of a conversation as a row, shared by `insert` and `update`. */
function toRow(c: Conversation): ConversationRow {
  return {
    id: c.id,
    channel: c.channel,
    external_id: c.externalId,
    user_id: c.userId,
    user_name: c.userName ?? null,
    thread_id: c.threadId ?? null,
    lang: c.lang,
    state: c.state,
    context: JSON.stringify(c.context),
    ticket_id: c.ticketId ?? null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function toEntry(row: MessageRow): TranscriptEntry {
  return {
    seq: row.seq,
    conversationId: row.conversation_id,
    at: row.at,
    author: row.author,
    authorId: row.author_id ?? undefined,
    authorName: row.author_name ?? undefined,
    text: row.text,
    ticketId: row.ticket_id ?? undefined,
  };
}

function toQuestion(row: QuestionRow): Question {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    askedAt: row.asked_at,
    lang: row.lang,
    text: row.text,
    outcome: row.outcome,
    articles: parseJson<string[]>(row.articles, []),
    closedAt: row.closed_at ?? undefined,
  };
}

/** `ConversationStore` on the bot's SQLite database (tables from `conversations/001-init`). */
export class SqliteConversationStore implements ConversationStore {
  constructor(private readonly db: Db) {}

  find(channel: string, externalId: string, userId: string): Conversation | undefined {
    const row = prepared(
      this.db,
      'SELECT * FROM conversations WHERE channel = ? AND external_id = ? AND user_id = ?',
    ).get(channel, externalId, userId) as ConversationRow | undefined;
    return row ? toConversation(row) : undefined;
  }

  get(id: string): Conversation | undefined {
    const row = prepared(this.db, 'SELECT * FROM conversations WHERE id = ?').get(id) as
      ConversationRow | undefined;
    return row ? toConversation(row) : undefined;
  }

  insert(c: Conversation): void {
    prepared(
      this.db,
      `INSERT INTO conversations (id, channel, external_id, user_id, user_name, thread_id, lang, state, context,
           ticket_id, created_at, updated_at)
         VALUES (@id, @channel, @external_id, @user_id, @user_name, @thread_id, @lang, @state, @context,
           @ticket_id, @created_at, @updated_at)`,
    ).run(toRow(c));
  }

  update(c: Conversation): void {
    prepared(
      this.db,
      `UPDATE conversations SET user_name = @user_name, thread_id = @thread_id, lang = @lang, state = @state,
           context = @context, ticket_id = @ticket_id, updated_at = @updated_at WHERE id = @id`,
    ).run(toRow(c));
  }

  append(entry: Omit<TranscriptEntry, 'seq'>): TranscriptEntry {
    const result = prepared(
      this.db,
      `INSERT INTO conversation_messages (conversation_id, at, author, author_id, author_name, text, ticket_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.conversationId,
      entry.at,
      entry.author,
      entry.authorId ?? null,
      entry.authorName ?? null,
      entry.text,
      entry.ticketId ?? null,
    );
    return { ...entry, seq: Number(result.lastInsertRowid) };
  }

  transcript(
    conversationId: string,
    range: { from?: number; to?: number; limit?: number } = {},
  ): TranscriptEntry[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM conversation_messages WHERE conversation_id = ? AND seq >= ? AND seq <= ?
         ORDER BY seq DESC LIMIT ?`,
    ).all(
      conversationId,
      range.from ?? 0,
      range.to ?? Number.MAX_SAFE_INTEGER,
      range.limit ?? -1,
    ) as MessageRow[];
    return rows.reverse().map(toEntry);
  }

  isProcessed(key: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM processed_messages WHERE key = ?').get(key) !== undefined;
  }

  markProcessed(key: string, at: Date): boolean {
    const result = prepared(
      this.db,
      'INSERT OR IGNORE INTO processed_messages (key, processed_at) VALUES (?, ?)',
    ).run(key, at.toISOString());
    return result.changes > 0;
  }

  keepReplies(key: string, target: ConversationTarget, replies: Reply[]): void {
    prepared(
      this.db,
      `UPDATE processed_messages SET replies = ?, target = ?, reply_state = 'pending' WHERE key = ?`,
    ).run(JSON.stringify(replies), JSON.stringify(target), key);
  }

  unconfirmedReplies(key: string): { target: ConversationTarget; replies: Reply[] } | undefined {
    const row = prepared(
      this.db,
      `SELECT replies, target FROM processed_messages WHERE key = ? AND reply_state = 'pending'`,
    ).get(key) as { replies: string; target: string } | undefined;
    if (!row) return undefined;
    return {
      target: JSON.parse(row.target) as ConversationTarget,
      replies: JSON.parse(row.replies) as Reply[],
    };
  }

  allUnconfirmed(): string[] {
    return (
      prepared(this.db, `SELECT key FROM processed_messages WHERE reply_state = 'pending'`).all() as {
        key: string;
      }[]
    ).map((r) => r.key);
  }

  settleReplies(key: string, state: 'sent' | 'requeued'): void {
    prepared(
      this.db,
      `UPDATE processed_messages SET reply_state = ?, replies = NULL, target = NULL WHERE key = ?`,
    ).run(state, key);
  }

  pruneProcessed(before: Date): number {
    return prepared(this.db, 'DELETE FROM processed_messages WHERE processed_at < ?').run(
      before.toISOString(),
    ).changes;
  }

  insertQuestion(q: Question): void {
    prepared(
      this.db,
      `INSERT INTO conversation_questions (id, conversation_id, asked_at, lang, text, outcome, articles, closed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      q.id,
      q.conversationId,
      q.askedAt,
      q.lang,
      q.text,
      q.outcome,
      JSON.stringify(q.articles),
      q.closedAt ?? null,
    );
  }

  updateQuestion(q: Question): void {
    prepared(
      this.db,
      'UPDATE conversation_questions SET outcome = ?, articles = ?, closed_at = ? WHERE id = ?',
    ).run(q.outcome, JSON.stringify(q.articles), q.closedAt ?? null, q.id);
  }

  getQuestion(id: string): Question | undefined {
    const row = prepared(this.db, 'SELECT * FROM conversation_questions WHERE id = ?').get(id) as
      QuestionRow | undefined;
    return row ? toQuestion(row) : undefined;
  }
}
