import type { HttpRoute } from '../../../src/index.js';
import { sendJson } from '../../../src/index.js';
import type { WebDeps } from '../deps.js';

/**
 * `GET /api/chat/me`: who the page is talking for, or 401. `signIn` tells the page whether to
 * show the name form (`form`) or that the single sign-on proxy must identify the user (`proxy`).
 */
export function meRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/api/chat/me',
    handle(req, res) {
      const user = deps.identity.of(req);
      const signIn = deps.identity.proxied ? 'proxy' : 'form';
      if (!user) sendJson(res, 401, { error: 'Not signed in', signIn });
      else sendJson(res, 200, { user: { id: user.id, name: user.name }, signIn });
    },
  };
}
