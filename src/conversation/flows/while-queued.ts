import type { RetrievalDecision } from '../../retrieval/types.js';
import { STATUS_WORDS } from '../../handoff/agent-result-text.js';
import { ActionIds } from '../actions.js';
import { renderSection } from '../render.js';
import { chooseSection } from '../sections.js';
import { similarity } from '../similarity.js';
import type { Turn } from '../turn.js';
import { addToTicket } from './with-people.js';
import { sameProblemAs } from './feedback.js';

/**
 * While a request waits for a person the employee may ask something else. A new question the
 * knowledge base answers, unrelated to the request, is answered at once and "Add it to my
 * request" offered, rather than silently appended to a ticket about something else.
 */

/** Below this likeness to the request's subject a message may be a new question. */
const RELATED_SIMILARITY = 0.35;

function unrelatedAnswer(turn: Turn, text: string, decision: RetrievalDecision | undefined) {
  const ticketId = turn.conversation.ticketId;
  const ticket = ticketId ? turn.ctx.stores.tickets.get(ticketId) : undefined;
  const top = decision?.kind === 'answer' ? decision.candidates[0] : undefined;
  const article = top ? turn.ctx.articles.getArticle(top.articleId) : undefined;
  if (!ticket || !top || !article) return undefined;
  if (ticket.articlesTried.includes(article.id)) return undefined;
  if (similarity(text, ticket.subject) >= RELATED_SIMILARITY) return undefined;
  const tried = ticket.articlesTried.map((id) => turn.ctx.articles.getArticle(id));
  if (tried.some((a) => a && sameProblemAs(turn, a)(article.id))) return undefined;
  return { ticket, article, sectionId: top.sectionId };
}

/** A message while queued: a new question is answered with the offer to add it; else it is added. */
export function messageWhileQueued(turn: Turn, text: string, decision: RetrievalDecision | undefined): void {
  const found = unrelatedAnswer(turn, text, decision);
  if (!found) {
    addToTicket(turn, text);
    return;
  }
  const { ticket, article } = found;
  const section = chooseSection(article, text, found.sectionId);
  if (section) turn.say(renderSection(article, section, turn.ctx.config.kb.baseUrl));
  turn.conversation = { ...turn.conversation, context: { ...turn.conversation.context, pendingAdd: text } };
  turn.choices(
    turn.t.addToTicketPrompt(ticket.id),
    [
      { id: ActionIds.ticketAdd, label: turn.t.addToTicketButton(ticket.id) },
      { id: ActionIds.handoffCancel, label: turn.t.cancelRequest },
    ],
    'answer',
  );
}

/** "Add it to my request": the question answered while queued goes to the ticket after all. */
export function addPendingToTicket(turn: Turn): void {
  const text = turn.conversation.context.pendingAdd ?? '';
  const context = { ...turn.conversation.context };
  delete context.pendingAdd;
  turn.conversation = { ...turn.conversation, context };
  addToTicket(turn, text);
}

/** The open request, recalled when the employee comes back (or greets while it is open). */
export function recallRequest(turn: Turn): void {
  const ticketId = turn.conversation.ticketId;
  const ticket = ticketId ? turn.ctx.stores.tickets.get(ticketId) : undefined;
  if (!ticket) return;
  const agent = ticket.status === 'claimed' ? (ticket.assigneeName ?? ticket.assigneeId) : undefined;
  turn.notice('queued', turn.t.openRequest(ticket.id, agent));
  turn.ctx.logger.debug({ ticketId: ticket.id, status: STATUS_WORDS[ticket.status] }, 'request recalled');
}
