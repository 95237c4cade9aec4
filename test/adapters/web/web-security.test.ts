import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_COOKIE, SessionCodec } from '../../../adapters/web/session.js';
import { ChatClient, startWebServer, type WebServer } from './web-server.js';

/** Identity, isolation and hostile requests against the real server. */

describe('web chat with session cookies', () => {
  let s: WebServer;
  beforeAll(async () => {
    s = await startWebServer();
  });
  afterAll(async () => {
    await s.close();
  });

  test('the cookie is HttpOnly, SameSite and signed; Secure behind HTTPS', async () => {
    const res = await new ChatClient(s.base).post('/api/chat/session', { name: 'Anna' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hd_session=[\w-]+\.[\w-]+; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=2592000');
    expect(cookie).not.toContain('Secure');
    const https = await new ChatClient(s.base).post(
      '/api/chat/session',
      { name: 'Anna' },
      { 'x-forwarded-proto': 'https' },
    );
    expect(https.headers.get('set-cookie')).toContain('; Secure');
  });

  test('one employee never reads another one’s conversation', async () => {
    const alice = new ChatClient(s.base);
    const bob = new ChatClient(s.base);
    await alice.signIn('Alice');
    await bob.signIn('Bob');
    const bobStream = await bob.stream();
    const said = await alice.say('my password is Hunter2-secret!! and vpn does not connect');
    expect(said.length).toBeGreaterThan(0);
    // Alice's own echo never keeps the password either.
    expect(said[0]?.html).not.toContain('Hunter2');
    expect(await bob.history()).toEqual([]);
    // Bob replaying "everything after 0" gets nothing of Alice's either.
    const replay = await bob.stream({ 'last-event-id': '0' });
    await new Promise((r) => setTimeout(r, 200));
    expect(replay.events).toEqual([]);
    expect(bobStream.events).toEqual([]);
    // Bob sending Alice's message id gets a turn of his own, never a replay of hers.
    await alice.post('/api/chat/messages', { messageId: 'shared-id-1', text: 'printer does not print' });
    const bobs = (await (
      await bob.post('/api/chat/messages', { messageId: 'shared-id-1', text: 'hello' })
    ).json()) as {
      events: { html: string }[];
    };
    expect(bobs.events[0]?.html).toBe('hello');
    expect(bobs.events.some((e) => e.html.includes('printer'))).toBe(false);
    replay.close();
    bobStream.close();
  });

  test('a forged, altered or foreign-key cookie is refused (401)', async () => {
    const alice = new ChatClient(s.base);
    const user = await alice.signIn('Alice');
    const value = (alice.cookie ?? '').slice(`${SESSION_COOKIE}=`.length);
    const [payload, mac] = value.split('.') as [string, string];
    const other = Buffer.from(
      JSON.stringify({ u: 'someone-else', n: 'X', iat: Math.floor(Date.now() / 1000) }),
    ).toString('base64url');
    const foreign = new SessionCodec(Buffer.alloc(32, 7)).sign({ id: user.id, name: 'Alice' });
    for (const forged of [
      `${other}.${mac}`,
      `${payload}.${mac.slice(0, -2)}AA`,
      `${payload}.`,
      payload,
      foreign,
      'garbage',
      '',
    ]) {
      const res = await fetch(`${s.base}/api/chat/history`, {
        headers: { cookie: `${SESSION_COOKIE}=${forged}` },
      });
      expect(res.status, forged).toBe(401);
      const post = await fetch(`${s.base}/api/chat/messages`, {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${forged}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messageId: 'abcdefgh1', text: 'hi' }),
      });
      expect(post.status, forged).toBe(401);
    }
    expect((await fetch(`${s.base}/api/chat/events`)).status).toBe(401);
  });

  test('cross-site and non-JSON writes are refused (403)', async () => {
    const c = new ChatClient(s.base);
    await c.signIn('Carol');
    const body = JSON.stringify({ messageId: 'abcdefgh2', text: 'hi' });
    const evil = await c.request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    expect(evil.status).toBe(403);
    const form = await c.request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(form.status).toBe(403);
    const session = await c.request('/api/chat/session', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'name=Mallory',
    });
    expect(session.status).toBe(403);
    expect(await c.history()).toEqual([]);
  });

  test('bad bodies get 400 and huge ones 413, never a crash', async () => {
    const c = new ChatClient(s.base);
    await c.signIn('Dan');
    const cases: [unknown, number][] = [
      ['{not json', 400],
      ['null', 400],
      ['[]', 400],
      ['"text"', 400],
      [{}, 400],
      [{ messageId: '', text: 'hi' }, 400],
      [{ messageId: 'x'.repeat(101), text: 'hi' }, 400],
      [{ messageId: 'abcdefgh/../', text: 'hi' }, 400],
      [{ messageId: 'abcdefgh3' }, 400],
      [{ messageId: 'abcdefgh4', text: 42 }, 400],
      [{ messageId: 'abcdefgh5', text: 'hi', locale: '<script>' }, 400],
      [{ messageId: 'abcdefgh6', action: { id: 1 } }, 400],
      ['x'.repeat(2 * 1024 * 1024), 413],
    ];
    for (const [body, status] of cases) {
      const res = await c.post('/api/chat/messages', body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
    for (const name of ['', '   ', 'x'.repeat(81), 42, null, '\u0000\u200b']) {
      expect((await c.post('/api/chat/session', { name })).status, String(name)).toBe(400);
    }
    expect((await c.request('/api/chat/history?after=-1')).status).toBe(400);
    expect((await c.request('/api/chat/history?after=abc')).status).toBe(400);
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });

  test('hostile text comes back escaped; an unknown button is just a stale one', async () => {
    const c = new ChatClient(s.base);
    await c.signIn('<img src=x onerror=alert(1)>');
    const me = (await (await c.request('/api/chat/me')).json()) as { user: { name: string } };
    expect(me.user.name).toBe('<img src=x onerror=alert(1)>');
    const events = await c.say(
      '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    );
    for (const e of events) {
      expect(e.html).not.toMatch(/<script|<img|href="javascript/i);
    }
    expect(events[0]?.html).toContain('&lt;script&gt;');
    const stale = await c.press('rating:9');
    expect(stale.every((e) => e.from === 'bot')).toBe(true);
  });

  test('static files are a fixed list: no traversal', async () => {
    for (const bad of [
      '/static/../package.json',
      '/static/%2e%2e/%2e%2e/package.json',
      '/static/..%2Fweb-adapter.ts',
      '/static/index.html',
      '/static/',
      '/static/constructor',
    ]) {
      const res = await fetch(`${s.base}${bad}`);
      expect(res.status, bad).toBe(404);
    }
  });
});

describe('web chat behind a single sign-on proxy', () => {
  let s: WebServer;
  beforeAll(async () => {
    s = await startWebServer({ WEB_USER_HEADER: 'X-Forwarded-User' });
  });
  afterAll(async () => {
    await s.close();
  });

  test('the header names the user; cookies and the name form count for nothing', async () => {
    const ivan = new ChatClient(s.base, { 'x-forwarded-user': '  ivan.petrov@corp.example ' });
    const me = (await (await ivan.request('/api/chat/me')).json()) as { user: { id: string } };
    expect(me.user).toEqual({ id: 'ivan.petrov@corp.example', name: 'ivan.petrov@corp.example' });
    expect((await ivan.post('/api/chat/session', { name: 'Somebody' })).status).toBe(403);
    const said = await ivan.say('не подключается VPN');
    expect(said.some((e) => e.kind === 'article')).toBe(true);

    // Without the header: 401, whatever cookie is sent (a session from elsewhere is not trusted).
    const anon = new ChatClient(s.base);
    const me401 = await anon.request('/api/chat/me');
    expect(me401.status).toBe(401);
    expect(((await me401.json()) as { signIn: string }).signIn).toBe('proxy');
    const forged = new SessionCodec(Buffer.alloc(32, 1)).sign({ id: 'ivan.petrov@corp.example', name: 'x' });
    anon.cookie = `${SESSION_COOKIE}=${forged}`;
    expect((await anon.request('/api/chat/history')).status).toBe(401);

    const maria = new ChatClient(s.base, { 'x-forwarded-user': 'maria' });
    expect(await maria.history()).toEqual([]);
    const tooLong = new ChatClient(s.base, { 'x-forwarded-user': 'x'.repeat(201) });
    expect((await tooLong.request('/api/chat/history')).status).toBe(401);
    expect(s.web.describe(s.base)[0]).toContain('x-forwarded-user');
  });
});
