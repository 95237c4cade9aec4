import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage as NodeRequest } from 'node:http';
import type { AgentConsoleServices, Tier } from '../../../src/index.js';
import { ErrorCodes, HelpdeskError, tiersOf } from '../../../src/index.js';
import { assertSameOriginJson } from '../guard.js';
import { notSignedIn, userFromHeader } from '../identity.js';
import { readCookie } from '../session.js';
import { AGENT_COOKIE, type AgentSessions } from './console-session.js';

/** The signed-in agent behind a console request. */
export interface ConsoleAgent {
  /** `web:<login>` (or `web:<single sign-on id>`). */
  agentId: string;
  name: string;
  role: 'tier2' | 'tier3';
  /** The tiers whose queue the agent works. */
  tiers: Tier[];
  /** The token state-changing requests must carry in `x-csrf-token`. */
  csrf: string;
}

/** The request header that carries the CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Who a console request comes from, and whether it may change anything. Locally that is the
 * `hd_agent` session cookie; behind a single sign-on proxy (`WEB_USER_HEADER`) only the header,
 * as `web:<value>`. Either way the person must be an agent in the core's directory (accounts or
 * TIER2_AGENTS / TIER3_AGENTS), checked on every request, so removing an agent takes effect at
 * once. CSRF: a per-session token (per identity under single sign-on, an HMAC) in a header that
 * a cross-site form cannot set, on top of the same-origin JSON check.
 */
export class ConsoleAuth {
  constructor(
    private readonly deps: {
      services: AgentConsoleServices;
      sessions: AgentSessions;
      userHeader: string | undefined;
      secret: Buffer;
      publicUrl: string | undefined;
    },
  ) {}

  /** True when the single sign-on proxy names agents (no password form). */
  get proxied(): boolean {
    return this.deps.userHeader !== undefined;
  }

  /** The agent behind the request, or undefined (not signed in, or no longer an agent). */
  of(req: NodeRequest): ConsoleAgent | undefined {
    const who = this.identity(req);
    if (!who) return undefined;
    const role = this.deps.services.directory.roleOf(who.agentId);
    if (!role) return undefined;
    return { ...who, role, tiers: tiersOf(role) };
  }

  /** The agent behind the request; 401 when there is none. */
  require(req: NodeRequest): ConsoleAgent {
    const agent = this.of(req);
    if (!agent) throw notSignedIn();
    return agent;
  }

  /** The agent of a state-changing request: signed in, same-origin JSON, and the right CSRF token. */
  requireForChange(req: NodeRequest): ConsoleAgent {
    assertSameOriginJson(req, this.deps.publicUrl);
    const agent = this.require(req);
    const given = req.headers[CSRF_HEADER];
    const a = Buffer.from(typeof given === 'string' ? given : '', 'utf8');
    const b = Buffer.from(agent.csrf, 'utf8');
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new HelpdeskError(ErrorCodes.FORBIDDEN, 'Missing or wrong CSRF token');
    }
    return agent;
  }

  /** The session cookie's value on a request. */
  sessionId(req: NodeRequest): string | undefined {
    return readCookie(req.headers.cookie, AGENT_COOKIE);
  }

  private identity(req: NodeRequest): Omit<ConsoleAgent, 'role' | 'tiers'> | undefined {
    const header = this.deps.userHeader;
    if (header !== undefined) {
      const id = userFromHeader(req.headers[header])?.id;
      if (id === undefined) return undefined;
      const agentId = `web:${id}`;
      const csrf = createHmac('sha256', this.deps.secret).update(`csrf\u0000${agentId}`).digest('base64url');
      return { agentId, name: this.deps.services.account(id)?.name ?? id, csrf };
    }
    const session = this.deps.sessions.get(this.sessionId(req));
    return session ? { agentId: session.agentId, name: session.name, csrf: session.csrf } : undefined;
  }
}
