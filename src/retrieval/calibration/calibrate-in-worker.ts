import { Worker } from 'node:worker_threads';
import type { CalibrationJob } from './calibration-worker.js';
import type { Calibration } from './self-calibrate.js';

/**
 * The worker's entry: the compiled file next to this one, or, when running from the TypeScript
 * sources (development, tests), the source file through tsx, which a worker does not inherit.
 */
function startWorker(job: CalibrationJob): Worker {
  const compiled = import.meta.url.endsWith('.js');
  const entry = new URL(`./calibration-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  if (compiled) return new Worker(entry, { workerData: job });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: job });
}

/** A running calibration in its own thread; `stop` ends it without a result. */
export interface WorkerRun {
  result: Promise<Calibration | undefined>;
  stop(): Promise<void>;
}

/**
 * Calibrates `job` in a worker thread and resolves with its calibration, or undefined when it was
 * stopped. The articles are copied to the worker; nothing is shared.
 */
export function calibrateInWorker(job: CalibrationJob): WorkerRun {
  const worker = startWorker(job);
  let stopped = false;
  const result = new Promise<Calibration | undefined>((resolve, reject) => {
    worker.once('message', (calibration: Calibration) => resolve(calibration));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      stopped || code === 0
        ? resolve(undefined)
        : reject(new Error(`the calibration worker exited with code ${code}`)),
    );
  });
  return {
    result,
    stop: async () => {
      stopped = true;
      await worker.terminate();
    },
  };
}
