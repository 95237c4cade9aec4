import { channelOf } from '../channels/address.js';
import type { CoreContext } from '../conversation/context.js';
import type { Delivery, QueueEvent } from './ports.js';

/**
 * The channel a delivery goes out through: the employee's own channel, or the channel part of an
 * agent's or on-call target's qualified id (empty for a bare id, which only a single-notifier
 * setup, such as a test, can route).
 */
export function deliveryChannel(d: Delivery): string {
  switch (d.kind) {
    case 'user':
      return d.target.channel;
    case 'agent':
      return channelOf(d.agentId) ?? '';
    case 'queue':
      return d.channel;
    case 'on-call':
      return channelOf(d.target) ?? '';
  }
}

/**
 * Tells every channel that shows the queue, one outbox row each, so that a channel that fails is
 * retried alone. `except` skips the channel where the event happened and is already visible (an
 * agent's reply written in the Slack thread, the employee's message relayed to the assignee).
 */
export function announce(ctx: CoreContext, event: QueueEvent, now: Date, except?: string): void {
  for (const channel of ctx.channels.queueChannels()) {
    if (channel === except) continue;
    ctx.stores.outbox.enqueue({ kind: 'queue', channel, event }, now);
  }
}
