import { z } from 'zod';
import { errorMessage } from '../errors.js';
import { parseInput } from '../parse-input.js';
import type { RetrievalDecision } from '../retrieval/types.js';
import { isCyrillic } from '../text/lang.js';
import { hasRussianStopWordInLatin } from '../text/translit.js';
import { parseAction, type ParsedAction } from './actions.js';
import { conversationKey, type CoreContext } from './context.js';
import { answerQuestion, pickOption } from './flows/answer.js';
import { showPart } from './flows/article-view.js';
import { pickArea } from './flows/ask-back.js';
import { takeFeedback } from './flows/feedback.js';
import { askForText, cancel, foreign, greet, sameProblem, staleAction, thank } from './flows/small-talk.js';
import { addPendingToTicket, messageWhileQueued, recallRequest } from './flows/while-queued.js';
import { cancelTicket, rate, rateAgain, relayToAgent, requestPerson } from './flows/with-people.js';
import { chooseLang, hasEnglishWord, localeLang } from './language.js';
import { messages } from './messages.js';
import { route, type Route } from './route.js';
import { cleanUserText } from './sanitize.js';
import { REDACTED } from './secrets.js';
import { Turn, targetOf } from './turn.js';
import type { Conversation, IncomingMessage, Reply } from './types.js';

const id = z.string().trim().min(1).max(256);
const incomingSchema = z.object({
  channel: id,
  userId: id,
  userName: z.string().max(256).optional(),
  conversationId: id,
  threadId: z.string().max(256).optional(),
  text: z.unknown().optional(),
  action: z.string().max(300).optional(),
  locale: z.string().max(35).optional(),
  messageId: id,
});

/**
 * Dedup key of a user's message; agent actions use another prefix in the same table. The
 * conversation is part of it: channels number messages per conversation (a Slack `ts`, a Teams
 * activity id), so two conversations may send the same id.
 */
export function messageKey(channel: string, conversationId: string, messageId: string): string {
  return `msg\u0000${channel}\u0000${conversationId}\u0000${messageId}`;
}

/**
 * What to search before the transaction, if anything. The `[redacted]` placeholder is the bot's own word, not the
 * user's: searched, it would count as an unmatched word and lower the confidence.
 */
function searchFor(ctx: CoreContext, r: Route, text: string, c: Conversation | undefined) {
  const searchable = (t: string): string => t.split(REDACTED).join(' ');
  if (r.kind === 'question' || r.kind === 'queued-message')
    return { text: searchable(text), exclude: [] as string[] };
  const tried = c?.context.tried ?? [];
  if (r.kind === 'feedback' && !r.solved && c?.context.question) {
    // The other problems of the message have their own turn: not a next try for this one.
    const queued = (c.context.followUps ?? []).map((f) => f.articleId);
    return tried.length < ctx.config.conversation.maxArticlesTried
      ? { text: searchable(c.context.question), exclude: [...tried, ...queued] }
      : undefined;
  }
  return undefined;
}

/** After this long without a word, an employee with an open request is reminded of it. */
export const RECALL_AFTER_MS = 30 * 60 * 1000;

function isAway(c: Conversation, now: Date): boolean {
  const open = c.ticketId !== undefined && (c.state === 'escalated' || c.state === 'with-agent');
  return open && now.getTime() - Date.parse(c.updatedAt) >= RECALL_AFTER_MS;
}

function userLine(text: string, action: string | undefined): string {
  if (action === undefined) return text;
  return `(pressed ${action.replace(/[^\w:.-]/g, '').slice(0, 130)})${text ? ` ${text}` : ''}`;
}

