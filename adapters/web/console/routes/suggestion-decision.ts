import type { HttpRoute } from '../../../../src/index.js';
import { ErrorCodes, HelpdeskError, readJson, sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';

/**
 * `POST /agent/api/suggestions/<id>/accept|reject`: accepting writes the phrasing into the
 * article file's `questions` (the KB watcher re-indexes it); rejecting remembers it. Audited.
 */
export function consoleSuggestionDecisionRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'POST',
    path: '/agent/api/suggestions/*',
    async handle(req, res) {
      const agent = deps.auth.requireForChange(req);
      await readJson(req, 1024);
      const rest = new URL(req.url ?? '/', 'http://localhost').pathname.slice(
        '/agent/api/suggestions/'.length,
      );
      const match = /^(\d{1,12})\/(accept|reject)$/.exec(rest);
      if (!match) throw new HelpdeskError(ErrorCodes.NOT_FOUND, 'No such action');
      const id = Number(match[1]);
      const by = { agentId: agent.agentId, role: agent.role };
      if (match[2] === 'accept') {
        const { suggestion, edit } = await deps.services.learning.accept(id, by);
        sendJson(res, 200, { suggestion, edit });
      } else {
        sendJson(res, 200, { suggestion: deps.services.learning.reject(id, by) });
      }
    },
  };
}
