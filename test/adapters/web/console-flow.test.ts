import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { KB_SMALL } from '../../support/helpdesk-harness.js';
import { AgentClient, withAccounts } from './console-client.js';
import { ChatClient, startWebServer, type SseReader, type WebServer } from './web-server.js';

/**
 * The agent console end to end over HTTP: a ticket arrives live, is claimed and answered (the
 * employee sees it live in the web chat), resolved with the article that solved it; the phrasing
 * is accepted into the article file and the bot then answers the same question itself.
 */
let s: WebServer;
let kbDir: string;
const PASSWORD = 'correct horse battery';
const QUESTION = 'the office wiki will not open from my flat';

beforeAll(async () => {
  s = await startWebServer({ KB_WATCH: 'true', KB_RESCAN_SECONDS: '1' }, async (file, dir) => {
    kbDir = path.join(dir, 'kb');
    cpSync(KB_SMALL, kbDir, { recursive: true });
    await withAccounts([{ login: 'alice', tier: 2, password: PASSWORD, name: 'Alice' }])(file);
    return { KB_DIR: kbDir };
  });
});

afterAll(async () => {
  await s?.close();
});

function frames(reader: SseReader, event: string): Record<string, unknown>[] {
  return reader.frames
    .filter((f) => f.event === event)
    .map((f) => JSON.parse(f.data) as Record<string, unknown>);
}

