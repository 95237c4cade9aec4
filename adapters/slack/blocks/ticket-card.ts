import { agentButtonsFor, STATUS_WORDS, type Ticket } from '../../../src/index.js';
import { clip, escapeMrkdwn } from '../mrkdwn.js';
import { slackDate } from './format.js';
import { actions, button, context, LIMITS, plain, type SlackBlock, type SlackMessage } from './kit.js';

/** How the card is shown where it is: the requester's name, and whether its buttons work here. */
export interface CardView {
  /** The requester's real name (from `users.info`), or the best the ticket knows. */
  requester: string;
  /** False for an older card the ticket moved away from (Tier 2's card once it is Tier 3's). */
  active: boolean;
  /** Where the ticket went (a channel id), for an inactive card. */
  movedTo?: string;
  /** What just happened, when the ticket alone does not tell it ("SLA breached 12 min ago"). */
  event?: string;
}

const PRIORITY = {
  high: ':red_circle: high',
  normal: ':large_blue_circle: normal',
  low: ':white_circle: low',
};

/** Whether the ticket's current SLA breach was announced (so the card flags it). */
export function slaBreached(ticket: Ticket): boolean {
  return (
    ticket.status === 'queued' &&
    ticket.slaAnnouncedFor !== undefined &&
    ticket.slaAnnouncedFor === ticket.slaDueAt
  );
}

/** The card's status line, from the ticket alone (it carries everything after each event). */
export function statusLine(ticket: Ticket): string {
  const who = escapeMrkdwn(clip(ticket.assigneeName ?? ticket.assigneeId ?? 'an agent', 120));
  switch (ticket.status) {
    case 'queued':
      return slaBreached(ticket)
        ? `:rotating_light: *SLA breached*: waiting for Tier ${ticket.tier} since ${slaDate(ticket.queuedAt)}`
        : `:hourglass_flowing_sand: Waiting for a Tier ${ticket.tier} agent`;
    case 'claimed':
      return `:raising_hand: Claimed by *${who}*`;
    case 'resolved':
      return `:white_check_mark: Resolved by *${who}*${ticket.rating ? ` · rated ${ticket.rating}/5` : ''}`;
    case 'handed-back':
      return ':robot_face: Handed back to the bot';
    case 'cancelled':
      return ':no_entry_sign: Cancelled by the employee';
  }
}

const slaDate = slackDate;

/**
 * The ticket card: one message in the queue channel, edited in place on every queue event.
 * Buttons are the core's (`agent:claim:T-1`...), shown only where the ticket is worked.
 */
export function ticketCard(ticket: Ticket, view: CardView): SlackMessage {
  const subject = clip(
    ticket.subject.replace(/\s+/g, ' ').trim() || '(no text)',
    LIMITS.header - ticket.id.length - 4,
  );
  const tried =
    ticket.articlesTried.length > 0
      ? ticket.articlesTried.map((a) => `\`${escapeMrkdwn(a)}\``).join(', ')
      : 'none';
  const fields = [
    `*Requester*\n${escapeMrkdwn(clip(view.requester, 120))}`,
    `*Priority*\n${PRIORITY[ticket.priority]}`,
    `*Status*\n${STATUS_WORDS[ticket.status]} (Tier ${ticket.tier})`,
    `*SLA due*\n${ticket.status === 'queued' ? slaDate(ticket.slaDueAt) : '—'}`,
    `*Language*\n${ticket.lang.toUpperCase()}`,
    `*Channel*\n${escapeMrkdwn(ticket.channel)}`,
    `*Articles tried*\n${clip(tried, LIMITS.field)}`,
    `*Opened*\n${slaDate(ticket.createdAt)}`,
  ];
  const buttons = view.active
    ? agentButtonsFor(ticket).map((b) =>
        button(b.id, b.label, b.id, b.style === 'primary' ? 'primary' : undefined),
      )
    : [];
  const lines = [statusLine(ticket)];
  if (view.event) lines.push(view.event);
  if (!view.active && view.movedTo) lines.push(`Moved to <#${view.movedTo}>`);
  if (ticket.tags.length > 0) lines.push(`Tags: ${escapeMrkdwn(clip(ticket.tags.join(', '), 300))}`);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: plain(`${ticket.id} · ${subject}`), emoji: false } },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
    context(lines.join('\n')),
    ...actions(buttons, `ticket:${ticket.id}`),
  ];
  const text = `${ticket.id} · ${escapeMrkdwn(subject)} · ${STATUS_WORDS[ticket.status]}`;
  return { text, blocks };
}
