import type { HttpRoute } from '../../../../src/index.js';
import { sendJson } from '../../../../src/index.js';
import { isHttps } from '../../guard.js';
import type { ConsoleDeps } from '../console-deps.js';
import { agentCookieHeader } from '../console-session.js';

/** `POST /agent/api/logout`: ends the session on the server and clears the cookie (audited). */
export function consoleLogoutRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'POST',
    path: '/agent/api/logout',
    handle(req, res) {
      const agent = deps.auth.requireForChange(req);
      deps.sessions.destroy(deps.auth.sessionId(req));
      deps.services.audit({
        at: new Date().toISOString(),
        actor: agent.agentId,
        role: agent.role,
        action: 'agent.sign-out',
        outcome: 'ok',
      });
      res.setHeader('set-cookie', agentCookieHeader(undefined, isHttps(req, deps.config.http.publicUrl)));
      sendJson(res, 200, { ok: true });
    },
  };
}
