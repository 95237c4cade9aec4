import { describe, expect, it } from 'vitest';
import { cliLogger, createLogger, silentLogger } from '../../src/logger.js';

const SECRET = 'S3cr3t-value-9f8e7d';

/** A logger writing into an array of parsed JSON lines, plus the raw text. */
function capture(level = 'info') {
  const chunks: string[] = [];
  const logger = createLogger(level, { write: (chunk: string) => void chunks.push(chunk) });
  return {
    logger,
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger redaction at any depth and inside text', () => {
  it('hides credentials nested deep, under other key names, in error messages and in the message', () => {
    const { logger, raw } = capture();
    logger.info(
      { config: { slack: { botToken: `xoxb-${SECRET}` }, teams: { appPassword: SECRET } } },
      'config',
    );
    logger.info({ env: { SLACK_BOT_TOKEN: `xoxb-${SECRET}` } }, 'env');
    logger.info({ access_token: SECRET, apiKey: SECRET, client_secret: SECRET }, 'names');
    logger.info({ user: { credentials: { password: SECRET } } }, 'deep');
    logger.error({ err: new Error(`call failed with token xoxb-${SECRET}`) }, 'error');
    logger.warn(`upstream said: Authorization: Bearer ${SECRET}`);
    logger.child({ session: { token: SECRET } }).info('child');
    expect(raw()).not.toContain(SECRET);
    expect(raw()).toContain('call failed with token [redacted]');
  });

  it('keeps paths, model names and ids, which look random but are what an operator needs', () => {
    const { logger, raw } = capture();
    const path = '/tmp/helpdesk-create-embedder-PNft7J/no-models/Xenova/multilingual-e5-small';
    logger.warn({ file: path, ticketId: 'T-9f8e7d6c5b4a3921' }, `model not found in ${path}`);
    expect(raw()).not.toContain('[redacted]');
  });
});

describe('createLogger redaction', () => {
  it.each([
    ['token', { token: SECRET }, ['token']],
    ['password', { password: SECRET }, ['password']],
    ['secret', { secret: SECRET }, ['secret']],
    ['authorization', { authorization: `Bearer ${SECRET}` }, ['authorization']],
    ['Authorization', { Authorization: `Bearer ${SECRET}` }, ['Authorization']],
    ['botToken', { botToken: SECRET }, ['botToken']],
    ['slack.botToken', { slack: { botToken: SECRET } }, ['slack', 'botToken']],
    ['slack.signingSecret', { slack: { signingSecret: SECRET } }, ['slack', 'signingSecret']],
    ['teams.appPassword', { teams: { appPassword: SECRET } }, ['teams', 'appPassword']],
    ['user.password', { user: { password: SECRET } }, ['user', 'password']],
    ['api.token', { api: { token: SECRET } }, ['api', 'token']],
    ['oauth.secret', { oauth: { secret: SECRET } }, ['oauth', 'secret']],
    [
      'headers.authorization',
      { headers: { authorization: `Bearer ${SECRET}` } },
      ['headers', 'authorization'],
    ],
    [
      'headers.Authorization',
      { headers: { Authorization: `Bearer ${SECRET}` } },
      ['headers', 'Authorization'],
    ],
    [
      'req.headers.authorization',
      { req: { headers: { authorization: `Basic ${SECRET}` } } },
      ['req', 'headers', 'authorization'],
    ],
    [
      'response.headers.Authorization',
      { response: { headers: { Authorization: SECRET } } },
      ['response', 'headers', 'Authorization'],
    ],
    [
      'req.headers.cookie',
      { req: { headers: { cookie: `session=${SECRET}` } } },
      ['req', 'headers', 'cookie'],
    ],
  ])('replaces %s with "[redacted]"', (_name, object, redactedPath) => {
    const log = capture();
    log.logger.info(object, 'something happened');
    expect(log.raw()).not.toContain(SECRET);
    expect(log.raw()).not.toContain('9f8e7d');
    const [line] = log.lines();
    let value: unknown = line;
    for (const key of redactedPath) value = (value as Record<string, unknown>)[key];
    expect(value).toBe('[redacted]');
    expect(line?.msg).toBe('something happened');
  });

  it('keeps the other fields of a redacted object', () => {
    const log = capture();
    log.logger.info({
      slack: { botToken: SECRET, team: 'T1' },
      headers: { authorization: SECRET, 'x-id': '7' },
    });
    const [line] = log.lines();
    expect(line?.slack).toEqual({ botToken: '[redacted]', team: 'T1' });
    expect(line?.headers).toEqual({ authorization: '[redacted]', 'x-id': '7' });
    expect(log.raw()).not.toContain(SECRET);
  });

  it('redacts fields bound into a child logger', () => {
    const log = capture();
    log.logger.child({ token: SECRET, conversation: 'c1' }).warn('child line');
    const [line] = log.lines();
    expect(line).toMatchObject({ token: '[redacted]', conversation: 'c1', msg: 'child line' });
    expect(log.raw()).not.toContain(SECRET);
  });

  it('leaves ordinary fields and messages alone', () => {
    const log = capture();
    log.logger.info({ user: 'U123', articleId: 'vpn-en', count: 3 }, 'answered');
    expect(log.lines()[0]).toMatchObject({ user: 'U123', articleId: 'vpn-en', count: 3, msg: 'answered' });
  });

  it('respects the level', () => {
    const log = capture('warn');
    log.logger.info('hidden');
    log.logger.debug('hidden too');
    log.logger.error('shown');
    expect(log.lines().map((l) => l.msg)).toEqual(['shown']);
  });

  it('writes nothing with the silent logger', () => {
    const logger = silentLogger();
    expect(logger.isLevelEnabled('fatal')).toBe(false);
  });
});

describe('cliLogger', () => {
  it('prints one readable line per entry, with secrets redacted', () => {
    const lines: string[] = [];
    const logger = cliLogger('info', { write: (text: string) => lines.push(text) });
    logger.warn({ token: 'xoxb-secret-value' }, 'model not found');
    logger.debug('not shown at info');
    expect(lines).toEqual(['warning: model not found\n']);
    expect(lines.join('')).not.toContain('xoxb-secret-value');
  });
});
