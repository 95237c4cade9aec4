import type { AgentResult } from '../agent-action.js';
import { announce } from '../announce.js';
import { closeAndRelease } from './close.js';
import { audit, loadOwnTicket, optionalAgentText, type ActionOf, type AgentCall } from './common.js';

/** Gives the conversation back to the bot (e.g. the user has a new, simple question). */
export function handBack(call: AgentCall<ActionOf<'hand-back'>>): AgentResult {
  const ticket = loadOwnTicket(call);
  const closed = closeAndRelease(call, ticket, {
    status: 'handed-back',
    note: optionalAgentText(call, call.action.note),
    noteKind: 'hand-back',
    tell: (t) => [{ type: 'notice', code: 'agent-left', level: 'info', text: t.handedBack }],
    state: 'bot',
    context: {},
  });
  announce(call.ctx, { type: 'ticket-handed-back', ticket: closed, by: call.action.agentId }, call.now);
  audit(call, 'ticket.hand-back', closed);
  return { kind: 'done', ticket: closed };
}
