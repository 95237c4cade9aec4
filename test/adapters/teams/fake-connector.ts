import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  kind: 'send' | 'reply' | 'update' | 'create';
  method: string;
  /** Conversation id from the path (decoded), or the new conversation's id for `create`. */
  conversationId: string;
  /** The activity id in the path (reply-to or updated), or the created post's id. */
  activityId: string | undefined;
  body: Record<string, unknown>;
  status: number;
  authorization: string | undefined;
}

/** A scripted failure for the next matching call. */
interface Failure {
  status: number;
  retryAfter?: string;
  match: (call: Pick<ConnectorCall, 'kind' | 'conversationId'>) => boolean;
}

/**
 * A Bot Connector on loopback: records what the bot sends (send, reply, update, create
 * conversation), answers each with an id, and can fail the next matching calls (429, 403...).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly failures: Failure[] = [];
  private server: Server | undefined;
  private counter = 0;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Fails the next call matching `match` with `status` (and `Retry-After` when given). */
  failNext(status: number, match: Failure['match'], retryAfter?: string): void {
    this.failures.push({ status, match, ...(retryAfter !== undefined ? { retryAfter } : {}) });
  }

  /** Successful calls only, optionally of one kind. */
  ok(kind?: ConnectorCall['kind']): ConnectorCall[] {
    return this.calls.filter((c) => c.status < 300 && (kind === undefined || c.kind === kind));
  }

  /** Successful messages (send or reply) into a conversation, whose id starts with `prefix`. */
  messagesTo(prefix: string): ConnectorCall[] {
    return this.ok().filter(
      (c) =>
        (c.kind === 'send' || c.kind === 'reply') &&
        c.conversationId.startsWith(prefix) &&
        c.body.type === 'message',
    );
  }

  /** What the bot sent in a call (its cards, or the first activity of a new thread), as JSON. */
  static text(call: ConnectorCall): string {
    const activity = (call.body.activity as Record<string, unknown> | undefined) ?? call.body;
    return JSON.stringify(activity.attachments ?? activity.text ?? '');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      // recorded as empty
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    // v3 conversations [id] activities [activityId]
    let kind: ConnectorCall['kind'] | undefined;
    let conversationId = parts[2] ?? '';
    let activityId = parts[4];
    if (parts[0] === 'v3' && parts[1] === 'conversations') {
      if (parts.length === 2 && req.method === 'POST') kind = 'create';
      else if (parts[3] === 'activities' && req.method === 'POST') kind = activityId ? 'reply' : 'send';
      else if (parts[3] === 'activities' && req.method === 'PUT') kind = 'update';
    }
    if (!kind) {
      res.writeHead(404).end();
      return;
    }
    this.counter += 1;
    const newId = `fake-${this.counter}`;
    if (kind === 'create') {
      const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? 'conv';
      conversationId = `${channel};messageid=${newId}`;
      activityId = newId;
    }
    const failure = this.failures.findIndex((f) => f.match({ kind, conversationId }));
    const status = failure >= 0 ? (this.failures[failure] as Failure).status : kind === 'create' ? 201 : 200;
    const retryAfter = failure >= 0 ? this.failures[failure]?.retryAfter : undefined;
    if (failure >= 0) this.failures.splice(failure, 1);
    this.calls.push({
      kind,
      method: req.method ?? '',
      conversationId,
      activityId,
      body,
      status,
      authorization: req.headers.authorization,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
    res.writeHead(status, headers);
    if (status >= 300) res.end(JSON.stringify({ error: { code: 'Failure', message: `scripted ${status}` } }));
    else if (kind === 'create') res.end(JSON.stringify({ id: conversationId, activityId: newId }));
    else res.end(JSON.stringify({ id: kind === 'update' ? activityId : newId }));
  }
}
