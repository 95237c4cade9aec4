import type { Config } from '../config.js';
import { roleOf as configRoleOf } from './agents.js';
import type { AgentRole } from './types.js';

/**
 * Who the agents are, as the core asks it: the role of a channel-qualified id, and every id the
 * same person has in other channels. An outbound port so that roles can come from more than the
 * configuration (the agent console's local accounts) without the core knowing where they live.
 */
export interface AgentDirectory {
  /** `tier2`, `tier3`, or undefined for someone who is not an agent. */
  roleOf(agentId: string): AgentRole | undefined;
  /**
   * The person's ids in every channel, `agentId` first: a ticket claimed as `slack:U1` is the
   * same person's ticket when they open the web console as `web:alice`.
   */
  idsOf(agentId: string): string[];
  /** Whether anyone has `role` (a ticket is not sent to Tier 3 when nobody could take it). */
  hasAny(role: AgentRole): boolean;
}

/** The directory of TIER2_AGENTS / TIER3_AGENTS alone (the default): one id per person. */
export function configDirectory(config: Config): AgentDirectory {
  return {
    roleOf: (agentId) => configRoleOf(config, agentId),
    idsOf: (agentId) => [agentId],
    hasAny: (role) => (role === 'tier3' ? config.handoff.tier3Agents : config.handoff.tier2Agents).length > 0,
  };
}

const RANK: Record<AgentRole, number> = { tier2: 2, tier3: 3 };

/**
 * Several directories as one: the highest role any of them gives wins (so configuration keeps
 * working next to accounts), and a person's ids are the union of what each knows.
 */
export function combineDirectories(...parts: readonly AgentDirectory[]): AgentDirectory {
  return {
    roleOf(agentId) {
      let best: AgentRole | undefined;
      for (const part of parts) {
        const role = part.roleOf(agentId);
        if (role && (!best || RANK[role] > RANK[best])) best = role;
      }
      return best;
    },
    idsOf(agentId) {
      const ids = new Set<string>([agentId]);
      for (const part of parts) for (const id of part.idsOf(agentId)) ids.add(id);
      return [...ids];
    },
    hasAny: (role) => parts.some((p) => p.hasAny(role)),
  };
}
