import type { HttpRoute } from '../../../../src/index.js';
import { sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';
import { agentCall } from '../agent-call.js';
import { ticketView } from '../views.js';

/** `GET /agent/api/queue`: the queues the agent works (by tier, priority first) and their own tickets. */
export function consoleQueueRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/queue',
    async handle(req, res) {
      const agent = deps.auth.require(req);
      const result = await deps.core.handleAgentAction({ ...agentCall(agent, 'list'), kind: 'list' });
      if (result.kind !== 'queue') throw new Error('list did not return a queue');
      res.setHeader('cache-control', 'no-store');
      sendJson(res, 200, {
        now: new Date().toISOString(),
        queued: result.queued.map(ticketView),
        mine: result.mine.map(ticketView),
      });
    },
  };
}
