import type { AgentAction } from './agent-action.js';

/**
 * The one grammar of agent commands, for every channel: the terminal's `/claim T-1`, Slack's
 * `/helpdesk claim T-1`, a Teams message "claim T-1" in a queue channel. The leading slash is
 * optional. Whether the person may act is decided by the core when it runs the action.
 */
export const AGENT_COMMANDS = [
  { usage: 'queue', help: 'list the queues you work and your tickets' },
  { usage: 'mine', help: 'the same as queue' },
  { usage: 'show T', help: 'a ticket with its transcript and notes' },
  { usage: 'claim T', help: 'claim a ticket' },
  { usage: 'reply T text', help: 'talk to the employee (claims an unclaimed ticket)' },
  { usage: 'note T text', help: 'internal note, never shown to the employee' },
  { usage: 'tier3 T [note]', help: 'send the ticket to Tier 3' },
  { usage: 'transfer T agent [note]', help: 'hand the ticket to another agent (e.g. slack:U0123)' },
  { usage: 'resolve T [note]', help: 'resolve; the employee is asked for a rating' },
  { usage: 'handback T [note]', help: 'give the conversation back to the bot' },
] as const;

/** The commands as help text, one per line, with `prefix` before each (`/`, `/helpdesk `). */
export function agentCommandHelp(prefix = '/'): string {
  const width = Math.max(...AGENT_COMMANDS.map((c) => c.usage.length)) + prefix.length + 2;
  return AGENT_COMMANDS.map((c) => `${prefix}${c.usage}`.padEnd(width) + c.help).join('\n');
}

/** Who runs a command: the channel-qualified agent id, the channel, the event's id. */
export interface CommandCaller {
  agentId: string;
  agentName?: string;
  channel: string;
  messageId: string;
}

/**
 * Parses one command line into an agent action; undefined when it is not a command or misses
 * its arguments (show `agentCommandHelp` then).
 */
export function parseAgentCommand(line: string, who: CommandCaller): AgentAction | undefined {
  const match = /^\/?(\S+)\s*(\S*)\s*([\s\S]*)$/.exec(line.trim());
  if (!match) return undefined;
  const [, rawCommand = '', ticketId = '', rest = ''] = match;
  const command = rawCommand.toLowerCase();
  const base = { ...who };
  const text = rest.trim();
  const optional = text || undefined;
  const needsTicket = (build: () => AgentAction): AgentAction | undefined => (ticketId ? build() : undefined);
  switch (command) {
    case 'queue':
    case 'mine':
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
      return needsTicket(() => ({ ...base, kind: 'escalate', ticketId, note: optional }));
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
      return needsTicket(() => ({ ...base, kind: 'resolve', ticketId, note: optional }));
    case 'handback':
      return needsTicket(() => ({ ...base, kind: 'hand-back', ticketId, note: optional }));
    default:
      return undefined;
  }
}
