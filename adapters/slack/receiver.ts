import type { IncomingMessage as NodeRequest, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { errorMessage, readBody, sendJson, sendText, type HttpRoute, type Logger } from '../../src/index.js';
import { signatureProblem } from './signature.js';

/** The path Slack posts events, interactions and slash commands to (the manifest's URLs). */
export const EVENTS_PATH = '/slack/events';

/** Slack wants an answer within 3 s; a request no listener acknowledged gets an empty 200 here. */
export const ACK_DEADLINE_MS = 2500;

/** Slack sends a few kB; 1 MB is far beyond any real payload. */
const MAX_SLACK_BODY = 1024 * 1024;

/**
 * Bolt's receiver on the shared HTTP server: `POST /slack/events` checks the signature on the raw
 * body (v0 HMAC-SHA256, at most five minutes old), answers the URL check, and hands events,
 * interactions (`payload=` JSON) and slash commands (form fields) to Bolt. `ack()` answers the
 * HTTP request at once; the listener works after it.
 */
export class RouteReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly signingSecret: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** The route to mount on the shared server. */
  route(): HttpRoute {
    return { method: 'POST', path: EVENTS_PATH, handle: (req, res) => this.handle(req, res) };
  }

  private async handle(req: NodeRequest, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, MAX_SLACK_BODY);
    const problem = signatureProblem(
      this.signingSecret,
      { signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp') },
      raw,
      this.now(),
    );
    if (problem) {
      this.logger.warn({ problem }, 'slack request refused');
      sendJson(res, 401, { error: 'invalid signature' });
      return;
    }
    const body = parseBody(raw, header(req, 'content-type') ?? '');
    if (!body) {
      sendJson(res, 400, { error: 'unreadable body' });
      return;
    }
    if (body.type === 'url_verification') {
      sendJson(res, 200, { challenge: typeof body.challenge === 'string' ? body.challenge : '' });
      return;
    }
    if (body.ssl_check !== undefined) {
      sendText(res, 200, '');
      return;
    }
    await this.dispatch(body, req, res);
  }

  private async dispatch(
    body: Record<string, unknown>,
    req: NodeRequest,
    res: ServerResponse,
  ): Promise<void> {
    const app = this.app;
    if (!app) {
      sendJson(res, 503, { error: 'not ready' });
      return;
    }
    let acked = false;
    const ack = async (response?: unknown): Promise<void> => {
      if (acked) return;
      acked = true;
      if (response === undefined || response === null || response === '') sendText(res, 200, '');
      else if (typeof response === 'string') sendText(res, 200, response);
      else sendJson(res, 200, response);
    };
    const late = setTimeout(() => {
      if (!acked)
        this.logger.warn({ type: body.type }, 'slack request not acknowledged in time; answered empty');
      void ack();
    }, ACK_DEADLINE_MS);
    late.unref();
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const retryReason = header(req, 'x-slack-retry-reason');
    const event: ReceiverEvent = {
      body,
      ack,
      ...(Number.isInteger(retryNum) && retryNum > 0 ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      this.logger.error({ err: errorMessage(error) }, 'slack event failed');
      if (!acked) {
        acked = true;
        sendJson(res, 500, { error: 'internal error' });
      }
    } finally {
      clearTimeout(late);
      await ack();
    }
  }
}

function header(req: NodeRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A JSON event, an interaction (`payload=` JSON) or a slash command (form fields); undefined if neither. */
export function parseBody(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.includes('application/json')) return asObject(JSON.parse(raw));
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) return asObject(JSON.parse(payload));
    return Object.fromEntries(form.entries());
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
