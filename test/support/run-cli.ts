import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the project root (where package.json lives). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliRun {
  /** Exit code; null only if the process was killed by a signal. */
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Extra environment variables; the child otherwise gets only PATH, HOME and temp-dir variables. */
  env?: Record<string, string>;
  /** Kill the child after this many milliseconds (default 15 s) and fail the test. */
  timeoutMs?: number;
  /** Text piped to the child's standard input (a password for `agent:add`). */
  input?: string;
}

/**
 * Runs a TypeScript CLI entry point the way `npm run` does (`node --import tsx <script> ...args`)
 * with cwd = project root, and returns its exit code and output. The child gets a minimal
 * environment so that configuration in the developer's shell (KB_DIR, LOG_LEVEL, ...) cannot
 * change the result. Throws if the process could not start or ran into the timeout.
 */
export function runCli(script: string, args: string[], options: RunCliOptions = {}): CliRun {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  const timeout = options.timeoutMs ?? 15_000;
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    ...(options.input === undefined ? {} : { input: options.input }),
    timeout,
    killSignal: 'SIGKILL',
  });
  if (result.error) {
    throw new Error(`could not run ${script} ${args.join(' ')}: ${result.error.message}`, {
      cause: result.error,
    });
  }
  if (result.signal !== null) {
    throw new Error(`${script} ${args.join(' ')} was killed by ${result.signal} (timeout ${timeout} ms)`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
