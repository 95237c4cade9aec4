import type { AgentAction } from '../../src/handoff/agent-action.js';

/** The agent commands the terminal understands, for the help text. */
export const AGENT_COMMAND_HELP = [
  '/queue                      list the Tier 2/3 queue',
  '/show T                     a ticket with its transcript and notes',
  '/claim T                    claim a ticket',
  '/reply T text               talk to the user (claims an unclaimed ticket)',
  '/note T text                internal note',
  '/tier3 T note               escalate to Tier 3',
  '/transfer T agentId [note]  hand the ticket to another agent',
  '/resolve T [note]           resolve (the user is asked for a rating)',
  '/handback T [note]          give the conversation back to the bot',
].join('\n');

/**
 * Parses "/claim T-1"-style lines into an agent action for `handleAgentAction`; undefined when the
 * line is not an agent command or misses its arguments. Whether the person may act is the core's
 * decision (agent roles from config), not the terminal's.
 */
export function parseAgentCommand(
  line: string,
  who: { agentId: string; agentName: string; messageId: string },
): AgentAction | undefined {
  const match = /^\/(\S+)\s*(\S*)\s*([\s\S]*)$/.exec(line.trim());
  if (!match) return undefined;
  const [, command, ticketId = '', rest = ''] = match;
  const base = { ...who, channel: 'terminal' };
  const text = rest.trim();
  const needsTicket = (build: () => AgentAction): AgentAction | undefined => (ticketId ? build() : undefined);
  switch (command) {
    case 'queue':
      return { ...base, kind: 'list' };
    case 'show':
      return needsTicket(() => ({ ...base, kind: 'show', ticketId }));
    case 'claim':
      return needsTicket(() => ({ ...base, kind: 'claim', ticketId }));
    case 'reply':
      return text ? needsTicket(() => ({ ...base, kind: 'reply', ticketId, text })) : undefined;
    case 'note':
      return text ? needsTicket(() => ({ ...base, kind: 'note', ticketId, text })) : undefined;
    case 'tier3':
      return text ? needsTicket(() => ({ ...base, kind: 'escalate', ticketId, note: text })) : undefined;
    case 'transfer': {
      const [toAgentId, ...note] = text.split(/\s+/);
      if (!toAgentId) return undefined;
      return needsTicket(() => ({
        ...base,
        kind: 'transfer',
        ticketId,
        toAgentId,
        note: note.length > 0 ? note.join(' ') : undefined,
      }));
    }
    case 'resolve':
      return needsTicket(() => ({ ...base, kind: 'resolve', ticketId, note: text || undefined }));
    case 'handback':
      return needsTicket(() => ({ ...base, kind: 'hand-back', ticketId, note: text || undefined }));
    default:
      return undefined;
  }
}
