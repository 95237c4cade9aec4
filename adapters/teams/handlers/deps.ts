import { TurnContext, type Activity } from 'botbuilder';
import {
  formatAddress,
  type ChannelContext,
  type Config,
  type HelpdeskCore,
  type Logger,
} from '../../../src/index.js';
import type { TeamsStore } from '../teams-store.js';

/** The channel's name: its people are `teams:<aadObjectId>`. */
export const TEAMS_CHANNEL = 'teams';

/** What every turn handler uses. */
export interface TeamsDeps {
  core: HelpdeskCore;
  config: Config;
  logger: Logger;
  store: TeamsStore;
  /** Who the agents are, for registering a queue channel. */
  agents: ChannelContext['agents'];
}

/** Who sent an activity: the bare id the core keys employees by, and the qualified agent id. */
export interface Sender {
  /** `aadObjectId`, or the Teams user id when Teams gives none (guests, the emulator). */
  userId: string;
  /** `teams:<userId>`, compared with TIER2_AGENTS / TIER3_AGENTS by the core. */
  agentId: string;
  name: string | undefined;
}

/** The sender of `activity`. */
export function senderOf(activity: Partial<Activity>): Sender {
  const from = activity.from ?? ({} as NonNullable<Activity['from']>);
  const raw =
    typeof from.aadObjectId === 'string' && from.aadObjectId.trim()
      ? from.aadObjectId
      : String(from.id ?? '');
  const userId = raw.trim().slice(0, 200);
  const name = typeof from.name === 'string' && from.name.trim() ? from.name.trim().slice(0, 120) : undefined;
  return { userId, agentId: formatAddress(TEAMS_CHANNEL, userId), name };
}

/** The team channel an activity came from (`channelData.channel.id`), if it came from one. */
export function teamChannelOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { channel?: { id?: unknown } } | undefined;
  const id = data?.channel?.id;
  return typeof id === 'string' && id.trim() ? id : undefined;
}

/** The root post of a channel reply chain (`19:…;messageid=123` → `123`). */
export function threadRootOf(conversationId: string): string | undefined {
  return /;messageid=([^;]+)$/.exec(conversationId)?.[1];
}

/** The text a person typed, without the bot's @mention and surrounding space. */
export function typedText(context: TurnContext): string {
  const activity = context.activity;
  if (typeof activity.text !== 'string') return '';
  let text = activity.text;
  try {
    text = TurnContext.removeRecipientMention(activity) ?? text;
  } catch {
    // A malformed entities list: keep the text as it came.
  }
  // Other people's mentions keep their names, without Teams' tags.
  return text.replace(/<\/?at>/gi, '').trim();
}
