import { z } from 'zod';
import type { TranscriptEntry } from '../conversation/types.js';
import type { Ticket, TicketNote } from './types.js';

/**
 * Agent actions as channel-neutral data: a Slack button, a Teams card or the web console sends
 * one of these to `handleAgentAction`. `agentId` is compared verbatim with TIER2_AGENTS and
 * TIER3_AGENTS; `messageId` makes a retried action run once.
 */
const id = z.string().trim().min(1).max(256);
const text = z.string().max(100_000);
const base = {
  agentId: id,
  /** Display name shown to the user ("Anna from IT support ..."); the id when absent. */
  agentName: z.string().trim().min(1).max(120).optional(),
  channel: id,
  messageId: id,
};

/** Validates an agent action coming from an adapter (untrusted input, like user messages). */
export const agentActionSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('list') }),
  z.object({ ...base, kind: z.literal('show'), ticketId: id }),
  z.object({ ...base, kind: z.literal('claim'), ticketId: id }),
  z.object({ ...base, kind: z.literal('reply'), ticketId: id, text }),
  z.object({ ...base, kind: z.literal('note'), ticketId: id, text }),
  z.object({ ...base, kind: z.literal('escalate'), ticketId: id, note: text.optional() }),
  z.object({
    ...base,
    kind: z.literal('transfer'),
    ticketId: id,
    toAgentId: id,
    toAgentName: z.string().trim().min(1).max(120).optional(),
    note: text.optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('resolve'),
    ticketId: id,
    note: text.optional(),
    /** The article that solved it, or `none` for a content gap; left out: not said. */
    articleId: z
      .string()
      .regex(/^[a-z0-9-]{1,120}$/, 'articleId must be an article id or "none"')
      .optional(),
  }),
  z.object({ ...base, kind: z.literal('hand-back'), ticketId: id, note: text.optional() }),
]);

/** One agent action; `kind` says which. */
export type AgentAction = z.infer<typeof agentActionSchema>;
/** The names of the agent actions. */
export type AgentActionKind = AgentAction['kind'];

/** What an agent action returns to the adapter, which renders it for the agent. */
export type AgentResult =
  | { kind: 'queue'; queued: Ticket[]; mine: Ticket[] }
  | { kind: 'ticket'; ticket: Ticket; transcript: TranscriptEntry[]; notes: TicketNote[] }
  /** `did` names the action that was done, so a channel can confirm it in words. */
  | { kind: 'done'; ticket: Ticket; redacted?: boolean; did?: AgentActionKind }
  /** The same `messageId` was already processed; nothing was done again. */
  | { kind: 'duplicate' };
