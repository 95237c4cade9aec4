import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { KB_SMALL } from './helpdesk-harness.js';

/**
 * Settings of the product's server in a test: a free port on loopback, a database in `dir`, the
 * small knowledge base, keyword-only, no live re-index, people at their desks around the clock,
 * silent logs; `overrides` add the channel's own settings and agents.
 */
export function serverTestConfig(dir: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    DATABASE_PATH: path.join(dir, 'helpdesk.db'),
    KB_DIR: KB_SMALL,
    KB_WATCH: 'false',
    // A calibration landing mid-test would change decline/clarify between two messages; it
    // has tests of its own.
    SELF_CALIBRATION: 'false',
    EMBEDDINGS: 'off',
    BUSINESS_HOURS: 'mon-sun 00:00-24:00',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}
