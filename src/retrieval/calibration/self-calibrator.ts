import { errorMessage } from '../../errors.js';
import { countSections } from '../../kb/sections.js';
import { companyThesaurus } from '../../text/synonyms.js';
import type { Logger } from '../../logger.js';
import type { Thresholds } from '../decide.js';
import type { KnowledgeRetriever } from '../retriever.js';
import { calibrateApart } from './calibrate-apart.js';
import type { CalibrationStore } from './calibration-store.js';
import { calibrationKey, selfCalibrate, type Calibration } from './self-calibrate.js';

/**
 * Largest knowledge base calibrated, in sections. A run holds a second index of the whole
 * knowledge base (and a copy of the articles): with 10,000 sections that took the serving
 * process from about 320 MB to 770 MB while it ran beside it. Beyond this the built-in decision
 * serves, as for the classifier beyond its work budget.
 */
export const MAX_CALIBRATED_SECTIONS = 3000;

/** Lets pending I/O and messages run between two questions of a calibration. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Keeps the served knowledge base calibrated: at start-up and after every edit it looks up the
 * stored calibration of exactly these articles, or makes one in the background while the last
 * good one (or the built-in decision) keeps serving. Runs never overlap; edits made during a run
 * start another one when it ends.
 */
export class SelfCalibrator {
  private running: Promise<Calibration | undefined> | undefined;
  private again = false;
  private stopped = false;
  private stopApart: (() => Promise<void>) | undefined;
  private tooLargeReported = false;

  constructor(
    private readonly retriever: KnowledgeRetriever,
    private readonly thresholds: Thresholds,
    private readonly options: {
      store?: CalibrationStore;
      logger?: Logger;
      /**
       * Calibrate in a child process (the server): its memory goes with the process, and the
       * message path never waits on it.
       */
      isolate?: boolean;
    } = {},
  ) {}

  /**
   * Brings the calibration in line with the articles now indexed; resolves with the one served.
   * With embeddings the built-in decision stays (the calibration reads keyword rankings).
   */
  refresh(): Promise<Calibration | undefined> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let result: Calibration | undefined;
        do {
          this.again = false;
          result = await this.once();
        } while (this.again && !this.stopped);
        return result;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Stops after the run in progress (before the database closes); resolves when it has. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopApart?.();
    await this.running?.catch(() => undefined);
  }

  /** One run, in a child process when `isolate` is set, else here between messages. */
  private async calibrate(): Promise<Calibration | undefined> {
    const { retriever, thresholds } = this;
    if (this.options.isolate) {
      const run = calibrateApart({
        articles: retriever.listArticles(),
        settings: retriever.keywordSettings(),
        thresholds,
        thesaurus: companyThesaurus(),
      });
      this.stopApart = run.stop;
      try {
        return await run.result;
      } finally {
        this.stopApart = undefined;
      }
    }
    return selfCalibrate(retriever, thresholds, {
      // Stopping (the bot shuts down) abandons the run at the next question.
      pause: () => (this.stopped ? Promise.reject(new CalibrationStopped()) : nextTurn()),
    }).catch((error: unknown) => {
      if (error instanceof CalibrationStopped) return undefined;
      throw error;
    });
  }

  private async once(): Promise<Calibration | undefined> {
    const { retriever, thresholds } = this;
    const { store, logger } = this.options;
    if (retriever.usesEmbeddings || this.stopped) return retriever.currentCalibration;
    const sections = countSections(retriever.listArticles());
    if (sections > MAX_CALIBRATED_SECTIONS) {
      if (!this.tooLargeReported)
        logger?.info(
          { sections, max: MAX_CALIBRATED_SECTIONS },
          'the knowledge base is too large to calibrate beside the index: the built-in decision serves',
        );
      this.tooLargeReported = true;
      retriever.setCalibration(undefined);
      return undefined;
    }
    // Derived views first: the classifier decides which models the calibration is for.
    await retriever.rebuildInBackground();
    const key = calibrationKey(retriever.listArticles(), retriever.usesIntentModel, thresholds);
    if (retriever.currentCalibration?.key === key) return retriever.currentCalibration;
    const stored = safely(() => store?.get(key), logger);
    if (stored) {
      retriever.setCalibration(stored);
      return stored;
    }
    const started = Date.now();
    const calibration = await this.calibrate();
    if (!calibration) return retriever.currentCalibration;
    // Articles changed during the run: this calibration is already stale, the next run replaces it.
    if (
      this.stopped ||
      calibrationKey(retriever.listArticles(), retriever.usesIntentModel, thresholds) !== key
    ) {
      this.again = !this.stopped;
      return retriever.currentCalibration;
    }
    retriever.setCalibration(calibration);
    safely(() => store?.put(calibration), logger);
    logger?.info(
      {
        ms: Date.now() - started,
        clarifyThreshold: calibration.clarifyThreshold,
        estimates: calibration.estimates,
      },
      'decision calibrated for this knowledge base',
    );
    return calibration;
  }
}

/** Thrown into a run by `stop`; the run ends without a result. */
class CalibrationStopped extends Error {}

/** A store that fails costs the next start a calibration run, not the bot. */
function safely<T>(action: () => T, logger: Logger | undefined): T | undefined {
  try {
    return action();
  } catch (error) {
    logger?.warn({ err: errorMessage(error) }, 'the stored calibration could not be read or written');
    return undefined;
  }
}
