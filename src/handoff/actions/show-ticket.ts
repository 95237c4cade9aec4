import type { AgentResult } from '../agent-action.js';
import type { ActionOf, AgentCall } from './common.js';
import { loadTicket } from './common.js';

/** A ticket with its transcript (redacted, as stored) and internal notes, for the agent console. */
export function showTicket(call: AgentCall<ActionOf<'show'>>): AgentResult {
  const { ctx } = call;
  const ticket = loadTicket(ctx, call.action.ticketId);
  const transcript = ctx.stores.conversations.transcript(ticket.conversationId, {
    from: ticket.transcriptFrom,
    ...(ticket.transcriptTo === undefined ? {} : { to: ticket.transcriptTo }),
  });
  return { kind: 'ticket', ticket, transcript, notes: ctx.stores.tickets.notes(ticket.id) };
}
