import type { IncomingMessage as NodeRequest, ServerResponse } from 'node:http';
import type { Config, Lang } from '../config.js';
import type { Topic } from '../report/popular-topics.js';
import type { HelpdeskCore } from '../conversation/core.js';
import type { SignInResult } from '../accounts/sign-in.js';
import type { AgentDirectory } from '../handoff/agent-directory.js';
import type { AuditLog, ChannelNotifier } from '../handoff/ports.js';
import type { Tier } from '../handoff/types.js';
import type { LearningService } from '../learning/learning-service.js';
import type { DashboardFigures } from '../report/dashboard.js';
import type { Logger } from '../logger.js';
import type { KnowledgeRetriever } from '../retrieval/retriever.js';
import type { Db, Migration } from '../storage/db.js';
import type { Metrics } from '../server/metrics.js';

/** One HTTP route an adapter serves on the shared server (`POST /slack/events`, `GET /`...). */
export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** An exact path, or a prefix ending in `/*` (`/kb/*`). */
  path: string;
  /**
   * Handles the request. The body is not read yet: use `readBody` from the server module (it
   * enforces a size limit). A handler that throws gets a 500 without details.
   */
  handle(req: NodeRequest, res: ServerResponse): Promise<void> | void;
}

/**
 * What the core hands an adapter at start: the inbound port, its own state and a logger. An
 * adapter needs nothing else of the core.
 */
export interface ChannelContext {
  core: HelpdeskCore;
  config: Config;
  logger: Logger;
  /** Articles, for pages that show them (the web chat's `/kb/<id>`). */
  knowledge: KnowledgeRetriever;
  /** This channel's key-value store (references, settings such as a registered queue). */
  state: ChannelState;
  /** The database, migrated with the adapter's own `migrations`, for an adapter's own store. */
  db: Db;
  metrics: Metrics;
  /** Who the agents are (configuration and console accounts): for settings only agents may change. */
  agents: AgentDirectory;
  /**
   * What employees ask about most in `lang` (the last 30 days), then the rest of the knowledge
   * base: for suggested prompts and home screens.
   */
  topics(lang: Lang, limit: number): Topic[];
  /** What an agent console needs beyond `handleAgentAction` (absent in tools and some tests). */
  console?: AgentConsoleServices;
}

/**
 * The core's services for an agent console: who agents are, local sign-in, learning from
 * resolutions, and the dashboard. The console adapter renders them; the rules live here.
 */
export interface AgentConsoleServices {
  directory: AgentDirectory;
  /** Checks a console login and password (with lockout; every attempt audited). */
  signIn(login: string, password: string): Promise<SignInResult>;
  /** A local account's public part. */
  account(login: string): { login: string; name: string; tier: Tier } | undefined;
  learning: LearningService;
  dashboard(options: { since?: Date; until?: Date; top?: number }): DashboardFigures;
  /** Records an agent's act the core does not see (sign-out). */
  audit: AuditLog['record'];
}

/**
 * A small durable key-value store per channel, plus the opaque references a channel keeps with
 * the core's conversations and tickets (a Slack ticket post's `ts`, a Teams conversation
 * reference). Values are strings: the adapter chooses their format.
 */
export interface ChannelState {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Keys that start with `prefix`, with their values, in key order. */
  list(prefix: string): { key: string; value: string }[];
  /** The channel's reference kept with a ticket or a conversation. */
  getRef(kind: 'ticket' | 'conversation', id: string): string | undefined;
  setRef(kind: 'ticket' | 'conversation', id: string, ref: string): void;
}

/**
 * One channel (web chat, Slack, Teams, terminal) on the shared platform. It translates the
 * channel's events into `core.handleMessage` / `core.handleAgentAction` calls and renders what
 * comes back; `notifier` is how the core reaches it first. An adapter holds no business rule.
 */
export interface ChannelAdapter {
  /** The channel name: the prefix of its people's ids (`slack` for `slack:U0123`). */
  readonly name: string;
  /** Where deliveries addressed to this channel go. */
  readonly notifier: ChannelNotifier;
  /** True when the channel shows the Tier 2/3 queue: it gets its own copy of every queue event. */
  readonly hostsQueue: boolean;
  /** Schema steps of the adapter's own tables, ids namespaced `channel-<name>/…`. */
  readonly migrations?: readonly Migration[];
  /** Called once the core runs, before any route is served. */
  start(context: ChannelContext): Promise<void>;
  /** HTTP routes on the shared server (after `start`); none for a channel with its own connection. */
  routes(): HttpRoute[];
  /** Lines for the start-up log ("web chat at http://localhost:3978/"). */
  describe?(baseUrl: string): string[];
  /** Stops taking events and closes connections; the core closes after every adapter stopped. */
  stop(): Promise<void>;
}
