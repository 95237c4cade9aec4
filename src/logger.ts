import { pino, type Logger } from 'pino';
import { redactSecrets } from './conversation/secrets.js';

export type { Logger };

/** Key names that hold credentials, in the spellings code and environment use. */
const SECRET_KEYS = [
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'password',
  'passwd',
  'secret',
  'clientSecret',
  'client_secret',
  'apiKey',
  'api_key',
  'authorization',
  'Authorization',
  'cookie',
  'credentials',
  'botToken',
  'signingSecret',
  'appPassword',
  'appToken',
  'sessionSecret',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'WEB_SESSION_SECRET',
];

/**
 * Paths pino blanks out in a log object, at the top or one level down, and the configuration's
 * own (`config.slack.botToken`): tokens, secrets, passwords and authorization headers must never
 * reach a log file, whatever module logged them.
 */
export const REDACT_PATHS = [
  // Not `*.*.key`: pino's intermediate wildcards walk into Buffers and throw.
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  ...[
    'slack.botToken',
    'slack.signingSecret',
    'slack.appToken',
    'teams.appPassword',
    'web.sessionSecret',
  ].map((path) => `config.${path}`),
  '*.headers.authorization',
  '*.headers.Authorization',
  'req.headers.cookie',
];

/** Known secret shapes in log text; not the random-string guess, which paths and ids would trip. */
function scrubText(text: string): string {
  return redactSecrets(text, { randomStrings: false }).text;
}

/** Top-level text fields scrubbed in place; objects are left to pino (dates, buffers, cycles). */
function scrubTopLevelText(object: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (typeof value !== 'string') continue;
    const clean = scrubText(value);
    if (clean !== value) (out ??= { ...object })[key] = clean;
  }
  return out ?? object;
}

/** pino's error serializer, with secrets taken out of the message and the stack. */
function scrubbedError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  return scrubTopLevelText(serialized);
}

/** Creates the process logger; `destination` lets tests capture output. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: scrubbedError },
    formatters: { log: scrubTopLevelText, bindings: scrubTopLevelText },
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
