import type { Article } from '../kb/types.js';
import type { AuditLog, Outbox, TicketStore } from '../handoff/ports.js';
import type { Conversation, Question, TranscriptEntry } from './types.js';

/**
 * Ports of the conversation core. Like the ticket store, the conversation store is synchronous
 * so one turn's writes (state, transcript, question, ticket, outbox, dedup mark) commit together.
 */

/** Articles by id, for rendering the steps and link of a candidate. `KnowledgeRetriever` fits. */
export interface ArticleSource {
  getArticle(id: string): Article | undefined;
}

/** Conversations, their transcripts, their questions, and the processed message ids. */
export interface ConversationStore {
  find(channel: string, externalId: string, userId: string): Conversation | undefined;
  get(id: string): Conversation | undefined;
  insert(conversation: Conversation): void;
  update(conversation: Conversation): void;
  append(entry: Omit<TranscriptEntry, 'seq'>): TranscriptEntry;
  /** Entries with `from <= seq <= to`, oldest first; `limit` keeps the newest ones. */
  transcript(
    conversationId: string,
    range?: { from?: number; to?: number; limit?: number },
  ): TranscriptEntry[];
  /** True when the message id (channel-qualified key) was already processed. */
  isProcessed(key: string): boolean;
  /** Records a processed message id; false when it was already there. */
  markProcessed(key: string, at: Date): boolean;
  /** Forgets ids processed before `before` (channels retry within minutes, not months). */
  pruneProcessed(before: Date): number;
  insertQuestion(question: Question): void;
  updateQuestion(question: Question): void;
  getQuestion(id: string): Question | undefined;
}

/** Every store the core writes, plus the transaction that makes a turn atomic. */
export interface Stores {
  conversations: ConversationStore;
  tickets: TicketStore;
  outbox: Outbox;
  audit: AuditLog;
  /** Runs `fn` so that all its writes commit together or none do. Nested calls join the outer one. */
  transaction<T>(fn: () => T): T;
}
