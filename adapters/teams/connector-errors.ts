import { deliveryRefused, errorMessage, type HelpdeskError } from '../../src/index.js';

/** What a failed Bot Connector call carries (a RestError of @azure/core-rest-pipeline). */
interface ConnectorFailure {
  statusCode?: unknown;
  response?: {
    status?: unknown;
    headers?: { get?(name: string): string | undefined } | Record<string, unknown>;
  };
}

/** The HTTP status of a failed connector call, when there was an answer at all. */
export function statusOfFailure(error: unknown): number | undefined {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ConnectorFailure;
  const status = e.statusCode ?? e.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Retry-After in ms (seconds or an HTTP date), when the connector sent one. */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const headers = ((typeof error === 'object' && error !== null ? error : {}) as ConnectorFailure).response
    ?.headers;
  let raw: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') {
    raw = (headers as { get(name: string): string | undefined }).get('retry-after');
  } else if (headers) raw = (headers as Record<string, unknown>)['retry-after'];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A connector failure as the outbox understands it: 429 and 5xx come back later (when the
 * connector said), 403/404 mean the bot was removed from the chat and are never retried, and
 * anything else (network, token) is retried with the outbox's backoff.
 */
export function refusal(what: string, error: unknown): HelpdeskError {
  const status = statusOfFailure(error);
  const message = `${what}: ${status !== undefined ? `HTTP ${status} ` : ''}${errorMessage(error)}`.slice(
    0,
    500,
  );
  if (status === 403 || status === 404)
    return deliveryRefused(message, { status, permanent: true, cause: error });
  const wait = retryAfterMs(error);
  return deliveryRefused(message, {
    ...(status !== undefined ? { status } : {}),
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    cause: error,
  });
}
