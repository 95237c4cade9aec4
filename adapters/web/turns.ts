import { cleanUserText, type Config, type HelpdeskCore, type Logger } from '../../src/index.js';
import type { LiveHub } from './live-hub.js';
import type { Mailbox } from './mailbox.js';
import { echoEvent, replyToEvent } from './render.js';
import type { ChatEvent, WebUser } from './types.js';

/** The web chat's channel name: its employees are `web:<id>`. */
export const WEB_CHANNEL = 'web';

/** One message from the page: typed text or a pressed button, with the client's own id. */
export interface ChatPost {
  messageId: string;
  text?: string | undefined;
  action?: string | undefined;
  locale?: string | undefined;
}

/** A turn's outcome: its events, and whether this call ran it (then the caller reports delivery). */
export interface TurnResult {
  events: ChatEvent[];
  ran: boolean;
}

/**
 * Runs employees' messages through the core and keeps what they produced in the mailbox: the
 * echo first (so other tabs show it at once), then the replies under the message id. A retried
 * message id gets the stored events back, or waits for the first attempt still running; it never
 * reaches the core twice from here (and the core would refuse it anyway).
 */
export class Turns {
  private readonly running = new Map<string, Promise<TurnResult>>();

  constructor(
    private readonly deps: {
      core: HelpdeskCore;
      mailbox: Mailbox;
      hub: LiveHub;
      config: Config;
      logger: Logger;
    },
  ) {}

  /** Runs (or replays) the message of `user`. */
  async run(user: WebUser, post: ChatPost): Promise<TurnResult> {
    const key = `${user.id}\n${post.messageId}`;
    const first = this.running.get(key);
    if (first) return { events: (await first).events, ran: false };
    const stored = this.stored(user, post.messageId);
    if (stored) return { events: stored, ran: false };
    const promise = this.process(user, post);
    this.running.set(key, promise);
    try {
      return await promise;
    } finally {
      this.running.delete(key);
    }
  }

  /**
   * Whether the HTTP answer with the turn's replies reached the page (see `reportReplies`): if
   * not, the core sends them again through the outbox, into this turn's place in the mailbox.
   */
  report(user: WebUser, messageId: string, delivered: boolean): void {
    const { core, logger } = this.deps;
    try {
      core.reportReplies({ channel: WEB_CHANNEL, conversationId: user.id, messageId }, delivered);
    } catch (error) {
      logger.error({ err: String(error), messageId }, 'reporting a web turn failed');
    }
  }

  private stored(user: WebUser, messageId: string): ChatEvent[] | undefined {
    const { mailbox } = this.deps;
    const turn = mailbox.batch(user.id, `turn:${messageId}`);
    if (!turn) return undefined;
    return [...(mailbox.batch(user.id, `echo:${messageId}`) ?? []), ...turn];
  }

  private async process(user: WebUser, post: ChatPost): Promise<TurnResult> {
    const { core, mailbox, hub, config } = this.deps;
    const shown =
      post.action !== undefined
        ? mailbox.choiceLabel(user.id, post.action)
        : cleanUserText(post.text ?? '', config.conversation.maxMessageChars).text;
    const echo = shown ? mailbox.append(user.id, `echo:${post.messageId}`, [echoEvent(shown)]) : undefined;
    if (echo?.fresh) hub.push(user.id, echo.events);
    const replies = await core.handleMessage({
      channel: WEB_CHANNEL,
      userId: user.id,
      userName: user.name,
      conversationId: user.id,
      messageId: post.messageId,
      ...(post.text !== undefined ? { text: post.text } : {}),
      ...(post.action !== undefined ? { action: post.action } : {}),
      ...(post.locale !== undefined ? { locale: post.locale } : {}),
    });
    const turn = mailbox.append(user.id, `turn:${post.messageId}`, replies.map(replyToEvent));
    if (turn.fresh) hub.push(user.id, turn.events);
    return { events: [...(echo?.events ?? []), ...turn.events], ran: turn.fresh && replies.length > 0 };
  }
}
