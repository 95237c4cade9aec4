import type { HttpRoute } from '../../../src/index.js';
import { ErrorCodes, HelpdeskError, sendJson } from '../../../src/index.js';
import type { WebDeps } from '../deps.js';
import { assertSameOriginJson, isHttps } from '../guard.js';
import { SESSION_COOKIE } from '../session.js';

/** `POST /api/chat/logout`: forgets the session cookie on this browser (a shared computer). */
export function logoutRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'POST',
    path: '/api/chat/logout',
    handle(req, res) {
      if (deps.identity.proxied) {
        throw new HelpdeskError(ErrorCodes.FORBIDDEN, 'Sign-out is done by the single sign-on proxy');
      }
      assertSameOriginJson(req, deps.config.http.publicUrl);
      const secure = isHttps(req, deps.config.http.publicUrl) ? '; Secure' : '';
      res.setHeader('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`);
      sendJson(res, 200, { ok: true });
    },
  };
}
