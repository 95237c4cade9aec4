import { describe, expect, it } from 'vitest';
import { calibrateApart } from '../../../src/retrieval/calibration/calibrate-apart.js';
import type { CalibrationJob } from '../../../src/retrieval/calibration/calibration-process.js';

const THRESHOLDS = { answerThreshold: 0.88, clarifyThreshold: 0.53, answerMargin: 0.1 };

describe('calibrateApart', () => {
  it("rejects with the child's own error when the run fails there, leaving this process alone", async () => {
    const broken = {
      articles: null,
      settings: {},
      thresholds: THRESHOLDS,
      thesaurus: [],
    } as unknown as CalibrationJob;
    await expect(calibrateApart(broken).result).rejects.toThrow(
      /the calibration process exited with code 1: .*TypeError/s,
    );
  }, 60_000);
});
