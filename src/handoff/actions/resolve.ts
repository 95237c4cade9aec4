import { ActionIds } from '../../conversation/actions.js';
import { messages } from '../../conversation/messages.js';
import { tellUser } from '../../conversation/turn.js';
import type { AgentResult } from '../agent-action.js';
import {
  audit,
  closeTicket,
  loadConversation,
  loadTicket,
  requireOwner,
  type ActionOf,
  type AgentCall,
} from './common.js';
import { agentText } from './reply.js';

/** Closes the ticket as solved and asks the user for a 1-5 rating (the CSAT figure). */
export function resolve(call: AgentCall<ActionOf<'resolve'>>): AgentResult {
  const { ctx, action, now } = call;
  const ticket = loadTicket(ctx, action.ticketId);
  requireOwner(ticket, action.agentId);
  const note = action.note?.trim() ? agentText(call, action.note).text : undefined;
  const closed = closeTicket(call, ticket, 'resolved');
  if (note) {
    ctx.stores.tickets.addNote({
      ticketId: ticket.id,
      at: now.toISOString(),
      agentId: action.agentId,
      agentName: call.agentName,
      kind: 'resolution',
      text: note,
    });
  }
  const conv = loadConversation(ctx, ticket);
  const t = messages(conv.lang);
  tellUser(
    ctx,
    conv,
    [
      {
        type: 'notice',
        code: 'ticket-resolved',
        level: 'info',
        text: t.resolvedByAgent(ticket.id, call.agentName),
      },
      {
        type: 'choices',
        prompt: t.ratingPrompt,
        choices: [1, 2, 3, 4, 5].map((n) => ({ id: ActionIds.rating(n), label: String(n) })),
      },
    ],
    now,
  );
  ctx.stores.conversations.update({
    ...conv,
    state: 'resolved',
    ticketId: undefined,
    context: { ratingTicketId: ticket.id },
    updatedAt: now.toISOString(),
  });
  audit(call, 'ticket.resolve', closed);
  return { kind: 'done', ticket: closed };
}
