import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebAdapter } from '../../../adapters/web/web-adapter.js';
import { createLogger } from '../../../src/logger.js';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import type { ChatEvent } from '../../../adapters/web/types.js';
import { TestAdapter } from '../../support/test-adapter.js';
import { serverTestConfig } from '../../support/test-server.js';

/** The agent of the test configuration, on the test channel. */
export const ANNA = 'test:U-ANNA';

/** A real server on loopback: the web chat plus a test channel that plays the agents' side. */
export interface WebServer {
  server: RunningServer;
  base: string;
  web: WebAdapter;
  agents: TestAdapter;
  close(): Promise<void>;
}

/**
 * Starts the product's server with the web chat on a free port, over a temp database and kb-small.
 * `setup` runs on the temp folder's database file before the server opens it (to add accounts);
 * settings it returns override the rest (a knowledge base copied into the temp folder).
 */
export async function startWebServer(
  overrides: Record<string, string> = {},
  setup?: (databasePath: string, dir: string) => Promise<Record<string, string> | void>,
): Promise<WebServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-web-'));
  const extra = (await setup?.(path.join(dir, 'helpdesk.db'), dir)) ?? {};
  const config = serverTestConfig(dir, { TIER2_AGENTS: ANNA, ...overrides, ...extra });
  const web = new WebAdapter({ config });
  const agents = new TestAdapter('test');
  const server = await startServer(config, createLogger('silent'), [web, agents]);
  return {
    server,
    base: `http://127.0.0.1:${server.port}`,
    web,
    agents,
    async close() {
      await server.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser's worth of HTTP: a cookie jar, same-origin JSON posts, optional extra headers. */
export class ChatClient {
  cookie: string | undefined;
  private counter = 0;

  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** A fetch with the jar's cookie and the client's headers. */
  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.headers, ...(init.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    const res = await fetch(`${this.base}${pathname}`, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  /** A same-origin JSON POST, as the page sends it. */
  post(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async signIn(name: string): Promise<{ id: string; name: string }> {
    const res = await this.post('/api/chat/session', { name });
    if (res.status !== 200) throw new Error(`sign-in: ${res.status}`);
    return ((await res.json()) as { user: { id: string; name: string } }).user;
  }

  nextId(): string {
    this.counter += 1;
    return `msg-${this.counter}-${Math.random().toString(36).slice(2, 10)}`;
  }

  /** Sends text (or an action) and returns the events of the answer. */
  async say(text: string, extra: Record<string, unknown> = {}): Promise<ChatEvent[]> {
    const res = await this.post('/api/chat/messages', {
      messageId: this.nextId(),
      text,
      locale: 'ru-RU',
      ...extra,
    });
    if (res.status !== 200) throw new Error(`say: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { events: ChatEvent[] }).events;
  }

  async press(action: string): Promise<ChatEvent[]> {
    const res = await this.post('/api/chat/messages', { messageId: this.nextId(), action });
    if (res.status !== 200) throw new Error(`press: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { events: ChatEvent[] }).events;
  }

  async history(after = 0): Promise<ChatEvent[]> {
    const res = await this.request(`/api/chat/history?after=${after}`);
    if (res.status !== 200) throw new Error(`history: ${res.status}`);
    return ((await res.json()) as { events: ChatEvent[] }).events;
  }

  /** Opens the live stream. */
  async stream(headers: Record<string, string> = {}, query = ''): Promise<SseReader> {
    const controller = new AbortController();
    const res = await this.request(`/api/chat/events${query}`, { headers, signal: controller.signal });
    return new SseReader(res, controller);
  }
}

/** One parsed SSE frame. */
export interface SseFrame {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** Reads server-sent events from a fetch response, frame by frame. */
export class SseReader {
  readonly frames: SseFrame[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];
  private done = false;

  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    void this.pump();
  }

  /** The chat events received so far. */
  get events(): ChatEvent[] {
    return this.frames.filter((f) => f.event === 'chat').map((f) => JSON.parse(f.data) as ChatEvent);
  }

  /** Resolves with the first chat event matching `test`, or fails after `ms`. */
  async waitFor(test: (e: ChatEvent) => boolean, ms = 10_000): Promise<ChatEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (this.done) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** True once the server closed the stream. */
  get ended(): boolean {
    return this.done;
  }

  close(): void {
    this.controller.abort();
  }

  private async pump(): Promise<void> {
    const body = this.response.body;
    if (!body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const raw = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          this.parse(raw);
        }
      }
    } catch {
      // aborted
    } finally {
      this.done = true;
      this.wake();
    }
  }

  private parse(raw: string): void {
    const frame: SseFrame = { id: undefined, event: undefined, data: '' };
    let hasData = false;
    for (const line of raw.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') frame.id = value;
      else if (field === 'event') frame.event = value;
      else if (field === 'data') {
        frame.data += (hasData ? '\n' : '') + value;
        hasData = true;
      }
    }
    if (hasData) {
      this.frames.push(frame);
      this.wake();
    }
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
