import { z } from 'zod';
import type { HttpRoute } from '../../../../src/index.js';
import {
  ErrorCodes,
  HelpdeskError,
  LOGIN_PATTERN,
  parseInput,
  readJson,
  sendJson,
} from '../../../../src/index.js';
import { assertSameOriginJson, isHttps } from '../../guard.js';
import type { ConsoleDeps } from '../console-deps.js';
import { agentCookieHeader } from '../console-session.js';

const loginSchema = z.object({
  login: z.string().trim().toLowerCase().regex(LOGIN_PATTERN, 'login is 1-64 of a-z 0-9 . _ -'),
  password: z.string().min(1).max(1024),
});

/**
 * `POST /agent/api/login` `{login, password}`: local console sign-in. Rate-limited per address
 * (429) on top of the core's per-account lockout (423); a good password starts a server-side
 * session in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS) and returns the CSRF token.
 * Wrong login and wrong password get the same answer.
 */
export function consoleLoginRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'POST',
    path: '/agent/api/login',
    async handle(req, res) {
      if (deps.auth.proxied) {
        throw new HelpdeskError(ErrorCodes.FORBIDDEN, 'Sign-in is done by the single sign-on proxy');
      }
      assertSameOriginJson(req, deps.config.http.publicUrl);
      const address = req.socket.remoteAddress ?? 'unknown';
      if (!deps.limiter.allowed(address)) {
        res.setHeader('retry-after', String(deps.limiter.retryAfter(address)));
        sendJson(res, 429, { error: 'Too many sign-in attempts; wait a few minutes' });
        return;
      }
      const body = parseInput(loginSchema, await readJson(req, 4096), 'sign-in');
      const result = await deps.services.signIn(body.login, body.password);
      if (!result.ok) {
        deps.limiter.fail(address);
        if (result.reason === 'locked') {
          sendJson(res, 423, {
            error: 'This account is locked after too many wrong passwords',
            until: result.until,
          });
        } else {
          sendJson(res, 401, { error: 'Wrong login or password' });
        }
        return;
      }
      deps.sessions.destroy(deps.auth.sessionId(req));
      const { id, session } = deps.sessions.create(`web:${result.account.login}`, result.account.name);
      res.setHeader('set-cookie', agentCookieHeader(id, isHttps(req, deps.config.http.publicUrl)));
      sendJson(res, 200, {
        agent: { id: session.agentId, name: session.name, tier: result.account.tier },
        csrf: session.csrf,
      });
    },
  };
}
