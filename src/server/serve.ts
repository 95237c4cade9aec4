import type { ChannelAdapter } from '../channels/ports.js';
import { startApp, type RunningApp } from '../app/start-app.js';
import type { Config } from '../config.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { HttpServer } from './http-server.js';

/** A running server: its address, the app behind it, and the clean shutdown. */
export interface RunningServer {
  port: number;
  /** `http://localhost:PORT` or `PUBLIC_URL`: where people open the web chat. */
  baseUrl: string;
  app: RunningApp;
  /** SIGTERM's path: 503 to new requests, finish running turns and deliveries, close the database. */
  shutdown(): Promise<void>;
}

/**
 * `npm start`: one HTTP server on `PORT` for every configured channel. It listens first, so that
 * `/healthz` says 503 while the knowledge base is indexed, then starts the core and the adapters
 * and mounts their routes.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  adapters: readonly ChannelAdapter[],
): Promise<RunningServer> {
  // No metrics until the app runs: they belong to the app (its registry counts its messages).
  const http = new HttpServer(logger, undefined);
  const port = await http.listen(config.http.port, config.http.host);
  let app: RunningApp;
  try {
    app = await startApp(config, logger, adapters);
  } catch (error) {
    await http.close();
    throw error;
  }
  http.useMetrics(app.metrics);
  http.ready(adapters.flatMap((a) => a.routes()));
  const baseUrl = config.http.publicUrl ?? `http://localhost:${port}`;
  let stopping: Promise<void> | undefined;
  return {
    port,
    baseUrl,
    app,
    shutdown() {
      stopping ??= (async () => {
        const graceMs = config.http.shutdownGraceSeconds * 1000;
        await http.drain(graceMs);
        try {
          await app.close(graceMs);
        } catch (error) {
          logger.error({ err: errorMessage(error) }, 'closing the app failed');
        }
        await http.close();
      })();
      return stopping;
    },
  };
}
