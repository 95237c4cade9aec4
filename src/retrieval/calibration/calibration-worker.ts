/**
 * Runs a self-calibration in a worker thread (see `calibrateInWorker`): the rounds of hold-out
 * build and throw away five indexes, and their garbage lives and dies with the worker's heap
 * instead of swelling the serving process's for good (about 100 MB of resident memory with the
 * sample knowledge base).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../../kb/types.js';
import type { Thresholds } from '../decide.js';
import { createRetriever, type RetrieverSettings } from '../retriever.js';
import { useCompanyThesaurus } from '../../text/synonyms.js';
import { selfCalibrate } from './self-calibrate.js';

/** What the serving thread sends. */
export interface CalibrationJob {
  articles: Article[];
  settings: RetrieverSettings;
  thresholds: Thresholds;
  /** The company thesaurus in use: module state, which a worker does not share. */
  thesaurus: [string, string[]][];
}

if (parentPort && workerData) {
  const job = workerData as CalibrationJob;
  useCompanyThesaurus(new Map(job.thesaurus));
  const retriever = createRetriever(job.articles, job.settings);
  const calibration = await selfCalibrate(retriever, job.thresholds, {
    retrieverFor: (articles) => retriever.keywordTwin(articles),
  });
  parentPort.postMessage(calibration);
}
