import { messages } from '../../conversation/messages.js';
import { ErrorCodes, HelpdeskError } from '../../errors.js';
import type { AgentResult } from '../agent-action.js';
import { announce } from '../announce.js';
import { slaDueAt } from '../sla.js';
import type { Ticket } from '../types.js';
import {
  addAgentNote,
  optionalAgentText,
  audit,
  loadConversation,
  loadOwnTicket,
  saveConversation,
  tellNotice,
  type ActionOf,
  type AgentCall,
} from './common.js';

/**
 * Pushes a Tier 2 ticket to the Tier 3 queue with a note saying why: unassigned again, a fresh SLA
 * clock, the queue told, the user told specialists will reply. Only its current owner may.
 */
export function escalateToTier3(call: AgentCall<ActionOf<'escalate'>>): AgentResult {
  const { ctx, action, now } = call;
  const ticket = loadOwnTicket(call);
  if (ticket.tier === 3) {
    throw new HelpdeskError(ErrorCodes.INVALID_STATE, `Ticket ${ticket.id} is already with Tier 3`);
  }
  // Nobody could claim it there: the ticket would wait until the employee gave up.
  if (!ctx.directory.hasAny('tier3')) {
    throw new HelpdeskError(
      ErrorCodes.INVALID_STATE,
      `No Tier 3 agents are configured (TIER3_AGENTS is empty and no account is Tier 3), so nobody could take ${ticket.id}; ` +
        'it stays with you. Transfer it to another agent or resolve it instead.',
    );
  }
  const text = optionalAgentText(call, action.note) ?? '';
  const escalated: Ticket = {
    ...ticket,
    tier: 3,
    status: 'queued',
    assigneeId: undefined,
    assigneeName: undefined,
    queuedAt: now.toISOString(),
    slaDueAt: slaDueAt(ticket.priority, now, ctx.hours, ctx.config.handoff.slaMinutes).toISOString(),
    slaAnnouncedFor: undefined,
  };
  ctx.stores.tickets.update(escalated);
  addAgentNote(call, ticket, 'escalation', text);
  const conv = saveConversation(call, loadConversation(ctx, ticket), { state: 'escalated' });
  tellNotice(call, conv, 'tier3', messages(conv.lang).tier3(ticket.id));
  announce(ctx, { type: 'ticket-escalated', ticket: escalated, by: action.agentId, note: text }, now);
  audit(call, 'ticket.escalate', escalated, { from: ticket.tier, to: 3 });
  return { kind: 'done', ticket: escalated };
}
