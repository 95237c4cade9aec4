import type {
  AgentEvent,
  ChannelNotifier,
  ConversationTarget,
  DeliveryMeta,
  Logger,
  OnCallPage,
  QueueEvent,
  Reply,
} from '../../src/index.js';
import type { LiveHub } from './live-hub.js';
import type { Mailbox } from './mailbox.js';
import { replyToEvent } from './render.js';

/** What the notifier needs once the adapter runs (the database exists only after `start`). */
export interface NotifierRuntime {
  mailbox: Mailbox;
  hub: LiveHub;
  logger: Logger;
}

/**
 * The web chat's outbound port. Replies for an employee go into their mailbox (keyed by the
 * delivery id, so a retried delivery is stored once) and out to their open streams; an employee
 * who is offline sees them on the next visit.
 */
export class WebNotifier implements ChannelNotifier {
  private runtime: NotifierRuntime | undefined;

  /** Connects the notifier to the running adapter's mailbox and streams (undefined: stopped). */
  attach(runtime: NotifierRuntime | undefined): void {
    this.runtime = runtime;
  }

  async deliverToUser(target: ConversationTarget, replies: Reply[], meta: DeliveryMeta): Promise<void> {
    // Rejecting keeps the delivery in the outbox until the adapter runs again.
    const rt = this.running();
    const { events, fresh } = rt.mailbox.deliver(
      target.userId,
      meta.deliveryId,
      replies.map(replyToEvent),
      meta.inReplyTo,
    );
    if (fresh) rt.hub.push(target.userId, events);
  }

  // The web chat hosts no agents or queue yet: the agent console will render these deliveries.
  // Until it exists they are acknowledged, so they do not sit in the outbox being retried.
  async deliverToAgent(agentId: string, event: AgentEvent, meta: DeliveryMeta): Promise<void> {
    this.runtime?.logger.debug(
      { agentId, type: event.type, deliveryId: meta.deliveryId },
      'agent event (no web console)',
    );
  }

  async postToQueue(event: QueueEvent, meta: DeliveryMeta): Promise<void> {
    this.runtime?.logger.debug(
      { type: event.type, deliveryId: meta.deliveryId },
      'queue event (no web console)',
    );
  }

  async pageOnCall(target: string, page: OnCallPage, meta: DeliveryMeta): Promise<void> {
    this.runtime?.logger.debug(
      { target, reason: page.reason, ticketId: page.ticket.id, deliveryId: meta.deliveryId },
      'on-call page (no web console)',
    );
  }

  private running(): NotifierRuntime {
    if (!this.runtime) throw new Error('the web chat is not running');
    return this.runtime;
  }
}
