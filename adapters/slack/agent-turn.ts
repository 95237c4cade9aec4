import { errorMessage, isHelpdeskError, type AgentAction, type AgentResult } from '../../src/index.js';
import { agentNotice, agentResultMessage } from './blocks/agent-result.js';
import type { SlackMessage } from './blocks/kit.js';
import type { SlackDeps } from './deps.js';

/**
 * Runs an agent's action in the core and shows the outcome to that agent only: the result, or
 * the core's refusal (not an agent, not yours, no such ticket) in its own words. Who may act is
 * the core's decision; this never checks roles. Returns the result when the action ran.
 */
export async function agentTurn(
  deps: SlackDeps,
  action: AgentAction,
  show: (message: SlackMessage) => Promise<unknown>,
  options: { quietOnSuccess?: boolean } = {},
): Promise<AgentResult | undefined> {
  let result: AgentResult;
  try {
    result = await deps.core.handleAgentAction(action);
  } catch (error) {
    const known = isHelpdeskError(error);
    if (!known)
      deps.logger.error({ err: errorMessage(error), kind: action.kind }, 'slack agent action failed');
    await safely(deps, show(agentNotice(known ? error.message : 'Something went wrong; please try again.')));
    return undefined;
  }
  if (!options.quietOnSuccess) await safely(deps, show(agentResultMessage(result)));
  return result;
}

async function safely(deps: SlackDeps, shown: Promise<unknown>): Promise<void> {
  try {
    await shown;
  } catch (error) {
    deps.logger.warn({ err: errorMessage(error) }, 'slack: could not show the agent the outcome');
  }
}
