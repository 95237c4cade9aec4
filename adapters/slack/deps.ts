import type { webApi } from '@slack/bolt';
import type { ChannelContext, Config, HelpdeskCore, KnowledgeRetriever, Logger } from '../../src/index.js';
import type { People } from './people.js';
import type { SlackState } from './slack-state.js';

/** The Web API client Bolt made (bot token, the adapter's retry settings). */
export type SlackClient = webApi.WebClient;

/** The channel's name: the prefix of its people's ids (`slack:U0123`). */
export const SLACK = 'slack';

/** What the handlers and the notifier share once the adapter runs. */
export interface SlackDeps {
  core: HelpdeskCore;
  config: Config;
  logger: Logger;
  knowledge: KnowledgeRetriever;
  client: SlackClient;
  state: SlackState;
  people: People;
  /** The bot's own user id (from `auth.test`), to drop its mentions and its own messages. */
  botUserId: string | undefined;
  /** Where article links point (`PUBLIC_URL`); relative links are left out without it. */
  publicUrl: string | undefined;
  /** After this long without an answer the employee sees the bot is on it (a reaction). */
  workingAfterMs: number;
  /** What employees ask about most (the core's figures), for suggested prompts. */
  topics: ChannelContext['topics'];
}

/** The channel of a tier's queue; Tier 3 falls back to Tier 2's when it has none. */
export function queueChannel(config: Config, tier: 2 | 3): string | undefined {
  return tier === 3 ? (config.slack.tier3Channel ?? config.slack.tier2Channel) : config.slack.tier2Channel;
}

/** Whether a channel is one of the queue channels (where thread messages are agents' words). */
export function isQueueChannel(config: Config, channel: string): boolean {
  return channel === config.slack.tier2Channel || channel === config.slack.tier3Channel;
}
