import type { Config, HelpdeskCore, KnowledgeRetriever, Logger } from '../../src/index.js';
import type { Assets } from './assets.js';
import type { Identity } from './identity.js';
import type { LiveHub } from './live-hub.js';
import type { Mailbox } from './mailbox.js';
import type { SessionCodec } from './session.js';
import type { Turns } from './turns.js';

/** Everything the web chat's route handlers share, built once in `WebAdapter.start`. */
export interface WebDeps {
  config: Config;
  core: HelpdeskCore;
  logger: Logger;
  knowledge: KnowledgeRetriever;
  mailbox: Mailbox;
  hub: LiveHub;
  identity: Identity;
  sessions: SessionCodec;
  assets: Assets;
  turns: Turns;
}
