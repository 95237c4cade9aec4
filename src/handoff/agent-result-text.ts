import type { AgentResult } from './agent-action.js';
import type { TicketStatus } from './types.js';

/** Ticket states in the words agents read (not the stored names such as `handed-back`). */
export const STATUS_WORDS: Record<TicketStatus, string> = {
  queued: 'waiting in the queue',
  claimed: 'claimed',
  resolved: 'resolved',
  'handed-back': 'handed back to the bot',
  cancelled: 'cancelled by the employee',
};

/**
 * What an agent is told after a command or a button, the same words in every channel: each
 * action confirms what it did ("Note added to T-1"), not only the ticket's state.
 */
export function agentResultText(result: AgentResult): string {
  switch (result.kind) {
    case 'duplicate':
      return 'Already done.';
    case 'queue':
      return `${result.queued.length} waiting, ${result.mine.length} yours.`;
    case 'ticket':
      return `${result.ticket.id}: ${STATUS_WORDS[result.ticket.status]}.`;
    case 'done': {
      const t = result.ticket;
      const secret = result.redacted ? ' A password or token in it was redacted.' : '';
      switch (result.did) {
        case 'claim':
          return `You claimed ${t.id}; the employee is told you are on it.`;
        case 'reply':
          return `Sent to the employee on ${t.id}.${secret}`;
        case 'note':
          return `Internal note added to ${t.id}; the employee does not see it.${secret}`;
        case 'escalate':
          return `${t.id} is now in the Tier 3 queue.`;
        case 'transfer':
          return `${t.id} is now with ${t.assigneeName ?? t.assigneeId ?? 'another agent'}.`;
        case 'resolve':
          return `${t.id} is resolved; the employee is asked for a rating.`;
        case 'hand-back':
          return `${t.id} is handed back to the bot.`;
        default:
          return `${t.id} is ${STATUS_WORDS[t.status]}.${secret}`;
      }
    }
  }
}
