import type { AgentConsoleServices, Ticket } from '../../../src/index.js';
import { ErrorCodes, HelpdeskError } from '../../../src/index.js';
import type { ConsoleAgent } from './console-auth.js';

/** Ticket ids as the core makes them (`T-…`), checked before any lookup. */
export const TICKET_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An agent may open a ticket of a tier they work, or one assigned to them (under any of their
 * ids): a Tier 2 agent does not read Tier 3 tickets. (Acting on it is the core's rule.)
 */
export function requireMayView(services: AgentConsoleServices, agent: ConsoleAgent, ticket: Ticket): void {
  if (agent.tiers.includes(ticket.tier)) return;
  if (ticket.assigneeId && services.directory.idsOf(agent.agentId).includes(ticket.assigneeId)) return;
  throw new HelpdeskError(ErrorCodes.FORBIDDEN, `Ticket ${ticket.id} is with Tier ${ticket.tier}`);
}

/** The ticket id and optional action of `/agent/api/tickets/<id>[/<action>]`, or 404. */
export function ticketPath(url: string | undefined): { ticketId: string; action: string | undefined } {
  const rest = new URL(url ?? '/', 'http://localhost').pathname.slice('/agent/api/tickets/'.length);
  const [ticketId = '', action, extra] = rest.split('/');
  if (!TICKET_ID.test(ticketId) || extra !== undefined) {
    throw new HelpdeskError(ErrorCodes.NOT_FOUND, 'No such ticket');
  }
  return { ticketId, action };
}
