import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from '../channels/ports.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { sendJson, statusOf } from './http.js';
import type { Metrics } from './metrics.js';

/** Where the server stands: `starting` until the core is ready, `draining` after SIGTERM. */
export type ServerPhase = 'starting' | 'ready' | 'draining';

/**
 * The one HTTP server every channel shares. Routes are mounted when the core is ready; until
 * then, and from the start of a shutdown, every request but `/metrics` (once the app has its
 * metrics) gets 503, so a load balancer moves traffic away and nothing reaches a core that is not
 * there.
 */
export class HttpServer {
  private readonly server: Server;
  private routes: HttpRoute[] = [];
  private phase: ServerPhase = 'starting';
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly logger: Logger,
    private metrics: Metrics | undefined,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.requestTimeout = 60_000;
    this.server.headersTimeout = 20_000;
    this.server.keepAliveTimeout = 5_000;
    this.server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  /** Listens on `host:port` (port 0 picks a free one) and resolves with the bound port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Serves `/metrics` from `metrics` from now on (the app's, once it runs). */
  useMetrics(metrics: Metrics): void {
    this.metrics = metrics;
  }

  /** Mounts the routes and starts serving them. */
  ready(routes: HttpRoute[]): void {
    this.routes = routes;
    this.phase = 'ready';
  }

  get state(): ServerPhase {
    return this.phase;
  }

  /** Stops taking requests (503) and resolves once those running have finished, or after `ms`. */
  async drain(ms: number): Promise<void> {
    this.phase = 'draining';
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Closes the listening socket and every connection (streams included). */
  async close(): Promise<void> {
    this.phase = 'draining';
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    let label = 'unmatched';
    this.inFlight += 1;
    try {
      if (url.pathname === '/healthz') {
        label = '/healthz';
        sendJson(res, this.phase === 'ready' ? 200 : 503, { status: this.phase });
        return;
      }
      if (url.pathname === '/metrics' && this.metrics) {
        label = '/metrics';
        const body = await this.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': this.metrics.registry.contentType });
        res.end(body);
        return;
      }
      if (this.phase !== 'ready') {
        res.setHeader('retry-after', '5');
        if (this.phase === 'draining') res.setHeader('connection', 'close');
        sendJson(res, 503, { error: this.phase === 'starting' ? 'starting up' : 'shutting down' });
        return;
      }
      const candidates = this.routes.filter((r) => matches(r.path, url.pathname));
      const route = candidates.find((r) => r.method === method);
      if (!route) {
        if (candidates.length > 0) {
          res.setHeader('allow', [...new Set(candidates.map((r) => r.method))].join(', '));
          sendJson(res, 405, { error: 'method not allowed' });
        } else sendJson(res, 404, { error: 'not found' });
        return;
      }
      label = route.path;
      await route.handle(req, res);
    } catch (error) {
      const { status, message } = statusOf(error);
      if (status >= 500)
        this.logger.error({ err: errorMessage(error), path: url.pathname }, 'request failed');
      sendJson(res, status, { error: message });
    } finally {
      this.inFlight -= 1;
      this.metrics?.http(label, res.statusCode, (performance.now() - started) / 1000);
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }
}

function matches(pattern: string, pathname: string): boolean {
  if (pattern.endsWith('/*')) return pathname.startsWith(pattern.slice(0, -1));
  return pathname === pattern;
}
