import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from './bot-auth.js';

/** A message the bot sends: text or a card, as an activity without ids (the connector adds them). */
export type Outgoing = Partial<Activity>;

/**
 * The bot speaking first, through `adapter.continueConversationAsync` with a stored reference:
 * a message into a chat or reply chain, a card updated in place, a new thread in a channel.
 * Connector failures are thrown as they come, for the notifier to classify.
 */
export class Proactive {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  /** Sends into the referenced conversation; the new activity's id. */
  async send(ref: Partial<ConversationReference>, activity: Outgoing): Promise<string | undefined> {
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.appId, ref, async (context) => {
      // The continuation event has a made-up id; replying "to" it would name a post that does not
      // exist. Without it the message is sent to the conversation (into the thread, for a thread id).
      context.activity.id = undefined;
      id = (await context.sendActivity(activity))?.id;
    });
    return id;
  }

  /** Replaces the activity `activityId` (a ticket card) in the referenced conversation. */
  async update(ref: Partial<ConversationReference>, activityId: string, activity: Outgoing): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, ref, async (context) => {
      await context.updateActivity({ ...activity, type: 'message', id: activityId });
    });
  }

  /**
   * Opens a new thread in a team channel with `activity` as its first post: the thread's
   * conversation id and the post's activity id (both needed later, for replies and updates).
   */
  async createThread(
    channelRef: Partial<ConversationReference>,
    activity: Outgoing,
  ): Promise<{ threadId: string; activityId: string }> {
    const channelId = channelRef.conversation?.id;
    if (!channelId) throw new Error('the queue channel reference has no conversation id');
    let created: { threadId: string; activityId: string } | undefined;
    await this.adapter.continueConversationAsync(this.appId, channelRef, async (context) => {
      const client = context.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey);
      const tenantId = channelRef.conversation?.tenantId;
      const response = await client.conversations.createConversation({
        isGroup: true,
        bot: channelRef.bot,
        channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
        ...(tenantId ? { tenantId } : {}),
        activity: { ...activity, type: 'message' },
      } as Parameters<ConnectorClient['conversations']['createConversation']>[0]);
      const fromId = /;messageid=(.+)$/.exec(response.id ?? '')?.[1];
      const activityId = response.activityId ?? fromId;
      if (!activityId) throw new Error('the connector did not say which post it created');
      created = { threadId: response.id ?? `${channelId};messageid=${activityId}`, activityId };
    });
    if (!created) throw new Error('creating the thread did not run');
    return created;
  }
}

/** The reference of a thread, derived from its channel's: the same bot and service, the thread's id. */
export function threadRef(
  channelRef: Partial<ConversationReference>,
  threadId: string,
): Partial<ConversationReference> {
  return {
    ...channelRef,
    conversation: {
      ...(channelRef.conversation ?? {}),
      id: threadId,
    } as ConversationReference['conversation'],
  };
}

/** The reference of the activity's conversation (what proactive messages there need later). */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  return TurnContext.getConversationReference(activity);
}
