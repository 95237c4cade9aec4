import { messages } from '../../conversation/messages.js';
import { tellUser } from '../../conversation/turn.js';
import { ErrorCodes, HelpdeskError } from '../../errors.js';
import type { AgentResult } from '../agent-action.js';
import { roleOf, tiersOf } from '../agents.js';
import type { Ticket } from '../types.js';
import {
  audit,
  loadConversation,
  loadTicket,
  requireOwner,
  type ActionOf,
  type AgentCall,
} from './common.js';
import { agentText } from './reply.js';

/** Hands a claimed ticket to another agent who can work its tier; the user sees the new name. */
export function transfer(call: AgentCall<ActionOf<'transfer'>>): AgentResult {
  const { ctx, action, now } = call;
  const ticket = loadTicket(ctx, action.ticketId);
  requireOwner(ticket, action.agentId);
  const targetRole = roleOf(ctx.config, action.toAgentId);
  if (!targetRole) throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${action.toAgentId} is not an agent`);
  if (!tiersOf(targetRole).includes(ticket.tier)) {
    throw new HelpdeskError(
      ErrorCodes.BAD_INPUT,
      `${action.toAgentId} cannot work Tier ${ticket.tier} tickets`,
    );
  }
  if (action.toAgentId === action.agentId) {
    throw new HelpdeskError(ErrorCodes.INVALID_STATE, `Ticket ${ticket.id} is already yours`);
  }
  const note = action.note?.trim() ? agentText(call, action.note).text : undefined;
  const name = action.toAgentName ?? action.toAgentId;
  const moved: Ticket = { ...ticket, assigneeId: action.toAgentId, assigneeName: name };
  ctx.stores.tickets.update(moved);
  if (note) {
    ctx.stores.tickets.addNote({
      ticketId: ticket.id,
      at: now.toISOString(),
      agentId: action.agentId,
      agentName: call.agentName,
      kind: 'transfer',
      text: note,
    });
  }
  const conv = loadConversation(ctx, ticket);
  const t = messages(conv.lang);
  tellUser(
    ctx,
    conv,
    [{ type: 'notice', code: 'agent-joined', level: 'info', text: t.agentJoined(name) }],
    now,
  );
  ctx.stores.outbox.enqueue(
    {
      kind: 'agent',
      agentId: action.toAgentId,
      event: { type: 'ticket-assigned', ticket: moved, by: action.agentId, note },
    },
    now,
  );
  audit(call, 'ticket.transfer', moved, { from: action.agentId, to: action.toAgentId });
  return { kind: 'done', ticket: moved };
}
