import type { Clock } from '../clock.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChannelNotifier, Delivery, Outbox } from './ports.js';

/** Attempts before a delivery is given up (about a day with the backoff below). */
export const MAX_DELIVERY_ATTEMPTS = 30;
const BATCH = 100;

/** Deliveries made and failed by one flush. */
export interface FlushResult {
  delivered: number;
  failed: number;
}

/** Deliveries to one recipient must arrive in order, so a failure holds back that recipient's later ones. */
function recipientKey(d: Delivery): string {
  switch (d.kind) {
    case 'user':
      return `user\u0000${d.target.channel}\u0000${d.target.conversationId}\u0000${d.target.userId}`;
    case 'agent':
      return `agent\u0000${d.agentId}`;
    case 'queue':
      return 'queue';
    case 'on-call':
      return `on-call\u0000${d.target}`;
  }
}

/** How long one delivery may take before it counts as failed and waits for its retry. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * How long a message or agent action waits for the deliveries it caused before it returns its own
 * replies; the rest goes on in the background. A hung channel must not hold up everyone's replies.
 */
export const FLUSH_WAIT_MS = 2_000;

/**
 * `work`, or what `late()` returns (or throws) once `ms` have passed, whichever comes first. The
 * timer never keeps the process alive and is cleared when the work is done first.
 */
async function withinTime<T, L>(work: Promise<T>, ms: number, late: () => L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<L>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(late());
      } catch (error) {
        reject(error);
      }
    }, ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Exponential backoff from 30 s up to one hour. */
function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.min(attempts, 10), 3_600_000);
}

/**
 * Hands outbox entries to the `ChannelNotifier`. Flushes are serialized, so two callers never
 * deliver the same entry twice; a failed entry is retried with backoff by later flushes (the
 * sweep runs one every minute), including after a restart.
 */
export class OutboxDispatcher {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly outbox: Outbox,
    private readonly notifier: ChannelNotifier,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly timeouts = { deliveryMs: DELIVERY_TIMEOUT_MS, flushWaitMs: FLUSH_WAIT_MS },
  ) {}

  /** Delivers everything due now; never rejects. */
  flush(): Promise<FlushResult> {
    const run = this.chain.then(() => this.flushOnce());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * `flush`, waited for at most `FLUSH_WAIT_MS` (undefined when it is still running): what the
   * message and agent-action paths call, so their replies never wait on a hung channel.
   */
  flushWithin(): Promise<FlushResult | undefined> {
    return withinTime(this.flush(), this.timeouts.flushWaitMs, () => undefined);
  }

  private async flushOnce(): Promise<FlushResult> {
    const result: FlushResult = { delivered: 0, failed: 0 };
    const blocked = new Set<string>();
    const now = this.clock.now().toISOString();
    let afterId = 0;
    for (;;) {
      const batch = this.outbox.pending(afterId, BATCH);
      if (batch.length === 0) return result;
      for (const pending of batch) {
        afterId = pending.id;
        const key = recipientKey(pending.delivery);
        if (blocked.has(key)) continue;
        if (pending.nextAttemptAt > now) {
          // An earlier message to this recipient waits for its retry: later ones wait behind it.
          blocked.add(key);
          continue;
        }
        try {
          await this.send(pending.delivery, String(pending.id));
          this.outbox.markDelivered(pending.id, this.clock.now());
          result.delivered += 1;
        } catch (error) {
          blocked.add(key);
          result.failed += 1;
          const attempts = pending.attempts + 1;
          const retryAt =
            attempts >= MAX_DELIVERY_ATTEMPTS
              ? undefined
              : new Date(this.clock.now().getTime() + retryDelayMs(attempts));
          this.outbox.markFailed(pending.id, errorMessage(error), retryAt);
          this.logger.warn(
            {
              deliveryId: pending.id,
              kind: pending.delivery.kind,
              attempts,
              gaveUp: retryAt === undefined,
              err: errorMessage(error),
            },
            'delivery failed',
          );
        }
      }
    }
  }

  /** One delivery, failed after `DELIVERY_TIMEOUT_MS` (a late success is then delivered twice). */
  private send(d: Delivery, deliveryId: string): Promise<void> {
    const limit = this.timeouts.deliveryMs;
    return withinTime(this.deliver(d, deliveryId), limit, () => {
      throw new Error(`no answer within ${limit} ms`);
    });
  }

  private deliver(d: Delivery, deliveryId: string): Promise<void> {
    const meta = { deliveryId };
    switch (d.kind) {
      case 'user':
        return this.notifier.deliverToUser(d.target, d.replies, meta);
      case 'agent':
        return this.notifier.deliverToAgent(d.agentId, d.event, meta);
      case 'queue':
        return this.notifier.postToQueue(d.event, meta);
      case 'on-call':
        return this.notifier.pageOnCall(d.target, d.page, meta);
    }
  }
}
