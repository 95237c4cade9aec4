import type { CoreContext } from '../../conversation/context.js';
import { cleanUserText } from '../../conversation/sanitize.js';
import { tellUser } from '../../conversation/turn.js';
import type { Conversation, NoticeCode } from '../../conversation/types.js';
import { ErrorCodes, HelpdeskError } from '../../errors.js';
import type { AgentAction } from '../agent-action.js';
import type { AgentRole, Ticket, TicketNote, TicketStatus } from '../types.js';

/** The action type of one kind, e.g. `ActionOf<'claim'>`. */
export type ActionOf<K extends AgentAction['kind']> = Extract<AgentAction, { kind: K }>;

/** One agent action being applied: the validated action, the caller's role and the time. */
export interface AgentCall<A extends AgentAction = AgentAction> {
  ctx: CoreContext;
  action: A;
  role: AgentRole;
  /** The name the user sees. */
  agentName: string;
  now: Date;
}

const OPEN: readonly TicketStatus[] = ['queued', 'claimed'];

/** The ticket, or NOT_FOUND. */
export function loadTicket(ctx: CoreContext, ticketId: string): Ticket {
  const ticket = ctx.stores.tickets.get(ticketId);
  if (!ticket)
    throw new HelpdeskError(ErrorCodes.NOT_FOUND, `No ticket ${ticketId}`, { details: { ticketId } });
  return ticket;
}

/**
 * The ticket an action names, which the calling agent must have claimed: the common first step of
 * every action only the owner may take (escalate, transfer, resolve, hand back).
 */
export function loadOwnTicket(call: AgentCall<Extract<AgentAction, { ticketId: string }>>): Ticket {
  const ticket = loadTicket(call.ctx, call.action.ticketId);
  requireOwner(ticket, call.action.agentId, call.ctx.directory.idsOf(call.action.agentId));
  return ticket;
}

/** The conversation a ticket belongs to (always present: the foreign key guarantees it). */
export function loadConversation(ctx: CoreContext, ticket: Ticket): Conversation {
  const conv = ctx.stores.conversations.get(ticket.conversationId);
  if (!conv) {
    throw new HelpdeskError(
      ErrorCodes.NOT_FOUND,
      `Ticket ${ticket.id} has no conversation ${ticket.conversationId}`,
    );
  }
  return conv;
}

/** Throws INVALID_STATE for a resolved, handed-back or cancelled ticket. */
export function requireOpen(ticket: Ticket): void {
  if (!OPEN.includes(ticket.status)) {
    throw new HelpdeskError(ErrorCodes.INVALID_STATE, `Ticket ${ticket.id} is ${ticket.status}`, {
      details: { ticketId: ticket.id, status: ticket.status },
    });
  }
}

/**
 * Throws INVALID_STATE unless the caller is the agent who claimed the ticket, under this id or
 * another id of the same person (`ids`, from the agent directory).
 */
export function requireOwner(ticket: Ticket, agentId: string, ids: readonly string[] = [agentId]): void {
  requireOpen(ticket);
  const mine =
    ticket.assigneeId !== undefined && (ticket.assigneeId === agentId || ids.includes(ticket.assigneeId));
  if (ticket.status !== 'claimed' || !mine) {
    const who = ticket.assigneeId ? `claimed by ${ticket.assigneeId}` : 'not claimed yet';
    throw new HelpdeskError(ErrorCodes.INVALID_STATE, `Ticket ${ticket.id} is ${who}`, {
      details: { ticketId: ticket.id, assigneeId: ticket.assigneeId },
    });
  }
}

/** Cleans agent-written text like user text (agents paste things too) and refuses empty text. */
export function agentText(call: AgentCall, raw: string): { text: string; redacted: boolean } {
  const clean = cleanUserText(raw, call.ctx.config.conversation.maxMessageChars);
  if (clean.text === '') throw new HelpdeskError(ErrorCodes.BAD_INPUT, 'The text is empty');
  return { text: clean.text, redacted: clean.secrets.length > 0 };
}

/**
 * The cleaned text of an optional note (transfer, resolve, hand back): undefined when the agent
 * left it out or blank, so a blank note is skipped rather than refused as `agentText` would.
 */
export function optionalAgentText(call: AgentCall, raw: string | undefined): string | undefined {
  return raw?.trim() ? agentText(call, raw).text : undefined;
}

/**
 * Stores an internal note by the calling agent, as every action that takes a note does; nothing
 * when `text` is undefined (an optional note left out), so callers need no `if`.
 */
export function addAgentNote(
  call: AgentCall,
  ticket: Ticket,
  kind: TicketNote['kind'],
  text: string | undefined,
): void {
  if (!text) return;
  call.ctx.stores.tickets.addNote({
    ticketId: ticket.id,
    at: call.now.toISOString(),
    agentId: call.action.agentId,
    agentName: call.agentName,
    kind,
    text,
  });
}

/** Tells the user one info notice (an agent joined or left, Tier 3 took over) through the outbox. */
export function tellNotice(call: AgentCall, conv: Conversation, code: NoticeCode, text: string): void {
  tellUser(call.ctx, conv, [{ type: 'notice', code, level: 'info', text }], call.now);
}

/** Saves the ticket's conversation with `change` applied, stamped with the action's time; returns it. */
export function saveConversation(
  call: AgentCall,
  conv: Conversation,
  change: Partial<Pick<Conversation, 'state' | 'ticketId' | 'context'>>,
): Conversation {
  const saved: Conversation = { ...conv, ...change, updatedAt: call.now.toISOString() };
  call.ctx.stores.conversations.update(saved);
  return saved;
}

/** Writes the audit row of a successful action. */
export function audit(
  call: AgentCall,
  action: string,
  ticket: Ticket,
  details?: Record<string, unknown>,
): void {
  call.ctx.stores.audit.record({
    at: call.now.toISOString(),
    actor: call.action.agentId,
    role: call.role,
    action,
    ticketId: ticket.id,
    conversationId: ticket.conversationId,
    outcome: 'ok',
    ...(details ? { details } : {}),
  });
}
