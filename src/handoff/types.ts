import type { Lang } from '../config.js';

/** Ticket priority; decides the SLA and whether on-call is paged out of hours. */
export type Priority = 'high' | 'normal' | 'low';

/**
 * `queued`: waiting for an agent of its tier; `claimed`: an agent talks with the user;
 * `resolved`/`handed-back`/`cancelled` are final (handed back to the bot, cancelled by the user).
 */
export type TicketStatus = 'queued' | 'claimed' | 'resolved' | 'handed-back' | 'cancelled';

/** Support tier of a ticket: 2 = service desk agents, 3 = specialists. */
export type Tier = 2 | 3;

/** A request for a person, created when the bot hands a conversation over. */
export interface Ticket {
  id: string;
  conversationId: string;
  /** The question (`conversation_questions.id`) that led to the handoff, if any. */
  questionId: string | undefined;
  userId: string;
  userName: string | undefined;
  channel: string;
  lang: Lang;
  /** The user's question (redacted), one line for the queue. */
  subject: string;
  status: TicketStatus;
  tier: Tier;
  priority: Priority;
  tags: string[];
  /** Article ids the bot showed before the handoff. */
  articlesTried: string[];
  assigneeId: string | undefined;
  assigneeName: string | undefined;
  createdAt: string;
  /** When it last entered the queue (creation or escalation to Tier 3). */
  queuedAt: string;
  /** When an unclaimed ticket breaches its SLA. */
  slaDueAt: string;
  /** The `slaDueAt` whose breach was already announced (so each breach is announced once). */
  slaAnnouncedFor: string | undefined;
  firstClaimedAt: string | undefined;
  closedAt: string | undefined;
  rating: number | undefined;
  /** First transcript `seq` that belongs to the ticket. */
  transcriptFrom: number;
  /** Last transcript `seq` of the ticket, set when it closes. */
  transcriptTo: number | undefined;
  /** True when it was created outside business hours. */
  outOfHours: boolean;
}

/** Role of an agent, from TIER2_AGENTS / TIER3_AGENTS. */
export type AgentRole = 'tier2' | 'tier3';

/** Internal note on a ticket, visible to agents only. */
export interface TicketNote {
  id: number;
  ticketId: string;
  at: string;
  agentId: string;
  agentName: string | undefined;
  kind: 'note' | 'escalation' | 'transfer' | 'resolution' | 'hand-back';
  text: string;
}

/** Who did what, when; written for every agent action (denied ones too) and every handoff. */
export interface AuditEntry {
  at: string;
  actor: string;
  role: 'user' | 'bot' | AgentRole | 'system' | 'none';
  action: string;
  ticketId?: string;
  conversationId?: string;
  outcome: 'ok' | 'denied' | 'rejected';
  details?: Record<string, unknown>;
}
