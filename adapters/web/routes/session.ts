import type { HttpRoute } from '../../../src/index.js';
import { ErrorCodes, HelpdeskError, readJson, sendJson } from '../../../src/index.js';
import type { WebDeps } from '../deps.js';
import { assertSameOriginJson, isHttps } from '../guard.js';
import { cleanName } from '../identity.js';
import { newUserId, sessionCookieHeader } from '../session.js';

/**
 * `POST /api/chat/session` `{name}`: local sign-in. The employee gets a signed, HttpOnly session
 * cookie; signing in again with a valid cookie keeps the same id (and conversation), new name.
 * Behind a single sign-on proxy the form is off (403): only the proxy's header names users.
 */
export function sessionRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'POST',
    path: '/api/chat/session',
    async handle(req, res) {
      if (deps.identity.proxied) {
        throw new HelpdeskError(ErrorCodes.FORBIDDEN, 'Sign-in is done by the single sign-on proxy');
      }
      assertSameOriginJson(req, deps.config.http.publicUrl);
      const body = await readJson(req, 4096);
      const name = cleanName(
        typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined,
      );
      if (!name) throw new HelpdeskError(ErrorCodes.BAD_INPUT, 'Type a name of 1 to 80 characters');
      const user = { id: deps.identity.of(req)?.id ?? newUserId(), name };
      res.setHeader(
        'set-cookie',
        sessionCookieHeader(deps.sessions.sign(user), isHttps(req, deps.config.http.publicUrl)),
      );
      sendJson(res, 200, { user });
    },
  };
}
