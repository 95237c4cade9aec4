import type { CoreContext } from '../conversation/context.js';
import { messages } from '../conversation/messages.js';
import { tellUser } from '../conversation/turn.js';
import { announce } from './announce.js';
import type { FlushResult } from './dispatch.js';
import type { Ticket } from './types.js';

/** Processed message ids older than this are forgotten; channels retry within minutes. */
export const DEDUP_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Delivered outbox rows are kept this long (for looking into a complaint), then pruned. */
export const DELIVERED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** What one sweep did, for logs and tests. */
export interface SweepResult extends FlushResult {
  /** Tickets whose SLA breach was announced by this sweep. */
  announced: string[];
  /** Claimed tickets put back in the queue because their agent is no longer one. */
  requeued: string[];
}

/** Audit row of something the sweep did on its own. */
function auditBySystem(
  ctx: CoreContext,
  now: Date,
  action: string,
  ticket: Ticket,
  details: Record<string, unknown>,
): void {
  ctx.stores.audit.record({
    at: now.toISOString(),
    actor: 'system',
    role: 'system',
    action,
    ticketId: ticket.id,
    conversationId: ticket.conversationId,
    outcome: 'ok',
    details,
  });
}

/**
 * Puts back in the queue every claimed ticket whose agent was removed from TIER2_AGENTS and
 * TIER3_AGENTS: nobody else may act on a claimed ticket, so it would stay stuck and its user
 * unanswered. The SLA clock is the ticket's own, so an overdue one is announced right after.
 */
function requeueOrphans(ctx: CoreContext, now: Date): string[] {
  const ids: string[] = [];
  for (const ticket of ctx.stores.tickets.claimed()) {
    if (ticket.assigneeId !== undefined && ctx.directory.roleOf(ticket.assigneeId) !== undefined) continue;
    const requeued = { ...ticket, status: 'queued' as const, assigneeId: undefined, assigneeName: undefined };
    ctx.stores.tickets.update(requeued);
    const conv = ctx.stores.conversations.get(ticket.conversationId);
    if (conv) {
      const saved = { ...conv, state: 'escalated' as const, updatedAt: now.toISOString() };
      ctx.stores.conversations.update(saved);
      tellUser(
        ctx,
        saved,
        [
          {
            type: 'notice',
            code: 'queued',
            level: 'info',
            text: messages(saved.lang).backInQueue(ticket.id),
          },
        ],
        now,
      );
    }
    announce(ctx, { type: 'ticket-requeued', ticket: requeued, by: 'system' }, now);
    auditBySystem(ctx, now, 'ticket.requeue', ticket, {
      formerAssignee: ticket.assigneeId,
      reason: 'no longer an agent',
    });
    ids.push(ticket.id);
  }
  return ids;
}

/**
 * The periodic job (a timer in production, called directly in tests with a ManualClock): announces
 * each unclaimed ticket past its SLA to the queue once per breach (persisted, so a restart does not
 * repeat it), pages on-call for high priority ones, requeues tickets whose agent is gone, prunes
 * old dedup ids, and retries deliveries.
 */
export async function sweep(ctx: CoreContext): Promise<SweepResult> {
  const now = ctx.clock.now();
  const requeued = ctx.stores.transaction(() => requeueOrphans(ctx, now));
  const announced = ctx.stores.transaction(() => {
    const ids: string[] = [];
    for (const ticket of ctx.stores.tickets.overdue(now)) {
      const marked = { ...ticket, slaAnnouncedFor: ticket.slaDueAt };
      ctx.stores.tickets.update(marked);
      const overdueMinutes = Math.max(0, Math.round((now.getTime() - Date.parse(ticket.slaDueAt)) / 60_000));
      announce(ctx, { type: 'sla-breached', ticket: marked, overdueMinutes }, now);
      const onCall = ctx.config.handoff.onCallTarget;
      if (ticket.priority === 'high' && onCall) {
        ctx.stores.outbox.enqueue(
          { kind: 'on-call', target: onCall, page: { reason: 'sla-breached', ticket: marked } },
          now,
        );
      }
      auditBySystem(ctx, now, 'ticket.sla-breach', ticket, {
        slaDueAt: ticket.slaDueAt,
        priority: ticket.priority,
        tier: ticket.tier,
      });
      ids.push(ticket.id);
    }
    ctx.stores.conversations.pruneProcessed(new Date(now.getTime() - DEDUP_RETENTION_MS));
    ctx.stores.outbox.pruneDelivered(new Date(now.getTime() - DELIVERED_RETENTION_MS));
    return ids;
  });
  const flushed = await ctx.dispatcher.flush();
  return { announced, requeued, ...flushed };
}
