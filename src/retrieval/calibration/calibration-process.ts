/**
 * Runs a self-calibration in a child process (see `calibrateApart`): the rounds of hold-out
 * build and throw away five indexes, and their memory leaves with the process instead of staying
 * in the serving one (run beside the index, they left it about 100 MB larger; in a worker thread,
 * the thread's allocator arenas stayed).
 */
import type { Article } from '../../kb/types.js';
import { useCompanyThesaurus, type ThesaurusGroups } from '../../text/synonyms.js';
import type { Thresholds } from '../decide.js';
import { createRetriever, type RetrieverSettings } from '../retriever.js';
import { selfCalibrate } from './self-calibrate.js';

/** What the serving process sends. */
export interface CalibrationJob {
  articles: Article[];
  settings: RetrieverSettings;
  thresholds: Thresholds;
  /**
   * The company thesaurus in use: module state, which another process does not share (a map
   * crosses as it is: the child speaks the advanced serialization).
   */
  thesaurus: ThesaurusGroups;
}

/** The one job this process is started for: calibrate, answer, exit. */
async function run(job: CalibrationJob): Promise<void> {
  useCompanyThesaurus(job.thesaurus);
  const retriever = createRetriever(job.articles, job.settings);
  const calibration = await selfCalibrate(retriever, job.thresholds);
  process.send?.(calibration, () => process.disconnect());
}

if (process.send) {
  process.once('message', (job: CalibrationJob) => {
    run(job).catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
  });
  // The serving process gone: nothing to answer to.
  process.once('disconnect', () => process.exit(0));
}
