import path from 'node:path';
import { z } from 'zod';
import { parseAddress } from './channels/address.js';
import { ErrorCodes, HelpdeskError } from './errors.js';
import { DEFAULT_DENSE_FUSION, type DenseFusion } from './retrieval/fusion.js';

/**
 * The only place that reads the environment. Everything else receives the typed `Config`, so a
 * bad value fails start-up once, with a message naming each key, instead of surfacing later.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);

/** A comma-separated list of channel-qualified ids (`slack:U0123,web:alice`). */
const addressList = csv.superRefine((ids, ctx) => {
  const bad = ids.filter((id) => parseAddress(id) === undefined);
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected channel-qualified ids such as slack:U0123, teams:<id> or web:alice (not ${bad
        .map((b) => JSON.stringify(b.slice(0, 40)))
        .join(', ')})`,
    });
  }
});

/** An HTTP header name, as a proxy sets it (`X-Forwarded-User`). */
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'expected an HTTP header name such as X-Forwarded-User')
  .transform((v) => v.toLowerCase());

/**
 * A number written the plain decimal way. `Number()` alone would also take "0x50", "4e3" or
 * "Infinity", which nobody means in a settings file.
 */
const decimal = (message: string) =>
  z
    .string()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, message)
    .transform(Number);

const fraction = decimal('expected a number').pipe(
  z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
);

/** A cosine similarity bound, -1..1 (sentence-embedding models mostly use 0.6..1). */
const cosine = decimal('expected a number').pipe(
  z.number().min(-1, 'must be between -1 and 1').max(1, 'must be between -1 and 1'),
);

/** Longest SLA: a month. Far larger values overflow the date arithmetic of the SLA clock. */
const MAX_SLA_MINUTES = 30 * 24 * 60;

// Checks carry their own messages: the schema-level one would otherwise be reported for them too,
// telling `MAX_ARTICLES_TRIED=9` it is "not a number".
const minutes = decimal('expected a number of minutes').pipe(
  z
    .number()
    .int('must be a whole number')
    .positive('must be greater than 0')
    .max(MAX_SLA_MINUTES, `must be at most ${MAX_SLA_MINUTES} (30 days)`),
);

/** A whole number between `min` and `max`, with one message for a value out of range. */
const wholeNumber = (what: string, min: number, max: number) =>
  decimal(`expected a number${what}`).pipe(
    z
      .number()
      .int('must be a whole number')
      .min(min, `must be between ${min} and ${max}`)
      .max(max, `must be between ${min} and ${max}`),
  );

const HOURS_PATTERN =
  /^(mon|tue|wed|thu|fri|sat|sun)-(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/i;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_PATH: z.string().min(1).optional(),
  KB_DIR: z.string().min(1).default('./knowledge-base'),
  KB_WATCH: bool.default(true),
  KB_RESCAN_SECONDS: wholeNumber(' of seconds', 0, 86_400).default(60),
  KB_BASE_URL: z.url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' }).optional(),
  DEFAULT_LANG: z.enum(['en', 'ru']).default('en'),

  EMBEDDINGS: z.enum(['auto', 'off', 'required']).default('auto'),
  EMBEDDING_MODEL: z.string().min(1).default('Xenova/multilingual-e5-small'),
  MODELS_DIR: z.string().min(1).default('./models'),
  EMBEDDING_DTYPE: z
    .enum(['auto', 'fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16'])
    .default('auto'),
  DENSE_WEIGHT: fraction.default(DEFAULT_DENSE_FUSION.weight),
  DENSE_COSINE_FLOOR: cosine.default(DEFAULT_DENSE_FUSION.floor),
  DENSE_COSINE_CEILING: cosine.default(DEFAULT_DENSE_FUSION.ceiling),

  INTENT_CLASSIFIER: bool.default(true),
  SELF_CALIBRATION: bool.default(true),
  ANSWER_THRESHOLD: fraction.default(0.88),
  CLARIFY_THRESHOLD: fraction.default(0.53),
  ANSWER_MARGIN: fraction.default(0.1),

  TIER2_AGENTS: addressList.default([]),
  TIER3_AGENTS: addressList.default([]),
  BUSINESS_HOURS: z
    .string()
    .regex(HOURS_PATTERN, 'expected e.g. "mon-fri 09:00-18:00"')
    .default('mon-fri 09:00-18:00'),
  TIMEZONE: z.string().refine(isTimeZone, 'unknown IANA time zone').default('UTC'),
  ONCALL_TARGET: z
    .string()
    .refine((v) => parseAddress(v) !== undefined, 'expected a channel-qualified id such as slack:C0123')
    .optional(),
  SLA_HIGH_MINUTES: minutes.default(30),
  SLA_NORMAL_MINUTES: minutes.default(240),
  SLA_LOW_MINUTES: minutes.default(1440),
  SWEEP_INTERVAL_SECONDS: wholeNumber(' of seconds', 5, 86_400).default(60),
  MAX_MESSAGE_CHARS: wholeNumber('', 200, 40_000).default(4000),
  MAX_ARTICLES_TRIED: wholeNumber('', 1, 5).default(3),

  PORT: wholeNumber('', 0, 65_535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' }).optional(),
  SHUTDOWN_GRACE_SECONDS: wholeNumber(' of seconds', 1, 600).default(20),
  WEB_USER_HEADER: headerName.optional(),
  WEB_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),

  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must start with xapp-').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' }).optional(),
  SLACK_TIER2_CHANNEL: z
    .string()
    .regex(/^[A-Z0-9]{2,32}$/, 'expected a Slack channel id such as C0123ABC')
    .optional(),
  SLACK_TIER3_CHANNEL: z
    .string()
    .regex(/^[A-Z0-9]{2,32}$/, 'expected a Slack channel id such as C0123ABC')
    .optional(),

  TEAMS_ENABLED: bool.default(false),
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
});

/** Checks across keys, reported like the others under the key to fix. */
/**
 * Checks between settings, on the raw values apart from the schema: zod skips refinements of an
 * object once any key fails, and the error must name every bad key at once. Judged only from
 * bounds that are valid on their own (an invalid one is reported by the schema).
 */
function crossCheckIssues(cleaned: Record<string, string>): { key: string; message: string }[] {
  const issues: { key: string; message: string }[] = [];
  const slackToken = envSchema.shape.SLACK_BOT_TOKEN.safeParse(cleaned.SLACK_BOT_TOKEN).data;
  if (slackToken && !cleaned.SLACK_SIGNING_SECRET && !cleaned.SLACK_APP_TOKEN) {
    issues.push({
      key: 'SLACK_SIGNING_SECRET',
      message: 'is required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    });
  }
  if ((cleaned.SLACK_SIGNING_SECRET || cleaned.SLACK_APP_TOKEN) && !cleaned.SLACK_BOT_TOKEN) {
    issues.push({ key: 'SLACK_BOT_TOKEN', message: 'is required when Slack is configured' });
  }
  if (
    cleaned.MICROSOFT_APP_ID &&
    !cleaned.MICROSOFT_APP_PASSWORD &&
    cleaned.MICROSOFT_APP_TYPE !== 'UserAssignedMSI'
  ) {
    issues.push({ key: 'MICROSOFT_APP_PASSWORD', message: 'is required with MICROSOFT_APP_ID' });
  }
  return [...issues, ...denseBandIssues(cleaned)];
}

function denseBandIssues(cleaned: Record<string, string>): { key: string; message: string }[] {
  const floor = envSchema.shape.DENSE_COSINE_FLOOR.safeParse(cleaned.DENSE_COSINE_FLOOR);
  const ceiling = envSchema.shape.DENSE_COSINE_CEILING.safeParse(cleaned.DENSE_COSINE_CEILING);
  if (!floor.success || !ceiling.success || floor.data < ceiling.data) return [];
  return [
    {
      key: 'DENSE_COSINE_FLOOR',
      message: `must be below DENSE_COSINE_CEILING (floor ${floor.data}, ceiling ${ceiling.data})`,
    },
  ];
}

export type Lang = 'en' | 'ru';

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dataDir: string;
  databasePath: string;
  kb: {
    dir: string;
    watch: boolean;
    /** Full re-read of the folder at this interval, for saves the file-system events miss (0: off). */
    rescanSeconds: number;
    baseUrl: string | undefined;
    defaultLang: Lang;
  };
  embeddings: {
    mode: 'auto' | 'off' | 'required';
    model: string;
    modelsDir: string;
    /** Which ONNX weights file to load; `auto` takes model.onnx, else model_quantized.onnx. */
    dtype: z.infer<typeof envSchema>['EMBEDDING_DTYPE'];
    /** How the cosine joins keyword evidence; the band is the model's own (`npm run calibrate:builtin`). */
    fusion: DenseFusion;
  };
  retrieval: { answerThreshold: number; clarifyThreshold: number; answerMargin: number };
  /** Train the intent classifier on the knowledge base (skipped anyway beyond its work budget). */
  intentClassifier: boolean;
  /**
   * Fit the decline side of the decision to the knowledge base served, from its own articles
   * (see `selfCalibrate`); keyword-only retrieval.
   */
  selfCalibration: boolean;
  handoff: {
    tier2Agents: string[];
    tier3Agents: string[];
    businessHours: string;
    timeZone: string;
    onCallTarget: string | undefined;
    slaMinutes: { high: number; normal: number; low: number };
    /** How often production calls the SLA sweep / outbox retry. */
    sweepIntervalSeconds: number;
  };
  conversation: {
    /** User text beyond this many characters is cut off before storage and retrieval. */
    maxMessageChars: number;
    /** Articles the bot proposes for one question before it offers a person instead. */
    maxArticlesTried: number;
  };
  http: {
    port: number;
    host: string;
    /** The address people reach the server at (links in messages); `http://localhost:PORT` when unset. */
    publicUrl: string | undefined;
    /** How long SIGTERM waits for running turns and deliveries before closing anyway. */
    shutdownGraceSeconds: number;
  };
  web: {
    /** Header a single sign-on proxy sets with the user's login; then nothing else is trusted. */
    userHeader: string | undefined;
    /** Key that signs session cookies; generated and kept in the database when unset. */
    sessionSecret: string | undefined;
  };
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    tier2Channel: string | undefined;
    tier3Channel: string | undefined;
  };
  teams: {
    enabled: boolean;
    appId: string | undefined;
    appPassword: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string | undefined;
  };
}

