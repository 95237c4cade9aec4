import { tellUser } from '../../conversation/turn.js';
import type { AgentResult } from '../agent-action.js';
import { requireTier } from '../agents.js';
import { announce } from '../announce.js';
import { claimTicket } from './claim.js';
import {
  agentText,
  audit,
  loadConversation,
  loadTicket,
  requireOwner,
  type ActionOf,
  type AgentCall,
} from './common.js';

/**
 * Relays the agent's words to the user's conversation under the agent's name. Replying to an
 * unclaimed ticket claims it first; replying to someone else's ticket is refused.
 */
export function reply(call: AgentCall<ActionOf<'reply'>>): AgentResult {
  const { ctx, action, now } = call;
  const { text, redacted } = agentText(call, action.text);
  let ticket = loadTicket(ctx, action.ticketId);
  requireTier(call.role, ticket.tier, action.agentId);
  if (ticket.status === 'queued') ticket = claimTicket(call, ticket);
  requireOwner(ticket, action.agentId, ctx.directory.idsOf(action.agentId));
  const conv = loadConversation(ctx, ticket);
  tellUser(ctx, conv, [{ type: 'agent-message', agentName: call.agentName, text }], now, {
    id: action.agentId,
    name: call.agentName,
  });
  announce(
    ctx,
    { type: 'agent-replied', ticket, by: action.agentId, byName: call.agentName, text },
    now,
    action.channel,
  );
  audit(call, 'ticket.reply', ticket, { chars: text.length, redacted });
  return { kind: 'done', ticket, redacted };
}
