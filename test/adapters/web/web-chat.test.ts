import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChatEvent } from '../../../adapters/web/types.js';
import { ANNA, ChatClient, startWebServer, type WebServer } from './web-server.js';

/**
 * The web chat end to end on a real server over loopback: an employee signs in, gets an article
 * with buttons, asks for a person, and sees the agent (playing on the test channel) live.
 */

let s: WebServer;
beforeAll(async () => {
  s = await startWebServer();
});
afterAll(async () => {
  await s.close();
});

const choiceIds = (events: ChatEvent[]) => events.flatMap((e) => e.choices?.map((c) => c.id) ?? []);

async function agent(
  kind: 'claim' | 'reply' | 'resolve',
  ticketId: string,
  extra: Record<string, string> = {},
) {
  return s.agents.core.handleAgentAction({
    kind,
    agentId: ANNA,
    agentName: 'Anna',
    channel: 'test',
    messageId: `${kind}-${ticketId}-${Math.random()}`,
    ticketId,
    ...extra,
  } as Parameters<typeof s.agents.core.handleAgentAction>[0]);
}

describe('web chat', () => {
  test('the page, its files and the health check are served', async () => {
    const page = await fetch(`${s.base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).not.toMatch(/<script>[^<]/);
    const script = /src="(\/static\/chat\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${s.base}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const etag = js.headers.get('etag') ?? '';
    expect((await fetch(`${s.base}/static/chat.js`, { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    const i18n = (await (await fetch(`${s.base}/static/i18n.json`)).json()) as Record<
      string,
      Record<string, string>
    >;
    expect(Object.keys(i18n.en ?? {}).sort()).toEqual(Object.keys(i18n.ru ?? {}).sort());
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
    expect(s.web.describe(s.base)).toEqual([
      `web chat: ${s.base}/ (sign-in by name)`,
      `agent console: ${s.base}/agent`,
    ]);
  });

  test('an employee signs in, gets an article with buttons, tries the next one, and reaches a person', async () => {
    const ivan = new ChatClient(s.base);
    expect((await ivan.request('/api/chat/me')).status).toBe(401);
    const user = await ivan.signIn('  Иван   Петров ');
    expect(user.name).toBe('Иван Петров');
    expect(ivan.cookie).toMatch(/^hd_session=/);
    const me = (await (await ivan.request('/api/chat/me')).json()) as { user: { id: string; name: string } };
    expect(me.user).toEqual(user);

    const stream = await ivan.stream();
    expect(stream.response.headers.get('content-type')).toMatch(/text\/event-stream/);

    const answer = await ivan.say('не подключается VPN');
    expect(answer[0]).toMatchObject({ from: 'user', kind: 'text', html: 'не подключается VPN' });
    const article = answer.find((e) => e.kind === 'article');
    expect(article).toMatchObject({ from: 'bot', articleUrl: '/kb/vpn-connect-ru' });
    expect(article?.html).toContain('<h3 class="article-title">');
    expect(choiceIds(answer).slice(0, 2)).toEqual(['feedback:yes', 'feedback:no']);
    // Ids increase, and the live stream got the same events.
    expect(answer.map((e) => e.id)).toEqual([...answer.map((e) => e.id)].sort((a, b) => a - b));
    await stream.waitFor((e) => e.id === answer[answer.length - 1]?.id);

    const next = await ivan.press('feedback:no');
    expect(next[0]).toMatchObject({ from: 'user', html: 'Нет' });
    expect(next.filter((e) => e.from === 'bot').length).toBeGreaterThan(0);
    expect(next.some((e) => e.kind === 'notice' && e.html.includes('неактуальна'))).toBe(false);

    const queued = await ivan.press('handoff:request');
    const notice = queued.find((e) => e.kind === 'notice');
    expect(notice?.html).toMatch(/T-[A-Z0-9]+/);
    const ticketId = /T-[A-Z0-9]+/.exec(notice?.html ?? '')?.[0] as string;
    await s.server.app.core.idle();
    expect(s.agents.notifier.of('queue').some((d) => d.event.ticket.id === ticketId)).toBe(true);

    await agent('claim', ticketId);
    await agent('reply', ticketId, {
      text: 'Привет! Перезагрузите ноутбук, **пожалуйста** <script>alert(1)</script>',
    });
    const message = await stream.waitFor((e) => e.kind === 'agent-message');
    expect(message).toMatchObject({ from: 'agent', author: 'Anna' });
    expect(message.html).toBe(
      '<p>Привет! Перезагрузите ноутбук, <strong>пожалуйста</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );

    // The employee answers the agent; then the agent resolves and rating buttons arrive live.
    await ivan.say('Спасибо, помогло');
    await agent('resolve', ticketId);
    const rating = await stream.waitFor((e) => (e.choices ?? []).some((c) => c.id.startsWith('rating:')));
    expect(choiceIds([rating])).toEqual(['rating:1', 'rating:2', 'rating:3', 'rating:4', 'rating:5']);
    const rated = await ivan.press('rating:5');
    expect(rated[0]).toMatchObject({ from: 'user', html: '5' });

    // History has everything once, in order, the same as the stream saw.
    const history = await ivan.history();
    const ids = history.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(history.filter((e) => e.kind === 'agent-message')).toHaveLength(1);
    expect((await ivan.history(ids[ids.length - 3])).map((e) => e.id)).toEqual(ids.slice(-2));
    await stream.waitFor((e) => e.id === ids[ids.length - 1]);
    stream.close();
  });

  test('a reconnecting stream replays from Last-Event-ID (or ?after=) and then goes live', async () => {
    const olga = new ChatClient(s.base);
    await olga.signIn('Olga');
    const first = await olga.say('printer does not print');
    const firstId = first[0]?.id as number;
    const replay = await olga.stream({ 'last-event-id': String(firstId) });
    await replay.waitFor((e) => e.id === first[first.length - 1]?.id);
    expect(replay.events.map((e) => e.id)).toEqual(first.slice(1).map((e) => e.id));
    const viaQuery = await olga.stream({}, `?after=${firstId}`);
    await viaQuery.waitFor((e) => e.id === first[first.length - 1]?.id);
    expect(viaQuery.events[0]?.id).toBe(first[1]?.id);
    const more = await olga.say('thanks');
    await replay.waitFor((e) => e.id === more[more.length - 1]?.id);
    replay.close();
    viaQuery.close();
  });

  test('an employee may hold a few streams, not unlimited ones', async () => {
    const petr = new ChatClient(s.base);
    await petr.signIn('Petr');
    const streams = [];
    for (let i = 0; i < 5; i += 1) streams.push(await petr.stream());
    const refused = await petr.request('/api/chat/events');
    expect(refused.status).toBe(429);
    for (const st of streams) st.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await petr.stream();
    expect(again.response.status).toBe(200);
    again.close();
  });

  test('articles open on this server; an unknown id is a 404 page', async () => {
    const page = await fetch(`${s.base}/kb/vpn-connect-en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<h1>Connect to the VPN (GlobalProtect)</h1>');
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain('<script');
    const ru = await (await fetch(`${s.base}/kb/vpn-connect-ru`)).text();
    expect(ru).toContain('Вернуться в чат');
    for (const bad of ['/kb/nope', '/kb/..%2F..%2Fetc%2Fpasswd', '/kb/%3Cscript%3E', '/kb/']) {
      const res = await fetch(`${s.base}${bad}`);
      expect(res.status, bad).toBe(404);
      expect(await res.text()).not.toContain('<script');
    }
  });
});
