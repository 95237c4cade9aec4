import type { Choice } from '../../src/index.js';

/** Who a chat event comes from: the employee (an echo), the bot, or an agent through the bot. */
export type ChatAuthor = 'user' | 'bot' | 'agent';

/**
 * One item on the employee's screen, as the web client receives it. `html` is rendered by the
 * server with every text run escaped, so the client may insert it as it is; everything else
 * (`choices` labels, `author`) is plain text the client sets with `textContent`.
 */
export interface ChatEvent {
  /** Increasing per employee (a global sequence); the SSE `id:` and the client's dedup key. */
  id: number;
  /** ISO time the event was stored. */
  at: string;
  from: ChatAuthor;
  kind: 'text' | 'article' | 'choices' | 'notice' | 'agent-message';
  html: string;
  /** The agent's name on an agent message. */
  author?: string;
  choices?: Choice[];
  level?: 'info' | 'warning';
  /** Link to the whole article (a safe URL only). */
  articleUrl?: string;
}

/** An event before the mailbox gave it an id and a time. */
export type NewChatEvent = Omit<ChatEvent, 'id' | 'at'>;

/** Who is chatting: a web user id (the core's employee id within the `web` channel) and a name. */
export interface WebUser {
  id: string;
  name: string;
}
