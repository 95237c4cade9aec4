import type { ChannelState } from '../../src/index.js';

/** Where a ticket card is: a message in a queue channel. */
export interface CardRef {
  channel: string;
  ts: string;
}

/** A ticket's cards, oldest first; the last one is where the ticket is worked now. */
export interface TicketRef {
  cards: CardRef[];
}

const KEEP_DELIVERY_STEPS_MS = 3 * 24 * 3600 * 1000;

function parseRef(text: string | undefined): TicketRef | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as TicketRef;
    return Array.isArray(value.cards) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What Slack must remember across restarts, in the channel's durable state: each ticket's card
 * (`chat.update` edits it in place), which thread belongs to which ticket (an agent's reply in it
 * goes to that ticket), the employees' open requests (Home tab), the mention threads the bot
 * answers in, and which steps of a delivery were done (a retried delivery posts nothing twice).
 */
export class SlackState {
  constructor(private readonly state: ChannelState) {}

  ticket(ticketId: string): TicketRef | undefined {
    return parseRef(this.state.getRef('ticket', ticketId));
  }

  /** The card where the ticket is worked now. */
  activeCard(ticketId: string): CardRef | undefined {
    const cards = this.ticket(ticketId)?.cards ?? [];
    return cards[cards.length - 1];
  }

  /** Records a new card (the first, or Tier 3's) and its thread. */
  addCard(ticketId: string, card: CardRef): void {
    const ref = this.ticket(ticketId) ?? { cards: [] };
    if (!ref.cards.some((c) => c.channel === card.channel && c.ts === card.ts)) ref.cards.push(card);
    this.state.setRef('ticket', ticketId, JSON.stringify(ref));
    this.state.set(`thread:${card.channel}:${card.ts}`, ticketId);
  }

  /** The ticket whose card starts this thread. */
  ticketOfThread(channel: string, threadTs: string): string | undefined {
    return this.state.get(`thread:${channel}:${threadTs}`);
  }

  /** Keeps (or, once closed, forgets) an employee's request for the Home tab. */
  trackRequest(userId: string, ticket: { id: string; subject: string; status: string }): void {
    const key = `open:${userId}:${ticket.id}`;
    if (ticket.status === 'queued' || ticket.status === 'claimed') {
      this.state.set(key, JSON.stringify({ subject: ticket.subject, status: ticket.status }));
    } else this.state.delete(key);
  }

  /** The employee's open requests. */
  openRequests(userId: string): { id: string; subject: string; status: string }[] {
    const prefix = `open:${userId}:`;
    return this.state.list(prefix).flatMap(({ key, value }) => {
      try {
        const v = JSON.parse(value) as { subject: string; status: string };
        return [{ id: key.slice(prefix.length), subject: String(v.subject), status: String(v.status) }];
      } catch {
        return [];
      }
    });
  }

  /** Remembers a channel thread where the bot answered a mention, and for whom. */
  rememberMentionThread(channel: string, threadTs: string, userId: string): void {
    this.state.set(`mention:${channel}:${threadTs}`, userId);
  }

  mentionThreadUser(channel: string, threadTs: string): string | undefined {
    return this.state.get(`mention:${channel}:${threadTs}`);
  }

  /**
   * Runs one step of a delivery once: a delivery the outbox retries (after a crash, or after a
   * later step failed) skips what it already posted. Returns the step's stored result.
   */
  async once(deliveryId: string, step: string, run: () => Promise<string>): Promise<string> {
    const key = `dlv:${deliveryId}:${step}`;
    const done = this.state.get(key);
    if (done !== undefined) return JSON.parse(done).result as string;
    const result = await run();
    this.state.set(key, JSON.stringify({ result, at: Date.now() }));
    return result;
  }

  /** Forgets delivery steps older than three days (the outbox gives up long before). */
  pruneDeliverySteps(now = Date.now()): number {
    let pruned = 0;
    for (const { key, value } of this.state.list('dlv:')) {
      let at = 0;
      try {
        at = Number((JSON.parse(value) as { at: number }).at) || 0;
      } catch {
        at = 0;
      }
      if (now - at > KEEP_DELIVERY_STEPS_MS) {
        this.state.delete(key);
        pruned += 1;
      }
    }
    return pruned;
  }
}
