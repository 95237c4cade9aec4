import type { TurnContext } from 'botbuilder';
import { errorMessage } from '../../../src/index.js';
import { cardMessage } from '../cards/message.js';
import { repliesCard } from '../cards/reply-card.js';
import { senderOf, TEAMS_CHANNEL, threadRootOf, type TeamsDeps } from './deps.js';

/**
 * An employee's message or button press (personal chat, or an @mention in a channel or group
 * chat): typing while the core works, its replies as one card in the same chat or reply chain,
 * then the core is told whether they arrived (if not, they go out again through the outbox).
 */
export async function employeeMessage(
  deps: TeamsDeps,
  context: TurnContext,
  input: { text: string; action: string | undefined },
): Promise<void> {
  const activity = context.activity;
  const sender = senderOf(activity);
  const conversationId = activity.conversation.id;
  const messageId = activity.id as string;
  if (!input.text && !input.action) return;
  await context.sendActivity({ type: 'typing' }).catch((error: unknown) => {
    deps.logger.debug({ err: errorMessage(error) }, 'typing indicator not sent');
  });
  const threadId = threadRootOf(conversationId);
  const replies = await deps.core.handleMessage({
    channel: TEAMS_CHANNEL,
    userId: sender.userId,
    ...(sender.name ? { userName: sender.name } : {}),
    conversationId,
    ...(threadId ? { threadId } : {}),
    ...(input.text ? { text: input.text } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(typeof activity.locale === 'string' && activity.locale
      ? { locale: activity.locale.slice(0, 35) }
      : {}),
    messageId,
  });
  if (replies.length === 0) return;
  let delivered = false;
  try {
    await context.sendActivity(cardMessage(repliesCard(replies)));
    delivered = true;
  } catch (error) {
    deps.logger.warn(
      { err: errorMessage(error), conversationId },
      'replies not delivered; the outbox sends them again',
    );
  }
  deps.core.reportReplies({ channel: TEAMS_CHANNEL, conversationId, messageId }, delivered);
}