describe('agent console flow', () => {
  test('live ticket, claim, reply, resolve with an article, accept the phrasing, the bot answers it', async () => {
    const alice = new AgentClient(s.base);
    expect((await alice.login('alice', PASSWORD)).status).toBe(200);
    const live = await alice.stream();
    await vi.waitFor(() => expect(frames(live, 'ready')).toHaveLength(1));
    const before = await alice.json<{ tickets: { resolved: number }; csat: { count: number } }>(
      '/agent/api/dashboard',
    );

    const emp = new ChatClient(s.base);
    await emp.signIn('Eve');
    const empStream = await emp.stream();
    const first = await emp.say(QUESTION, { locale: 'en-GB' });
    expect(first.some((e) => e.kind === 'article')).toBe(false);
    const queued = await emp.press('handoff:request');
    const ticketId = /T-[A-Z0-9]+/.exec(queued.map((e) => e.html).join(' '))?.[0] as string;
    expect(ticketId).toBeTruthy();

    // The new ticket arrives on the console's live stream, with channel and language.
    await vi.waitFor(
      () => {
        const created = frames(live, 'queue').find((f) => f.type === 'ticket-created');
        expect(created?.ticket).toMatchObject({ id: ticketId, channel: 'web', lang: 'en', tier: 2 });
      },
      { timeout: 10_000 },
    );
    const queue = await alice.json<{ queued: { id: string; slaDueAt: string }[] }>('/agent/api/queue');
    expect(queue.queued.map((t) => t.id)).toContain(ticketId);

    expect((await alice.act(ticketId, 'claim')).status).toBe(200);
    expect(
      (await alice.act(ticketId, 'reply', { text: 'Please connect to the **VPN** first.' })).status,
    ).toBe(200);
    const reply = await empStream.waitFor((e) => e.kind === 'agent-message');
    expect(reply).toMatchObject({ author: 'Alice' });
    expect(reply.html).toContain('<strong>VPN</strong>');
    const mine = await alice.json<{ mine: { id: string }[] }>('/agent/api/queue');
    expect(mine.mine.map((t) => t.id)).toEqual([ticketId]);

    // The employee's answer is relayed to the agent's console live.
    await emp.say('that worked, thanks');
    await vi.waitFor(() => expect(frames(live, 'agent').some((f) => f.type === 'user-message')).toBe(true), {
      timeout: 10_000,
    });

    // An unknown article is refused; the right one resolves and asks the employee for a rating.
    expect((await alice.act(ticketId, 'resolve', { articleId: 'no-such-article' })).status).toBe(400);
    expect((await alice.act(ticketId, 'resolve', { articleId: 'vpn-connect-en' })).status).toBe(200);
    await empStream.waitFor((e) => (e.choices ?? []).some((c) => c.id === 'rating:5'));
    await emp.press('rating:5');
    const after = await alice.json<{
      tickets: { resolved: number };
      csat: { count: number; average: number };
    }>('/agent/api/dashboard');
    expect(after.tickets.resolved).toBe(before.tickets.resolved + 1);
    expect(after.csat.count).toBe(before.csat.count + 1);

    // The employee's wording is now a suggested phrasing of the article.
    const list = await alice.json<{ pending: { id: number; text: string; articleId: string }[] }>(
      '/agent/api/suggestions',
    );
    const suggestion = list.pending.find((p) => p.text === QUESTION);
    expect(suggestion).toMatchObject({ articleId: 'vpn-connect-en' });
    const accepted = await alice.post(`/agent/api/suggestions/${suggestion?.id}/accept`);
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect((await alice.post(`/agent/api/suggestions/${suggestion?.id}/accept`)).status).toBe(409);
    const file = readFileSync(path.join(kbDir, 'network/vpn-connect-en.md'), 'utf8');
    expect(file).toContain(`  - ${QUESTION}\n`);

    // Picked up live by the KB watcher: the same question is now answered by the bot.
    await vi.waitFor(
      async () => {
        const again = new ChatClient(s.base);
        await again.signIn('Fred');
        const answer = await again.say(QUESTION, { locale: 'en-GB' });
        expect(answer.find((e) => e.kind === 'article')?.articleUrl).toBe('/kb/vpn-connect-en');
      },
      { timeout: 15_000, interval: 500 },
    );
    live.close();
    empStream.close();
  });

  test('"no article" is a content gap with a count; a rejected phrasing is remembered; CSV export', async () => {
    const alice = new AgentClient(s.base);
    await alice.login('alice', PASSWORD);
    const ids: string[] = [];
    for (const q of ['the coffee machine on floor 3 leaks water', 'coffee machine floor 3 leaks']) {
      const emp = new ChatClient(s.base);
      await emp.signIn('Gus');
      await emp.say(q, { locale: 'en-GB' });
      const events = await emp.press('handoff:request');
      ids.push(/T-[A-Z0-9]+/.exec(events.map((e) => e.html).join(' '))?.[0] as string);
    }
    for (const id of ids) {
      expect((await alice.act(id, 'claim')).status).toBe(200);
      expect((await alice.act(id, 'resolve', { articleId: 'none', note: 'facilities' })).status).toBe(200);
    }
    const list = await alice.json<{ gaps: { example: string; count: number }[]; pending: unknown[] }>(
      '/agent/api/suggestions',
    );
    expect(list.gaps[0]).toMatchObject({ count: 2 });
    expect(list.pending).toHaveLength(0);

    const emp = new ChatClient(s.base);
    await emp.signIn('Hal');
    await emp.say('=HYPERLINK("http://x") printer jam', { locale: 'en-GB' });
    const events = await emp.press('handoff:request');
    const id = /T-[A-Z0-9]+/.exec(events.map((e) => e.html).join(' '))?.[0] as string;
    await alice.act(id, 'claim');
    await alice.act(id, 'resolve', { articleId: 'printer-not-printing-en' });
    const pending = (await alice.json<{ pending: { id: number }[] }>('/agent/api/suggestions')).pending;
    expect(pending).toHaveLength(1);
    expect((await alice.post(`/agent/api/suggestions/${pending[0]?.id}/reject`)).status).toBe(200);
    expect((await alice.json<{ pending: unknown[] }>('/agent/api/suggestions')).pending).toHaveLength(0);

    const csv = await alice.request('/agent/api/dashboard.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toMatch(/^dimension,key,questions/);
    expect(text).toMatch(/\r\nchannel,web,/);
    expect((await alice.request('/agent/api/dashboard?since=2026-13-01')).status).toBe(400);
  });
});
