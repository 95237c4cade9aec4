import { ActionIds } from '../../conversation/actions.js';
import type { AgentResult } from '../agent-action.js';
import { announce } from '../announce.js';
import { closeAndRelease } from './close.js';
import { audit, loadOwnTicket, optionalAgentText, type ActionOf, type AgentCall } from './common.js';

/** Closes the ticket as solved and asks the user for a 1-5 rating (the CSAT figure). */
export function resolve(call: AgentCall<ActionOf<'resolve'>>): AgentResult {
  const ticket = loadOwnTicket(call);
  const closed = closeAndRelease(call, ticket, {
    status: 'resolved',
    note: optionalAgentText(call, call.action.note),
    noteKind: 'resolution',
    tell: (t) => [
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
    state: 'resolved',
    context: { ratingTicketId: ticket.id },
  });
  announce(call.ctx, { type: 'ticket-resolved', ticket: closed, by: call.action.agentId }, call.now);
  audit(call, 'ticket.resolve', closed);
  return { kind: 'done', ticket: closed };
}
