import type { CoreContext } from '../conversation/context.js';
import type { FlushResult } from './dispatch.js';

/** Processed message ids older than this are forgotten; channels retry within minutes. */
export const DEDUP_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** What one sweep did, for logs and tests. */
export interface SweepResult extends FlushResult {
  /** Tickets whose SLA breach was announced by this sweep. */
  announced: string[];
}

/**
 * The periodic job (a timer in production, called directly in tests with a ManualClock): announces
 * each unclaimed ticket past its SLA to the queue once per breach (persisted, so a restart does not
 * repeat it), pages on-call for high priority ones, prunes old dedup ids, and retries deliveries.
 */
export async function sweep(ctx: CoreContext): Promise<SweepResult> {
  const now = ctx.clock.now();
  const announced = ctx.stores.transaction(() => {
    const ids: string[] = [];
    for (const ticket of ctx.stores.tickets.overdue(now)) {
      const marked = { ...ticket, slaAnnouncedFor: ticket.slaDueAt };
      ctx.stores.tickets.update(marked);
      const overdueMinutes = Math.max(0, Math.round((now.getTime() - Date.parse(ticket.slaDueAt)) / 60_000));
      ctx.stores.outbox.enqueue(
        { kind: 'queue', event: { type: 'sla-breached', ticket: marked, overdueMinutes } },
        now,
      );
      const onCall = ctx.config.handoff.onCallTarget;
      if (ticket.priority === 'high' && onCall) {
        ctx.stores.outbox.enqueue(
          { kind: 'on-call', target: onCall, page: { reason: 'sla-breached', ticket: marked } },
          now,
        );
      }
      ctx.stores.audit.record({
        at: now.toISOString(),
        actor: 'system',
        role: 'system',
        action: 'ticket.sla-breach',
        ticketId: ticket.id,
        conversationId: ticket.conversationId,
        outcome: 'ok',
        details: { slaDueAt: ticket.slaDueAt, priority: ticket.priority, tier: ticket.tier },
      });
      ids.push(ticket.id);
    }
    ctx.stores.conversations.pruneProcessed(new Date(now.getTime() - DEDUP_RETENTION_MS));
    return ids;
  });
  const flushed = await ctx.dispatcher.flush();
  return { announced, ...flushed };
}
