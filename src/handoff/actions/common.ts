import type { CoreContext } from '../../conversation/context.js';
import type { Conversation } from '../../conversation/types.js';
import { ErrorCodes, HelpdeskError } from '../../errors.js';
import type { AgentAction } from '../agent-action.js';
import type { AgentRole, Ticket, TicketStatus } from '../types.js';

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

/** Throws INVALID_STATE unless the caller is the agent who claimed the ticket. */
export function requireOwner(ticket: Ticket, agentId: string): void {
  requireOpen(ticket);
  if (ticket.status !== 'claimed' || ticket.assigneeId !== agentId) {
    const who = ticket.assigneeId ? `claimed by ${ticket.assigneeId}` : 'not claimed yet';
    throw new HelpdeskError(ErrorCodes.INVALID_STATE, `Ticket ${ticket.id} is ${who}`, {
      details: { ticketId: ticket.id, assigneeId: ticket.assigneeId },
    });
  }
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

/** Ends a ticket: final status, close time, and the last transcript line that belongs to it. */
export function closeTicket(call: AgentCall, ticket: Ticket, status: 'resolved' | 'handed-back'): Ticket {
  const last = call.ctx.stores.conversations.transcript(ticket.conversationId, { limit: 1 })[0];
  const closed: Ticket = { ...ticket, status, closedAt: call.now.toISOString(), transcriptTo: last?.seq };
  call.ctx.stores.tickets.update(closed);
  return closed;
}
