import { messages } from '../../conversation/messages.js';
import { ErrorCodes, HelpdeskError } from '../../errors.js';
import type { AgentResult } from '../agent-action.js';
import { tiersOf } from '../agents.js';
import { announce } from '../announce.js';
import type { Ticket } from '../types.js';
import {
  addAgentNote,
  audit,
  loadConversation,
  loadOwnTicket,
  optionalAgentText,
  tellNotice,
  type ActionOf,
  type AgentCall,
} from './common.js';

/** Hands a claimed ticket to another agent who can work its tier; the user sees the new name. */
export function transfer(call: AgentCall<ActionOf<'transfer'>>): AgentResult {
  const { ctx, action, now } = call;
  const ticket = loadOwnTicket(call);
  const targetRole = ctx.directory.roleOf(action.toAgentId);
  if (!targetRole) throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${action.toAgentId} is not an agent`);
  if (!tiersOf(targetRole).includes(ticket.tier)) {
    throw new HelpdeskError(
      ErrorCodes.BAD_INPUT,
      `${action.toAgentId} cannot work Tier ${ticket.tier} tickets`,
    );
  }
  if (ctx.directory.idsOf(action.agentId).includes(action.toAgentId)) {
    throw new HelpdeskError(ErrorCodes.INVALID_STATE, `Ticket ${ticket.id} is already yours`);
  }
  const note = optionalAgentText(call, action.note);
  const name = action.toAgentName ?? action.toAgentId;
  const moved: Ticket = { ...ticket, assigneeId: action.toAgentId, assigneeName: name };
  ctx.stores.tickets.update(moved);
  addAgentNote(call, ticket, 'transfer', note);
  const conv = loadConversation(ctx, ticket);
  tellNotice(call, conv, 'agent-joined', messages(conv.lang).agentJoined(name));
  ctx.stores.outbox.enqueue(
    {
      kind: 'agent',
      agentId: action.toAgentId,
      event: { type: 'ticket-assigned', ticket: moved, by: action.agentId, note },
    },
    now,
  );
  announce(ctx, { type: 'ticket-transferred', ticket: moved, by: action.agentId, to: action.toAgentId }, now);
  audit(call, 'ticket.transfer', moved, { from: action.agentId, to: action.toAgentId });
  return { kind: 'done', ticket: moved };
}
