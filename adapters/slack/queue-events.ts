import type { DeliveryMeta, QueueEvent, Ticket, TranscriptEntry } from '../../src/index.js';
import { person, transcriptLine } from './blocks/format.js';
import { capBlocks, sections } from './blocks/kit.js';
import { ticketCard } from './blocks/ticket-card.js';
import { queueChannel, SLACK, type SlackDeps } from './deps.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';
import { post, textMessage, update } from './slack-calls.js';
import type { CardRef } from './slack-state.js';

/** The requester as the card shows them: the Slack real name, else what the ticket knows. */
export async function requesterName(deps: SlackDeps, ticket: Ticket): Promise<string> {
  if (ticket.channel === SLACK) {
    return (await deps.people.name(ticket.userId)) ?? ticket.userName ?? ticket.userId;
  }
  return `${ticket.userName ?? ticket.userId} (${ticket.channel})`;
}

/** The ticket's active card, posted first when it has none yet (`step` keeps a retry from posting twice). */
export async function ensureCard(
  deps: SlackDeps,
  ticket: Ticket,
  meta: DeliveryMeta,
): Promise<CardRef | undefined> {
  const existing = deps.state.activeCard(ticket.id);
  if (existing) return existing;
  const channel = queueChannel(deps.config, ticket.tier);
  if (!channel) {
    deps.logger.warn({ ticketId: ticket.id }, 'no SLACK_TIER2_CHANNEL: the ticket is not shown in Slack');
    return undefined;
  }
  const card = ticketCard(ticket, { requester: await requesterName(deps, ticket), active: true });
  const ts = await deps.state.once(meta.deliveryId, `card:${channel}`, () =>
    post(deps.client, channel, card),
  );
  const ref = { channel, ts };
  deps.state.addCard(ticket.id, ref);
  return ref;
}

/** Redraws every card of the ticket from the ticket as it is now; the last one carries the buttons. */
export async function redrawCards(
  deps: SlackDeps,
  ticket: Ticket,
  meta: DeliveryMeta,
  event?: string,
): Promise<void> {
  const cards = deps.state.ticket(ticket.id)?.cards ?? [];
  if (cards.length === 0) {
    await ensureCard(deps, ticket, meta);
    return;
  }
  const requester = await requesterName(deps, ticket);
  const active = cards[cards.length - 1] as CardRef;
  for (const card of cards) {
    const isActive = card === active;
    const message = ticketCard(ticket, {
      requester,
      active: isActive,
      ...(isActive ? (event ? { event } : {}) : { movedTo: active.channel }),
    });
    await update(deps.client, card.channel, card.ts, message);
  }
}

/** Posts in the active card's thread (once per delivery step). */
async function inThread(
  deps: SlackDeps,
  ticket: Ticket,
  meta: DeliveryMeta,
  step: string,
  text: string,
): Promise<void> {
  const card = await ensureCard(deps, ticket, meta);
  if (!card) return;
  await deps.state.once(meta.deliveryId, step, () =>
    post(deps.client, card.channel, textMessage(text), card.ts),
  );
}

/** The transcript as thread messages (as many as needed, each under Slack's block limit). */
function transcriptMessages(ticket: Ticket, transcript: readonly TranscriptEntry[]) {
  const lines = transcript.map((e) => transcriptLine(e, ticket));
  const header = `*Transcript* (${transcript.length} ${transcript.length === 1 ? 'line' : 'lines'})`;
  const blocks = sections([header, ...lines].join('\n'));
  const messages = [];
  for (let i = 0; i < blocks.length; i += 40) {
    messages.push({ text: `Transcript of ${ticket.id}`, blocks: capBlocks(blocks.slice(i, i + 40)) });
  }
  return messages.slice(0, 5);
}

/** One employee message (or another channel's agent reply) as the thread shows it. */
export function relayLine(who: string, text: string, to?: string): string {
  const arrow = to ? ` → ${to}` : '';
  return `*${escapeMrkdwn(clip(who, 120))}*${arrow}: ${escapeMrkdwn(clip(text, 3500))}`;
}

