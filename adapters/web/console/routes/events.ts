import type { HttpRoute } from '../../../../src/index.js';
import { sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';
import { MAX_CONSOLE_STREAMS } from '../console-hub.js';
import { openEventStream } from '../../event-stream.js';

/**
 * `GET /agent/api/events`: the console's live stream (server-sent events): queue changes of the
 * agent's tiers and their own tickets, each with the ticket as it now is. No replay: the page
 * reloads the queue whenever the stream (re)opens.
 */
export function consoleEventsRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/events',
    handle(req, res) {
      const agent = deps.auth.require(req);
      if (deps.hub.count(agent.agentId) >= MAX_CONSOLE_STREAMS) {
        res.setHeader('retry-after', '10');
        sendJson(res, 429, { error: 'Too many open consoles' });
        return;
      }
      if (!openEventStream(req, res)) return;
      res.write('event: ready\ndata: {}\n\n');
      deps.hub.add(res, deps.services.directory.idsOf(agent.agentId), agent.tiers);
    },
  };
}
