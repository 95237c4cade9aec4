import type { IncomingMessage, ServerResponse } from 'node:http';

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
