import type { TurnContext } from 'botbuilder';
import { registrationTier, registerQueue } from './queue-registration.js';
import { agentButton, agentCommand, commandAction } from './agent-command.js';
import { employeeMessage } from './employee-message.js';
import { rememberConversation } from './remember.js';
import { teamChannelOf, typedText, type TeamsDeps } from './deps.js';
import { ticketThreadMessage } from './ticket-thread.js';

/** The pressed button's id from an Action.Submit (`value.action`), if it is one. */
function pressedAction(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = (value as { action?: unknown }).action;
  return typeof action === 'string' && action.length > 0 && action.length <= 300 ? action : undefined;
}

/** True when the message @mentions the bot itself. */
function mentionsBot(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  const entities = Array.isArray(context.activity.entities) ? context.activity.entities : [];
  return entities.some((e) => {
    const mentioned = (e as { type?: unknown; mentioned?: { id?: unknown } }).mentioned;
    return (e as { type?: unknown }).type === 'mention' && mentioned?.id === botId;
  });
}

/**
 * One inbound activity, routed: references are remembered for every kind; messages go to the
 * ticket-card buttons, a ticket's thread, queue registration, agent commands, or the employee's
 * conversation with the bot, in that order.
 */
export async function onTurn(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  rememberConversation(deps, context);
  if (activity.type !== 'message') return;
  const action = pressedAction(activity.value);
  if (action?.startsWith('agent:')) {
    await agentButton(deps, context, action);
    return;
  }
  const text = typedText(context);
  const ticketId = deps.store.ticketOfThread(activity.conversation.id);
  if (ticketId && !action) {
    await ticketThreadMessage(deps, context, ticketId, text);
    return;
  }
  if (activity.conversation.conversationType === 'channel' && !action && !mentionsBot(context)) {
    // With the channel-message permission every channel post arrives; only @mentions are for the bot.
    return;
  }
  const tier = registrationTier(text);
  if (tier !== undefined) {
    await registerQueue(deps, context, tier);
    return;
  }
  const channelId = teamChannelOf(activity);
  const inQueue = channelId !== undefined && deps.store.queueTierOf(channelId) !== undefined;
  if (!action && (text.startsWith('/') || inQueue)) {
    const command = commandAction(context, text);
    if (command) {
      await agentCommand(deps, context, command);
      return;
    }
  }
  await employeeMessage(deps, context, { text, action });
}
