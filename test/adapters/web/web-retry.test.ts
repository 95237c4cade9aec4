import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ChatClient, startWebServer, type WebServer } from './web-server.js';

/** Retries from the page (same messageId) and answers lost on the way never show twice. */

let s: WebServer;
beforeAll(async () => {
  s = await startWebServer();
});
afterAll(async () => {
  await s.close();
});

describe('web chat retries', () => {
  test('a retried message id returns the same events and runs once', async () => {
    const c = new ChatClient(s.base);
    await c.signIn('Retry');
    const body = { messageId: 'retry-0001', text: 'не подключается VPN', locale: 'ru' };
    const first = (await (await c.post('/api/chat/messages', body)).json()) as { events: { id: number }[] };
    const again = (await (await c.post('/api/chat/messages', body)).json()) as { events: { id: number }[] };
    expect(first.events.length).toBeGreaterThan(1);
    expect(again.events).toEqual(first.events);
    expect(await c.history()).toEqual(first.events);
  });

  test('two copies of one message at once both get its events, processed once', async () => {
    const c = new ChatClient(s.base);
    await c.signIn('Twice');
    const body = { messageId: 'twice-0001', text: 'принтер не печатает' };
    const [a, b] = await Promise.all([
      c.post('/api/chat/messages', body),
      c.post('/api/chat/messages', body),
    ]);
    const ea = ((await a.json()) as { events: unknown[] }).events;
    const eb = ((await b.json()) as { events: unknown[] }).events;
    expect(ea).toEqual(eb);
    expect(await c.history()).toEqual(ea);
  });

  test('a page that left mid-answer finds the answer once, on reload or retry', async () => {
    const c = new ChatClient(s.base);
    await c.signIn('Lost');
    const url = new URL(s.base);
    const body = JSON.stringify({ messageId: 'lost-00001', text: 'не подключается VPN' });
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST /api/chat/messages HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
            `Cookie: ${c.cookie}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        // Gone before the core answered: the replies were not delivered.
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 5);
      });
      socket.on('error', reject);
    });
    await vi.waitFor(async () => expect((await c.history()).some((e) => e.kind === 'article')).toBe(true));
    await s.server.app.core.idle();
    const history = await c.history();
    expect(history.filter((e) => e.kind === 'article')).toHaveLength(1);
    expect(history.filter((e) => e.from === 'user')).toHaveLength(1);
    // The page retrying the same id gets the stored events.
    const retried = (await (await c.post('/api/chat/messages', JSON.parse(body))).json()) as {
      events: unknown[];
    };
    expect(retried.events).toEqual(history);
    expect(await c.history()).toEqual(history);
  });
});
