/**
 * Load benchmark of the whole product over HTTP: simulated employees on the web chat's API
 * against the real server on loopback. Usage:
 *   npm run bench:load -- [--url http://127.0.0.1:3978] [--seconds 60] [--rate 200] [--users 200]
 * Without --url it starts `npm start`'s server in a child process on a temporary database (the
 * sample knowledge base, keyword-only) and stops it with SIGTERM at the end. Each employee sends
 * one message at a time, at an overall open-loop rate of --rate messages per second: questions
 * from the plain query set, and "No" or "Yes" when the last reply offered them. Prints JSON:
 * messages/s, end-to-end latency p50/p95/p99, errors, and, from every employee's history checked
 * afterwards, lost replies (a message answered 200 whose replies are not there) and duplicated
 * ones (a message whose echo or replies appear twice).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCliArgs, parseWholeNumber, runCli } from '../src/cli/args.js';
import { ErrorCodes, HelpdeskError } from '../src/errors.js';
import { PROJECT_ROOT, spawnServer, type ServerProcess } from './lib/server-process.js';
import { WebEmployee, type ChatEvent, type Sent } from './lib/web-employee.js';

const USAGE = 'npm run bench:load -- [--url URL] [--seconds 60] [--rate 200] [--users 200]';

function number(text: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (text === undefined) return fallback;
  const n = parseWholeNumber(text, min, max);
  if (n === undefined)
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Questions people type, from the plain query set (in scope and out of scope, both languages). */
function questions(): string[] {
  const file = path.join(PROJECT_ROOT, 'test/fixtures/queries-plain.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { query: string }).query);
}

interface Outcome {
  messageId: string;
  sent: Sent;
}

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    url: { type: 'string' },
    seconds: { type: 'string' },
    rate: { type: 'string' },
    users: { type: 'string' },
  });
  const seconds = number(values.seconds, 60, 1, 3600, 'seconds');
  const rate = number(values.rate, 200, 1, 100_000, 'rate');
  const userCount = number(values.users, 200, 1, 100_000, 'users');
  let server: ServerProcess | undefined;
  let dataDir: string | undefined;
  let url = values.url?.replace(/\/+$/, '');
  if (!url) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-load-'));
    server = await spawnServer({
      DATA_DIR: dataDir,
      KB_WATCH: 'false',
      EMBEDDINGS: 'off',
    });
    url = server.url;
  }
  try {
    const pool = questions();
    const employees = Array.from(
      { length: userCount },
      (_, i) => new WebEmployee(url as string, `Load ${i}`),
    );
    for (const e of employees) await e.signIn();
    const busy = new Set<number>();
    const lastChoices = new Map<number, string[]>();
    const outcomes: Outcome[] = [];
    let skipped = 0;
    let counter = 0;
    const inFlight = new Set<Promise<void>>();
    const started = performance.now();
    const total = seconds * rate;
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const who = i % userCount;
      if (busy.has(who)) {
        // One message at a time per person: a slow answer means this person waits, as people do.
        skipped += 1;
        continue;
      }
      busy.add(who);
      const employee = employees[who] as WebEmployee;
      const choices = lastChoices.get(who) ?? [];
      const press =
        choices.includes('feedback:no') && counter % 3 === 0
          ? counter % 2
            ? 'feedback:no'
            : 'feedback:yes'
          : undefined;
      const messageId = `load-${who}-${(counter += 1)}`;
      const body = press
        ? { messageId, action: press }
        : { messageId, text: pool[counter % pool.length] as string };
      const run = employee
        .send(body)
        .then((sent) => {
          outcomes.push({ messageId, sent });
          lastChoices.set(
            who,
            sent.events.flatMap((e: ChatEvent) => (e.choices ?? []).map((c) => c.id)),
          );
        })
        .finally(() => {
          busy.delete(who);
          inFlight.delete(run);
        });
      inFlight.add(run);
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - started) / 1000;
    const ok = outcomes.filter((o) => o.sent.status === 200);
    const latencies = ok.map((o) => o.sent.ms).sort((a, b) => a - b);
    const answeredIds = new Set(
      ok.filter((o) => o.sent.events.some((e) => e.from !== 'user')).map((o) => o.messageId),
    );

    // Every employee's history, read back: each message's echo once, and its replies once.
    let duplicated = 0;
    let lost = 0;
    const byText = new Map<string, number>();
    for (const e of employees) {
      const history = await e.history();
      const ids = new Set<number>();
      for (const event of history) {
        if (ids.has(event.id)) duplicated += 1;
        ids.add(event.id);
      }
      byText.set(e.name, history.filter((x) => x.from === 'user').length);
    }
    const sentPerEmployee = new Map<string, number>();
    for (const o of ok) {
      const who = Number(o.messageId.split('-')[1]);
      const name = employees[who]?.name ?? '';
      sentPerEmployee.set(name, (sentPerEmployee.get(name) ?? 0) + 1);
    }
    for (const [name, n] of sentPerEmployee) {
      const echoed = byText.get(name) ?? 0;
      if (echoed < n) lost += n - echoed;
      if (echoed > n) duplicated += echoed - n;
    }
    lost += ok.length - answeredIds.size;
    const report = {
      url,
      seconds: Number(elapsed.toFixed(1)),
      targetRate: rate,
      employees: userCount,
      sent: outcomes.length,
      skippedWhileWaiting: skipped,
      messagesPerSecond: Number((ok.length / elapsed).toFixed(1)),
      latencyMs: {
        p50: Number(percentile(latencies, 50).toFixed(1)),
        p95: Number(percentile(latencies, 95).toFixed(1)),
        p99: Number(percentile(latencies, 99).toFixed(1)),
        max: Number((latencies.at(-1) ?? 0).toFixed(1)),
      },
      errors: outcomes.length - ok.length,
      lostReplies: lost,
      duplicatedReplies: duplicated,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.errors === 0 && lost === 0 && duplicated === 0 ? 0 : 1;
  } finally {
    if (server) {
      const code = await server.stop('SIGTERM');
      if (code !== 0) process.stderr.write(`the server exited with ${code}\n${server.output()}\n`);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
});
