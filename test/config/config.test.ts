import { describe, expect, it } from 'vitest';
import { SECRET_KEYS, loadConfig } from '../../src/config.js';
import { ErrorCodes, HelpdeskError, isHelpdeskError } from '../../src/errors.js';

/** Runs loadConfig and returns the error it throws; fails the test if it does not throw. */
function configError(env: Record<string, string | undefined>): HelpdeskError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof HelpdeskError) return error;
    throw error;
  }
  throw new Error(`expected loadConfig to reject ${JSON.stringify(env)}`);
}

/** Keys named in the error message, one `  KEY: reason` line each. */
function namedKeys(error: HelpdeskError): string[] {
  return error.message
    .split('\n')
    .slice(1)
    .map((line) => /^ {2}([A-Z0-9_]+): \S/.exec(line)?.[1] ?? `unparsed line: ${line}`);
}

describe('loadConfig defaults', () => {
  it('returns the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      logLevel: 'info',
      dataDir: './data',
      databasePath: 'data/helpdesk.db',
      kb: {
        dir: './knowledge-base',
        watch: true,
        rescanSeconds: 60,
        baseUrl: undefined,
        defaultLang: 'en',
      },
      embeddings: {
        mode: 'auto',
        model: 'Xenova/multilingual-e5-small',
        modelsDir: './models',
        dtype: 'auto',
        fusion: { weight: 0.5, floor: 0.78, ceiling: 0.92 },
      },
      retrieval: { answerThreshold: 0.88, clarifyThreshold: 0.53, answerMargin: 0.1 },
      intentClassifier: true,
      selfCalibration: true,
      handoff: {
        tier2Agents: [],
        tier3Agents: [],
        businessHours: 'mon-fri 09:00-18:00',
        timeZone: 'UTC',
        onCallTarget: undefined,
        slaMinutes: { high: 30, normal: 240, low: 1440 },
        sweepIntervalSeconds: 60,
      },
      conversation: { maxMessageChars: 4000, maxArticlesTried: 3 },
      http: { port: 3978, host: '0.0.0.0', publicUrl: undefined, shutdownGraceSeconds: 20 },
      web: { userHeader: undefined, sessionSecret: undefined },
      slack: {
        botToken: undefined,
        signingSecret: undefined,
        appToken: undefined,
        apiUrl: undefined,
        tier2Channel: undefined,
        tier3Channel: undefined,
      },
      teams: {
        enabled: false,
        appId: undefined,
        appPassword: undefined,
        appType: 'MultiTenant',
        tenantId: undefined,
      },
    });
  });

  it('treats empty and whitespace-only strings as unset', () => {
    const blank = {
      PORT: '',
      EMBEDDINGS: '   ',
      ANSWER_THRESHOLD: '',
      TIMEZONE: ' ',
      SLACK_BOT_TOKEN: '',
      KB_WATCH: '',
      TIER2_AGENTS: '',
      KB_BASE_URL: '',
    };
    expect(loadConfig(blank)).toEqual(loadConfig({}));
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', SOMETHING_ELSE: 'x', port: 'nope' })).toEqual(loadConfig({}));
  });
});

