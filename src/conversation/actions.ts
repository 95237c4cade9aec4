import { isArticleId } from '../kb/parse-article.js';
import type { Choice } from './types.js';

/**
 * Stable ids of the buttons the bot offers. Adapters put them on Slack buttons, Teams card
 * actions or web buttons and send them back verbatim as `IncomingMessage.action`, so a press is
 * just another inbound event. Ids are part of the adapters' contract: do not rename them.
 */
export const ActionIds = {
  feedbackYes: 'feedback:yes',
  feedbackNo: 'feedback:no',
  clarifyNone: 'clarify:none',
  clarify: (articleId: string) => `clarify:${articleId}`,
  handoffRequest: 'handoff:request',
  handoffCancel: 'handoff:cancel',
  rating: (score: number) => `rating:${score}`,
  /** Shows one section of an article (by its index): every answer offers the article's others. */
  section: (articleId: string, index: number) => `section:${articleId}:${index}`,
  /** Shows the whole article in the chat. */
  wholeArticle: (articleId: string) => `article:${articleId}`,
  /** Picks an area of IT after the bot asked what the problem is about. */
  area: (areaId: string) => `area:${areaId}`,
  /** Adds the question answered while a request was open to that request after all. */
  ticketAdd: 'ticket:add',
} as const;

/** A button press, parsed; `unknown` for ids that are malformed or from another version. */
/** The 1–5 rating buttons asked for when a ticket is resolved (the CSAT figure). */
export function ratingChoices(): Choice[] {
  return [1, 2, 3, 4, 5].map((n) => ({ id: ActionIds.rating(n), label: String(n) }));
}

export type ParsedAction =
  | { kind: 'feedback'; solved: boolean }
  | { kind: 'clarify'; articleId: string | undefined }
  | { kind: 'handoff-request' }
  | { kind: 'handoff-cancel' }
  | { kind: 'rating'; score: number }
  | { kind: 'section'; articleId: string; index: number }
  | { kind: 'whole-article'; articleId: string }
  | { kind: 'area'; areaId: string }
  | { kind: 'ticket-add' }
  | { kind: 'unknown' };

/** Parses an action id coming back from a channel; never throws on hostile input. */
export function parseAction(id: string): ParsedAction {
  const value = id.trim();
  if (value === ActionIds.feedbackYes) return { kind: 'feedback', solved: true };
  if (value === ActionIds.feedbackNo) return { kind: 'feedback', solved: false };
  if (value === ActionIds.handoffRequest) return { kind: 'handoff-request' };
  if (value === ActionIds.handoffCancel) return { kind: 'handoff-cancel' };
  if (value === ActionIds.clarifyNone) return { kind: 'clarify', articleId: undefined };
  if (value.startsWith('clarify:')) {
    const articleId = value.slice('clarify:'.length);
    return isArticleId(articleId) ? { kind: 'clarify', articleId } : { kind: 'unknown' };
  }
  if (value === ActionIds.ticketAdd) return { kind: 'ticket-add' };
  const section = /^section:([a-z0-9-]{1,120}):(\d{1,3})$/.exec(value);
  if (section?.[1] && section[2])
    return { kind: 'section', articleId: section[1], index: Number(section[2]) };
  const whole = /^article:([a-z0-9-]{1,120})$/.exec(value);
  if (whole?.[1]) return { kind: 'whole-article', articleId: whole[1] };
  const area = /^area:([a-z0-9-]{1,60})$/.exec(value);
  if (area?.[1]) return { kind: 'area', areaId: area[1] };
  const rating = /^rating:([1-5])$/.exec(value);
  if (rating) return { kind: 'rating', score: Number(rating[1]) };
  return { kind: 'unknown' };
}
