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
import type { ConsoleHub } from './console/console-hub.js';
import { ticketView } from './console/views.js';
import type { LiveHub } from './live-hub.js';
import type { Mailbox } from './mailbox.js';
import { replyToEvent } from './render.js';

/** What the notifier needs once the adapter runs (the database exists only after `start`). */
export interface NotifierRuntime {
  mailbox: Mailbox;
  hub: LiveHub;
  logger: Logger;
  /** The agent console's live streams (absent when the console is off). */
  console?: ConsoleHub;
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

  // Agent and queue events feed the agent console's live streams. The console reloads its state
  // on connect, so an event no console was open for is acknowledged, not retried.
  async deliverToAgent(agentId: string, event: AgentEvent, meta: DeliveryMeta): Promise<void> {
    const rt = this.runtime;
    rt?.logger.debug({ agentId, type: event.type, deliveryId: meta.deliveryId }, 'agent event');
    rt?.console?.send('agent', { ...event, ticket: ticketView(event.ticket) }, { agentIds: [agentId] });
  }

  async postToQueue(event: QueueEvent, meta: DeliveryMeta): Promise<void> {
    const rt = this.runtime;
    rt?.logger.debug({ type: event.type, deliveryId: meta.deliveryId }, 'queue event');
    if (!rt?.console) return;
    const { ticket } = event;
    // The transcript of a new ticket is shown on opening it, with authorization: not broadcast.
    const { transcript: _omit, ...rest } =
      event.type === 'ticket-created' ? event : { ...event, transcript: undefined };
    const to = 'to' in event ? event.to : undefined;
    rt.console.send(
      'queue',
      { ...rest, ticket: ticketView(ticket) },
      { tier: ticket.tier, agentIds: [ticket.assigneeId, to] },
    );
    if (ticket.tier === 3) rt.console.send('gone', { id: ticket.id }, { lacking: 3 });
  }

  async pageOnCall(target: string, page: OnCallPage, meta: DeliveryMeta): Promise<void> {
    const rt = this.runtime;
    rt?.logger.warn(
      { target, reason: page.reason, ticketId: page.ticket.id, deliveryId: meta.deliveryId },
      'on-call page',
    );
    rt?.console?.send(
      'page',
      { reason: page.reason, ticket: ticketView(page.ticket) },
      { tier: page.ticket.tier },
    );
  }

  private running(): NotifierRuntime {
    if (!this.runtime) throw new Error('the web chat is not running');
    return this.runtime;
  }
}