function execute(
  turn: Turn,
  r: Route,
  text: string,
  topicStart: number,
  decision: RetrievalDecision | undefined,
) {
  switch (r.kind) {
    case 'empty':
      if (turn.conversation.state !== 'with-agent') askForText(turn);
      return;
    case 'secret-only':
      // The warning is the answer; text that only looked redacted gets the usual prompt.
      if (turn.replies.length === 0) askForText(turn);
      return;
    case 'relay':
      return relayToAgent(turn, text);
    case 'queued-message':
      return messageWhileQueued(turn, text, decision);
    case 'ticket-add':
      return addPendingToTicket(turn);
    case 'recall':
      return recallRequest(turn);
    case 'rating-again':
      return rateAgain(turn);
    case 'show-part':
      return showPart(turn, r.articleId, r.index);
    case 'area':
      return pickArea(turn, r.areaId);
    case 'foreign':
      return foreign(turn);
    case 'cancel-ticket':
      return cancelTicket(turn);
    case 'handoff':
      return requestPerson(turn, text || undefined);
    case 'cancel':
      return cancel(turn);
    case 'greeting':
      return greet(turn);
    case 'thanks':
      return thank(turn);
    case 'same-problem':
      return sameProblem(turn);
    case 'feedback':
      return takeFeedback(turn, r.solved, decision);
    case 'pick':
      return pickOption(turn, r.articleId, topicStart);
    case 'rating':
      return rate(turn, r.score);
    case 'stale':
      return staleAction(turn);
    case 'question':
      return answerQuestion(turn, text, topicStart, decision, r.frustrated);
  }
}

/**
 * THE inbound port: one message (or button press) from any channel in, the replies to show out.
 * Each message id is processed once (a retry returns no replies); user text is cleaned and
 * secrets are redacted before anything is stored, searched or relayed; every write of the turn
 * commits in one transaction; proactive deliveries (queue, relays, pages) go through the outbox.
 * Throws only `BAD_INPUT` for an envelope without ids; user text never makes it throw.
 */
export async function handleMessage(ctx: CoreContext, incoming: IncomingMessage): Promise<Reply[]> {
  const started = performance.now();
  const msg = parseInput(incomingSchema, incoming, 'incoming message');
  const key = conversationKey({ channel: msg.channel, externalId: msg.conversationId, userId: msg.userId });
  const { replies, outcome } = await ctx.locks.run(key, async () => {
    try {
      return await processMessage(ctx, msg);
    } catch (error) {
      ctx.logger.error(
        { err: errorMessage(error), channel: msg.channel, messageId: msg.messageId },
        'turn failed',
      );
      const existing = ctx.stores.conversations.find(msg.channel, msg.conversationId, msg.userId);
      const lang = existing?.lang ?? ctx.config.kb.defaultLang;
      const notice: Reply = { type: 'notice', code: 'error', level: 'warning', text: messages(lang).error };
      return { replies: [notice], outcome: 'error' };
    }
  });
  ctx.metrics?.turn(msg.channel, outcome, (performance.now() - started) / 1000);
  // Proactive deliveries the turn caused go out in the background: its own replies never wait.
  ctx.dispatcher.kick();
  return replies;
}

/**
 * The channel's word on a turn's replies: shown (`delivered`), or not (sending failed, the
 * connection dropped). Replies not shown go out again through the outbox, retried until the
 * channel takes them, so a failure after the commit loses nothing and a retry of the same message
 * (deduplicated) does not answer twice. Unknown or already settled messages are ignored.
 */
export function reportReplies(
  ctx: CoreContext,
  ref: Pick<IncomingMessage, 'channel' | 'conversationId' | 'messageId'>,
  delivered: boolean,
): void {
  const key = messageKey(ref.channel, ref.conversationId, ref.messageId);
  requeueOrSettle(ctx, key, delivered);
  if (!delivered) ctx.dispatcher.kick();
}

function requeueOrSettle(ctx: CoreContext, key: string, delivered: boolean): void {
  const { conversations, outbox } = ctx.stores;
  ctx.stores.transaction(() => {
    const kept = conversations.unconfirmedReplies(key);
    if (!kept) return;
    if (delivered || kept.replies.length === 0) {
      conversations.settleReplies(key, 'sent');
      return;
    }
    // The key is msg, channel, conversation, message id (which may itself hold the separator).
    const inReplyTo = key.split('\u0000').slice(3).join('\u0000');
    outbox.enqueue({ kind: 'user', target: kept.target, replies: kept.replies, inReplyTo }, ctx.clock.now());
    conversations.settleReplies(key, 'requeued');
  });
}

/**
 * At start-up, before any message is taken: replies a previous process returned but never saw
 * confirmed (it was killed while sending) go out through the outbox. Returns how many turns.
 */
export function recoverUnconfirmedReplies(ctx: CoreContext): number {
  const keys = ctx.stores.conversations.allUnconfirmed();
  for (const key of keys) requeueOrSettle(ctx, key, false);
  return keys.length;
}

