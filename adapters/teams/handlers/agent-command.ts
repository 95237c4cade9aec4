import type { TurnContext } from 'botbuilder';
import { parseAgentButton, parseAgentCommand, type AgentAction } from '../../../src/index.js';
import { runAgentAction } from './agent-action.js';
import { senderOf, TEAMS_CHANNEL, type TeamsDeps } from './deps.js';

/** Who is acting, as the core's agent actions want it. */
function callerOf(context: TurnContext) {
  const sender = senderOf(context.activity);
  return {
    agentId: sender.agentId,
    ...(sender.name ? { agentName: sender.name } : {}),
    channel: TEAMS_CHANNEL,
    messageId: context.activity.id as string,
  };
}

/** The action of a typed command (`/claim T-1`, or `claim T-1` in a queue channel), if it is one. */
export function commandAction(context: TurnContext, text: string): AgentAction | undefined {
  return parseAgentCommand(text, callerOf(context));
}

/** A ticket card button (`agent:claim:T-1`) pressed. */
export async function agentButton(deps: TeamsDeps, context: TurnContext, buttonId: string): Promise<void> {
  const action = parseAgentButton(buttonId, callerOf(context));
  if (!action) {
    deps.logger.debug({ buttonId: buttonId.slice(0, 100) }, 'unknown Teams card button');
    return;
  }
  await runAgentAction(deps, context, action);
}

/** A typed agent command. */
export async function agentCommand(
  deps: TeamsDeps,
  context: TurnContext,
  action: AgentAction,
): Promise<void> {
  await runAgentAction(deps, context, action);
}
