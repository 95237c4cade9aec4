import { shortIds } from '../clock.js';
import type { Config } from '../config.js';
import { createHelpdeskCore, startSweepTimer, type HelpdeskCore } from '../conversation/core.js';
import { createSqliteStores } from '../conversation/sqlite-stores.js';
import type { ChannelNotifier } from '../handoff/ports.js';
import { watchKnowledgeBase, type KbWatcher } from '../kb/watch.js';
import type { Logger } from '../logger.js';
import { buildRetriever } from '../retrieval/build-retriever.js';
import type { KnowledgeRetriever } from '../retrieval/retriever.js';
import { migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';

/** A running bot: the core every adapter talks to, and how to stop it cleanly. */
export interface RunningApp {
  core: HelpdeskCore;
  retriever: KnowledgeRetriever;
  close(): void;
}

/**
 * Composition root shared by every entry point: opens and migrates the database, indexes the
 * knowledge base, starts the live re-index and the SLA sweep, and delivers what a previous run
 * left in the outbox. Channels differ only in the `notifier` they pass.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  notifier: ChannelNotifier,
): Promise<RunningApp> {
  const db = openDatabase(config.databasePath);
  migrate(db, ALL_MIGRATIONS);
  const { retriever } = await buildRetriever({ config, logger, db });
  const core = createHelpdeskCore({
    config,
    stores: createSqliteStores(db),
    retriever,
    articles: retriever,
    notifier,
    logger,
    ids: shortIds,
  });
  let watcher: KbWatcher | undefined;
  if (config.kb.watch)
    watcher = watchKnowledgeBase(config.kb.dir, retriever, retriever.listArticles(), logger);
  const stopSweep = startSweepTimer(core, config.handoff.sweepIntervalSeconds, logger);
  await core.flush();
  return {
    core,
    retriever,
    close() {
      stopSweep();
      watcher?.close();
      db.close();
    },
  };
}
