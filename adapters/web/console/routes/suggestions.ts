import type { HttpRoute } from '../../../../src/index.js';
import { sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';

/** `GET /agent/api/suggestions`: phrasings learned from resolutions awaiting review, and content gaps. */
export function consoleSuggestionsRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/suggestions',
    handle(req, res) {
      deps.auth.require(req);
      res.setHeader('cache-control', 'no-store');
      sendJson(res, 200, deps.services.learning.list());
    },
  };
}
