import type { ConversationTarget, Reply } from '../../src/conversation/types.js';
import type {
  AgentEvent,
  ChannelNotifier,
  DeliveryMeta,
  OnCallPage,
  QueueEvent,
} from '../../src/handoff/ports.js';

/** One proactive delivery, as an adapter would have received it. */
export type Recorded =
  | { kind: 'user'; target: ConversationTarget; replies: Reply[]; deliveryId: string; inReplyTo?: string }
  | { kind: 'agent'; agentId: string; event: AgentEvent; deliveryId: string }
  | { kind: 'queue'; event: QueueEvent; deliveryId: string }
  | { kind: 'on-call'; target: string; page: OnCallPage; deliveryId: string };

/**
 * A `ChannelNotifier` for tests: records every delivery in order, and can be switched "down" to
 * check that failed deliveries stay in the outbox and arrive later.
 */
export class TestChannel implements ChannelNotifier {
  readonly deliveries: Recorded[] = [];
  /** While true every delivery fails, as if the channel's API were unreachable. */
  down = false;

  private check(): void {
    if (this.down) throw new Error('test channel is down');
  }

  async deliverToUser(target: ConversationTarget, replies: Reply[], meta: DeliveryMeta): Promise<void> {
    this.check();
    this.deliveries.push({
      kind: 'user',
      target,
      replies,
      deliveryId: meta.deliveryId,
      ...(meta.inReplyTo ? { inReplyTo: meta.inReplyTo } : {}),
    });
  }

  async deliverToAgent(agentId: string, event: AgentEvent, meta: DeliveryMeta): Promise<void> {
    this.check();
    this.deliveries.push({ kind: 'agent', agentId, event, deliveryId: meta.deliveryId });
  }

  async postToQueue(event: QueueEvent, meta: DeliveryMeta): Promise<void> {
    this.check();
    this.deliveries.push({ kind: 'queue', event, deliveryId: meta.deliveryId });
  }

  async pageOnCall(target: string, page: OnCallPage, meta: DeliveryMeta): Promise<void> {
    this.check();
    this.deliveries.push({ kind: 'on-call', target, page, deliveryId: meta.deliveryId });
  }

  /** Deliveries of one kind, in order. */
  of<K extends Recorded['kind']>(kind: K): Extract<Recorded, { kind: K }>[] {
    return this.deliveries.filter((d): d is Extract<Recorded, { kind: K }> => d.kind === kind);
  }

  /** Replies delivered proactively to one user, flattened. */
  repliesTo(userId: string): Reply[] {
    return this.of('user')
      .filter((d) => d.target.userId === userId)
      .flatMap((d) => d.replies);
  }

  clear(): void {
    this.deliveries.length = 0;
  }
}
