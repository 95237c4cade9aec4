import type { Lang } from '../config.js';
import type { CoreContext } from './context.js';
import { messages, type Catalogue } from './messages.js';
import { replyToTranscript } from './render.js';
import type { Choice, Conversation, ConversationTarget, NoticeCode, Reply, TurnDecision } from './types.js';

/** Where proactive messages for a conversation go. */
export function targetOf(c: Conversation): ConversationTarget {
  return { channel: c.channel, conversationId: c.externalId, threadId: c.threadId, userId: c.userId };
}

/**
 * One step of a conversation, applied inside a single store transaction: the handler mutates
 * `conversation`, says things with `say`, and `save` writes it all. Bot lines go to the
 * transcript as they are said, so an agent later reads what the user saw.
 */
export class Turn {
  readonly replies: Reply[] = [];

  constructor(
    readonly ctx: CoreContext,
    public conversation: Conversation,
    readonly now: Date,
  ) {}

  get lang(): Lang {
    return this.conversation.lang;
  }

  /** The message catalogue in the conversation's language. */
  get t(): Catalogue {
    return messages(this.conversation.lang);
  }

  get at(): string {
    return this.now.toISOString();
  }

  say(...replies: Reply[]): void {
    for (const reply of replies) {
      this.replies.push(reply);
      this.ctx.stores.conversations.append({
        conversationId: this.conversation.id,
        at: this.at,
        author: 'bot',
        authorId: undefined,
        authorName: undefined,
        text: replyToTranscript(reply),
        ticketId: this.conversation.ticketId,
      });
    }
  }

  text(text: string): void {
    this.say({ type: 'text', text });
  }

  notice(code: NoticeCode, text: string, level: 'info' | 'warning' = 'info', decision?: TurnDecision): void {
    this.say(
      decision ? { type: 'notice', code, level, text, decision } : { type: 'notice', code, level, text },
    );
  }

  /** Buttons under a prompt; `decision` says what the turn did (see `TurnDecision`). */
  choices(prompt: string, choices: Choice[], decision?: TurnDecision): void {
    this.say(
      decision ? { type: 'choices', prompt, choices, decision } : { type: 'choices', prompt, choices },
    );
  }

  save(): void {
    this.conversation = { ...this.conversation, updatedAt: this.at };
    this.ctx.stores.conversations.update(this.conversation);
  }
}

/**
 * Says something to the user outside their own turn (an agent joined, replied, resolved): written
 * to the transcript and to the outbox in the caller's transaction, delivered by the dispatcher.
 * `agent` marks the lines as the agent's own words rather than the bot's.
 */
export function tellUser(
  ctx: CoreContext,
  conversation: Conversation,
  replies: Reply[],
  now: Date,
  agent?: { id: string; name: string },
): void {
  for (const reply of replies) {
    ctx.stores.conversations.append({
      conversationId: conversation.id,
      at: now.toISOString(),
      author: agent ? 'agent' : 'bot',
      authorId: agent?.id,
      authorName: agent?.name,
      text: replyToTranscript(reply),
      ticketId: conversation.ticketId,
    });
  }
  ctx.stores.outbox.enqueue({ kind: 'user', target: targetOf(conversation), replies }, now);
}
