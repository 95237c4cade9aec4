import type { Lang } from '../config.js';

/**
 * The channel-neutral model of the conversation core. Slack, Teams and the web chat translate
 * their events into `IncomingMessage` and render `Reply` back; nothing here knows a channel.
 */

/** One event from an employee: a typed message, or a button press (`action`) on an earlier reply. */
export interface IncomingMessage {
  /** Channel name as the adapter calls itself (`slack`, `teams`, `web`, ...). */
  channel: string;
  /** The employee's id in that channel; compared verbatim with TIER2_AGENTS/TIER3_AGENTS. */
  userId: string;
  /** Display name, shown to agents. */
  userName?: string;
  /** The channel's conversation (DM, chat, web session) the message arrived in. */
  conversationId: string;
  /** Thread inside the conversation, when the channel has threads; proactive replies go there. */
  threadId?: string;
  /** What the employee typed; may be empty for a button press. */
  text?: string;
  /** Action id of a pressed button (see `ActionIds`), e.g. `feedback:yes`. */
  action?: string;
  /** The client's locale (`en-US`, `ru`), used when the text itself does not tell the language. */
  locale?: string;
  /** Unique per message in the conversation; channels retry, so each id is processed once. */
  messageId: string;
}

/** Where a proactive message to an employee must go. */
export interface ConversationTarget {
  channel: string;
  conversationId: string;
  threadId: string | undefined;
  userId: string;
}

/** A button the user can press; `id` comes back as `IncomingMessage.action`. */
export interface Choice {
  id: string;
  label: string;
}

/**
 * What a turn did with the employee's message: answered it, asked which article ("clarify"),
 * asked what it is about ("ask-back"), found nothing ("decline"), handed it to a person
 * ("handoff"), or only talked ("small-talk").
 */
export type TurnDecision = 'answer' | 'clarify' | 'ask-back' | 'decline' | 'handoff' | 'small-talk';

/** Why a notice is shown; adapters may style or route notices by code. */
export type NoticeCode =
  | 'secret-redacted'
  | 'truncated'
  | 'queued'
  | 'out-of-hours'
  | 'on-call-paged'
  | 'agent-joined'
  | 'agent-left'
  | 'ticket-resolved'
  | 'ticket-cancelled'
  | 'tier3'
  | 'stale-action'
  | 'error';

/** What the bot (or an agent, through the bot) says; a discriminated union on `type`. */
export type Reply =
  | { type: 'text'; text: string }
  | {
      type: 'article';
      articleId: string;
      title: string;
      /** Heading of the quoted section. */
      sectionHeading: string;
      /** Markdown of the relevant steps (the candidate's section). */
      steps: string;
      /** Link to the full article. */
      url: string;
    }
  | {
      type: 'choices';
      prompt: string;
      choices: Choice[];
      /**
       * What the bot decided with this turn, so evaluations and analytics read it from the reply
       * instead of guessing from wording. Optional: adapters render choices without it.
       */
      decision?: TurnDecision;
    }
  | {
      type: 'notice';
      code: NoticeCode;
      level: 'info' | 'warning';
      text: string;
      /** What the turn did, when the notice says it ("handoff": the request was queued). */
      decision?: TurnDecision;
    }
  | { type: 'agent-message'; agentName: string; text: string };

/** Where the conversation stands; decides how the next message is handled. */
export type ConversationState =
  'bot' | 'awaiting-feedback' | 'clarifying' | 'escalated' | 'with-agent' | 'resolved';

/** Per-question memory of the bot: what was asked, what was offered, what was tried. */
export interface ConversationContext {
  /** The current question (`conversation_questions.id`), if one is open. */
  questionId?: string;
  /** Redacted text of the current question; re-searched after "No". */
  question?: string;
  /** Articles already shown for the current question, in order. */
  tried?: string[];
  /**
   * The clarify options on screen (article id + section id). An option with a `question` is a
   * further problem of an earlier message, offered once the first one was solved: picking it
   * starts that question.
   */
  options?: { articleId: string; sectionId: string; title: string; question?: string }[];
  /** Further problems of the current question's message, to offer once it is solved. */
  followUps?: { articleId: string; sectionId: string; title: string; question: string }[];
  /** Ticket resolved by an agent that still waits for the user's 1-5 rating. */
  ratingTicketId?: string;
  /** Sections of the article on screen already shown for the current question (section ids). */
  shownSections?: string[];
  /** "No" answers to the current question so far; the second one brings a person. */
  misses?: number;
  /** A question answered while a ticket was open, waiting for "Add it to my request". */
  pendingAdd?: string;
  /** True once the rating was asked again after an answer that was not a rating. */
  ratingReasked?: boolean;
  /** When the last article answer was shown (ISO), for "same problem again" detection. */
  answeredAt?: string;
  /** Transcript `seq` where the current topic began; a ticket's transcript starts there. */
  topicStart?: number;
}

/** One employee's conversation with the bot in one channel conversation. */
export interface Conversation {
  id: string;
  channel: string;
  /** The channel's conversation id (`IncomingMessage.conversationId`). */
  externalId: string;
  userId: string;
  userName: string | undefined;
  threadId: string | undefined;
  lang: Lang;
  state: ConversationState;
  context: ConversationContext;
  /** The ticket currently open for this conversation (queued or with an agent). */
  ticketId: string | undefined;
  createdAt: string;
  updatedAt: string;
}

/** Who wrote a transcript line. */
export type Author = 'user' | 'bot' | 'agent' | 'system';

/** One line of a transcript, as stored: always redacted. */
export interface TranscriptEntry {
  /** Increasing across the whole store; gives the order of a transcript. */
  seq: number;
  conversationId: string;
  at: string;
  author: Author;
  authorId: string | undefined;
  authorName: string | undefined;
  text: string;
  ticketId: string | undefined;
}

/**
 * How a question ended, for the report: `answered` is an unconfirmed deflection, `confirmed` a
 * confirmed one, `declined` means nothing fitted (a content gap), `pending` a clarification the
 * user never picked.
 */
export type QuestionOutcome = 'pending' | 'answered' | 'confirmed' | 'declined' | 'escalated';

/** One question the user asked the bot, from first message to outcome. */
export interface Question {
  id: string;
  conversationId: string;
  askedAt: string;
  lang: Lang;
  text: string;
  outcome: QuestionOutcome;
  articles: string[];
  closedAt: string | undefined;
}
