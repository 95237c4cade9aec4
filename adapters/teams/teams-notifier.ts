import {
  deliveryRefused,
  parseAddress,
  type AgentEvent,
  type ChannelNotifier,
  type ConversationTarget,
  type DeliveryMeta,
  type Logger,
  type OnCallPage,
  type QueueEvent,
  type Reply,
  type Ticket,
} from '../../src/index.js';
import type { ConversationReference } from 'botbuilder';
import { cardMessage } from './cards/message.js';
import { queueLine } from './cards/queue-line.js';
import { repliesCard } from './cards/reply-card.js';
import { threadLine } from './cards/thread-line.js';
import { ticketCard } from './cards/ticket-card.js';
import { refusal } from './connector-errors.js';
import { threadRef, type Outgoing, type Proactive } from './proactive.js';
import type { TeamsStore, TicketPost } from './teams-store.js';

/** What the notifier needs once the adapter runs. */
export interface NotifierRuntime {
  store: TeamsStore;
  proactive: Proactive;
  logger: Logger;
}

type Ref = Partial<ConversationReference>;

/** The post a ticket's news goes under: the newest card of its current tier, else the newest one. */
function currentPost(posts: readonly TicketPost[], ticket: Ticket): TicketPost | undefined {
  return [...posts].reverse().find((p) => p.tier === ticket.tier) ?? posts[posts.length - 1];
}

const isOpen = (t: Ticket) => t.status === 'queued' || t.status === 'claimed';

/**
 * The Teams channel's outbound port. Everything goes out as a proactive message with a stored
 * conversation reference: replies to employees into their chat or reply chain, ticket cards into
 * the queue channel (one thread per ticket, the card updated in place on every event), the
 * employee's words into the ticket's thread. Each step of a delivery is remembered under its
 * delivery id, so a retried delivery sends only what did not go out; connector refusals are
 * thrown as `deliveryRefused` for the outbox (429/5xx later, 403/404 never).
 */
export class TeamsNotifier implements ChannelNotifier {
  private runtime: NotifierRuntime | undefined;

  /** Connects the notifier to the running adapter (undefined: stopped, deliveries wait). */
  attach(runtime: NotifierRuntime | undefined): void {
    this.runtime = runtime;
  }

  async deliverToUser(target: ConversationTarget, replies: Reply[], meta: DeliveryMeta): Promise<void> {
    const rt = this.running();
    const ref = rt.store.conversation(target.conversationId);
    if (!ref) {
      throw deliveryRefused(`no Teams conversation ${target.conversationId} is known`, { permanent: true });
    }
    await this.once(`${meta.deliveryId}:user`, 'sending to the employee', () =>
      rt.proactive.send(ref, cardMessage(repliesCard(replies), summaryOf(replies))),
    );
  }

  async deliverToAgent(agentId: string, event: AgentEvent, meta: DeliveryMeta): Promise<void> {
    const rt = this.running();
    const aad = parseAddress(agentId)?.id ?? agentId;
    const thread = currentPost(rt.store.posts(event.ticket.id), event.ticket);
    const threadTarget = thread ? threadRef(thread.channel, thread.threadId) : undefined;
    const personal = rt.store.personal(aad);
    const t = event.ticket;
    let message: Outgoing;
    let target: Ref | undefined;
    switch (event.type) {
      case 'user-message':
        message = cardMessage(threadLine(t.userName ?? t.userId, event.text), `${t.id}: ${event.text}`);
        target = threadTarget ?? personal;
        break;
      case 'user-left':
        message = cardMessage(
          threadLine(`${t.id}: the employee cancelled the request`, '', { subtle: true }),
        );
        target = threadTarget ?? personal;
        break;
      case 'ticket-assigned':
        message = cardMessage(
          threadLine(`${t.id} is yours now (transferred by ${event.by})`, event.note ?? t.subject),
          `${t.id} is yours now`,
        );
        target = personal ?? threadTarget;
        break;
    }
    if (!target) throw deliveryRefused(`no Teams chat with ${agentId} is known yet`);
    await this.once(`${meta.deliveryId}:agent`, `telling ${agentId}`, () =>
      rt.proactive.send(target, message),
    );
  }

  async postToQueue(event: QueueEvent, meta: DeliveryMeta): Promise<void> {
    const rt = this.running();
    const ticket = event.ticket;
    let posts = rt.store.posts(ticket.id);
    let created: TicketPost | undefined;
    if (isOpen(ticket) && !posts.some((p) => p.tier === ticket.tier)) {
      const channel = rt.store.queue(ticket.tier);
      if (!channel) {
        rt.logger.warn(
          { ticketId: ticket.id, tier: ticket.tier, type: event.type },
          `no Teams channel is the Tier ${ticket.tier} queue yet: an agent registers one with "@bot queue tier${ticket.tier}"`,
        );
      } else {
        const thread = await this.attempt('posting the ticket card', () =>
          rt.proactive.createThread(
            channel,
            cardMessage(ticketCard(ticket), `${ticket.id}: ${ticket.subject}`),
          ),
        );
        created = { tier: ticket.tier, channel, ...thread };
        rt.store.addPost(ticket.id, created);
        posts = rt.store.posts(ticket.id);
      }
    }
    if (posts.length === 0) return;
    for (const post of posts) {
      if (created && post.threadId === created.threadId) continue;
      const moved = post.tier !== ticket.tier && isOpen(ticket);
      const card = ticketCard(
        ticket,
        moved ? { note: `Moved to the Tier ${ticket.tier} queue.`, buttons: false } : {},
      );
      await this.attempt('updating the ticket card', () =>
        rt.proactive.update(threadRef(post.channel, post.threadId), post.activityId, cardMessage(card)),
      );
    }
    const line = queueLine(event);
    const post = currentPost(posts, ticket);
    if (line && post) {
      await this.once(`${meta.deliveryId}:line`, 'posting in the ticket thread', () =>
        rt.proactive.send(threadRef(post.channel, post.threadId), cardMessage(line)),
      );
    }
  }

  async pageOnCall(target: string, page: OnCallPage, meta: DeliveryMeta): Promise<void> {
    const rt = this.running();
    const ref = rt.store.personal(parseAddress(target)?.id ?? target);
    if (!ref) throw deliveryRefused(`no Teams chat with ${target} is known yet (the app must be installed)`);
    const why = page.reason === 'sla-breached' ? 'its SLA is breached' : 'high priority, out of hours';
    const t = page.ticket;
    await this.once(`${meta.deliveryId}:page`, `paging ${target}`, () =>
      rt.proactive.send(
        ref,
        cardMessage(threadLine(`On-call: ${t.id} (${why})`, t.subject), `On-call: ${t.id}`),
      ),
    );
  }

  /** Runs a step of a delivery unless this delivery already did it; marks it done after. */
  private async once(key: string, what: string, step: () => Promise<unknown>): Promise<void> {
    const rt = this.running();
    if (rt.store.wasSent(key)) return;
    await this.attempt(what, step);
    rt.store.markSent(key);
  }

  private async attempt<T>(what: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw refusal(what, error);
    }
  }

  private running(): NotifierRuntime {
    if (!this.runtime) throw new Error('the Teams channel is not running');
    return this.runtime;
  }
}

/** A notification line for replies: the first text of them, plain. */
function summaryOf(replies: readonly Reply[]): string | undefined {
  for (const r of replies) {
    if (r.type === 'agent-message') return `${r.agentName}: ${r.text}`;
    if (r.type === 'text' || r.type === 'notice') return r.text;
    if (r.type === 'article') return r.title;
    if (r.type === 'choices') return r.prompt;
  }
  return undefined;
}
