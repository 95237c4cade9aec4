import type { Tier } from '../handoff/types.js';
import { prepared, type Db } from '../storage/db.js';
import type { AgentAccount, AgentAccountStore } from './types.js';

interface Row {
  login: string;
  name: string;
  tier: number;
  password_hash: string;
  slack_id: string | null;
  teams_id: string | null;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
}

function toAccount(r: Row): AgentAccount {
  return {
    login: r.login,
    name: r.name,
    tier: r.tier as Tier,
    passwordHash: r.password_hash,
    slackId: r.slack_id ?? undefined,
    teamsId: r.teams_id ?? undefined,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until ?? undefined,
    createdAt: r.created_at,
  };
}

/** `AgentAccountStore` on the bot's SQLite database (migrated with ACCOUNT_MIGRATIONS). */
export class SqliteAgentAccounts implements AgentAccountStore {
  constructor(private readonly db: Db) {}

  get(login: string): AgentAccount | undefined {
    const row = prepared(this.db, 'SELECT * FROM agent_accounts WHERE login = ?').get(login) as
      Row | undefined;
    return row ? toAccount(row) : undefined;
  }

  findByLinkedId(agentId: string): AgentAccount | undefined {
    const colon = agentId.indexOf(':');
    const channel = agentId.slice(0, colon);
    const id = agentId.slice(colon + 1);
    if (colon <= 0 || id === '') return undefined;
    const column = channel === 'slack' ? 'slack_id' : channel === 'teams' ? 'teams_id' : undefined;
    if (!column) return undefined;
    const row = prepared(
      this.db,
      `SELECT * FROM agent_accounts WHERE ${column} = ? ORDER BY login LIMIT 1`,
    ).get(id) as Row | undefined;
    return row ? toAccount(row) : undefined;
  }

  save(a: AgentAccount): void {
    prepared(
      this.db,
      `INSERT INTO agent_accounts (login, name, tier, password_hash, slack_id, teams_id, failed_attempts,
           locked_until, created_at)
         VALUES (@login, @name, @tier, @password_hash, @slack_id, @teams_id, @failed_attempts, @locked_until,
           @created_at)
         ON CONFLICT (login) DO UPDATE SET name = excluded.name, tier = excluded.tier,
           password_hash = excluded.password_hash, slack_id = excluded.slack_id, teams_id = excluded.teams_id,
           failed_attempts = excluded.failed_attempts, locked_until = excluded.locked_until`,
    ).run({
      login: a.login,
      name: a.name,
      tier: a.tier,
      password_hash: a.passwordHash,
      slack_id: a.slackId ?? null,
      teams_id: a.teamsId ?? null,
      failed_attempts: a.failedAttempts,
      locked_until: a.lockedUntil ?? null,
      created_at: a.createdAt,
    });
  }

  remove(login: string): boolean {
    return prepared(this.db, 'DELETE FROM agent_accounts WHERE login = ?').run(login).changes > 0;
  }

  list(): AgentAccount[] {
    return (prepared(this.db, 'SELECT * FROM agent_accounts ORDER BY login').all() as Row[]).map(toAccount);
  }

  setAttempts(login: string, failedAttempts: number, lockedUntil: string | undefined): void {
    prepared(this.db, 'UPDATE agent_accounts SET failed_attempts = ?, locked_until = ? WHERE login = ?').run(
      failedAttempts,
      lockedUntil ?? null,
      login,
    );
  }
}
