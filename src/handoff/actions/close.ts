import { messages, type Catalogue } from '../../conversation/messages.js';
import { tellUser } from '../../conversation/turn.js';
import type { ConversationContext, ConversationState, Reply } from '../../conversation/types.js';
import type { Ticket, TicketNote } from '../types.js';
import { addAgentNote, loadConversation, saveConversation, type AgentCall } from './common.js';

/** How an action that ends the agent's work on a ticket leaves it; see `closeAndRelease`. */
export interface Closing {
  status: 'resolved' | 'handed-back';
  /** The agent's optional note (already cleaned) and the kind it is stored as. */
  note: string | undefined;
  noteKind: TicketNote['kind'];
  /** What the user is told, in their language. */
  tell: (t: Catalogue) => Reply[];
  /** The conversation afterwards; it no longer points at the ticket. */
  state: ConversationState;
  context: ConversationContext;
}

/** Ends a ticket: final status, close time, and the last transcript line that belongs to it. */
function closeTicket(call: AgentCall, ticket: Ticket, status: Closing['status']): Ticket {
  const last = call.ctx.stores.conversations.transcript(ticket.conversationId, { limit: 1 })[0];
  const closed: Ticket = { ...ticket, status, closedAt: call.now.toISOString(), transcriptTo: last?.seq };
  call.ctx.stores.tickets.update(closed);
  return closed;
}

/**
 * Resolve and hand back end a ticket the same way and differ only in the values of `closing`:
 * close the ticket (its transcript ends before what follows), keep the note, tell the user while
 * the conversation still points at the ticket, then release the conversation. One sequence keeps
 * that order, which the ticket's transcript range depends on, the same for both. Returns the
 * closed ticket.
 */
export function closeAndRelease(call: AgentCall, ticket: Ticket, closing: Closing): Ticket {
  const closed = closeTicket(call, ticket, closing.status);
  addAgentNote(call, ticket, closing.noteKind, closing.note);
  const conv = loadConversation(call.ctx, ticket);
  tellUser(call.ctx, conv, closing.tell(messages(conv.lang)), call.now);
  saveConversation(call, conv, { state: closing.state, ticketId: undefined, context: closing.context });
  return closed;
}
