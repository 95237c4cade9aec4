import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AgentClient } from './console-client.js';
import { startWebServer, type WebServer } from './web-server.js';

/** Behind a single sign-on proxy the console trusts only the proxy's header, as `web:<id>`. */
let s: WebServer;

beforeAll(async () => {
  s = await startWebServer({ WEB_USER_HEADER: 'x-remote-user', TIER2_AGENTS: 'test:U-ANNA,web:bob' });
});

afterAll(async () => {
  await s?.close();
});

describe('agent console behind single sign-on', () => {
  test('the header names the agent; the password form is off; CSRF still applies', async () => {
    const bob = new AgentClient(s.base);
    const headers = { 'x-remote-user': 'bob' };
    const me = await bob.request('/agent/api/me', { headers });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { agent: { id: string; role: string }; csrf: string; signIn: string };
    expect(body).toMatchObject({ agent: { id: 'web:bob', role: 'tier2' }, signIn: 'proxy' });
    expect((await bob.request('/agent/api/queue', { headers })).status).toBe(200);
    // Someone the proxy names who is no agent, and no header at all: not signed in.
    expect((await bob.request('/agent/api/queue', { headers: { 'x-remote-user': 'eve' } })).status).toBe(401);
    expect((await bob.request('/agent/api/queue')).status).toBe(401);
    expect((await bob.post('/agent/api/login', { login: 'bob', password: 'x' })).status).toBe(403);
    const noToken = await bob.post(
      '/agent/api/tickets/T-X/claim',
      { messageId: 'a' },
      { ...headers, 'x-csrf-token': '' },
    );
    expect(noToken.status).toBe(403);
    const withToken = await bob.post(
      '/agent/api/tickets/T-X/claim',
      { messageId: 'a' },
      {
        ...headers,
        'x-csrf-token': body.csrf,
      },
    );
    expect(withToken.status).toBe(404);
  });
});
