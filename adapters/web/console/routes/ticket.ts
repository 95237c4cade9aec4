import type { HttpRoute } from '../../../../src/index.js';
import { ErrorCodes, HelpdeskError, sendJson } from '../../../../src/index.js';
import { agentCall } from '../agent-call.js';
import type { ConsoleDeps } from '../console-deps.js';
import { requireMayView, ticketPath } from '../ticket-access.js';
import { noteView, ticketView, transcriptLines } from '../views.js';

/**
 * `GET /agent/api/tickets/<id>`: a ticket with its transcript (rendered escaped), internal notes
 * and the articles the bot tried (with titles), for an agent who may see its tier.
 */
export function consoleTicketRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/tickets/*',
    async handle(req, res) {
      const agent = deps.auth.require(req);
      const { ticketId, action } = ticketPath(req.url);
      if (action !== undefined) throw new HelpdeskError(ErrorCodes.NOT_FOUND, 'No such page');
      const result = await deps.core.handleAgentAction({ ...agentCall(agent), kind: 'show', ticketId });
      if (result.kind !== 'ticket') throw new Error('show did not return a ticket');
      requireMayView(deps.services, agent, result.ticket);
      res.setHeader('cache-control', 'no-store');
      sendJson(res, 200, {
        ticket: ticketView(result.ticket),
        transcript: transcriptLines(result.transcript),
        notes: result.notes.map(noteView),
        articles: result.ticket.articlesTried.map((id) => ({
          id,
          title: deps.knowledge.getArticle(id)?.title ?? id,
        })),
        mine:
          result.ticket.assigneeId !== undefined &&
          deps.services.directory.idsOf(agent.agentId).includes(result.ticket.assigneeId),
      });
    },
  };
}
