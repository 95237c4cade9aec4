import type { Article } from '../kb/types.js';
import type { AuditLog, Outbox, TicketStore } from '../handoff/ports.js';
import type { Conversation, ConversationTarget, Question, Reply, TranscriptEntry } from './types.js';

/**
 * Ports of the conversation core. Like the ticket store, the conversation store is synchronous
 * so one turn's writes (state, transcript, question, ticket, outbox, dedup mark) commit together.
 */

/** Articles by id, for rendering the steps and link of a candidate. `KnowledgeRetriever` fits. */
export interface ArticleSource {
  getArticle(id: string): Article | undefined;
  /**
   * Every article served, for the areas the bot offers when a message does not say what is
   * wrong. Optional so that small test doubles need not list; without it no areas are offered.
   */
  listArticles?(): Article[];
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
  /** Keeps a turn's replies under its message key until the channel confirms them ('pending'). */
  keepReplies(key: string, target: ConversationTarget, replies: Reply[]): void;
  /** The kept replies of a message, while they wait for the channel's confirmation. */
  unconfirmedReplies(key: string): { target: ConversationTarget; replies: Reply[] } | undefined;
  /** Every message whose replies wait for a confirmation (after a crash: never to come). */
  allUnconfirmed(): string[];
  /** The channel showed the replies (`sent`) or they went to the outbox (`requeued`); the copy is dropped. */
  settleReplies(key: string, state: 'sent' | 'requeued'): void;
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

/**
 * What the core reports for operations (`/metrics`): one call per turn and per delivery attempt.
 * Optional: tools and tests run without it.
 */
export interface CoreMetrics {
  /** A message handled: its channel, what the bot did (`answer`, `clarify`, `decline`, `relay`...) and how long it took. */
  turn(channel: string, outcome: string, seconds: number): void;
  /** A delivery attempt through the outbox. */
  delivery(channel: string, outcome: 'delivered' | 'failed' | 'gave-up', seconds: number): void;
}
