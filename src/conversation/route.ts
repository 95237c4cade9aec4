import type { ParsedAction } from './actions.js';
import { foreignLanguage } from '../text/lang.js';
import { detectFeedback, detectIntent, detectNumber, detectRating } from './intents.js';
import { REDACTED } from './secrets.js';
import { similarity } from './similarity.js';
import type { Conversation } from './types.js';

/** What to do with one inbound event, decided from the conversation state and the event alone. */
export type Route =
  | { kind: 'empty' }
  | { kind: 'secret-only' }
  | { kind: 'relay' }
  | { kind: 'queued-message' }
  | { kind: 'cancel-ticket' }
  | { kind: 'handoff' }
  | { kind: 'cancel' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'same-problem' }
  | { kind: 'feedback'; solved: boolean }
  | { kind: 'pick'; articleId: string | undefined }
  | { kind: 'rating'; score: number }
  | { kind: 'rating-again' }
  | { kind: 'show-part'; articleId: string; index: number | undefined }
  | { kind: 'area'; areaId: string }
  | { kind: 'ticket-add' }
  | { kind: 'recall' }
  | { kind: 'foreign' }
  | { kind: 'stale' }
  | { kind: 'question'; frustrated: boolean };

/** How long after an answer a near-identical message counts as "the same problem again". */
export const SAME_PROBLEM_WINDOW_MS = 24 * 60 * 60 * 1000;
const SAME_PROBLEM_SIMILARITY = 0.6;

function isSameProblem(c: Conversation, text: string, now: Date): boolean {
  const { question, answeredAt } = c.context;
  if (!question || !answeredAt) return false;
  if (c.state !== 'awaiting-feedback' && c.state !== 'resolved') return false;
  if (now.getTime() - Date.parse(answeredAt) > SAME_PROBLEM_WINDOW_MS) return false;
  return similarity(text, question) >= SAME_PROBLEM_SIMILARITY;
}

function routeAction(c: Conversation | undefined, action: ParsedAction): Route {
  const state = c?.state ?? 'bot';
  // Queued or with an agent: the bot's own buttons no longer apply.
  const withPeople = state === 'escalated' || state === 'with-agent';
  switch (action.kind) {
    case 'feedback':
      return state === 'awaiting-feedback' ? { kind: 'feedback', solved: action.solved } : { kind: 'stale' };
    case 'clarify': {
      if (state !== 'clarifying') return { kind: 'stale' };
      const offered = c?.context.options?.some((o) => o.articleId === action.articleId);
      return action.articleId === undefined || offered
        ? { kind: 'pick', articleId: action.articleId }
        : { kind: 'stale' };
    }
    case 'handoff-request':
      return { kind: 'handoff' };
    case 'handoff-cancel':
      return withPeople ? { kind: 'cancel-ticket' } : { kind: 'stale' };
    case 'rating':
      return c?.context.ratingTicketId ? { kind: 'rating', score: action.score } : { kind: 'stale' };
    case 'section':
    case 'whole-article':
      if (withPeople) return { kind: 'stale' };
      return {
        kind: 'show-part',
        articleId: action.articleId,
        index: action.kind === 'section' ? action.index : undefined,
      };
    case 'area':
      return withPeople ? { kind: 'stale' } : { kind: 'area', areaId: action.areaId };
    case 'ticket-add':
      return state === 'escalated' && c?.context.pendingAdd ? { kind: 'ticket-add' } : { kind: 'stale' };
    case 'unknown':
      return { kind: 'stale' };
  }
}

/**
 * Decides what a message means: while a person handles the ticket everything is relayed; while
 * queued, only "cancel" and "a person, please" are understood; otherwise typed answers to the bot's own question come
 * first, then small talk, then frustration, and anything else is a question for the KB.
 */
export function route(
  c: Conversation | undefined,
  text: string,
  action: ParsedAction | undefined,
  now: Date,
): Route {
  if (action) return routeAction(c, action);
  const state = c?.state ?? 'bot';
  if (state === 'with-agent') return text === '' ? { kind: 'empty' } : { kind: 'relay' };
  if (text === '') return { kind: 'empty' };
  const intent = detectIntent(text);
  if (state === 'escalated') {
    if (intent === 'cancel') return { kind: 'cancel-ticket' };
    if (intent === 'greeting') return { kind: 'recall' };
    return intent === 'human' ? { kind: 'handoff' } : { kind: 'queued-message' };
  }
  if (c?.context.ratingTicketId) {
    // "5", "five", "пять", "5 stars", "⭐⭐⭐⭐⭐"; anything else has the rating asked once more.
    const score = detectRating(text);
    if (score !== undefined) return { kind: 'rating', score };
    if (!c.context.ratingReasked) return { kind: 'rating-again' };
  }
  if (!/[\p{L}\p{N}]/u.test(text.split(REDACTED).join(' '))) return { kind: 'secret-only' };
  if (state === 'awaiting-feedback') {
    const solved = detectFeedback(text);
    if (solved !== undefined) return { kind: 'feedback', solved };
  }
  if (state === 'clarifying') {
    const options = c?.context.options ?? [];
    const n = detectNumber(text, options.length);
    if (n !== undefined) return { kind: 'pick', articleId: options[n - 1]?.articleId };
    // One option is asked as "Is this your problem?": a typed yes picks it, a typed no is "No, something else".
    const only = options.length === 1 ? options[0] : undefined;
    const yes = only ? detectFeedback(text) : undefined;
    if (only && yes !== undefined) return { kind: 'pick', articleId: yes ? only.articleId : undefined };
  }
  switch (intent) {
    case 'human':
      return { kind: 'handoff' };
    case 'cancel':
      return { kind: 'cancel' };
    case 'greeting':
      return { kind: 'greeting' };
    case 'thanks':
      return { kind: 'thanks' };
    default:
      break;
  }
  if (c && isSameProblem(c, text, now)) return { kind: 'same-problem' };
  if (foreignLanguage(text) !== undefined) return { kind: 'foreign' };
  return { kind: 'question', frustrated: intent === 'angry' };
}
