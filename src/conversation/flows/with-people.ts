import { announce } from '../../handoff/announce.js';
import { channelOf } from '../../channels/address.js';
import { escalate } from '../../handoff/escalate.js';
import { ratingChoices } from '../actions.js';
import type { Turn } from '../turn.js';

/**
 * The user's side of the handoff: asking for a person, writing while queued (added to the
 * ticket), writing while an agent handles it (relayed, the bot stays silent), cancelling.
 */

/** "I want a human" / the handoff button. */
export function requestPerson(turn: Turn, text: string | undefined): void {
  const { state, ticketId } = turn.conversation;
  if ((state === 'escalated' || state === 'with-agent') && ticketId) {
    turn.notice('queued', turn.t.alreadyQueued(ticketId), 'info', 'handoff');
    return;
  }
  escalate(turn, text);
}

/** While queued: the message is already in the ticket's transcript; the queue is told, the user too. */
export function addToTicket(turn: Turn, text: string): void {
  const { ctx } = turn;
  const ticketId = turn.conversation.ticketId;
  const ticket = ticketId ? ctx.stores.tickets.get(ticketId) : undefined;
  if (!ticket) return;
  if (text) announce(ctx, { type: 'user-message', ticket, text, at: turn.at }, turn.now);
  turn.notice('queued', turn.t.addedToTicket(ticket.id));
}

/** While an agent handles the ticket: relay to the agent, say nothing to the user. */
export function relayToAgent(turn: Turn, text: string): void {
  const { ctx } = turn;
  const ticket = turn.conversation.ticketId ? ctx.stores.tickets.get(turn.conversation.ticketId) : undefined;
  if (!ticket?.assigneeId) return;
  ctx.stores.outbox.enqueue(
    { kind: 'agent', agentId: ticket.assigneeId, event: { type: 'user-message', ticket, text, at: turn.at } },
    turn.now,
  );
  // The other channels' ticket views keep the whole conversation; the assignee's has it already.
  announce(ctx, { type: 'user-message', ticket, text, at: turn.at }, turn.now, channelOf(ticket.assigneeId));
}

/** The user withdraws the request (typed "cancel" while queued, or the cancel button). */
export function cancelTicket(turn: Turn): void {
  const { ctx } = turn;
  const conv = turn.conversation;
  const ticket = conv.ticketId ? ctx.stores.tickets.get(conv.ticketId) : undefined;
  if (!ticket || (ticket.status !== 'queued' && ticket.status !== 'claimed')) {
    turn.conversation = { ...conv, state: 'bot', ticketId: undefined };
    turn.notice('stale-action', turn.t.staleAction);
    return;
  }
  const last = ctx.stores.conversations.transcript(conv.id, { limit: 1 })[0];
  const closed = { ...ticket, status: 'cancelled' as const, closedAt: turn.at, transcriptTo: last?.seq };
  ctx.stores.tickets.update(closed);
  if (ticket.status === 'claimed' && ticket.assigneeId) {
    ctx.stores.outbox.enqueue(
      {
        kind: 'agent',
        agentId: ticket.assigneeId,
        event: { type: 'user-left', ticket: closed, at: turn.at },
      },
      turn.now,
    );
  }
  announce(ctx, { type: 'ticket-cancelled', ticket: closed }, turn.now);
  ctx.stores.audit.record({
    at: turn.at,
    actor: conv.userId,
    role: 'user',
    action: 'ticket.cancel',
    ticketId: ticket.id,
    conversationId: conv.id,
    outcome: 'ok',
  });
  turn.notice('ticket-cancelled', turn.t.ticketCancelled(ticket.id));
  turn.conversation = { ...turn.conversation, state: 'bot', ticketId: undefined, context: {} };
}

/** The 1-5 rating after an agent resolved the ticket. */
export function rate(turn: Turn, score: number): void {
  const { ctx } = turn;
  const ticketId = turn.conversation.context.ratingTicketId;
  const ticket = ticketId ? ctx.stores.tickets.get(ticketId) : undefined;
  const context = { ...turn.conversation.context };
  delete context.ratingTicketId;
  delete context.ratingReasked;
  turn.conversation = { ...turn.conversation, context };
  if (!ticket) {
    turn.notice('stale-action', turn.t.staleAction);
    return;
  }
  ctx.stores.tickets.update({ ...ticket, rating: score });
  ctx.stores.audit.record({
    at: turn.at,
    actor: turn.conversation.userId,
    role: 'user',
    action: 'ticket.rate',
    ticketId: ticket.id,
    conversationId: turn.conversation.id,
    outcome: 'ok',
    details: { rating: score },
  });
  turn.text(turn.t.ratingThanks);
}

/** Something other than a rating while one is awaited: asked once more, then the bot moves on. */
export function rateAgain(turn: Turn): void {
  turn.conversation = {
    ...turn.conversation,
    context: { ...turn.conversation.context, ratingReasked: true },
  };
  turn.choices(turn.t.ratingAgain, ratingChoices(), 'small-talk');
}