describe('loadConfig values', () => {
  it('parses every kind of value from strings, trimming them', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/var/lib/helpdesk',
      KB_DIR: ' ./kb ',
      KB_WATCH: 'no',
      KB_RESCAN_SECONDS: '0',
      KB_BASE_URL: 'https://wiki.example.com/kb',
      DEFAULT_LANG: 'ru',
      EMBEDDINGS: 'off',
      INTENT_CLASSIFIER: 'false',
      ANSWER_THRESHOLD: '0.7',
      CLARIFY_THRESHOLD: '0',
      ANSWER_MARGIN: '1',
      BUSINESS_HOURS: 'MON-SAT 08:30-17:00',
      TIMEZONE: 'Europe/Moscow',
      ONCALL_TARGET: 'slack:C0ONCALL',
      SLA_HIGH_MINUTES: '15',
      PORT: ' 8080 ',
      MAX_ARTICLES_TRIED: '5',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: 'signing',
      MICROSOFT_APP_PASSWORD: 'pw',
      WEB_USER_HEADER: 'X-Forwarded-User',
      PUBLIC_URL: 'https://help.example.com/',
    });
    expect(config.env).toBe('production');
    expect(config.logLevel).toBe('debug');
    expect(config.databasePath).toBe('/var/lib/helpdesk/helpdesk.db');
    expect(config.kb).toEqual({
      dir: './kb',
      watch: false,
      rescanSeconds: 0,
      baseUrl: 'https://wiki.example.com/kb',
      defaultLang: 'ru',
    });
    expect(config.embeddings.mode).toBe('off');
    expect(config.retrieval).toEqual({ answerThreshold: 0.7, clarifyThreshold: 0, answerMargin: 1 });
    expect(config.intentClassifier).toBe(false);
    expect(config.handoff.businessHours).toBe('mon-sat 08:30-17:00');
    expect(config.handoff.timeZone).toBe('Europe/Moscow');
    expect(config.handoff.onCallTarget).toBe('slack:C0ONCALL');
    expect(config.web.userHeader).toBe('x-forwarded-user');
    expect(config.http.publicUrl).toBe('https://help.example.com');
    expect(config.handoff.slaMinutes).toEqual({ high: 15, normal: 240, low: 1440 });
    expect(config.http.port).toBe(8080);
    expect(config.conversation.maxArticlesTried).toBe(5);
    expect(config.slack.botToken).toBe('xoxb-1-2-3');
    expect(config.teams.appPassword).toBe('pw');
  });

  it('uses DATABASE_PATH when given instead of deriving it from DATA_DIR', () => {
    expect(loadConfig({ DATA_DIR: '/d', DATABASE_PATH: '/db/x.sqlite' }).databasePath).toBe('/db/x.sqlite');
  });

  it('parses comma lists, trimming items and dropping empty ones', () => {
    const config = loadConfig({
      TIER2_AGENTS: ' slack:U1, ,teams:29:1abc,,  web:alice ,',
      TIER3_AGENTS: 'web:alice@example.com',
    });
    expect(config.handoff.tier2Agents).toEqual(['slack:U1', 'teams:29:1abc', 'web:alice']);
    expect(config.handoff.tier3Agents).toEqual(['web:alice@example.com']);
    expect(loadConfig({ TIER2_AGENTS: ' , ,' }).handoff.tier2Agents).toEqual([]);
  });

  it('refuses agent and on-call ids that do not name their channel', () => {
    const message = configError({ TIER2_AGENTS: 'slack:U1,U2', ONCALL_TARGET: '#it-oncall' }).message;
    expect(message).toMatch(/^ {2}TIER2_AGENTS: expected channel-qualified ids .*"U2"/m);
    expect(message).toMatch(/^ {2}ONCALL_TARGET: expected a channel-qualified id/m);
  });

  it('asks for what a channel needs besides what was given', () => {
    expect(configError({ SLACK_BOT_TOKEN: 'xoxb-1' }).message).toMatch(/SLACK_SIGNING_SECRET: is required/);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.appToken).toBe(
      'xapp-1',
    );
    expect(configError({ SLACK_SIGNING_SECRET: 's' }).message).toMatch(/SLACK_BOT_TOKEN: is required/);
    expect(configError({ MICROSOFT_APP_ID: 'id' }).message).toMatch(/MICROSOFT_APP_PASSWORD: is required/);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads KB_WATCH=%s as %s', (value, expected) => {
    expect(loadConfig({ KB_WATCH: value }).kb.watch).toBe(expected);
  });
});

