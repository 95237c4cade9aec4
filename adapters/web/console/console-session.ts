import { randomBytes } from 'node:crypto';

/** The console's session cookie: scoped to `/agent`, separate from the employees' chat cookie. */
export const AGENT_COOKIE = 'hd_agent';

/** A console session lasts a working shift, then the agent signs in again. */
export const AGENT_SESSION_SECONDS = 10 * 60 * 60;

/** Most sessions kept at once; the oldest go first (a flood of sign-ins cannot fill memory). */
const MAX_SESSIONS = 5000;

/** One signed-in console agent. */
export interface AgentSession {
  agentId: string;
  name: string;
  /** The per-session CSRF token every state-changing request must echo in `x-csrf-token`. */
  csrf: string;
  expiresAt: number;
}

/**
 * Server-side console sessions: the cookie holds only a random id, so signing out (or removing
 * the account) ends the session at once. Kept in memory: a restart signs agents out, which for a
 * console of a few dozen agents is cheaper than one more table to secure.
 */
export class AgentSessions {
  private readonly sessions = new Map<string, AgentSession>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a session; returns its cookie value. */
  create(agentId: string, name: string): { id: string; session: AgentSession } {
    this.prune();
    const id = randomBytes(32).toString('base64url');
    const session = {
      agentId,
      name,
      csrf: randomBytes(32).toString('base64url'),
      expiresAt: this.now() + AGENT_SESSION_SECONDS * 1000,
    };
    this.sessions.set(id, session);
    return { id, session };
  }

  /** The live session of a cookie value, if any. */
  get(id: string | undefined): AgentSession | undefined {
    if (!id || id.length > 100) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }
}

/** The `Set-Cookie` header of a console session (or of its removal with `value` undefined). */
export function agentCookieHeader(value: string | undefined, secure: boolean): string {
  const age = value === undefined ? 0 : AGENT_SESSION_SECONDS;
  return (
    `${AGENT_COOKIE}=${value ?? ''}; Path=/agent; HttpOnly; SameSite=Strict; Max-Age=${age}` +
    (secure ? '; Secure' : '')
  );
}
