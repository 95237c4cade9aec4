import type { AgentAction } from './agent-action.js';
import type { Ticket } from './types.js';

/**
 * The buttons on a ticket card, the same in every channel: their ids (`agent:claim:T-1`) come
 * back from a Slack button, a Teams card action or the console, and their labels are the agent
 * side's fixed English words. Adapters render them and send the id back verbatim.
 */
export const AgentButtons = {
  claim: { verb: 'claim', label: 'Claim' },
  resolve: { verb: 'resolve', label: 'Resolve' },
  tier3: { verb: 'tier3', label: 'Tier 3' },
  handBack: { verb: 'handback', label: 'Hand back' },
} as const;

/** One button on a ticket card. */
export interface AgentButton {
  id: string;
  label: string;
  /** `primary` for the action the card is waiting for, `default` for the others: channels style it. */
  style: 'primary' | 'default';
}

/** The buttons a ticket offers now: Claim while queued; Resolve, Tier 3, Hand back once claimed. */
export function agentButtonsFor(ticket: Pick<Ticket, 'id' | 'status' | 'tier'>): AgentButton[] {
  const button = (b: { verb: string; label: string }, style: AgentButton['style'] = 'default') => ({
    id: `agent:${b.verb}:${ticket.id}`,
    label: b.label,
    style,
  });
  if (ticket.status === 'queued') return [button(AgentButtons.claim, 'primary')];
  if (ticket.status !== 'claimed') return [];
  return [
    button(AgentButtons.resolve, 'primary'),
    ...(ticket.tier === 2 ? [button(AgentButtons.tier3)] : []),
    button(AgentButtons.handBack),
  ];
}

/**
 * The agent action a pressed card button stands for; undefined for an id that is not one
 * (hostile or from another version).
 */
export function parseAgentButton(
  id: string,
  who: { agentId: string; agentName?: string; channel: string; messageId: string },
): AgentAction | undefined {
  const match = /^agent:(claim|resolve|tier3|handback):([A-Za-z0-9-]{1,64})$/.exec(id.trim());
  if (!match) return undefined;
  const ticketId = match[2] as string;
  switch (match[1]) {
    case 'claim':
      return { ...who, kind: 'claim', ticketId };
    case 'resolve':
      return { ...who, kind: 'resolve', ticketId };
    case 'tier3':
      return { ...who, kind: 'escalate', ticketId };
    default:
      return { ...who, kind: 'hand-back', ticketId };
  }
}
