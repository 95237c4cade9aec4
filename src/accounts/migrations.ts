import type { Migration } from '../storage/db.js';

/** Schema of the agent console's local accounts (with their sign-in lockout state). */
export const ACCOUNT_MIGRATIONS: Migration[] = [
  {
    id: 'accounts/001-init',
    up: `
      CREATE TABLE agent_accounts (
        login TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        tier INTEGER NOT NULL CHECK (tier IN (2, 3)),
        password_hash TEXT NOT NULL,
        slack_id TEXT,
        teams_id TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX agent_accounts_by_slack ON agent_accounts (slack_id);
      CREATE INDEX agent_accounts_by_teams ON agent_accounts (teams_id);
    `,
  },
];
