import type { ChannelRegistry } from '../channels/registry.js';
import type { Clock } from '../clock.js';
import { errorMessage, isHelpdeskError } from '../errors.js';
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

/** What the dispatcher reports for metrics: one call per attempt. */
export interface DeliveryObserver {
  (channel: string, outcome: 'delivered' | 'failed' | 'gave-up', seconds: number): void;
}

/** Deliveries to one recipient must arrive in order, so a failure holds back that recipient's later ones. */
function recipientKey(d: Delivery): string {
  switch (d.kind) {
    case 'user':
      return `user\u0000${d.target.channel}\u0000${d.target.conversationId}\u0000${d.target.userId}`;
    case 'agent':
      return `agent\u0000${d.agentId}`;
    case 'queue':
      return `queue\u0000${d.channel}`;
    case 'on-call':
      return `on-call\u0000${d.target}`;
  }
}

/** How long one delivery may take before it counts as failed and waits for its retry. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * How long start-up waits for what a previous run left in the outbox before it serves: a channel
 * that is down must not keep the server from starting; the rest goes on in the background.
 */
export const FLUSH_WAIT_MS = 2_000;

/**
 * `work`, or what `late()` returns (or throws) once `ms` have passed, whichever comes first. The
 * timer never keeps the process alive and is cleared when the work is done first.
 */
export async function withinTime<T, L>(work: Promise<T>, ms: number, late: () => L): Promise<T | L> {
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
 * When to try a failed delivery again, or undefined to give up: never for a refusal the channel
 * marked permanent (`details.permanent`, e.g. the bot was removed from the chat), after the
 * remote's own `Retry-After` (`details.retryAfterMs`, e.g. Slack's 429) when it gave one, else
 * with backoff until the last attempt.
 */
function nextAttempt(error: unknown, attempts: number, now: Date): Date | undefined {
  const details = isHelpdeskError(error) ? error.details : undefined;
  if (details?.permanent === true || attempts >= MAX_DELIVERY_ATTEMPTS) return undefined;
  const asked = details?.retryAfterMs;
  const delay = typeof asked === 'number' && asked >= 0 ? Math.min(asked, 3_600_000) : retryDelayMs(attempts);
  return new Date(now.getTime() + delay);
}

/** One channel's delivery lane: flushes run one after another; at most one waits to start. */
interface Lane {
  tail: Promise<unknown>;
  waiting: Promise<FlushResult> | undefined;
}

/**
 * Hands outbox entries to the notifier of their channel, one lane per channel: lanes run side by
 * side, so a channel that hangs delays only its own deliveries. Within a lane flushes are
 * serialized, so two callers never deliver the same entry twice; a failed entry is retried with
 * backoff by later flushes (the sweep runs one every minute), including after a restart.
 */
export class OutboxDispatcher {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly outbox: Outbox,
    private readonly channels: ChannelRegistry,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly timeouts = { deliveryMs: DELIVERY_TIMEOUT_MS },
    private readonly observe: DeliveryObserver = () => undefined,
    /** Called once a delivery is given up, after its row is marked: the core tells the ticket. */
    private readonly gaveUp: (delivery: Delivery, reason: string) => void = () => undefined,
  ) {}

  /** Delivers everything due now in every channel; never rejects. */
  async flush(): Promise<FlushResult> {
    const results = await Promise.all(this.outbox.pendingChannels().map((c) => this.flushChannel(c)));
    return results.reduce((a, r) => ({ delivered: a.delivered + r.delivered, failed: a.failed + r.failed }), {
      delivered: 0,
      failed: 0,
    });
  }

  /**
   * Starts a flush without waiting for it: what a turn or an agent action calls after its commit,
   * so that its own replies never wait for any delivery.
   */
  kick(): void {
    this.flush().catch((error: unknown) => this.logger.error({ err: errorMessage(error) }, 'flush failed'));
  }

  /** Resolves once no lane is flushing (for shutdown and tests); at most `ms` when given. */
  async idle(ms?: number): Promise<void> {
    const all = Promise.all([...this.lanes.values()].map((l) => l.tail)).then(() => undefined);
    await (ms === undefined ? all : withinTime(all, ms, () => undefined));
  }

  /** One channel's flush; joins the one waiting to start, if any, since it will see the same rows. */
  flushChannel(channel: string): Promise<FlushResult> {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { tail: Promise.resolve(), waiting: undefined };
      this.lanes.set(channel, lane);
    }
    if (lane.waiting) return lane.waiting;
    const current = lane;
    const run = current.tail.then(() => {
      current.waiting = undefined;
      return this.flushOnce(channel);
    });
    current.waiting = run;
    current.tail = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(channel: string): Promise<FlushResult> {
    const result: FlushResult = { delivered: 0, failed: 0 };
    const blocked = new Set<string>();
    const now = this.clock.now().toISOString();
    let afterId = 0;
    for (;;) {
      const batch = this.outbox.pending(afterId, BATCH, channel);
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
        const started = performance.now();
        try {
          await this.send(channel, pending.delivery, String(pending.id));
          this.outbox.markDelivered(pending.id, this.clock.now());
          result.delivered += 1;
          this.observe(channel, 'delivered', (performance.now() - started) / 1000);
        } catch (error) {
          blocked.add(key);
          result.failed += 1;
          const attempts = pending.attempts + 1;
          const retryAt = nextAttempt(error, attempts, this.clock.now());
          this.outbox.markFailed(pending.id, errorMessage(error), retryAt);
          this.observe(channel, retryAt ? 'failed' : 'gave-up', (performance.now() - started) / 1000);
          if (!retryAt) {
            try {
              this.gaveUp(pending.delivery, errorMessage(error));
            } catch (report: unknown) {
              this.logger.error({ err: errorMessage(report) }, 'reporting a given-up delivery failed');
            }
          }
          this.logger.warn(
            {
              deliveryId: pending.id,
              channel,
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
  private send(channel: string, d: Delivery, deliveryId: string): Promise<void> {
    const notifier = this.channels.notifier(channel);
    if (!notifier) return Promise.reject(new Error(`no channel "${channel}" runs in this process`));
    const limit = this.timeouts.deliveryMs;
    return withinTime(
      Promise.resolve().then(() => deliver(notifier, d, deliveryId)),
      limit,
      () => {
        throw new Error(`no answer within ${limit} ms`);
      },
    );
  }
}

function deliver(notifier: ChannelNotifier, d: Delivery, deliveryId: string): Promise<void> {
  const meta = { deliveryId };
  switch (d.kind) {
    case 'user':
      return notifier.deliverToUser(
        d.target,
        d.replies,
        d.inReplyTo ? { ...meta, inReplyTo: d.inReplyTo } : meta,
      );
    case 'agent':
      return notifier.deliverToAgent(d.agentId, d.event, meta);
    case 'queue':
      return notifier.postToQueue(d.event, meta);
    case 'on-call':
      return notifier.pageOnCall(d.target, d.page, meta);
  }
}
