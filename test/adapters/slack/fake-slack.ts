import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import WebSocket from 'ws';

/** One Web API call the fake received. */
export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  auth: string | undefined;
}

/** A posted message, as the fake keeps it (the ts it handed out, its blocks). */
export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: FakeBlock[];
}

/** The few block fields tests look at. */
export interface FakeBlock {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string } }[];
}

/** A refusal to play once: an HTTP 429 with Retry-After, or `ok: false` with an error code. */
export type Fault = { status: 429; retryAfter: number } | { error: string };

/** A button on a posted message. */
export interface FakeButton {
  actionId: string;
  value: string;
  label: string;
}

/**
 * A small Slack on loopback for end-to-end tests: the Web API methods the adapter calls, each
 * call recorded; `response_url` posts; and a Socket Mode WebSocket handed out by
 * `apps.connections.open`. Faults can be queued per method (429 with Retry-After, `ok: false`).
 */
export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  readonly users = new Map<string, { realName: string; locale?: string }>();
  readonly botUserId = 'UBOT';
  readonly botId = 'BBOT';
  private readonly faults = new Map<string, Fault[]>();
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocket.Server({ noServer: true });
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private counter = 0;
  private envelopes = 0;
  port = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      fake.upgrade(req, socket, head),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  /** `SLACK_API_URL` for the adapter. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A `response_url` the fake records posts to. */
  responseUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/response/${name}`;
  }

  /** Makes the next `times` calls of `method` fail with `fault`. */
  fail(method: string, fault: Fault, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(fault);
    this.faults.set(method, list);
  }

  /** Recorded calls of one method. */
  of(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages posted to a channel (optionally in one thread). */
  postedIn(channel: string, threadTs?: string): FakeMessage[] {
    return this.messages.filter(
      (m) => m.channel === channel && (threadTs === undefined || m.threadTs === threadTs),
    );
  }

  /** A message's text and all its blocks' text, for searching. */
  static textOf(m: { text: string; blocks: FakeBlock[] }): string {
    const parts = [m.text];
    for (const b of m.blocks) {
      if (b.text) parts.push(b.text.text);
      for (const f of b.fields ?? []) parts.push(f.text);
      for (const e of b.elements ?? []) parts.push(textOfElement(e));
    }
    return parts.join('\n');
  }

  /** Buttons of a message's blocks. */
  static buttons(m: { blocks: FakeBlock[] }): FakeButton[] {
    return m.blocks.flatMap((b) =>
      (b.elements ?? [])
        .filter((e) => e.type === 'button')
        .map((e) => ({ actionId: e.action_id ?? '', value: e.value ?? '', label: e.text?.text ?? '' })),
    );
  }

  /** Every text the bot sent Slack (posts, updates, ephemerals, responses, views). */
  allOutgoingText(): string {
    return JSON.stringify([this.calls.map((c) => c.args), this.responses]);
  }

  /** Resolves once a Socket Mode client is connected (and was greeted with `hello`). */
  async socketReady(): Promise<void> {
    for (let i = 0; i < 200 && this.sockets.size === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    if (this.sockets.size === 0) throw new Error('no socket mode client connected');
  }

  /** Sends a Socket Mode envelope and resolves with the client's ack payload. */
  sendEnvelope(
    type: 'events_api' | 'interactive' | 'slash_commands',
    payload: unknown,
    retryAttempt = 0,
  ): Promise<unknown> {
    this.envelopes += 1;
    const envelopeId = `env-${this.envelopes}`;
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    const message = JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api'
        ? { retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' }
        : {}),
    });
    for (const socket of this.sockets) socket.send(message);
    return acked;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    if (!req.url?.startsWith('/socket')) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => {
        try {
          const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
          const resolve = msg.envelope_id ? this.acks.get(msg.envelope_id) : undefined;
          if (resolve && msg.envelope_id) {
            this.acks.delete(msg.envelope_id);
            resolve(msg.payload);
          }
        } catch {
          // not JSON: ignored, as Slack would
        }
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
    if (url.pathname.startsWith('/response/')) {
      this.responses.push({ path: url.pathname, body: args });
      return send(res, 200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    this.calls.push({ method, args, auth: req.headers.authorization });
    const fault = this.faults.get(method)?.shift();
    if (fault && 'status' in fault) {
      res.setHeader('retry-after', String(fault.retryAfter));
      return send(res, 429, { ok: false, error: 'ratelimited' });
    }
    if (fault) return send(res, 200, { ok: false, error: fault.error });
    return send(res, 200, this.answer(method, args));
  }

  private nextTs(): string {
    this.counter += 1;
    return `1700000000.${String(this.counter).padStart(6, '0')}`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel ?? '');
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: this.botUserId,
          bot_id: this.botId,
          team_id: 'T1',
          user: 'helpdesk',
          team: 'Acme',
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const message: FakeMessage = {
          channel,
          ts,
          threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
          text: String(args.text ?? ''),
          blocks: Array.isArray(args.blocks) ? (args.blocks as FakeBlock[]) : [],
        };
        this.messages.push(message);
        return { ok: true, channel, ts, message: { text: message.text, ts, bot_id: this.botId } };
      }
      case 'chat.update': {
        const found = this.messages.find((m) => m.channel === channel && m.ts === args.ts);
        if (!found) return { ok: false, error: 'message_not_found' };
        found.text = String(args.text ?? '');
        found.blocks = Array.isArray(args.blocks) ? (args.blocks as FakeBlock[]) : [];
        return { ok: true, channel, ts: args.ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'users.info': {
        const id = String(args.user ?? '');
        const u = this.users.get(id);
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id,
            name: id.toLowerCase(),
            real_name: u.realName,
            locale: u.locale,
            profile: { real_name: u.realName },
          },
        };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket?ticket=t` };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users ?? 'X')}` } };
      default:
        // reactions.add/remove, views.publish and the rest: accepted.
        return { ok: true };
    }
  }
}

function textOfElement(e: unknown): string {
  const t = (e as { text?: unknown }).text;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string')
    return (t as { text: string }).text;
  return '';
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // a plain value that happens to start with a bracket
      }
    }
    out[key] = value;
  }
  return out;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