/** Every environment key the bot reads (all documented in .env.example). */
export const CONFIG_KEYS: readonly string[] = Object.keys(envSchema.shape);

/** Key names whose values must never be printed, even in validation errors. */
export const SECRET_KEYS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'WEB_SESSION_SECRET',
];

/**
 * Validates `env` (normally `process.env`) and returns the typed configuration.
 * Empty strings count as unset, the way `.env` files are usually written.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const parsed = envSchema.safeParse(cleaned);
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ key: i.path.join('.') || '(root)', message: i.message }))),
    ...crossCheckIssues(cleaned),
  ];
  if (!parsed.success || issues.length > 0) {
    const lines = issues.map(({ key, message }) => `  ${key}: ${message}`);
    throw new HelpdeskError(ErrorCodes.CONFIG_INVALID, `Invalid configuration:\n${lines.join('\n')}`, {
      details: { keys: issues.map((i) => i.key) },
    });
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    databasePath: e.DATABASE_PATH ?? path.join(e.DATA_DIR, 'helpdesk.db'),
    kb: {
      dir: e.KB_DIR,
      watch: e.KB_WATCH,
      rescanSeconds: e.KB_RESCAN_SECONDS,
      baseUrl: e.KB_BASE_URL,
      defaultLang: e.DEFAULT_LANG,
    },
    embeddings: {
      mode: e.EMBEDDINGS,
      model: e.EMBEDDING_MODEL,
      modelsDir: e.MODELS_DIR,
      dtype: e.EMBEDDING_DTYPE,
      fusion: { weight: e.DENSE_WEIGHT, floor: e.DENSE_COSINE_FLOOR, ceiling: e.DENSE_COSINE_CEILING },
    },
    retrieval: {
      answerThreshold: e.ANSWER_THRESHOLD,
      clarifyThreshold: e.CLARIFY_THRESHOLD,
      answerMargin: e.ANSWER_MARGIN,
    },
    intentClassifier: e.INTENT_CLASSIFIER,
    selfCalibration: e.SELF_CALIBRATION,
    handoff: {
      tier2Agents: e.TIER2_AGENTS,
      tier3Agents: e.TIER3_AGENTS,
      businessHours: e.BUSINESS_HOURS.toLowerCase(),
      timeZone: e.TIMEZONE,
      onCallTarget: e.ONCALL_TARGET,
      slaMinutes: { high: e.SLA_HIGH_MINUTES, normal: e.SLA_NORMAL_MINUTES, low: e.SLA_LOW_MINUTES },
      sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
    },
    conversation: { maxMessageChars: e.MAX_MESSAGE_CHARS, maxArticlesTried: e.MAX_ARTICLES_TRIED },
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
      shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    },
    web: { userHeader: e.WEB_USER_HEADER, sessionSecret: e.WEB_SESSION_SECRET },
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      tier2Channel: e.SLACK_TIER2_CHANNEL,
      tier3Channel: e.SLACK_TIER3_CHANNEL,
    },
    teams: {
      enabled: e.TEAMS_ENABLED,
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
    },
  };
}
