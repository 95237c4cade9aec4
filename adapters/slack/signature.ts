import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's window: a request signed more than five minutes ago may be a replay. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function signSlackRequest(secret: string, timestamp: string | number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * Why a request is not Slack's, or undefined when its signature holds: checked on the raw body
 * before anything is parsed, in constant time, and refused when stale (replays).
 */
export function signatureProblem(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowMs: number,
): string | undefined {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'missing signature headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'bad timestamp';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return 'stale timestamp';
  const expected = Buffer.from(signSlackRequest(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad signature';
  return undefined;
}
