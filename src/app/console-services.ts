import { accountDirectory } from '../accounts/account-directory.js';
import { signIn } from '../accounts/sign-in.js';
import { SqliteAgentAccounts } from '../accounts/sqlite-agent-accounts.js';
import type { AgentConsoleServices } from '../channels/ports.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Stores } from '../conversation/ports.js';
import { combineDirectories, configDirectory, type AgentDirectory } from '../handoff/agent-directory.js';
import { LearningService } from '../learning/learning-service.js';
import { SqliteLearningStore } from '../learning/sqlite-learning-store.js';
import type { Article } from '../kb/types.js';
import { computeDashboard } from '../report/dashboard.js';
import type { Db } from '../storage/db.js';

/** The agent directory, the learning store and what the console is given, built on one database. */
export interface ConsoleWiring {
  directory: AgentDirectory;
  learningStore: SqliteLearningStore;
  services: AgentConsoleServices;
}

/**
 * Wires the agent console's parts of the core: roles from configuration and local accounts
 * together, sign-in with lockout, learning from resolutions and the dashboard figures.
 */
export function createConsoleServices(deps: {
  db: Db;
  config: Config;
  stores: Stores;
  articles: { getArticle(id: string): Article | undefined };
  clock: Clock;
}): ConsoleWiring {
  const { db, config, stores, clock } = deps;
  const accounts = new SqliteAgentAccounts(db);
  const directory = combineDirectories(configDirectory(config), accountDirectory(accounts));
  const learningStore = new SqliteLearningStore(db);
  const now = () => clock.now();
  return {
    directory,
    learningStore,
    services: {
      directory,
      signIn: (login, password) => signIn({ accounts, audit: stores.audit, now }, login, password),
      account(login) {
        const a = accounts.get(login);
        return a ? { login: a.login, name: a.name, tier: a.tier } : undefined;
      },
      learning: new LearningService({
        store: learningStore,
        audit: stores.audit,
        config,
        articles: deps.articles,
        now,
      }),
      dashboard: (options) => computeDashboard(db, { ...options, timeZone: config.handoff.timeZone }),
      audit: (entry) => stores.audit.record(entry),
    },
  };
}
