import type { QueueEvent, TranscriptEntry } from '../../../src/index.js';
import type { AdaptiveCard } from './adaptive.js';
import { threadLine } from './thread-line.js';

/** Transcript lines shown in a new ticket's thread (the newest). */
const TRANSCRIPT_LINES = 12;

function transcriptText(entries: readonly TranscriptEntry[]): string {
  return entries
    .slice(-TRANSCRIPT_LINES)
    .map((e) => `${e.authorName ?? e.author}: ${e.text.replace(/\s+/g, ' ').slice(0, 400)}`)
    .join('\n');
}

/**
 * What a queue event says in the ticket's reply chain, besides redrawing the card: the employee's
 * words, another channel's agent reply, a note, who claimed or closed it. Undefined when the card
 * alone says it.
 */
export function queueLine(event: QueueEvent): AdaptiveCard | undefined {
  const t = event.ticket;
  switch (event.type) {
    case 'ticket-created':
      return event.transcript.length > 0
        ? threadLine('Conversation so far', transcriptText(event.transcript), { subtle: true })
        : undefined;
    case 'ticket-claimed':
      return threadLine(`Claimed by ${event.byName}`, '', { subtle: true });
    case 'user-message':
      return threadLine(t.userName ?? t.userId, event.text);
    case 'agent-replied':
      return threadLine(`${event.byName} (to the employee)`, event.text, { markup: true });
    case 'note-added':
      return threadLine(`Internal note by ${event.byName}`, event.text, { markup: true, subtle: true });
    case 'ticket-transferred':
      return threadLine(`Transferred to ${t.assigneeName ?? event.to} by ${event.by}`, '', { subtle: true });
    case 'ticket-escalated':
      return threadLine(`Sent to Tier 3 by ${event.by}`, event.note, { markup: true, subtle: true });
    case 'ticket-resolved':
      return threadLine(`Resolved by ${t.assigneeName ?? event.by}`, '', { subtle: true });
    case 'ticket-handed-back':
      return threadLine(`Handed back to the bot by ${t.assigneeName ?? event.by}`, '', { subtle: true });
    case 'ticket-requeued':
      return threadLine('Back in the queue', '', { subtle: true });
    case 'sla-breached':
      return threadLine(`SLA breached: ${event.overdueMinutes} min overdue`, '', { subtle: true });
    case 'ticket-cancelled':
      return threadLine('Cancelled by the employee', '', { subtle: true });
  }
}
