import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/index.js';

/**
 * Bolt's and the Web API client's log lines into the app's logger (pino, secrets redacted), at
 * one level lower than Bolt uses: its `info` chatter is our `debug`, its errors stay warnings
 * because every failure that matters is also reported by the adapter itself.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => logger.trace({ slack: true }, text(msg)),
    info: (...msg: unknown[]) => logger.debug({ slack: true }, text(msg)),
    warn: (...msg: unknown[]) => logger.info({ slack: true }, text(msg)),
    error: (...msg: unknown[]) => logger.warn({ slack: true }, text(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
