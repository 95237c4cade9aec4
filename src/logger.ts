import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear in a log object: tokens, secrets, passwords and
 * authorization headers must never reach a log file, whatever module logged them.
 */
export const REDACT_PATHS = [
  'token',
  'password',
  'secret',
  'authorization',
  'Authorization',
  'botToken',
  'signingSecret',
  'appPassword',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  '*.Authorization',
  '*.botToken',
  '*.signingSecret',
  '*.appPassword',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Creates the process logger; `destination` lets tests capture output. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that drops everything; for tests and CLI commands that print their own output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};

/**
 * A logger for command-line tools: one readable `warning: message` line per entry on `out`
 * instead of JSON, still passing through the same redaction as the bot's logs.
 */
export function cliLogger(level: string, out: { write(text: string): unknown } = process.stderr): Logger {
  const stream = {
    write(line: string) {
      try {
        const entry = JSON.parse(line) as { level: number; msg?: string };
        out.write(`${LEVEL_NAMES[entry.level] ?? 'log'}: ${entry.msg ?? ''}\n`);
      } catch {
        out.write(line);
      }
    },
  };
  return createLogger(level, stream);
}
