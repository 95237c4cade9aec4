/**
 * The fields of Slack payloads the handlers read, all optional: payloads are untrusted input and
 * Bolt's own types are wider than what a help desk needs. Read them through `str()`.
 */
export interface MessageLike {
  type?: unknown;
  subtype?: unknown;
  channel?: unknown;
  channel_type?: unknown;
  user?: unknown;
  bot_id?: unknown;
  text?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
  tab?: unknown;
}

/** A string field, or undefined for anything else (hostile or missing). */
export function str(value: unknown, max = 100_000): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/** A Slack id (user, channel, team), or undefined. */
export function slackId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Z0-9]{2,40}$/.test(value) ? value : undefined;
}

/** A message `ts` (`1700000000.000100`), or undefined. */
export function slackTs(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{1,12}\.\d{1,9}$/.test(value) ? value : undefined;
}
