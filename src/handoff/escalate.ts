import { currentQuestion, setOutcome } from '../conversation/questions.js';
import type { Turn } from '../conversation/turn.js';
import { formatHours, formatMoment, isOpen, nextOpening } from './business-hours.js';
import { announce } from './announce.js';
import { assessPriority } from './priority.js';
import { slaDueAt } from './sla.js';
import type { Ticket } from './types.js';

/** Transcript lines sent with a new ticket to the queue channel. */
export const QUEUE_TRANSCRIPT_LINES = 40;
const SUBJECT_CHARS = 200;

function subjectOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUBJECT_CHARS ? `${line.slice(0, SUBJECT_CHARS - 1)}…` : line || '(no description)';
}

/**
 * Hands the conversation to people: creates the ticket (priority from the rules, SLA from
 * business hours), queues it, tells the Tier 2 queue through the outbox, pages on-call for a high
 * priority out of hours, and tells the user what happens next, all in the turn's transaction.
 */
export function escalate(turn: Turn, currentText: string | undefined): Ticket {
  const { ctx } = turn;
  const conv = turn.conversation;
  const now = turn.now;
  // A question already closed (the user confirmed the answer) is not what this ticket is about:
  // it keeps its outcome, and the ticket is about the new request.
  const current = currentQuestion(turn);
  const question = current?.closedAt === undefined ? current : undefined;
  const context = conv.context;
  const tried = question ? (context.tried ?? []) : [];
  const questionText = question ? context.question : undefined;
  const recent = ctx.stores.conversations.transcript(conv.id, { limit: QUEUE_TRANSCRIPT_LINES });
  const topicStart = question ? (context.topicStart ?? 0) : 0;
  const from = Math.max(topicStart, recent[0]?.seq ?? 0);
  const userTexts = recent.filter((e) => e.author === 'user' && e.seq >= from).map((e) => e.text);
  const articleTags = tried.flatMap((id) => ctx.articles.getArticle(id)?.tags ?? []);
  const assessed = assessPriority([...userTexts, questionText ?? '', currentText ?? ''], articleTags);
  const open = isOpen(ctx.hours, now);

  const ticket: Ticket = {
    id: ctx.ids.next('T-'),
    conversationId: conv.id,
    questionId: question?.id,
    userId: conv.userId,
    userName: conv.userName,
    channel: conv.channel,
    lang: conv.lang,
    subject: subjectOf(questionText ?? currentText ?? userTexts[userTexts.length - 1] ?? ''),
    status: 'queued',
    tier: 2,
    priority: assessed.priority,
    tags: [...new Set([...articleTags, ...assessed.matched])],
    articlesTried: tried,
    assigneeId: undefined,
    assigneeName: undefined,
    createdAt: turn.at,
    queuedAt: turn.at,
    slaDueAt: slaDueAt(assessed.priority, now, ctx.hours, ctx.config.handoff.slaMinutes).toISOString(),
    slaAnnouncedFor: undefined,
    firstClaimedAt: undefined,
    closedAt: undefined,
    rating: undefined,
    transcriptFrom: from,
    transcriptTo: undefined,
    outOfHours: !open,
  };
  ctx.stores.tickets.insert(ticket);
  if (question) setOutcome(turn, 'escalated');
  const nextContext = { ...context };
  delete nextContext.options;
  turn.conversation = { ...conv, state: 'escalated', ticketId: ticket.id, context: nextContext };

  const transcript = ctx.stores.conversations.transcript(conv.id, { from, limit: QUEUE_TRANSCRIPT_LINES });
  announce(ctx, { type: 'ticket-created', ticket, transcript }, now);
  ctx.stores.audit.record({
    at: turn.at,
    actor: conv.userId,
    role: 'user',
    action: 'ticket.create',
    ticketId: ticket.id,
    conversationId: conv.id,
    outcome: 'ok',
    details: { priority: ticket.priority, tags: ticket.tags, outOfHours: !open },
  });

  ctx.logger.info({ ticketId: ticket.id, priority: ticket.priority, outOfHours: !open }, 'ticket created');
  turn.notice(
    'queued',
    turn.t.queued(ticket.id, ctx.stores.tickets.queuePosition(ticket)),
    'info',
    'handoff',
  );
  if (!open) {
    const opening = formatMoment(nextOpening(ctx.hours, now), ctx.hours.timeZone, turn.lang);
    turn.notice('out-of-hours', turn.t.outOfHours(formatHours(ctx.hours, turn.lang), opening));
    const onCall = ctx.config.handoff.onCallTarget;
    if (ticket.priority === 'high') {
      if (onCall) {
        ctx.stores.outbox.enqueue(
          { kind: 'on-call', target: onCall, page: { reason: 'high-priority-out-of-hours', ticket } },
          now,
        );
        turn.notice('on-call-paged', turn.t.onCallPaged);
      } else {
        ctx.logger.warn(
          { ticketId: ticket.id },
          'high-priority ticket out of hours but ONCALL_TARGET is not set',
        );
      }
    }
  }
  return ticket;
}
