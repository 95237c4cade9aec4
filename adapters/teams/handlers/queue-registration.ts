import type { TurnContext } from 'botbuilder';
import { mayWorkTier, type Tier } from '../../../src/index.js';
import { cardMessage } from '../cards/message.js';
import { plainCard } from '../cards/reply-card.js';
import { referenceOf } from '../proactive.js';
import { senderOf, teamChannelOf, type TeamsDeps } from './deps.js';

/** `queue tier2` / `queue tier 3` (the @mention already removed). */
const REGISTER = /^\/?queue\s+tier\s?([23])$/i;

/** The tier a registration command names, or undefined when the text is not one. */
export function registrationTier(text: string): Tier | undefined {
  const match = REGISTER.exec(text.trim());
  return match ? (Number(match[1]) as Tier) : undefined;
}

/**
 * `@bot queue tier2` in a team channel: the channel becomes the Tier 2 (3) queue, where ticket
 * cards are posted. The reference is stored, so it survives restarts; the bot confirms in place.
 */
export async function registerQueue(deps: TeamsDeps, context: TurnContext, tier: Tier): Promise<void> {
  const activity = context.activity;
  const sender = senderOf(activity);
  const channelId = teamChannelOf(activity);
  let answer: string;
  let ok = false;
  if (!channelId) {
    answer = `Run "queue tier${tier}" in the team channel that should receive Tier ${tier} tickets.`;
  } else if (!mayWorkTier(deps.agents, sender.agentId, tier)) {
    answer = `Only Tier ${tier} agents can make a channel the Tier ${tier} queue.`;
    deps.logger.warn({ agentId: sender.agentId, tier }, 'queue registration refused');
  } else {
    const ref = referenceOf(activity);
    deps.store.setQueue(tier, {
      ...ref,
      activityId: undefined,
      user: undefined,
      conversation: {
        ...(ref.conversation ?? {}),
        id: channelId,
        isGroup: true,
        conversationType: 'channel',
      } as NonNullable<typeof ref.conversation>,
    });
    deps.logger.info({ channelId, tier, by: sender.agentId }, 'Teams queue channel registered');
    answer = `This channel is now the Tier ${tier} queue: new tickets are posted here.`;
    ok = true;
  }
  await context.sendActivity(cardMessage(plainCard(answer, ok ? 'Good' : 'Attention')));
}
