import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../src/storage/db.js';
import { AgentClient, withAccounts } from './console-client.js';
import { ChatClient, startWebServer, type WebServer } from './web-server.js';

/**
 * The agent console's access rules over real HTTP: no session, wrong tier, forged CSRF tokens,
 * repeated wrong passwords, and hostile employee text that must arrive inert.
 */
let s: WebServer;
let dbPath: string;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  s = await startWebServer({}, async (file, dir) => {
    dbPath = file;
    void dir;
    await withAccounts([
      { login: 'alice', tier: 2, password: PASSWORD, name: 'Alice' },
      { login: 'carol', tier: 3, password: PASSWORD, name: 'Carol' },
      { login: 'dave', tier: 2, password: PASSWORD },
    ])(file);
  });
});

afterAll(async () => {
  await s?.close();
});

/** An employee on the web chat who asks `text` and then for a person; returns the ticket id. */
async function fileTicket(text: string): Promise<string> {
  const emp = new ChatClient(s.base);
  await emp.signIn('Eve');
  await emp.say(text);
  const events = await emp.press('handoff:request');
  const notice = events.find((e) => /T-[A-Z0-9]+/.test(e.html));
  const id = /T-[A-Z0-9]+/.exec(notice?.html ?? '')?.[0];
  if (!id) throw new Error(`no ticket: ${JSON.stringify(events)}`);
  return id;
}

async function signedIn(login: string): Promise<AgentClient> {
  const c = new AgentClient(s.base);
  const res = await c.login(login, PASSWORD);
  expect(res.status).toBe(200);
  return c;
}

