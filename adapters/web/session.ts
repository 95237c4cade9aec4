import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChannelState } from '../../src/index.js';
import type { WebUser } from './types.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'hd_session';

/** How long a session cookie lasts: a month, then the employee types the name again. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const SECRET_KEY = 'session-secret';

/**
 * The key that signs session cookies: WEB_SESSION_SECRET when set, else 32 random bytes made on
 * the first start and kept in the channel's state, so that cookies survive restarts.
 */
export function sessionSecret(configured: string | undefined, state: ChannelState): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const kept = state.get(SECRET_KEY);
  if (kept && /^[0-9a-f]{64}$/.test(kept)) return Buffer.from(kept, 'hex');
  const made = randomBytes(32);
  state.set(SECRET_KEY, made.toString('hex'));
  return made;
}

/**
 * Signs and checks `hd_session` cookies: base64url(JSON {u, n, iat}) + "." + HMAC-SHA256. The
 * cookie is the only proof of who a local employee is, so anything altered, expired or odd in
 * shape is refused as a whole.
 */
export class SessionCodec {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cookie value for `user`. */
  sign(user: WebUser): string {
    const payload = Buffer.from(
      JSON.stringify({ u: user.id, n: user.name, iat: Math.floor(this.now() / 1000) }),
    ).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The user a cookie value names, or undefined for a forged, expired or malformed one. */
  verify(value: string): WebUser | undefined {
    if (value.length > 2000) return undefined;
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const payload = value.slice(0, dot);
    // Compared as text: decoding base64 would accept other spellings of the same bytes.
    const given = Buffer.from(value.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.mac(payload), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof data !== 'object' || data === null) return undefined;
    const { u, n, iat } = data as Record<string, unknown>;
    if (typeof u !== 'string' || typeof n !== 'string' || typeof iat !== 'number') return undefined;
    const age = this.now() / 1000 - iat;
    if (age > SESSION_MAX_AGE_SECONDS || age < -300) return undefined;
    if (u.length === 0 || u.length > 200 || n.length === 0 || n.length > 200) return undefined;
    return { id: u, name: n };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** A fresh web user id: 16 random bytes, base64url (the core's employee id within `web`). */
export function newUserId(): string {
  return randomBytes(16).toString('base64url');
}

/** The value of cookie `name` in a `Cookie` header, if any. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The `Set-Cookie` header for a session. */
export function sessionCookieHeader(value: string, secure: boolean): string {
  return (
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_SECONDS}` +
    (secure ? '; Secure' : '')
  );
}
