import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CalibrationJob } from './calibration-process.js';
import type { Calibration } from './self-calibrate.js';

/** Last lines of the child's error output kept for the error message. */
const STDERR_KEPT = 2000;

/**
 * The child's entry: the compiled file next to this one, or, when running from the TypeScript
 * sources (development, tests), the source file through tsx.
 */
function startChild(): ChildProcess {
  const compiled = import.meta.url.endsWith('.js');
  const entry = fileURLToPath(new URL(`./calibration-process.${compiled ? 'js' : 'ts'}`, import.meta.url));
  return fork(entry, [], {
    execArgv: compiled ? [] : ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}

/** A running calibration in its own process; `stop` ends it without a result. */
export interface CalibrationRun {
  result: Promise<Calibration | undefined>;
  stop(): Promise<void>;
}

/**
 * Calibrates `job` in a child process and resolves with its calibration, or undefined when it
 * was stopped. The articles are copied to the child; it shares nothing with the serving process,
 * so whatever the run allocates, or a failure in it, stays out of the server.
 */
export function calibrateApart(job: CalibrationJob): CalibrationRun {
  const child = startChild();
  let stopped = false;
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEPT);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const result = new Promise<Calibration | undefined>((resolve, reject) => {
    child.once('message', (calibration: Calibration) => resolve(calibration));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      stopped || code === 0
        ? resolve(undefined)
        : reject(
            new Error(`the calibration process exited with ${signal ?? `code ${code}`}: ${stderr.trim()}`),
          ),
    );
  });
  child.send(job);
  return {
    result,
    stop: async () => {
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}
