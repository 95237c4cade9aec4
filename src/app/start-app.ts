import type { ChannelAdapter } from '../channels/ports.js';
import { channelRegistry } from '../channels/registry.js';
import { sqliteChannelState } from '../channels/sqlite-channel-state.js';
import { shortIds, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { createConsoleServices } from './console-services.js';
import { createHelpdeskCore, startSweepTimer, type HelpdeskCore } from '../conversation/core.js';
import { createSqliteStores } from '../conversation/sqlite-stores.js';
import { FLUSH_WAIT_MS, withinTime } from '../handoff/dispatch.js';
import { errorMessage } from '../errors.js';
import { watchKnowledgeBase, type KbWatcher } from '../kb/watch.js';
import type { Logger } from '../logger.js';
import type { KbProblem } from '../kb/types.js';
import { answerCounts, popularTopics } from '../report/popular-topics.js';
import { buildRetriever } from '../retrieval/build-retriever.js';
import { sqliteCalibrationStore } from '../retrieval/calibration/calibration-store.js';
import { SelfCalibrator } from '../retrieval/calibration/self-calibrator.js';
import type { KnowledgeRetriever } from '../retrieval/retriever.js';
import { createMetrics, type Metrics } from '../server/metrics.js';
import { checkIntegrity, migrate, openDatabase, type Db } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { acquireInstanceLock } from '../storage/instance-lock.js';

/** How far back "what employees ask about most" looks. */
const TOPICS_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** A running bot: the core every adapter talks to, and how to stop it cleanly. */
export interface RunningApp {
  core: HelpdeskCore;
  retriever: KnowledgeRetriever;
  metrics: Metrics;
  adapters: readonly ChannelAdapter[];
  /** Knowledge-base files reported and skipped at start-up. */
  problems: readonly KbProblem[];
  /** Turns whose replies a killed process never confirmed, sent again through the outbox. */
  recovered: number;
  /**
   * Stops the adapters, waits up to `graceMs` for running deliveries, then closes the database:
   * never under a running delivery unless the grace ran out.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Composition root shared by every entry point: opens and migrates the database (the adapters'
 * own schema steps too), indexes the knowledge base, starts the core, the adapters, the live
 * re-index and the SLA sweep, and sends what a previous run left in the outbox. Channels differ
 * only in the adapters passed; the core imports none of them.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  adapters: readonly ChannelAdapter[],
): Promise<RunningApp> {
  const names = adapters.map((a) => a.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`two adapters are named "${twice}"`);
  const releaseLock = acquireInstanceLock(config.databasePath);
  let db: Db | undefined;
  try {
    db = openDatabase(config.databasePath);
    checkIntegrity(db, config.databasePath);
    migrate(db, [...ALL_MIGRATIONS, ...adapters.flatMap((a) => a.migrations ?? [])]);
    return await startOn(db, releaseLock, config, logger, adapters);
  } catch (error) {
    db?.close();
    releaseLock();
    throw error;
  }
}

async function startOn(
  db: Db,
  releaseLock: () => void,
  config: Config,
  logger: Logger,
  adapters: readonly ChannelAdapter[],
): Promise<RunningApp> {
  const { retriever, problems } = await buildRetriever({ config, logger, db, pruneVectorCache: true });
  if (retriever.listArticles().length === 0) {
    logger.warn(
      { dir: config.kb.dir },
      'the knowledge base has no articles: every question will be declined',
    );
  }
  // The stored calibration of these articles serves at once; otherwise one is made in the
  // background after start-up, the built-in decision serving meanwhile.
  const calibrator = config.selfCalibration
    ? new SelfCalibrator(retriever, config.retrieval, {
        store: sqliteCalibrationStore(db),
        logger,
        isolate: true,
      })
    : undefined;
  const calibrate = async () => {
    await calibrator
      ?.refresh()
      .catch((error: unknown) =>
        logger.error({ err: errorMessage(error) }, 'calibrating the decision for this knowledge base failed'),
      );
  };
  const stores = createSqliteStores(db);
  const metrics = createMetrics((tier) => stores.tickets.queue([tier]).length);
  const consoleWiring = createConsoleServices({
    db,
    config,
    stores,
    articles: retriever,
    clock: systemClock,
  });
  const core = createHelpdeskCore({
    directory: consoleWiring.directory,
    learning: consoleWiring.learningStore,
    config,
    stores,
    retriever,
    articles: retriever,
    channels: channelRegistry(adapters),
    metrics,
    logger,
    ids: shortIds,
  });
  const recovered = core.recover();
  if (recovered > 0) logger.info({ recovered }, 'replies a previous run never confirmed go out again');
  const started: ChannelAdapter[] = [];
  let watcher: KbWatcher | undefined;
  let stopSweep = () => {};
  const close = async (graceMs = 10_000) => {
    stopSweep();
    for (const adapter of [...started].reverse()) {
      await adapter
        .stop()
        .catch((error: unknown) =>
          logger.error({ channel: adapter.name, err: errorMessage(error) }, 'adapter did not stop cleanly'),
        );
    }
    await core.idle(graceMs);
    // A re-index in progress may still write the vector cache, and a calibration its result:
    // the database closes after them.
    await watcher?.close();
    await calibrator?.stop();
    db.close();
    releaseLock();
  };
  try {
    for (const adapter of adapters) {
      await adapter.start({
        core,
        config,
        logger: logger.child({ channel: adapter.name }),
        knowledge: retriever,
        state: sqliteChannelState(db, adapter.name),
        db,
        metrics,
        agents: consoleWiring.directory,
        topics: (lang, limit) =>
          popularTopics(
            retriever.listArticles(),
            answerCounts(db, new Date(Date.now() - TOPICS_WINDOW_MS)),
            lang,
            limit,
          ),
        console: consoleWiring.services,
      });
      started.push(adapter);
    }
  } catch (error) {
    await close(1000);
    throw error;
  }
  if (config.kb.watch)
    watcher = watchKnowledgeBase(config.kb.dir, retriever, retriever.listArticles(), logger, {
      rescanMs: config.kb.rescanSeconds * 1000,
      alreadyReported: problems,
      afterRebuild: calibrate,
    });
  stopSweep = startSweepTimer(core, config.handoff.sweepIntervalSeconds, logger);
  void calibrate();
  // What a previous run left in the outbox: a channel that is down must not hold up the start.
  const flushed = await withinTime(core.flush(), FLUSH_WAIT_MS, () => undefined);
  if (flushed === undefined) logger.warn('deliveries left by the previous run are still going out');
  return { core, retriever, metrics, adapters, problems, recovered, close };
}
