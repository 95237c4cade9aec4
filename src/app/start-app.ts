import { shortIds } from '../clock.js';
import type { Config } from '../config.js';
import { createHelpdeskCore, startSweepTimer, type HelpdeskCore } from '../conversation/core.js';
import { createSqliteStores } from '../conversation/sqlite-stores.js';
import type { ChannelNotifier } from '../handoff/ports.js';
import { watchKnowledgeBase, type KbWatcher } from '../kb/watch.js';
import type { Logger } from '../logger.js';
import { buildRetriever } from '../retrieval/build-retriever.js';
import type { KnowledgeRetriever } from '../retrieval/retriever.js';
import { checkIntegrity, migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { acquireInstanceLock } from '../storage/instance-lock.js';

/** A running bot: the core every adapter talks to, and how to stop it cleanly. */
export interface RunningApp {
  core: HelpdeskCore;
  retriever: KnowledgeRetriever;
  close(): Promise<void>;
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
  const releaseLock = acquireInstanceLock(config.databasePath);
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    db = openDatabase(config.databasePath);
    checkIntegrity(db, config.databasePath);
    migrate(db, ALL_MIGRATIONS);
    return await startOn(db, releaseLock, config, logger, notifier);
  } catch (error) {
    db?.close();
    releaseLock();
    throw error;
  }
}

async function startOn(
  db: ReturnType<typeof openDatabase>,
  releaseLock: () => void,
  config: Config,
  logger: Logger,
  notifier: ChannelNotifier,
): Promise<RunningApp> {
  const { retriever, problems } = await buildRetriever({ config, logger, db, pruneVectorCache: true });
  if (retriever.listArticles().length === 0) {
    logger.warn(
      { dir: config.kb.dir },
      'the knowledge base has no articles: every question will be declined',
    );
  }
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
    watcher = watchKnowledgeBase(config.kb.dir, retriever, retriever.listArticles(), logger, {
      rescanMs: config.kb.rescanSeconds * 1000,
      alreadyReported: problems,
    });
  const stopSweep = startSweepTimer(core, config.handoff.sweepIntervalSeconds, logger);
  await core.flush();
  return {
    core,
    retriever,
    async close() {
      stopSweep();
      // A re-index in progress may still write the vector cache: the database closes after it.
      await watcher?.close();
      db.close();
      releaseLock();
    },
  };
}