async function processMessage(
  ctx: CoreContext,
  msg: Omit<IncomingMessage, 'text'> & { text?: unknown },
): Promise<{ replies: Reply[]; outcome: string }> {
  const { conversations } = ctx.stores;
  const dedup = messageKey(msg.channel, msg.conversationId, msg.messageId);
  const duplicate = { replies: [] as Reply[], outcome: 'duplicate' };
  if (conversations.isProcessed(dedup)) return duplicate;
  const clean = cleanUserText(msg.text, ctx.config.conversation.maxMessageChars);
  const action: ParsedAction | undefined = msg.action === undefined ? undefined : parseAction(msg.action);
  const existing = conversations.find(msg.channel, msg.conversationId, msg.userId);
  let lang =
    action && existing
      ? existing.lang
      : chooseLang(clean.text, msg.locale, existing?.lang, ctx.config.kb.defaultLang);
  const plan = route(existing, clean.text, action, ctx.clock.now());

  let decision: RetrievalDecision | undefined;
  const query = searchFor(ctx, plan, clean.text, existing);
  if (query?.text) {
    try {
      // Search may assume the conversation's language, else the client's; a new conversation's
      // guess from the message itself is no hint: Latin letters alone always read as English.
      const known = action ? lang : (existing?.lang ?? localeLang(msg.locale));
      const hint = known ?? (isCyrillic(clean.text) ? lang : undefined);
      decision = await ctx.retriever.search(query.text, { lang: hint, exclude: query.exclude });
      // Russian typed in Latin letters ("zabyl parol"): a new conversation takes the language
      // search read; a running one switches on a Russian little word typed in Latin ("kak", "ne").
      const latinOnly = !isCyrillic(clean.text);
      const switches = existing === undefined || hasRussianStopWordInLatin(clean.text);
      if (!action && latinOnly && switches && decision.lang !== lang) lang = decision.lang;
      // Each message in its own language: Latin text with no English word that the English
      // articles do not answer is tried as Russian typed in Latin ("zabyl parol").
      if (
        !action &&
        latinOnly &&
        lang === 'en' &&
        decision.kind !== 'answer' &&
        !hasEnglishWord(clean.text)
      ) {
        const russian = await ctx.retriever.search(query.text, { lang: 'ru', exclude: query.exclude });
        if (russian.kind === 'answer' && russian.lang === 'ru') {
          decision = russian;
          lang = 'ru';
        }
      }
    } catch (error) {
      ctx.logger.error({ err: errorMessage(error) }, 'retrieval failed');
    }
  }

  const now = ctx.clock.now();
  return ctx.stores.transaction(() => {
    if (!conversations.markProcessed(dedup, now)) return duplicate;
    let conv: Conversation;
    if (existing) {
      conv = {
        ...existing,
        lang,
        userName: msg.userName ?? existing.userName,
        threadId: msg.threadId ?? existing.threadId,
      };
    } else {
      conv = {
        id: ctx.ids.next('C-'),
        channel: msg.channel,
        externalId: msg.conversationId,
        userId: msg.userId,
        userName: msg.userName,
        threadId: msg.threadId,
        lang,
        state: 'bot',
        context: {},
        ticketId: undefined,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      conversations.insert(conv);
    }
    const entry = conversations.append({
      conversationId: conv.id,
      at: now.toISOString(),
      author: 'user',
      authorId: conv.userId,
      authorName: conv.userName,
      text: userLine(clean.text, msg.action),
      ticketId: conv.ticketId,
    });
    const turn = new Turn(ctx, conv, now);
    if (existing && isAway(existing, now) && !['recall', 'handoff', 'cancel-ticket'].includes(plan.kind)) {
      recallRequest(turn);
    }
    if (clean.secrets.length > 0) turn.notice('secret-redacted', turn.t.secretWarning, 'warning');
    if (clean.truncated) turn.notice('truncated', turn.t.truncated(ctx.config.conversation.maxMessageChars));
    execute(turn, plan, clean.text, entry.seq, decision);
    turn.save();
    conversations.keepReplies(dedup, targetOf(turn.conversation), turn.replies);
    const outcome = plan.kind === 'question' ? (decision?.kind ?? 'decline') : plan.kind;
    return { replies: turn.replies, outcome };
  });
}