describe('loadConfig errors', () => {
  const BAD = {
    EMBEDDINGS: 'sometimes',
    ANSWER_THRESHOLD: '2',
    TIMEZONE: 'Mars/Base',
    BUSINESS_HOURS: 'always',
    PORT: '70000',
    SLACK_BOT_TOKEN: 'abc',
  };

  it('names every bad key in ONE error with code CONFIG_INVALID', () => {
    const error = configError(BAD);
    expect(isHelpdeskError(error, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message.split('\n')[0]).toBe('Invalid configuration:');
    expect(namedKeys(error).sort()).toEqual(Object.keys(BAD).sort());
    expect((error.details?.keys as string[]).sort()).toEqual(Object.keys(BAD).sort());
  });

  it('says what is wrong with each key', () => {
    const message = configError(BAD).message;
    expect(message).toMatch(/^ {2}EMBEDDINGS: .*auto.*off.*required/m);
    expect(message).toMatch(/^ {2}ANSWER_THRESHOLD: must be between 0 and 1$/m);
    expect(message).toMatch(/^ {2}TIMEZONE: unknown IANA time zone$/m);
    expect(message).toMatch(/^ {2}BUSINESS_HOURS: expected e\.g\. "mon-fri 09:00-18:00"$/m);
    expect(message).toMatch(/^ {2}PORT: .*65535/m);
    expect(message).toMatch(/^ {2}SLACK_BOT_TOKEN: must start with xoxb-$/m);
  });

  it('does not name keys that are fine', () => {
    const error = configError({ ...BAD, LOG_LEVEL: 'warn', TIER2_AGENTS: 'slack:U1', KB_WATCH: 'false' });
    expect(namedKeys(error)).not.toContain('LOG_LEVEL');
    expect(namedKeys(error)).not.toContain('KB_WATCH');
    expect(namedKeys(error)).toHaveLength(Object.keys(BAD).length);
  });

  it.each([
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['KB_WATCH', 'maybe'],
    ['KB_RESCAN_SECONDS', '-1'],
    ['KB_RESCAN_SECONDS', '1.5'],
    ['KB_BASE_URL', 'wiki/kb'],
    ['DEFAULT_LANG', 'de'],
    ['CLARIFY_THRESHOLD', '-0.1'],
    ['ANSWER_MARGIN', 'high'],
    ['BUSINESS_HOURS', 'mon-fri 9:00-18:00'],
    ['BUSINESS_HOURS', 'mon-fri 09:00-25:00'],
    ['SLA_HIGH_MINUTES', '0'],
    ['SLA_NORMAL_MINUTES', '1.5'],
    ['SLA_LOW_MINUTES', 'a day'],
    ['SWEEP_INTERVAL_SECONDS', '1'],
    ['MAX_MESSAGE_CHARS', '100'],
    ['MAX_MESSAGE_CHARS', '50000'],
    ['MAX_ARTICLES_TRIED', '0'],
    ['MAX_ARTICLES_TRIED', '6'],
    ['PORT', '65536'],
    ['PORT', 'http'],
  ])('rejects %s=%s, naming only that key', (key, value) => {
    const error = configError({ [key]: value });
    expect(error.code).toBe(ErrorCodes.CONFIG_INVALID);
    expect(namedKeys(error)).toEqual([key]);
  });

  it('explains range errors instead of claiming a number is not a number', () => {
    expect(configError({ MAX_ARTICLES_TRIED: '0' }).message).toContain(
      'MAX_ARTICLES_TRIED: must be between 1 and 5',
    );
    expect(configError({ MAX_ARTICLES_TRIED: '9' }).message).toContain(
      'MAX_ARTICLES_TRIED: must be between 1 and 5',
    );
    expect(configError({ MAX_MESSAGE_CHARS: '100' }).message).toContain(
      'MAX_MESSAGE_CHARS: must be between 200 and 40000',
    );
    expect(configError({ SLA_HIGH_MINUTES: '-5' }).message).toContain(
      'SLA_HIGH_MINUTES: must be greater than 0',
    );
    expect(configError({ SLA_LOW_MINUTES: 'soon' }).message).toContain('SLA_LOW_MINUTES: expected a number');
  });

  it('refuses values that would break the bot later: huge SLAs and intervals, odd numbers, bad URLs', () => {
    expect(configError({ SLA_NORMAL_MINUTES: '1e15' }).message).toContain(
      'SLA_NORMAL_MINUTES: expected a number',
    );
    expect(configError({ SLA_NORMAL_MINUTES: '999999999' }).message).toContain(
      'SLA_NORMAL_MINUTES: must be at most 43200',
    );
    expect(configError({ SWEEP_INTERVAL_SECONDS: '3000000' }).message).toContain(
      'SWEEP_INTERVAL_SECONDS: must be between 5 and 86400',
    );
    for (const [key, value] of [
      ['PORT', '0x50'],
      ['ANSWER_THRESHOLD', '0x0'],
      ['MAX_MESSAGE_CHARS', '4e3'],
      ['ANSWER_THRESHOLD', 'Infinity'],
    ] as const) {
      expect(configError({ [key]: value }).message).toContain(`${key}: expected a number`);
    }
    expect(configError({ BUSINESS_HOURS: 'mon-fri 09:00-24:59' }).message).toContain('BUSINESS_HOURS:');
    expect(loadConfig({ BUSINESS_HOURS: 'mon-fri 09:00-24:00' }).handoff.businessHours).toBe(
      'mon-fri 09:00-24:00',
    );
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd'])
      expect(configError({ KB_BASE_URL: url }).message).toContain(
        'KB_BASE_URL: expected an absolute http(s) URL',
      );
    expect(loadConfig({ KB_BASE_URL: 'https://kb.example.com/it' }).kb.baseUrl).toBe(
      'https://kb.example.com/it',
    );
    expect(loadConfig({ ANSWER_THRESHOLD: '.5', PORT: '8080' }).retrieval.answerThreshold).toBe(0.5);
  });

  it('takes a calibrated dense fusion, and refuses a cosine band that is empty or upside down', () => {
    expect(
      loadConfig({ DENSE_WEIGHT: '0.35', DENSE_COSINE_FLOOR: '-0.1', DENSE_COSINE_CEILING: '0.6' }).embeddings
        .fusion,
    ).toEqual({ weight: 0.35, floor: -0.1, ceiling: 0.6 });
    expect(namedKeys(configError({ DENSE_COSINE_FLOOR: '0.92' }))).toEqual(['DENSE_COSINE_FLOOR']);
    expect(configError({ DENSE_COSINE_FLOOR: '0.9', DENSE_COSINE_CEILING: '0.8' }).message).toContain(
      'DENSE_COSINE_FLOOR: must be below DENSE_COSINE_CEILING (floor 0.9, ceiling 0.8)',
    );
    expect(configError({ DENSE_COSINE_CEILING: '0.5' }).message).toContain('(floor 0.78, ceiling 0.5)');
    expect(configError({ DENSE_COSINE_CEILING: '1.5' }).message).toContain(
      'DENSE_COSINE_CEILING: must be between -1 and 1',
    );
    expect(configError({ DENSE_WEIGHT: '1.2' }).message).toContain('DENSE_WEIGHT: must be between 0 and 1');
    // A bad bound is reported as such, not also as an empty band.
    expect(namedKeys(configError({ DENSE_COSINE_FLOOR: 'low' }))).toEqual(['DENSE_COSINE_FLOOR']);
    // named together with an unrelated bad key, not only once that key is fixed
    expect(
      namedKeys(
        configError({ LOG_LEVEL: 'verbose', DENSE_COSINE_FLOOR: '0.95', DENSE_COSINE_CEILING: '0.9' }),
      ),
    ).toEqual(['LOG_LEVEL', 'DENSE_COSINE_FLOOR']);
    expect(configError({ DENSE_COSINE_FLOOR: '1.5' }).message.split('\n')).toEqual([
      'Invalid configuration:',
      '  DENSE_COSINE_FLOOR: must be between -1 and 1',
    ]);
    expect(namedKeys(configError({ DENSE_COSINE_CEILING: '-1.5' }))).toEqual(['DENSE_COSINE_CEILING']);
  });

  it('never puts a secret value into the error', () => {
    const secret = 'not-a-slack-token-Qz8v1Lk3';
    const error = configError({ SLACK_BOT_TOKEN: secret, PORT: 'x', SLACK_SIGNING_SECRET: 'sig-Wq9' });
    expect(namedKeys(error).sort()).toEqual(['PORT', 'SLACK_BOT_TOKEN']);
    const everything = `${error.message}\n${error.stack ?? ''}\n${JSON.stringify(error.details)}\n${String(error.cause)}`;
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('Qz8v1Lk3');
    expect(everything).not.toContain('sig-Wq9');
  });

  it('lists the secret keys that must never be printed', () => {
    expect(SECRET_KEYS).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'MICROSOFT_APP_PASSWORD']),
    );
  });
});
