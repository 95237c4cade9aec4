import { agentButtonsFor, capLabel, STATUS_WORDS, type Ticket } from '../../../src/index.js';
import { adaptiveCard, submit, textBlock, type AdaptiveCard } from './adaptive.js';
import { clip, escapeMarkdown } from './text.js';

const PRIORITY_WORDS: Record<Ticket['priority'], string> = { high: 'High', normal: 'Normal', low: 'Low' };

/** A time for agents: ISO without seconds, in UTC, so every agent reads the same value. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A line of the state under the title: who has it, or how it ended. */
function stateLine(ticket: Ticket): string {
  const who = ticket.assigneeName ?? ticket.assigneeId;
  if (ticket.status === 'claimed' && who) return `Claimed by ${who}`;
  const word = STATUS_WORDS[ticket.status];
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The ticket as agents see it in the queue channel: summary, requester, priority, SLA due,
 * language, channel, articles tried, and the buttons its state allows (Claim; then Resolve,
 * Tier 3, Hand back). Rebuilt from the ticket alone on every queue event and updated in place.
 */
export function ticketCard(ticket: Ticket, options: { note?: string; buttons?: boolean } = {}): AdaptiveCard {
  const { note, buttons: withButtons = true } = options;
  const facts = [
    { title: 'Requester', value: ticket.userName ?? ticket.userId },
    { title: 'Priority', value: PRIORITY_WORDS[ticket.priority] ?? ticket.priority },
    { title: 'Tier', value: String(ticket.tier) },
    { title: 'SLA due', value: formatTime(ticket.slaDueAt) },
    { title: 'Language', value: ticket.lang },
    { title: 'Channel', value: ticket.channel },
    {
      title: 'Articles tried',
      value: ticket.articlesTried.length > 0 ? ticket.articlesTried.join(', ') : 'none',
    },
    { title: 'Status', value: stateLine(ticket) },
  ].map((f) => ({ title: f.title, value: escapeMarkdown(clip(f.value, 500)) }));
  const closed = ticket.status !== 'queued' && ticket.status !== 'claimed';
  const buttons = (withButtons ? agentButtonsFor(ticket) : []).map((b) =>
    submit(capLabel(b.label, 40), b.id, b.style === 'primary' ? 'positive' : undefined),
  );
  return adaptiveCard(
    [
      textBlock(`**${escapeMarkdown(ticket.id)}** · ${escapeMarkdown(clip(ticket.subject, 300))}`, {
        size: 'Medium',
        ...(closed ? { isSubtle: true } : {}),
      }),
      { type: 'FactSet', facts },
      ...(note
        ? [textBlock(escapeMarkdown(clip(note, 1000)), { isSubtle: true, size: 'Small' as const })]
        : []),
    ],
    buttons,
  );
}