/**
 * A queue event in Slack: a new ticket is a card in its tier's channel with the transcript in
 * its thread; what is said goes into that thread; every event redraws the card in place.
 */
export async function postQueueEvent(deps: SlackDeps, event: QueueEvent, meta: DeliveryMeta): Promise<void> {
  const { ticket } = event;
  if (ticket.channel === SLACK) deps.state.trackRequest(ticket.userId, ticket);
  switch (event.type) {
    case 'ticket-created': {
      const card = await ensureCard(deps, ticket, meta);
      if (!card) return;
      const messages = transcriptMessages(ticket, event.transcript);
      for (const [i, message] of messages.entries()) {
        await deps.state.once(meta.deliveryId, `transcript:${i}`, () =>
          post(deps.client, card.channel, message, card.ts),
        );
      }
      return;
    }
    case 'user-message':
      await inThread(deps, ticket, meta, 'relay', relayLine(await requesterName(deps, ticket), event.text));
      return;
    case 'agent-replied':
      // Written in another channel (the core does not send Slack its own agents' replies).
      await inThread(deps, ticket, meta, 'relay', relayLine(event.byName, event.text, 'employee'));
      return;
    case 'note-added':
      // A note written in the thread is there already; the slash command posts its own.
      if (event.by.startsWith(`${SLACK}:`)) return;
      await inThread(
        deps,
        ticket,
        meta,
        'note',
        `:memo: Internal note by ${relayLine(event.byName, event.text)}`,
      );
      return;
    case 'ticket-escalated':
      await escalated(deps, event, meta);
      return;
    case 'sla-breached':
      await redrawCards(deps, ticket, meta, `:rotating_light: ${event.overdueMinutes} min past the SLA`);
      return;
    case 'ticket-transferred':
      await redrawCards(
        deps,
        ticket,
        meta,
        `Transferred by ${person(event.by, undefined)} to ${person(event.to, ticket.assigneeName)}`,
      );
      return;
    case 'ticket-handed-back':
    case 'ticket-requeued':
      await redrawCards(deps, ticket, meta, `By ${person(event.by, undefined)}`);
      return;
    case 'ticket-claimed':
    case 'ticket-resolved':
    case 'ticket-cancelled':
      // The card's status line says who claimed or resolved it.
      await redrawCards(deps, ticket, meta);
      return;
  }
}

/** Tier 3: a new card in Tier 3's channel (when it has its own), the old one redrawn without buttons. */
async function escalated(
  deps: SlackDeps,
  event: Extract<QueueEvent, { type: 'ticket-escalated' }>,
  meta: DeliveryMeta,
) {
  const { ticket } = event;
  const target = queueChannel(deps.config, 3);
  const current = deps.state.activeCard(ticket.id);
  const note = event.note ? `\n>${escapeMrkdwn(clip(event.note, 2000))}` : '';
  const line = `:arrow_up: Sent to Tier 3 by ${person(event.by, undefined)}${note}`;
  if (target && current && current.channel !== target) {
    const card = ticketCard(ticket, { requester: await requesterName(deps, ticket), active: true });
    const ts = await deps.state.once(meta.deliveryId, `card:${target}`, () =>
      post(deps.client, target, card),
    );
    deps.state.addCard(ticket.id, { channel: target, ts });
    await deps.state.once(meta.deliveryId, 'tier3-thread', () =>
      post(
        deps.client,
        target,
        textMessage(
          `${line}\nEarlier conversation: in <#${current.channel}>. \`/helpdesk show ${ticket.id}\` shows the transcript.`,
        ),
        ts,
      ),
    );
  }
  await redrawCards(deps, ticket, meta);
  if (current) {
    await deps.state.once(meta.deliveryId, 'tier2-thread', () =>
      post(deps.client, current.channel, textMessage(line), current.ts),
    );
  }
}
