import { cleanUserText } from '../../conversation/sanitize.js';
import { tellUser } from '../../conversation/turn.js';
import { ErrorCodes, HelpdeskError } from '../../errors.js';
import type { AgentResult } from '../agent-action.js';
import { requireTier } from '../agents.js';
import { claimTicket } from './claim.js';
import {
  audit,
  loadConversation,
  loadTicket,
  requireOwner,
  type ActionOf,
  type AgentCall,
} from './common.js';

/** Cleans agent-written text like user text (agents paste things too) and refuses empty text. */
export function agentText(call: AgentCall, raw: string): { text: string; redacted: boolean } {
  const clean = cleanUserText(raw, call.ctx.config.conversation.maxMessageChars);
  if (clean.text === '') throw new HelpdeskError(ErrorCodes.BAD_INPUT, 'The text is empty');
  return { text: clean.text, redacted: clean.secrets.length > 0 };
}

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
  requireOwner(ticket, action.agentId);
  const conv = loadConversation(ctx, ticket);
  tellUser(ctx, conv, [{ type: 'agent-message', agentName: call.agentName, text }], now, {
    id: action.agentId,
    name: call.agentName,
  });
  audit(call, 'ticket.reply', ticket, { chars: text.length, redacted });
  return { kind: 'done', ticket, redacted };
}
