import type { ConversationTarget, Reply, TranscriptEntry } from '../conversation/types.js';
import type { AuditEntry, Ticket, TicketNote, Tier } from './types.js';

/**
 * Outbound ports of the handoff. Adapters implement `ChannelNotifier`; the SQLite module
 * implements the stores. Store methods are synchronous on purpose: several of them run inside
 * one transaction (ticket + conversation + outbox + audit change together or not at all), and
 * better-sqlite3 transactions cannot span an `await`.
 */

/**
 * Something every channel that shows the Tier 2/3 queue must be told. Each carries the ticket as
 * it is after the event, so that a channel can redraw its ticket card in place from it alone.
 * `by` is the acting agent's channel-qualified id, `byName` the name the employee sees.
 */
export type QueueEvent =
  | { type: 'ticket-created'; ticket: Ticket; transcript: TranscriptEntry[] }
  | { type: 'ticket-claimed'; ticket: Ticket; by: string; byName: string }
  /** The employee wrote while the ticket waits (or, for the other channels, while it is claimed). */
  | { type: 'user-message'; ticket: Ticket; text: string; at: string }
  /** An agent's reply to the employee, for the channels other than the one it was written in. */
  | { type: 'agent-replied'; ticket: Ticket; by: string; byName: string; text: string }
  | { type: 'note-added'; ticket: Ticket; by: string; byName: string; text: string }
  | { type: 'ticket-transferred'; ticket: Ticket; by: string; to: string }
  | { type: 'ticket-escalated'; ticket: Ticket; by: string; note: string }
  | { type: 'ticket-resolved'; ticket: Ticket; by: string }
  | { type: 'ticket-handed-back'; ticket: Ticket; by: string }
  | { type: 'ticket-requeued'; ticket: Ticket; by: string }
  | { type: 'sla-breached'; ticket: Ticket; overdueMinutes: number }
  | { type: 'ticket-cancelled'; ticket: Ticket };

/** The names of the queue events. */
export type QueueEventType = QueueEvent['type'];

/** Something one agent must be told (relayed user message, a ticket transferred to them). */
export type AgentEvent =
  | { type: 'user-message'; ticket: Ticket; text: string; at: string }
  | { type: 'ticket-assigned'; ticket: Ticket; by: string; note: string | undefined }
  | { type: 'user-left'; ticket: Ticket; at: string };

/** A page to the on-call engineer. */
export interface OnCallPage {
  reason: 'high-priority-out-of-hours' | 'sla-breached';
  ticket: Ticket;
}

/** Identifies one delivery; the same id may arrive twice after a crash, so adapters can dedupe. */
export interface DeliveryMeta {
  deliveryId: string;
  /**
   * For a turn's own replies that the channel did not confirm (see `reportReplies`): the id of
   * the employee's message they answer, so a channel that did show them after all (the process
   * died before it could say so) recognises them and does not show them twice.
   */
  inReplyTo?: string;
}

/**
 * What adapters implement so the core can speak first: relay an agent's reply into the user's
 * conversation, relay the user's messages to the agent, post to the Tier 2 queue, page on-call.
 * A rejected promise means "not delivered": the delivery stays in the outbox and is retried.
 */
export interface ChannelNotifier {
  deliverToUser(target: ConversationTarget, replies: Reply[], meta: DeliveryMeta): Promise<void>;
  deliverToAgent(agentId: string, event: AgentEvent, meta: DeliveryMeta): Promise<void>;
  postToQueue(event: QueueEvent, meta: DeliveryMeta): Promise<void>;
  pageOnCall(target: string, page: OnCallPage, meta: DeliveryMeta): Promise<void>;
}

/**
 * One pending outbound message, stored so that a crash or a failing channel loses nothing. Each
 * row has one destination channel: a queue event shown in two channels is two rows.
 */
export type Delivery =
  | { kind: 'user'; target: ConversationTarget; replies: Reply[]; inReplyTo?: string }
  | { kind: 'agent'; agentId: string; event: AgentEvent }
  | { kind: 'queue'; channel: string; event: QueueEvent }
  | { kind: 'on-call'; target: string; page: OnCallPage };

/** An outbox entry not yet delivered. */
export interface PendingDelivery {
  id: number;
  delivery: Delivery;
  attempts: number;
  /** Not to be tried before this time (ISO); later than now after a failed attempt. */
  nextAttemptAt: string;
}

/** Durable queue of deliveries written in the same transaction as the change they announce. */
export interface Outbox {
  /** Stores a delivery for `channel` (see `deliveryChannel`). */
  enqueue(delivery: Delivery, at: Date): number;
  /**
   * Undelivered, not given up, with id above `afterId`, oldest first (due or waiting for a
   * retry); only those of `channel` when given.
   */
  pending(afterId: number, limit: number, channel?: string): PendingDelivery[];
  /** Channels that have deliveries neither delivered nor given up. */
  pendingChannels(): string[];
  markDelivered(id: number, at: Date): void;
  /** Records a failed attempt; `retryAt` undefined means give up. */
  markFailed(id: number, error: string, retryAt: Date | undefined): void;
  /** Deliveries neither delivered nor given up (for health checks and tests). */
  pendingCount(): number;
  /** Forgets delivered rows older than `before` (a busy help desk writes thousands a day). */
  pruneDelivered(before: Date): number;
}

/** Tickets, their queue and internal notes. */
export interface TicketStore {
  insert(ticket: Ticket): void;
  get(id: string): Ticket | undefined;
  update(ticket: Ticket): void;
  /** Queued tickets of the given tiers, in the order agents should take them. */
  queue(tiers: readonly Tier[]): Ticket[];
  /** Claimed tickets assigned to the agent. */
  assignedTo(agentId: string): Ticket[];
  /** Every claimed ticket (for finding those whose agent is no longer one). */
  claimed(): Ticket[];
  /** 1-based place of a queued ticket in its tier's queue. */
  queuePosition(ticket: Ticket): number;
  /** Queued tickets whose SLA is past at `now` and whose current breach was not announced. */
  overdue(now: Date): Ticket[];
  addNote(note: Omit<TicketNote, 'id'>): TicketNote;
  notes(ticketId: string): TicketNote[];
}

/** Append-only record of who did what, when. */
export interface AuditLog {
  record(entry: AuditEntry): void;
  list(filter?: { ticketId?: string; actor?: string }): AuditEntry[];
}
