import type { ConversationReference } from 'botbuilder';
import type { ChannelState, Tier } from '../../src/index.js';

/** One card of a ticket in a queue channel: the thread it opened and the card's activity id. */
export interface TicketPost {
  tier: Tier;
  /** The queue channel's reference (`19:…@thread.tacv2`) at the time of posting. */
  channel: Partial<ConversationReference>;
  /** The thread's conversation id (`19:…;messageid=…`): replies there go into the reply chain. */
  threadId: string;
  /** The card's activity id, for updating it in place. */
  activityId: string;
}

function parse<T>(raw: string | undefined): T | undefined {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

/** How long the ids of sent deliveries are kept to skip a repeated one (the outbox retries for a day). */
export const SENT_TTL_MS = 3 * 24 * 3600 * 1000;

/**
 * Everything the Teams channel remembers across restarts, in its ChannelState: conversation
 * references (employees, agents' personal chats, queue channels) for proactive messages, each
 * ticket's cards and threads, and the deliveries already sent (so a retried one is not posted twice).
 */
export class TeamsStore {
  constructor(private readonly state: ChannelState) {}

  saveConversation(ref: Partial<ConversationReference>): void {
    const id = ref.conversation?.id;
    if (id) this.state.setRef('conversation', id, JSON.stringify(ref));
  }

  conversation(id: string): Partial<ConversationReference> | undefined {
    return parse(this.state.getRef('conversation', id));
  }

  /** Remembers the personal chat of a person (`aadObjectId`), for pages and agent messages. */
  savePersonal(aadObjectId: string, conversationId: string): void {
    this.state.set(`personal:${aadObjectId}`, conversationId);
  }

  personal(aadObjectId: string): Partial<ConversationReference> | undefined {
    const id = this.state.get(`personal:${aadObjectId}`);
    return id ? this.conversation(id) : undefined;
  }

  setQueue(tier: Tier, ref: Partial<ConversationReference>): void {
    this.state.set(`queue:tier${tier}`, JSON.stringify(ref));
  }

  queue(tier: Tier): Partial<ConversationReference> | undefined {
    return parse(this.state.get(`queue:tier${tier}`));
  }

  /** The tier whose queue a Teams channel is, if any. */
  queueTierOf(channelId: string): Tier | undefined {
    for (const tier of [2, 3] as const) if (this.queue(tier)?.conversation?.id === channelId) return tier;
    return undefined;
  }

  posts(ticketId: string): TicketPost[] {
    return parse<TicketPost[]>(this.state.getRef('ticket', ticketId)) ?? [];
  }

  addPost(ticketId: string, post: TicketPost): void {
    this.state.setRef('ticket', ticketId, JSON.stringify([...this.posts(ticketId), post]));
    this.state.set(`thread:${post.threadId}`, ticketId);
  }

  /** The ticket whose card opened this thread (`conversation.id` of a reply in it). */
  ticketOfThread(threadId: string): string | undefined {
    return this.state.get(`thread:${threadId}`);
  }

  wasSent(key: string): boolean {
    return this.state.get(`sent:${key}`) !== undefined;
  }

  markSent(key: string, at = new Date()): void {
    this.state.set(`sent:${key}`, at.toISOString());
  }

  /** Forgets sent-delivery ids older than the outbox can retry. */
  pruneSent(now = new Date()): number {
    const before = new Date(now.getTime() - SENT_TTL_MS).toISOString();
    let pruned = 0;
    for (const { key, value } of this.state.list('sent:')) {
      if (value < before) {
        this.state.delete(key);
        pruned += 1;
      }
    }
    return pruned;
  }
}
