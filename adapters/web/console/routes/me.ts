import type { HttpRoute } from '../../../../src/index.js';
import { sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';

/** `GET /agent/api/me`: the signed-in agent and the CSRF token, or 401 with how to sign in. */
export function consoleMeRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/me',
    handle(req, res) {
      const agent = deps.auth.of(req);
      const signIn = deps.auth.proxied ? 'proxy' : 'form';
      res.setHeader('cache-control', 'no-store');
      if (!agent) {
        sendJson(res, 401, { error: 'Not signed in', signIn });
        return;
      }
      sendJson(res, 200, {
        agent: { id: agent.agentId, name: agent.name, role: agent.role, tiers: agent.tiers },
        csrf: agent.csrf,
        signIn,
      });
    },
  };
}
