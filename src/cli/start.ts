import { configuredAdapters } from '../../adapters/configured.js';
import { loadConfig } from '../config.js';
import { errorMessage } from '../errors.js';
import { cliLogger, createLogger } from '../logger.js';
import { startServer } from '../server/serve.js';
import { runCli } from './args.js';

const USAGE = 'npm start   (settings come from the environment; see .env.example)';

/**
 * `npm start`: the product. One HTTP server on PORT with the web chat at `/`, plus Slack and
 * Teams when their settings are present. Reads nothing from standard input, so it runs as a
 * service or in a container; SIGTERM and SIGINT shut it down cleanly (exit 0).
 */
await runCli(USAGE, async () => {
  if (process.argv.length > 2) {
    process.stderr.write(
      `npm start takes no arguments (got ${process.argv.slice(2).join(' ')})\nusage: ${USAGE}\n`,
    );
    return 2;
  }
  const config = loadConfig(process.env);
  // A person at a terminal reads lines; a service manager or container collects JSON.
  const logger = process.stdout.isTTY
    ? cliLogger(config.logLevel, process.stdout)
    : createLogger(config.logLevel);
  const adapters = await configuredAdapters(config, logger);
  const server = await startServer(config, logger, adapters);
  const { app } = server;
  const articles = app.retriever.listArticles().length;
  logger.info(
    {
      url: server.baseUrl,
      port: server.port,
      channels: adapters.map((a) => a.name),
      articles,
      embeddings: app.retriever.usesEmbeddings,
      kbProblems: app.problems.length,
    },
    `Helpdesk Bot ready on ${server.baseUrl} — channels: ${adapters.map((a) => a.name).join(', ')}; ` +
      `${articles} articles from ${config.kb.dir}; retrieval: ${app.retriever.usesEmbeddings ? 'keyword + embeddings' : 'keyword only'}` +
      `${app.problems.length > 0 ? `; ${app.problems.length} knowledge-base files skipped (see above)` : ''}`,
  );
  for (const adapter of adapters)
    for (const line of adapter.describe?.(server.baseUrl) ?? []) logger.info(line);
  logger.info(`health: ${server.baseUrl}/healthz, metrics: ${server.baseUrl}/metrics`);

  const done = new Promise<number>((resolve) => {
    let signalled = false;
    const stop = (signal: NodeJS.Signals) => {
      if (signalled) return;
      signalled = true;
      logger.info({ signal }, `${signal}: finishing running messages and deliveries, then stopping`);
      server
        .shutdown()
        .then(() => {
          logger.info('stopped cleanly');
          resolve(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: errorMessage(error) }, 'shutdown failed');
          resolve(1);
        });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  const code = await done;
  logger.flush?.();
  return code;
});
