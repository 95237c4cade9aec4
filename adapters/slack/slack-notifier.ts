import {
  parseAddress,
  type AgentEvent,
  type ChannelNotifier,
  type ConversationTarget,
  type DeliveryMeta,
  type OnCallPage,
  type QueueEvent,
  type Reply,
} from '../../src/index.js';
import { mention, person } from './blocks/format.js';
import { repliesMessage } from './blocks/replies.js';
import type { SlackDeps } from './deps.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';
import { ensureCard, postQueueEvent, relayLine, requesterName } from './queue-events.js';
import { post, textMessage } from './slack-calls.js';

/**
 * Slack's outbound port. Every call maps Slack's refusal to the outbox's terms (429 with its
 * Retry-After, permanent for a removed bot), and each step of a delivery is recorded under its
 * `deliveryId`, so a retried delivery posts nothing twice.
 */
export class SlackNotifier implements ChannelNotifier {
  private deps: SlackDeps | undefined;

  /** Connects the notifier to the running adapter (undefined: stopped, deliveries wait). */
  attach(deps: SlackDeps | undefined): void {
    this.deps = deps;
  }

  async deliverToUser(target: ConversationTarget, replies: Reply[], meta: DeliveryMeta): Promise<void> {
    const deps = this.running();
    if (replies.length === 0) return;
    const message = repliesMessage(replies, deps.publicUrl);
    await deps.state.once(meta.deliveryId, 'user', () =>
      post(deps.client, target.conversationId, message, target.threadId),
    );
  }

  async deliverToAgent(agentId: string, event: AgentEvent, meta: DeliveryMeta): Promise<void> {
    const deps = this.running();
    const { ticket } = event;
    let text: string;
    switch (event.type) {
      case 'user-message':
        text = relayLine(await requesterName(deps, ticket), event.text);
        break;
      case 'ticket-assigned': {
        const id = parseAddress(agentId)?.id ?? agentId;
        const note = event.note ? `\n>${escapeMrkdwn(clip(event.note, 2000))}` : '';
        text = `:arrows_counterclockwise: ${mention(id) ?? escapeMrkdwn(id)}, ${ticket.id} is yours now (from ${person(event.by, undefined)}).${note}`;
        break;
      }
      case 'user-left':
        text = `:wave: The employee cancelled ${ticket.id}.`;
        break;
    }
    const card = await ensureCard(deps, ticket, meta);
    // Without a card in Slack (no queue channel), the agent gets it in a direct message.
    const where = card ?? { channel: parseAddress(agentId)?.id ?? agentId, ts: undefined };
    await deps.state.once(meta.deliveryId, 'agent', () =>
      post(deps.client, where.channel, textMessage(text), where.ts),
    );
  }

  async postToQueue(event: QueueEvent, meta: DeliveryMeta): Promise<void> {
    await postQueueEvent(this.running(), event, meta);
  }

  async pageOnCall(target: string, page: OnCallPage, meta: DeliveryMeta): Promise<void> {
    const deps = this.running();
    const to = parseAddress(target)?.id ?? target;
    const t = page.ticket;
    const why = page.reason === 'sla-breached' ? 'SLA breached' : 'high priority, out of business hours';
    const card = deps.state.activeCard(t.id);
    const where = card ? ` · card in <#${card.channel}>` : '';
    const text = `:rotating_light: *On-call*: ${t.id} (${why}) · ${escapeMrkdwn(clip(t.subject, 300))}${where}`;
    await deps.state.once(meta.deliveryId, 'page', () => post(deps.client, to, textMessage(text)));
  }

  private running(): SlackDeps {
    // Rejecting keeps the delivery in the outbox until the adapter runs.
    if (!this.deps) throw new Error('the Slack adapter is not running');
    return this.deps;
  }
}
