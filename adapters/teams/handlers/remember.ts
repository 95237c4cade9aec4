import type { TurnContext } from 'botbuilder';
import { referenceOf } from '../proactive.js';
import { senderOf, type TeamsDeps } from './deps.js';

/**
 * Keeps the reference of every conversation the bot hears from (messages, `installationUpdate`,
 * `conversationUpdate`), so that it can speak there first later: an agent's reply to the employee,
 * a page to on-call in their personal chat.
 */
export function rememberConversation(deps: TeamsDeps, context: TurnContext): void {
  const activity = context.activity;
  const ref = referenceOf(activity);
  deps.store.saveConversation({ ...ref, activityId: undefined });
  const personal =
    activity.conversation?.conversationType === 'personal' || activity.conversation?.isGroup === false;
  const sender = senderOf(activity);
  if (personal && sender.userId && activity.conversation?.id)
    deps.store.savePersonal(sender.userId, activity.conversation.id);
}
