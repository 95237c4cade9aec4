import type { Tier } from '../handoff/types.js';

/**
 * A local agent account of the web console (`npm run agent:add`): the login is the person's web
 * id (`web:<login>`), `slackId` / `teamsId` their ids in the other channels, so that the console
 * shows tickets they claimed there as theirs.
 */
export interface AgentAccount {
  login: string;
  name: string;
  tier: Tier;
  /** `scrypt$N$r$p$salt$hash` (base64url parts); never leaves the store except for checking. */
  passwordHash: string;
  slackId: string | undefined;
  teamsId: string | undefined;
  /** Wrong passwords in a row since the last good one. */
  failedAttempts: number;
  /** Until when sign-in is refused after too many wrong passwords (ISO), if locked. */
  lockedUntil: string | undefined;
  createdAt: string;
}

/** The accounts' storage port; SQL stays in its SQLite implementation. */
export interface AgentAccountStore {
  get(login: string): AgentAccount | undefined;
  /** The account whose linked Slack or Teams id (channel-qualified) is `agentId`. */
  findByLinkedId(agentId: string): AgentAccount | undefined;
  /** Inserts or replaces (password, tier and links) the account `login`. */
  save(account: AgentAccount): void;
  remove(login: string): boolean;
  list(): AgentAccount[];
  /** Records the outcome of a sign-in attempt: the new failure count and lock. */
  setAttempts(login: string, failedAttempts: number, lockedUntil: string | undefined): void;
}

/** A login: what may follow `web:` in an agent id. */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
