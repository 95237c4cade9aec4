import { pino, type Logger } from 'pino';
import { redactSecrets } from './conversation/secrets.js';

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

/** Known secret shapes in log text; not the random-string guess, which paths and ids would trip. */
function scrubText(text: string): string {
  return redactSecrets(text, { randomStrings: false }).text;
}

/** Keys whose values are credentials at any depth (`config.slack.botToken`, `env.SLACK_BOT_TOKEN`). */
const SECRET_KEY = /token|passw|secret|authorization|api[-_]?key|credential|cookie|signing/i;
const MAX_SCRUB_DEPTH = 8;

/**
 * A copy of a log value with credentials removed: values under secret-looking keys at any depth,
 * and secrets inside any text (an error message quoting a token, a pasted password), found by the
 * same patterns that clean user messages.
 */
export function scrubLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_SCRUB_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => scrubLogValue(v, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      ...(value.stack ? { stack: scrubText(value.stack) } : {}),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && v !== undefined && v !== null ? '[redacted]' : scrubLogValue(v, depth + 1);
  }
  return out;
}

/** Creates the process logger; `destination` lets tests capture output. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: {
      log: (object) => scrubLogValue(object) as Record<string, unknown>,
      bindings: (bindings) => scrubLogValue(bindings) as Record<string, unknown>,
    },
    hooks: {
      // The message text too: `logger.warn('failed: ' + error.message)` may quote a token.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as typeof args);
      },
    },
  };
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
