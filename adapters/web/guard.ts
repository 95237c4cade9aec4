import type { IncomingMessage as NodeRequest } from 'node:http';
import { ErrorCodes, HelpdeskError } from '../../src/index.js';

/**
 * Cross-site request forgery guard for state-changing requests: a form on another site can post
 * neither `application/json` nor a matching `Origin`, so a request without both is refused (403).
 * Same-origin requests from the page always carry them.
 */
export function assertSameOriginJson(req: NodeRequest, publicUrl: string | undefined): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw forbidden('Expected Content-Type: application/json');
  if (req.headers['sec-fetch-site'] === 'cross-site') throw forbidden('Cross-site request refused');
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw forbidden('Cross-site request refused');
  }
  const allowed = new Set<string>();
  if (req.headers.host) allowed.add(req.headers.host.toLowerCase());
  if (publicUrl) allowed.add(new URL(publicUrl).host.toLowerCase());
  if (!allowed.has(originHost)) throw forbidden('Cross-site request refused');
}

/** True when the client reached us over HTTPS (directly behind a proxy, or by PUBLIC_URL). */
export function isHttps(req: NodeRequest, publicUrl: string | undefined): boolean {
  const proto = req.headers['x-forwarded-proto'];
  if (typeof proto === 'string' && proto.split(',')[0]?.trim().toLowerCase() === 'https') return true;
  return publicUrl?.startsWith('https:') ?? false;
}

function forbidden(message: string): HelpdeskError {
  return new HelpdeskError(ErrorCodes.FORBIDDEN, message);
}
