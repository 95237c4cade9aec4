import { z } from 'zod';
import type { Db, Migration } from '../../storage/db.js';
import { CALIBRATION_VERSION, type Calibration } from './self-calibrate.js';

/** The table of the served knowledge base's calibration, by `calibrationKey`. */
export const CALIBRATION_MIGRATIONS: Migration[] = [
  {
    id: 'calibration/001-calibrations',
    up: `
      CREATE TABLE calibrations (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];

/** Where a calibration outlives the process, so a restart serves it at once. */
export interface CalibrationStore {
  get(key: string): Calibration | undefined;
  put(calibration: Calibration): void;
}

const score = z.number().finite();
const storedCalibration = z.object({
  version: z.literal(CALIBRATION_VERSION),
  key: z.string(),
  withIntent: z.boolean(),
  clarifyModel: z.object({
    bias: score,
    coverage: score,
    phrasing: score,
    matched: score,
    intent: score,
  }),
  clarifyThreshold: z.number().min(0).max(1),
  estimates: z.record(z.string(), score),
  notes: z.array(z.string()),
});

/**
 * `CalibrationStore` in the bot's database. It keeps the calibration of the knowledge base
 * served: storing a new one drops the others. A row that does not read back as a calibration of
 * this version (an older method, a hand edit) counts as none, and the next run replaces it.
 */
export function sqliteCalibrationStore(db: Db, now: () => Date = () => new Date()): CalibrationStore {
  return {
    get(key) {
      const row = db.prepare('SELECT value FROM calibrations WHERE key = ?').get(key) as
        { value: string } | undefined;
      if (!row) return undefined;
      try {
        const parsed = storedCalibration.safeParse(JSON.parse(row.value));
        return parsed.success && parsed.data.key === key
          ? (parsed.data as unknown as Calibration)
          : undefined;
      } catch {
        return undefined;
      }
    },
    put(calibration) {
      db.transaction(() => {
        db.prepare('DELETE FROM calibrations WHERE key <> ?').run(calibration.key);
        db.prepare('INSERT OR REPLACE INTO calibrations (key, value, created_at) VALUES (?, ?, ?)').run(
          calibration.key,
          JSON.stringify(calibration),
          now().toISOString(),
        );
      })();
    },
  };
}
