import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../paths.js';
import { percentile } from '../retrieval/evaluate.js';

/** What the bench saw of the real serving process (`npm start`'s program). */
export interface ServerFigures {
  /** `dist`: the compiled server, as `npm start` runs it; `tsx`: no build found, the source. */
  build: 'dist' | 'tsx';
  /** From spawning the process to `/healthz` answering 200. */
  readyMs: number;
  /** CPU time the process used until then (all its threads). */
  readyCpuMs: number;
  /**
   * The same for a restart on the database the first run left (what a service restart sees: the
   * trained classifier is loaded, not trained again).
   */
  restartReadyMs: number;
  restartReadyCpuMs: number;
  /** Resident memory (VmRSS) once ready, then after the messages; and the peak (VmHWM). */
  rssMbReady: number;
  rssMbAfterMessages: number;
  rssMbPeak: number;
  messages: number;
  /** Messages that did not get a 200. */
  errors: number;
  /**
   * One message at a time, end to end over HTTP on loopback (web chat API): parsing, the turn,
   * its commit, the reply.
   */
  roundTripMs: { p50: number; p95: number; p99: number };
}

/** Conversations the messages take turns in. */
const EMPLOYEES = 4;

/** Resident and peak memory of a process, in MB, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** User plus system CPU time of a process so far, in ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * Why the compiled server is not the current source (a source file newer than the build), or
 * undefined: the bench measures `dist/` when it exists, as `npm start` runs it.
 */
export function staleBuild(): string | undefined {
  const built = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'start.js');
  if (!existsSync(built)) return undefined;
  const builtAt = statSync(built).mtimeMs;
  for (const folder of ['src', 'adapters']) {
    for (const file of readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      if (statSync(path.join(PROJECT_ROOT, folder, file)).mtimeMs > builtAt)
        return `${folder}/${file} is newer than dist/ (run npm run build)`;
    }
  }
  return undefined;
}

/** The words of `npm start`'s script in package.json, without the `exec` that hands over to node. */
function startScript(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts.start ?? '').replace(/^exec\s+/, '').split(/\s+/);
}

/**
 * The node options `npm start` gives the serving process (heap sizing, V8's thread pool...):
 * measurements made outside the server run under them too, or they would measure another engine
 * set-up (with V8's default four background threads, on two cores they preempt the main thread
 * for milliseconds at a time while they compile).
 */
export function servingNodeOptions(): string[] {
  const [node, ...args] = startScript();
  return node === 'node' ? args.filter((a) => a.startsWith('--')) : [];
}

/**
 * What `npm start` runs when the server is built (its script, as node arguments); else the source
 * under tsx.
 */
function serverCommand(): { args: string[]; build: 'dist' | 'tsx' } {
  const built = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'start.js');
  if (existsSync(built)) {
    const [node, ...args] = startScript();
    if (node === 'node') return { args, build: 'dist' };
    return { args: [built], build: 'dist' };
  }
  return { args: ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'cli', 'start.ts')], build: 'tsx' };
}

async function untilReady(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  let url: string | undefined;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    const port = /"port":(\d+)/.exec(output())?.[1];
    url ??= port ? `http://127.0.0.1:${port}` : undefined;
    if (url) {
      const status = await fetch(`${url}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return url;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the server was not ready in ${timeoutMs} ms:\n${output()}`);
}

/** Web-chat employees (a session cookie each) of one server. */
async function signIn(url: string, count: number): Promise<{ name: string; cookie: string }[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, e) => {
      const name = `bench-${e}`;
      const res = await fetch(`${url}/api/chat/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
      return { name, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
    }),
  );
}

/**
 * Starts the real server on `kbDir` (keyword-only, a fresh database, a free port on loopback),
 * measures its start-up and memory, sends it `messages` questions from `texts` through the web
 * chat's API and measures its memory again; then stops it with SIGTERM.
 */
export async function measureServer(options: {
  kbDir: string;
  dataDir: string;
  texts: readonly string[];
  messages: number;
  timeoutMs?: number;
}): Promise<ServerFigures> {
  const first = await measureRun(options);
  const restart = await measureRun({ ...options, messages: 0 });
  return { ...first, restartReadyMs: restart.readyMs, restartReadyCpuMs: restart.readyCpuMs };
}

async function measureRun(options: {
  kbDir: string;
  dataDir: string;
  texts: readonly string[];
  messages: number;
  timeoutMs?: number;
}): Promise<Omit<ServerFigures, 'restartReadyMs' | 'restartReadyCpuMs'>> {
  const { args, build } = serverCommand();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      KB_DIR: options.kbDir,
      DATA_DIR: options.dataDir,
      EMBEDDINGS: 'off',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  try {
    const url = await untilReady(child, () => out, options.timeoutMs ?? 300_000);
    const readyMs = performance.now() - started;
    const pid = child.pid!;
    const readyCpuMs = cpuMsOf(pid);
    const ready = memoryOf(pid);
    // One message at a time, taking turns among a few conversations: the round trip is the cost
    // of one message, not the wait behind others.
    const employees = await signIn(url, EMPLOYEES);
    const times: number[] = [];
    let errors = 0;
    for (let i = 0; i < options.messages; i++) {
      const { name, cookie } = employees[i % employees.length]!;
      const sent = performance.now();
      const res = await fetch(`${url}/api/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ messageId: `${name}-${i}`, text: options.texts[i % options.texts.length] }),
      }).catch(() => undefined);
      await res?.arrayBuffer();
      times.push(performance.now() - sent);
      if (res?.status !== 200) errors += 1;
    }
    const after = memoryOf(pid);
    return {
      build,
      readyMs: Math.round(readyMs),
      readyCpuMs: Math.round(readyCpuMs),
      rssMbReady: ready.rss,
      rssMbAfterMessages: after.rss,
      rssMbPeak: after.peak,
      messages: times.length,
      errors,
      roundTripMs: { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) },
    };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}
