import type { Config } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import type { AgentDirectory } from './agent-directory.js';
import type { AgentRole, Tier } from './types.js';

/**
 * Who may act as an agent: only ids listed in TIER2_AGENTS or TIER3_AGENTS. Tier 3 agents can
 * do everything Tier 2 agents can, plus work Tier 3 tickets.
 */
export function roleOf(config: Config, agentId: string): AgentRole | undefined {
  if (config.handoff.tier3Agents.includes(agentId)) return 'tier3';
  if (config.handoff.tier2Agents.includes(agentId)) return 'tier2';
  return undefined;
}

/** The tiers whose queue a role works. */
export function tiersOf(role: AgentRole): Tier[] {
  return role === 'tier3' ? [2, 3] : [2];
}

/** The role of an agent whose highest tier is `tier` (an account's tier). */
export function roleOfTier(tier: Tier): AgentRole {
  return tier === 3 ? 'tier3' : 'tier2';
}

/**
 * Whether `agentId` works tickets of `tier`: the rule a channel applies to settings only agents
 * may change (a Teams channel registered as a tier's queue), the same one tickets follow.
 */
export function mayWorkTier(agents: Pick<AgentDirectory, 'roleOf'>, agentId: string, tier: Tier): boolean {
  const role = agents.roleOf(agentId);
  return role !== undefined && tiersOf(role).includes(tier);
}

/** Throws FORBIDDEN unless the role may work tickets of `tier`. */
export function requireTier(role: AgentRole, tier: Tier, agentId: string): void {
  if (!tiersOf(role).includes(tier)) {
    throw new HelpdeskError(
      ErrorCodes.FORBIDDEN,
      `${agentId} is a Tier 2 agent; this ticket is with Tier 3`,
      {
        details: { agentId, tier },
      },
    );
  }
}
