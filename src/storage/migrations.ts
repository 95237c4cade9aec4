import { ACCOUNT_MIGRATIONS } from '../accounts/migrations.js';
import { CHANNEL_MIGRATIONS } from '../channels/sqlite-channel-state.js';
import { CONVERSATION_MIGRATIONS } from '../conversation/migrations.js';
import { HANDOFF_MIGRATIONS } from '../handoff/migrations.js';
import { LEARNING_MIGRATIONS } from '../learning/migrations.js';
import { EMBEDDING_MIGRATIONS } from '../retrieval/embedding/vector-cache.js';
import { CALIBRATION_MIGRATIONS } from '../retrieval/calibration/calibration-store.js';
import { INTENT_CACHE_MIGRATIONS } from '../retrieval/intent-cache.js';
import type { Migration } from './db.js';

/**
 * Every schema step of the bot's database, in order. Each owning module exports its own list;
 * this file only fixes their order. Append, never edit an applied migration.
 */
export const ALL_MIGRATIONS: Migration[] = [
  ...EMBEDDING_MIGRATIONS,
  ...INTENT_CACHE_MIGRATIONS,
  ...CALIBRATION_MIGRATIONS,
  ...CONVERSATION_MIGRATIONS,
  ...HANDOFF_MIGRATIONS,
  ...CHANNEL_MIGRATIONS,
  ...ACCOUNT_MIGRATIONS,
  ...LEARNING_MIGRATIONS,
];
