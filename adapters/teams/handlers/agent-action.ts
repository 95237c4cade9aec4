import type { TurnContext } from 'botbuilder';
import { errorMessage, isHelpdeskError, type AgentAction } from '../../../src/index.js';
import { agentResultCard } from '../cards/agent-result-card.js';
import { cardMessage } from '../cards/message.js';
import { plainCard } from '../cards/reply-card.js';
import type { TeamsDeps } from './deps.js';

/**
 * Runs an agent's action (button, command, message in a ticket thread) through the core and
 * answers in the same place: the confirmation, or the core's refusal (not an agent, not yours,
 * already claimed) in words. Roles are the core's business, never checked here.
 */
export async function runAgentAction(
  deps: TeamsDeps,
  context: TurnContext,
  action: AgentAction,
  options: { quiet?: boolean } = {},
): Promise<void> {
  let answer;
  try {
    const result = await deps.core.handleAgentAction(action);
    // A reply written in the thread is visible there already; saying "sent" under each is noise.
    if (options.quiet && result.kind === 'done') return;
    answer = cardMessage(agentResultCard(result));
  } catch (error) {
    if (!isHelpdeskError(error)) {
      deps.logger.error({ err: errorMessage(error), kind: action.kind }, 'a Teams agent action failed');
    }
    answer = cardMessage(
      plainCard(isHelpdeskError(error) ? error.message : 'Something went wrong; try again.', 'Attention'),
    );
  }
  await context.sendActivity(answer);
}
