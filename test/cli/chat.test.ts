import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type CliRun } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const SCRIPT = 'src/cli/chat.ts';
const TIMEOUT_MS = 60_000;

/**
 * Runs `npm run chat` the way npm does (`node --import tsx src/cli/chat.ts`) with `input` on stdin,
 * a minimal environment (like `runCli`) plus `env`, and resolves with its exit code and output.
 */
function runChat(input: string, env: Record<string, string>): Promise<CliRun> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot']) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      cwd: PROJECT_ROOT,
      env: { ...base, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (signal !== null) {
        reject(
          new Error(`${SCRIPT} was killed by ${signal} (timeout ${TIMEOUT_MS} ms)\n${stdout}\n${stderr}`),
        );
      } else {
        resolve({ status, stdout, stderr });
      }
    });
    child.stdin.end(input);
  });
}

let dir: string;
useTempDir('cli-start', (d) => (dir = d));

/** Subprocesses start slowly on a loaded machine: generous limits, never timing assertions. */
describe('npm run chat (terminal chat)', { timeout: 90_000 }, () => {
  it('answers a question from the knowledge base, quits on /quit and leaves its database behind', async () => {
    const dataDir = path.join(dir, 'answer');
    const run = await runChat("VPN won't connect\n/quit\n", {
      DATA_DIR: dataDir,
      EMBEDDINGS: 'off',
      KB_WATCH: 'false',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Helpdesk Bot: \d+ articles from \S+, embeddings off, /m);
    expect(run.stdout).toContain('bot> Connect to the VPN (GlobalProtect)');
    expect(run.stdout).toContain('bot> Did this solve it?');
    expect(run.stdout).toContain('[1] Yes');
    expect(existsSync(path.join(dataDir, 'helpdesk.db'))).toBe(true);
  });

  it.each(['', ',', ' , '])(
    'acts as the local Tier 2 agent when TIER2_AGENTS lists nobody (%j)',
    async (agents) => {
      const run = await runChat('/queue\n', {
        DATA_DIR: path.join(dir, `agent${agents.length}`),
        EMBEDDINGS: 'off',
        KB_WATCH: 'false',
        TIER2_AGENTS: agents,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('[agent] queue:');
      expect(run.stdout).not.toContain('not a Tier 2 or Tier 3 agent');
    },
  );

  it('refuses, with one clear line, a log file it cannot write', async () => {
    const dataDir = path.join(dir, 'log-is-a-folder');
    mkdirSync(path.join(dataDir, 'helpdesk.log'), { recursive: true });
    const run = await runChat('/quit\n', { DATA_DIR: dataDir, EMBEDDINGS: 'off', KB_WATCH: 'false' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Cannot write the log file .*helpdesk\.log: EISDIR/m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses to start on a database another running bot uses', async () => {
    const dataDir = path.join(dir, 'locked');
    mkdirSync(dataDir, { recursive: true });
    // The lock of a process that is alive: this test runner.
    writeFileSync(path.join(dataDir, 'helpdesk.db.lock'), String(process.pid));
    const run = await runChat('/quit\n', { DATA_DIR: dataDir, EMBEDDINGS: 'off', KB_WATCH: 'false' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`Another Helpdesk Bot \\(process ${process.pid}\\) is already using`),
    );
  });
});
