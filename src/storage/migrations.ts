import type { Migration } from './db.js';

/**
 * Every schema step of the bot's database, in order. Each owning module exports its own list;
 * this file only fixes their order. Append, never edit an applied migration.
 */
export const ALL_MIGRATIONS: Migration[] = [];
