import type { AgentResult } from '../agent-action.js';
import { tiersOf } from '../agents.js';
import type { ActionOf, AgentCall } from './common.js';

/** The queue the caller works (Tier 2; Tier 3 agents see both), highest priority first, and their own tickets. */
export function listQueue(call: AgentCall<ActionOf<'list'>>): AgentResult {
  const { tickets } = call.ctx.stores;
  return {
    kind: 'queue',
    queued: tickets.queue(tiersOf(call.role)),
    // A person's tickets claimed under their other ids (Slack, Teams) are theirs here too.
    mine: call.ctx.directory.idsOf(call.action.agentId).flatMap((id) => tickets.assignedTo(id)),
  };
}
