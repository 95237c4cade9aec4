import type { CoreContext } from '../conversation/context.js';
import { announce } from './announce.js';
import type { Delivery } from './ports.js';

/** Who the note on an undeliverable ticket is from. */
const SYSTEM = { id: 'system', name: 'Helpdesk Bot' } as const;

/**
 * A message to an employee was given up (their channel refused it for good, e.g. the bot was
 * removed from the chat, or every retry failed): when the employee has a ticket open, the agents
 * are told on the ticket, with an internal note and a queue event, so nobody waits for an answer
 * that cannot arrive.
 */
export function reportUndeliverable(ctx: CoreContext, delivery: Delivery, reason: string): void {
  if (delivery.kind !== 'user') return;
  const { target } = delivery;
  const conversation = ctx.stores.conversations.find(target.channel, target.conversationId, target.userId);
  const ticket = conversation?.ticketId ? ctx.stores.tickets.get(conversation.ticketId) : undefined;
  if (!ticket || (ticket.status !== 'queued' && ticket.status !== 'claimed')) {
    ctx.logger.warn(
      { channel: target.channel, reason },
      'a message to an employee without an open ticket was given up',
    );
    return;
  }
  const now = ctx.clock.now();
  const text =
    `The employee could not be reached on ${target.channel}: ${reason.slice(0, 300)}. ` +
    'Messages to them are not arriving; reach them another way.';
  ctx.stores.transaction(() => {
    ctx.stores.tickets.addNote({
      ticketId: ticket.id,
      at: now.toISOString(),
      agentId: SYSTEM.id,
      agentName: SYSTEM.name,
      kind: 'note',
      text,
    });
    announce(ctx, { type: 'note-added', ticket, by: SYSTEM.id, byName: SYSTEM.name, text }, now);
    ctx.stores.audit.record({
      at: now.toISOString(),
      actor: SYSTEM.id,
      role: 'system',
      action: 'ticket.undeliverable',
      ticketId: ticket.id,
      conversationId: ticket.conversationId,
      outcome: 'ok',
      details: { channel: target.channel, reason: reason.slice(0, 300) },
    });
  });
}
