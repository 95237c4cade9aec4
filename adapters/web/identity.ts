import type { IncomingMessage as NodeRequest } from 'node:http';
import { ErrorCodes, HelpdeskError } from '../../src/index.js';
import { readCookie, SESSION_COOKIE, type SessionCodec } from './session.js';
import type { WebUser } from './types.js';

/** Longest user id a single sign-on header may carry. */
export const MAX_HEADER_USER = 200;
/** Longest display name typed on the sign-in form. */
export const MAX_NAME = 80;

// Control characters, zero-width and bidi marks: never part of a name or a login.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** A typed name, cleaned (invisible characters dropped, spaces collapsed), or undefined if unusable. */
export function cleanName(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 1000) return undefined;
  const name = raw.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  return name.length >= 1 && Array.from(name).length <= MAX_NAME ? name : undefined;
}

/** The refusal for a request without a known employee (401). */
export function notSignedIn(): HelpdeskError {
  return new HelpdeskError(ErrorCodes.FORBIDDEN, 'Not signed in', { details: { status: 401 } });
}

/**
 * Who sent a request. Behind a single sign-on proxy (`WEB_USER_HEADER`) only that header counts
 * and cookies are ignored; otherwise only a validly signed session cookie does.
 */
export class Identity {
  constructor(
    private readonly userHeader: string | undefined,
    private readonly sessions: SessionCodec,
  ) {}

  /** True when a proxy names the user and the name form is off. */
  get proxied(): boolean {
    return this.userHeader !== undefined;
  }

  /** The employee behind the request, or undefined. */
  of(req: NodeRequest): WebUser | undefined {
    if (this.userHeader !== undefined) return userFromHeader(req.headers[this.userHeader]);
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    return cookie ? this.sessions.verify(cookie) : undefined;
  }

  /** The employee behind the request; 401 when there is none. */
  require(req: NodeRequest): WebUser {
    const user = this.of(req);
    if (!user) throw notSignedIn();
    return user;
  }
}

/** The user a single sign-on header names (the web chat's and the agent console's), or undefined. */
export function userFromHeader(value: string | string[] | undefined): WebUser | undefined {
  // Two copies of the header mean something between the proxy and us added one: trust neither.
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  if (id.length === 0 || id.length > MAX_HEADER_USER) return undefined;
  if (new RegExp(INVISIBLE.source).test(id)) return undefined;
  return { id, name: id };
}
