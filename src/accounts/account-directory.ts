import type { AgentDirectory } from '../handoff/agent-directory.js';
import { roleOfTier } from '../handoff/agents.js';
import type { AgentAccount, AgentAccountStore } from './types.js';

/** The account an id names: `web:<login>`, or a linked `slack:` / `teams:` id. */
export function accountOf(store: AgentAccountStore, agentId: string): AgentAccount | undefined {
  if (agentId.startsWith('web:')) return store.get(agentId.slice('web:'.length));
  return store.findByLinkedId(agentId);
}

/** Every channel-qualified id of an account's person. */
export function idsOfAccount(account: AgentAccount): string[] {
  return [
    `web:${account.login}`,
    ...(account.slackId ? [`slack:${account.slackId}`] : []),
    ...(account.teamsId ? [`teams:${account.teamsId}`] : []),
  ];
}

/**
 * The agent directory of the console's accounts: an account's tier is the role of its web id and
 * of its linked Slack and Teams ids (linking an id is an administrator's act, like TIER2_AGENTS).
 * Read on every call, so `agent:add` / `agent:remove` apply without a restart.
 */
export function accountDirectory(store: AgentAccountStore): AgentDirectory {
  return {
    roleOf(agentId) {
      const account = accountOf(store, agentId);
      return account ? roleOfTier(account.tier) : undefined;
    },
    idsOf(agentId) {
      const account = accountOf(store, agentId);
      return account ? [agentId, ...idsOfAccount(account).filter((id) => id !== agentId)] : [agentId];
    },
    hasAny: (role) => store.list().some((a) => roleOfTier(a.tier) === role),
  };
}
