import { randomIds, systemClock, type Clock, type IdGenerator } from '../clock.js';
import type { Config } from '../config.js';
import { configDirectory, type AgentDirectory } from '../handoff/agent-directory.js';
import { parseBusinessHours, type BusinessHours } from '../handoff/business-hours.js';
import { OutboxDispatcher } from '../handoff/dispatch.js';
import { reportUndeliverable } from '../handoff/undeliverable.js';
import { singleNotifier, type ChannelRegistry } from '../channels/registry.js';
import type { ChannelNotifier } from '../handoff/ports.js';
import { silentLogger, type Logger } from '../logger.js';
import type { ResolutionRecorder } from '../learning/types.js';
import type { Retriever } from '../retrieval/types.js';
import { KeyedMutex } from './mutex.js';
import type { ArticleSource, CoreMetrics, Stores } from './ports.js';
import type { Conversation } from './types.js';

/** What the core needs from the outside world; everything is injected, nothing is global. */
export interface CoreDeps {
  config: Config;
  stores: Stores;
  retriever: Retriever;
  articles: ArticleSource;
  /** The running channels; `notifier` alone stands for one channel that receives everything. */
  channels?: ChannelRegistry;
  notifier?: ChannelNotifier;
  metrics?: CoreMetrics;
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  /** Who the agents are; TIER2_AGENTS / TIER3_AGENTS alone when absent. */
  directory?: AgentDirectory;
  /** Where resolutions linked to an article (or to none) are recorded for learning; none: not recorded. */
  learning?: ResolutionRecorder;
  /** How long one delivery may take (see `DELIVERY_TIMEOUT_MS`); tests change it. */
  deliveryTimeouts?: { deliveryMs: number };
}

/** The dependencies plus what is derived from them once (parsed hours, locks, dispatcher). */
export interface CoreContext {
  config: Config;
  stores: Stores;
  retriever: Retriever;
  articles: ArticleSource;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  hours: BusinessHours;
  locks: KeyedMutex;
  channels: ChannelRegistry;
  dispatcher: OutboxDispatcher;
  metrics: CoreMetrics | undefined;
  directory: AgentDirectory;
  learning: ResolutionRecorder | undefined;
}

/** Builds the context once per core: parses business hours, creates the locks and the dispatcher. */
export function createContext(deps: CoreDeps): CoreContext {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger();
  const channels = deps.channels ?? (deps.notifier ? singleNotifier(deps.notifier) : undefined);
  if (!channels) throw new Error('createHelpdeskCore needs `channels` or a `notifier`');
  const metrics = deps.metrics;
  // The dispatcher reports given-up deliveries through the context it is part of.
  const context: CoreContext = {
    config: deps.config,
    stores: deps.stores,
    retriever: deps.retriever,
    articles: deps.articles,
    clock,
    ids: deps.ids ?? randomIds,
    logger,
    hours: parseBusinessHours(deps.config.handoff.businessHours, deps.config.handoff.timeZone),
    locks: new KeyedMutex(),
    channels,
    metrics,
    directory: deps.directory ?? configDirectory(deps.config),
    learning: deps.learning,
    dispatcher: new OutboxDispatcher(
      deps.stores.outbox,
      channels,
      clock,
      logger,
      deps.deliveryTimeouts,
      metrics ? (channel, outcome, seconds) => metrics.delivery(channel, outcome, seconds) : undefined,
      (delivery, reason) => reportUndeliverable(context, delivery, reason),
    ),
  };
  return context;
}

/** Lock key of a conversation: the same for a user's message and an agent's action on its ticket. */
export function conversationKey(c: Pick<Conversation, 'channel' | 'externalId' | 'userId'>): string {
  return `${c.channel}\u0000${c.externalId}\u0000${c.userId}`;
}
