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

/** Gives the conversation back to the bot (e.g. the user has a new, simple question). */
export function handBack(call: AgentCall<ActionOf<'hand-back'>>): AgentResult {
  const { ctx, action, now } = call;
  const ticket = loadTicket(ctx, action.ticketId);
  requireOwner(ticket, action.agentId);
  const note = action.note?.trim() ? agentText(call, action.note).text : undefined;
  const closed = closeTicket(call, ticket, 'handed-back');
  if (note) {
    ctx.stores.tickets.addNote({
      ticketId: ticket.id,
      at: now.toISOString(),
      agentId: action.agentId,
      agentName: call.agentName,
      kind: 'hand-back',
      text: note,
    });
  }
  const conv = loadConversation(ctx, ticket);
  tellUser(
    ctx,
    conv,
    [{ type: 'notice', code: 'agent-left', level: 'info', text: messages(conv.lang).handedBack }],
    now,
  );
  ctx.stores.conversations.update({
    ...conv,
    state: 'bot',
    ticketId: undefined,
    context: {},
    updatedAt: now.toISOString(),
  });
  audit(call, 'ticket.hand-back', closed);
  return { kind: 'done', ticket: closed };
}
