import type {
  AgentConsoleServices,
  Config,
  HelpdeskCore,
  KnowledgeRetriever,
  Logger,
} from '../../../src/index.js';
import type { ConsoleAssets } from './console-assets.js';
import type { ConsoleAuth } from './console-auth.js';
import type { ConsoleHub } from './console-hub.js';
import type { AgentSessions } from './console-session.js';
import type { LoginLimiter } from './login-limiter.js';

/** Everything the agent console's route handlers share, built once when the web adapter starts. */
export interface ConsoleDeps {
  config: Config;
  core: HelpdeskCore;
  logger: Logger;
  knowledge: KnowledgeRetriever;
  services: AgentConsoleServices;
  auth: ConsoleAuth;
  sessions: AgentSessions;
  hub: ConsoleHub;
  limiter: LoginLimiter;
  assets: ConsoleAssets;
}
