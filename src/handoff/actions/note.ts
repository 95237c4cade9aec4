import type { AgentResult } from '../agent-action.js';
import { announce } from '../announce.js';
import { addAgentNote, agentText, audit, loadTicket, type ActionOf, type AgentCall } from './common.js';

/** An internal note: stored on the ticket for agents, never shown to the user. */
export function addNote(call: AgentCall<ActionOf<'note'>>): AgentResult {
  const ticket = loadTicket(call.ctx, call.action.ticketId);
  const { text, redacted } = agentText(call, call.action.text);
  addAgentNote(call, ticket, 'note', text);
  announce(
    call.ctx,
    { type: 'note-added', ticket, by: call.action.agentId, byName: call.agentName, text },
    call.now,
  );
  audit(call, 'ticket.note', ticket, { chars: text.length });
  return { kind: 'done', ticket, redacted };
}
