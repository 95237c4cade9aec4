import type { IncomingMessage, ServerResponse } from 'node:http';

/** How often an idle stream gets a comment line, so proxies do not close it. */
export const HEARTBEAT_MS = 15_000;

/** Past this much unsent output the client is not reading: the stream is closed (it reconnects). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Writes to an open stream; one whose client stopped reading (past `MAX_BUFFERED_BYTES` unsent)
 * is destroyed instead, and an ended one is left alone.
 */
export function writeToStream(res: ServerResponse, text: string): void {
  if (res.writableEnded || res.destroyed) return;
  if (res.writableLength > MAX_BUFFERED_BYTES) {
    res.destroy();
    return;
  }
  res.write(text);
}

/**
 * Starts a server-sent events response (no caching, no proxy buffering, reconnect after 3 s);
 * false for a HEAD request, which gets the headers only and is ended.
 */
export function openEventStream(req: IncomingMessage, res: ServerResponse): boolean {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  if (req.method === 'HEAD') {
    res.end();
    return false;
  }
  res.write('retry: 3000\n\n');
  return true;
}
