import { ratingChoices } from '../../conversation/actions.js';
import { ErrorCodes, HelpdeskError } from '../../errors.js';
import type { AgentResult } from '../agent-action.js';
import { announce } from '../announce.js';
import type { Ticket } from '../types.js';
import { closeAndRelease as close } from './close.js';
import { audit, loadOwnTicket, optionalAgentText, type ActionOf, type AgentCall } from './common.js';

/** The `articleId` that marks "no article solved it": a content gap. */
export const NO_ARTICLE = 'none';

/**
 * Closes the ticket as solved and asks the user for a 1-5 rating (the CSAT figure). With an
 * `articleId`, records which article solved it (or `none`: a content gap), in the same
 * transaction, so the bot can learn the employee's wording for that article.
 */
export function resolve(call: AgentCall<ActionOf<'resolve'>>): AgentResult {
  const ticket = loadOwnTicket(call);
  const articleId = call.action.articleId;
  if (articleId !== undefined && articleId !== NO_ARTICLE && !call.ctx.articles.getArticle(articleId)) {
    throw new HelpdeskError(ErrorCodes.BAD_INPUT, `No article ${articleId} in the knowledge base`, {
      details: { articleId },
    });
  }
  const closed = closeAndRelease(call, ticket);
  if (articleId !== undefined) recordLink(call, closed, articleId);
  announce(call.ctx, { type: 'ticket-resolved', ticket: closed, by: call.action.agentId }, call.now);
  audit(call, 'ticket.resolve', closed, articleId === undefined ? undefined : { articleId });
  return { kind: 'done', ticket: closed };
}

function closeAndRelease(call: AgentCall<ActionOf<'resolve'>>, ticket: Ticket): Ticket {
  return close(call, ticket, {
    status: 'resolved',
    note: optionalAgentText(call, call.action.note),
    noteKind: 'resolution',
    tell: (t) => [
      {
        type: 'notice',
        code: 'ticket-resolved',
        level: 'info',
        text: t.resolvedByAgent(ticket.id, call.agentName),
      },
      {
        type: 'choices',
        prompt: t.ratingPrompt,
        choices: ratingChoices(),
      },
    ],
    state: 'resolved',
    context: { ratingTicketId: ticket.id },
  });
}

function recordLink(call: AgentCall<ActionOf<'resolve'>>, ticket: Ticket, articleId: string): void {
  const gap = articleId === NO_ARTICLE;
  // A cut subject ("…") or none at all is no phrasing to suggest; a gap keeps it for its count.
  const whole = !ticket.subject.endsWith('…') && ticket.subject !== '(no description)';
  call.ctx.learning?.recordResolution({
    ticketId: ticket.id,
    articleId: gap ? undefined : articleId,
    question: gap || whole ? ticket.subject : '',
    lang: ticket.lang,
    channel: ticket.channel,
    agentId: call.action.agentId,
    at: call.now.toISOString(),
  });
}
