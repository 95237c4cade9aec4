import type { TurnContext } from 'botbuilder';
import { agentCommandHelp, parseAgentCommand, type AgentAction } from '../../../src/index.js';
import { cardMessage } from '../cards/message.js';
import { plainCard } from '../cards/reply-card.js';
import { runAgentAction } from './agent-action.js';
import { senderOf, TEAMS_CHANNEL, type TeamsDeps } from './deps.js';

const NOTE = /^note:\s*/i;
const TICKET_ID = /^T-[A-Za-z0-9-]{1,64}$/;

/**
 * A command typed in a ticket's thread: the ticket id may be left out (`/resolve fixed`), since
 * the thread says which ticket it is.
 */
export function threadCommand(
  text: string,
  ticketId: string,
  who: Parameters<typeof parseAgentCommand>[1],
): AgentAction | undefined {
  const [command = '', second = '', ...rest] = text.trim().split(/\s+/);
  const withId = TICKET_ID.test(second)
    ? text
    : [command, ticketId, second, ...rest].filter(Boolean).join(' ');
  return parseAgentCommand(withId, who);
}

/**
 * What an agent writes in a ticket's reply chain: relayed to the employee as the agent's reply
 * (the core claims a waiting ticket, refuses someone else's); `note: …` is an internal note never
 * relayed; `/command` runs a command on this ticket.
 */
export async function ticketThreadMessage(
  deps: TeamsDeps,
  context: TurnContext,
  ticketId: string,
  text: string,
): Promise<void> {
  if (!text) return;
  const sender = senderOf(context.activity);
  const who = {
    agentId: sender.agentId,
    ...(sender.name ? { agentName: sender.name } : {}),
    channel: TEAMS_CHANNEL,
    messageId: context.activity.id as string,
  };
  if (NOTE.test(text)) {
    const note = text.replace(NOTE, '').trim();
    if (!note) return;
    await runAgentAction(deps, context, { ...who, kind: 'note', ticketId, text: note });
    return;
  }
  if (text.startsWith('/')) {
    const action = threadCommand(text, ticketId, who);
    if (!action) {
      await context.sendActivity(cardMessage(plainCard(`Commands:\n${agentCommandHelp('/')}`)));
      return;
    }
    await runAgentAction(deps, context, action);
    return;
  }
  await runAgentAction(deps, context, { ...who, kind: 'reply', ticketId, text }, { quiet: true });
}
