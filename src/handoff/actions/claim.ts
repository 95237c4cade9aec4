import { messages } from '../../conversation/messages.js';
import { ErrorCodes, HelpdeskError } from '../../errors.js';
import type { AgentResult } from '../agent-action.js';
import { requireTier } from '../agents.js';
import { announce } from '../announce.js';
import type { Ticket } from '../types.js';
import {
  audit,
  loadConversation,
  loadTicket,
  requireOpen,
  saveConversation,
  tellNotice,
  type ActionOf,
  type AgentCall,
} from './common.js';

/**
 * Takes a queued ticket: the conversation goes to "with agent" (the bot falls silent) and the
 * user is told who is handling it. Also used when an agent replies to an unclaimed ticket.
 */
export function claimTicket(call: AgentCall, ticket: Ticket): Ticket {
  const { ctx, now } = call;
  requireOpen(ticket);
  if (ticket.status !== 'queued') {
    throw new HelpdeskError(
      ErrorCodes.INVALID_STATE,
      `Ticket ${ticket.id} is already claimed by ${ticket.assigneeId}`,
      {
        details: { ticketId: ticket.id, assigneeId: ticket.assigneeId },
      },
    );
  }
  const claimed: Ticket = {
    ...ticket,
    status: 'claimed',
    assigneeId: call.action.agentId,
    assigneeName: call.agentName,
    firstClaimedAt: ticket.firstClaimedAt ?? now.toISOString(),
  };
  ctx.stores.tickets.update(claimed);
  const conv = saveConversation(call, loadConversation(ctx, ticket), { state: 'with-agent' });
  tellNotice(call, conv, 'agent-joined', messages(conv.lang).agentJoined(call.agentName));
  announce(
    ctx,
    { type: 'ticket-claimed', ticket: claimed, by: call.action.agentId, byName: call.agentName },
    now,
  );
  audit(call, 'ticket.claim', claimed, { tier: claimed.tier });
  return claimed;
}

/** The `claim` action; claiming one's own ticket again is a no-op. */
export function claim(call: AgentCall<ActionOf<'claim'>>): AgentResult {
  const ticket = loadTicket(call.ctx, call.action.ticketId);
  requireTier(call.role, ticket.tier, call.action.agentId);
  if (ticket.status === 'claimed' && ticket.assigneeId === call.action.agentId)
    return { kind: 'done', ticket };
  return { kind: 'done', ticket: claimTicket(call, ticket) };
}
