import type { IncomingMessage as NodeRequest, ServerResponse } from 'node:http';

/** The request CloudAdapter.process reads: the parsed body, the headers, the method. */
export interface ShimRequest {
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  method: string;
}

/** The express-like response CloudAdapter.process writes to. */
export interface ShimResponse {
  /** botbuilder's Response type names it; only web-socket upgrades use it. */
  socket: unknown;
  status(code: number): void;
  header(name: string, value: unknown): void;
  send(body?: unknown): void;
  end(): void;
}

/** Wraps node's request, whose body the route already read and checked. */
export function shimRequest(req: NodeRequest, body: Record<string, unknown>): ShimRequest {
  return { body, headers: req.headers, method: req.method ?? 'POST' };
}

/**
 * An express-like response over node's: CloudAdapter calls status, send, end in that order;
 * objects are sent as JSON. Nothing is written twice, whatever the order of calls.
 */
export function shimResponse(res: ServerResponse): ShimResponse {
  let status = 200;
  const headers: Record<string, string> = {};
  let payload: string | undefined;
  return {
    socket: res.socket,
    status(code) {
      status = code;
    },
    header(name, value) {
      headers[name.toLowerCase()] = String(value);
    },
    send(body) {
      if (body === undefined || body === null) return;
      if (typeof body === 'string' || Buffer.isBuffer(body)) payload = String(body);
      else {
        payload = JSON.stringify(body);
        headers['content-type'] ??= 'application/json; charset=utf-8';
      }
    },
    end() {
      if (res.headersSent) {
        if (!res.writableEnded) res.end();
        return;
      }
      if (payload !== undefined) {
        headers['content-type'] ??= 'text/plain; charset=utf-8';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      res.writeHead(status, headers);
      res.end(payload);
    },
  };
}
