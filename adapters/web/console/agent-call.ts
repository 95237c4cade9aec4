import { randomUUID } from 'node:crypto';
import type { ConsoleAgent } from './console-auth.js';

/** The fields every console action sends to `core.handleAgentAction` (channel `web`). */
export function agentCall(agent: ConsoleAgent, messageId: string = randomUUID()) {
  return { agentId: agent.agentId, agentName: agent.name, channel: 'web', messageId };
}
