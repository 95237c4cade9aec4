import type { AgentResult } from '../agent-action.js';
import { audit, loadTicket, type ActionOf, type AgentCall } from './common.js';
import { agentText } from './reply.js';

/** An internal note: stored on the ticket for agents, never shown to the user. */
export function addNote(call: AgentCall<ActionOf<'note'>>): AgentResult {
  const { ctx, action, now } = call;
  const ticket = loadTicket(ctx, action.ticketId);
  const { text, redacted } = agentText(call, action.text);
  ctx.stores.tickets.addNote({
    ticketId: ticket.id,
    at: now.toISOString(),
    agentId: action.agentId,
    agentName: call.agentName,
    kind: 'note',
    text,
  });
  audit(call, 'ticket.note', ticket, { chars: text.length });
  return { kind: 'done', ticket, redacted };
}
