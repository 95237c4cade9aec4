import { randomIds, systemClock, type Clock, type IdGenerator } from '../clock.js';
import type { Config } from '../config.js';
import { parseBusinessHours, type BusinessHours } from '../handoff/business-hours.js';
import { OutboxDispatcher } from '../handoff/dispatch.js';
import type { ChannelNotifier } from '../handoff/ports.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Retriever } from '../retrieval/types.js';
import { KeyedMutex } from './mutex.js';
import type { ArticleSource, Stores } from './ports.js';
import type { Conversation } from './types.js';

/** What the core needs from the outside world; everything is injected, nothing is global. */
export interface CoreDeps {
  config: Config;
  stores: Stores;
  retriever: Retriever;
  articles: ArticleSource;
  notifier: ChannelNotifier;
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  /** Delivery time limits (see `DELIVERY_TIMEOUT_MS`, `FLUSH_WAIT_MS`); tests shorten them. */
  deliveryTimeouts?: { deliveryMs: number; flushWaitMs: number };
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
  dispatcher: OutboxDispatcher;
}

/** Builds the context once per core: parses business hours, creates the locks and the dispatcher. */
export function createContext(deps: CoreDeps): CoreContext {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger();
  return {
    config: deps.config,
    stores: deps.stores,
    retriever: deps.retriever,
    articles: deps.articles,
    clock,
    ids: deps.ids ?? randomIds,
    logger,
    hours: parseBusinessHours(deps.config.handoff.businessHours, deps.config.handoff.timeZone),
    locks: new KeyedMutex(),
    dispatcher: new OutboxDispatcher(deps.stores.outbox, deps.notifier, clock, logger, deps.deliveryTimeouts),
  };
}

/** Lock key of a conversation: the same for a user's message and an agent's action on its ticket. */
export function conversationKey(c: Pick<Conversation, 'channel' | 'externalId' | 'userId'>): string {
  return `${c.channel}\u0000${c.externalId}\u0000${c.userId}`;
}