describe('agent console access', () => {
  test('without a session every API answers 401 and the page sets a strict CSP', async () => {
    const anon = new AgentClient(s.base);
    for (const path of [
      '/agent/api/queue',
      '/agent/api/tickets/T-1',
      '/agent/api/events',
      '/agent/api/articles',
      '/agent/api/suggestions',
      '/agent/api/dashboard',
      '/agent/api/dashboard.csv',
    ]) {
      expect((await anon.request(path)).status, path).toBe(401);
    }
    expect((await anon.post('/agent/api/tickets/T-1/claim', { messageId: 'x' })).status).toBe(401);
    expect((await anon.post('/agent/api/suggestions/1/accept')).status).toBe(401);
    const page = await anon.request('/agent');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const chart = await anon.request('/agent/static/chart.umd.js');
    expect(chart.status).toBe(200);
    expect(await chart.text()).toContain('Chart');
    // A made-up cookie is no session either.
    anon.cookie = 'hd_agent=forged';
    expect((await anon.request('/agent/api/queue')).status).toBe(401);
  });

  test('the session cookie is HttpOnly and SameSite, and sign-out ends it on the server', async () => {
    const c = new AgentClient(s.base);
    const res = await c.login('dave', PASSWORD);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const stolen = c.cookie;
    expect((await c.post('/agent/api/logout')).status).toBe(200);
    const replay = new AgentClient(s.base);
    replay.cookie = stolen;
    expect((await replay.request('/agent/api/queue')).status).toBe(401);
  });

  test('a forged, missing or cross-site CSRF token is refused; the right one works', async () => {
    const ticketId = await fileTicket('my monitor shows stripes after the update');
    const alice = await signedIn('alice');
    expect((await alice.act(ticketId, 'claim', {})).status).toBe(200);
    const forged = await alice.post(
      `/agent/api/tickets/${ticketId}/note`,
      { messageId: 'n1', text: 'x' },
      { 'x-csrf-token': 'A'.repeat(alice.csrf.length) },
    );
    expect(forged.status).toBe(403);
    const missing = await alice.post(
      `/agent/api/tickets/${ticketId}/note`,
      { messageId: 'n2', text: 'x' },
      {
        'x-csrf-token': '',
      },
    );
    expect(missing.status).toBe(403);
    const crossSite = await alice.post(
      `/agent/api/tickets/${ticketId}/note`,
      { messageId: 'n3', text: 'x' },
      {
        origin: 'https://evil.example',
      },
    );
    expect(crossSite.status).toBe(403);
    // Another agent's valid token is not this session's.
    const dave = await signedIn('dave');
    const swapped = await alice.post(
      `/agent/api/tickets/${ticketId}/note`,
      { messageId: 'n4', text: 'x' },
      {
        'x-csrf-token': dave.csrf,
      },
    );
    expect(swapped.status).toBe(403);
    const ok = await alice.act(ticketId, 'note', { text: 'checked the cable' });
    expect(ok.status).toBe(200);
    const shown = await alice.json<{ notes: { text: string }[] }>(`/agent/api/tickets/${ticketId}`);
    expect(shown.notes.map((n) => n.text)).toEqual(['checked the cable']);
  });

  test('a Tier 2 agent neither sees nor acts on a Tier 3 ticket', async () => {
    const ticketId = await fileTicket('the database server cluster needs a schema change');
    const carol = await signedIn('carol');
    const alice = await signedIn('alice');
    expect((await carol.act(ticketId, 'claim')).status).toBe(200);
    expect((await carol.act(ticketId, 'escalate', { note: 'needs DBA' })).status).toBe(200);
    const queue = await alice.json<{ queued: { id: string }[] }>('/agent/api/queue');
    expect(queue.queued.map((t) => t.id)).not.toContain(ticketId);
    expect(
      (await carol.json<{ queued: { id: string }[] }>('/agent/api/queue')).queued.map((t) => t.id),
    ).toContain(ticketId);
    expect((await alice.request(`/agent/api/tickets/${ticketId}`)).status).toBe(403);
    expect((await alice.act(ticketId, 'claim')).status).toBe(403);
    expect((await alice.act(ticketId, 'reply', { text: 'hi' })).status).toBe(403);
    expect((await carol.act(ticketId, 'claim')).status).toBe(200);
  });

  test('employee text with <script> and <img onerror> reaches the console inert', async () => {
    const hostile = 'printer <script>alert(1)</script> broken <img src=x onerror=alert(2)>';
    const ticketId = await fileTicket(hostile);
    const alice = await signedIn('alice');
    const shown = await alice.json<{
      transcript: { author: string; html: string }[];
      ticket: { subject: string };
    }>(`/agent/api/tickets/${ticketId}`);
    const html = shown.transcript.map((l) => l.html).join('\n');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img/i);
    // The subject is data the page sets with textContent.
    expect(shown.ticket.subject).toContain('<script>');
  });

  test('repeated wrong passwords lock the account (audited); too many attempts are rate-limited', async () => {
    const c = new AgentClient(s.base);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await c.login('dave', `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    // Locked: even the right password is refused until the lock ends.
    expect((await c.login('dave', PASSWORD)).status).toBe(423);
    // An unknown login looks like a wrong password.
    expect((await c.login('nobody', PASSWORD)).status).toBe(401);
    // Failures from one address are capped whatever the login (20 per 5 minutes).
    let last: Response | undefined;
    for (let i = 0; i < 25 && last?.status !== 429; i += 1) last = await c.login(`guess-${i}`, 'wrong');
    expect(last?.status).toBe(429);
    expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await c.login('alice', PASSWORD)).status).toBe(429);
    const db = openDatabase(dbPath);
    try {
      const rows = db
        .prepare("SELECT actor, outcome FROM audit_log WHERE action = 'agent.sign-in' ORDER BY id")
        .all() as { actor: string; outcome: string }[];
      expect(
        rows.filter((r) => r.actor === 'web:dave' && r.outcome === 'denied').length,
      ).toBeGreaterThanOrEqual(6);
      expect(rows.some((r) => r.actor === 'web:alice' && r.outcome === 'ok')).toBe(true);
    } finally {
      db.close();
    }
  });
});
