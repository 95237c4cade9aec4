import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { spawnServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { WebEmployee, type Sent } from '../../scripts/lib/web-employee.js';
import { KB_SMALL } from '../support/helpdesk-harness.js';
import { useTempDir } from '../support/temp-dir.js';

let dir: string;
useTempDir('process-faults', (d) => (dir = d), 'each');

const EMPLOYEES = 40;

function env(dataDir: string): Record<string, string> {
  return { DATA_DIR: dataDir, KB_DIR: KB_SMALL, KB_WATCH: 'false', EMBEDDINGS: 'off' };
}

/** Employees with sessions on `server`, and one who is waiting in the queue for a person. */
async function prepare(server: ServerProcess): Promise<WebEmployee[]> {
  const employees = Array.from({ length: EMPLOYEES }, (_, i) => new WebEmployee(server.url, `Employee ${i}`));
  for (const e of employees) await e.signIn();
  const waiting = new WebEmployee(server.url, 'Waiting');
  await waiting.signIn();
  expect(
    (await waiting.send({ messageId: 'handoff-message-1', text: 'I want to talk to a person' })).status,
  ).toBe(200);
  return employees;
}

/** Each employee sends one question at once; `interrupt` runs once a few answers are back. */
async function burst(employees: WebEmployee[], interrupt: () => void): Promise<Sent[]> {
  let answered = 0;
  return Promise.all(
    employees.map(async (e, i) => {
      const sent = await e.send({ messageId: `burst-message-${i}`, text: 'vpn wont connect' });
      if (sent.status === 200 && (answered += 1) === 5) interrupt();
      return sent;
    }),
  );
}

/**
 * After the restart, each employee's client sends again what got no answer (same message id),
 * and a few send again what was answered (a retry whose answer was lost on the way): then every
 * question must show its echo, its answer and its buttons exactly once.
 */
async function retryAndCheck(employees: WebEmployee[], results: Sent[], url: string): Promise<void> {
  for (const e of employees) e.moveTo(url);
  await Promise.all(
    employees.map(async (e, i) => {
      if (results[i]?.status !== 200 || i % 7 === 0) {
        const again = await e.send({ messageId: `burst-message-${i}`, text: 'vpn wont connect' });
        expect(again.status, `retry of message ${i}`).toBe(200);
      }
    }),
  );
  // Replies a killed process never confirmed go out through the outbox: give it a moment.
  for (let attempt = 0; ; attempt++) {
    const histories = await Promise.all(employees.map((e) => e.history()));
    const counts = histories.map((h) => ({
      echo: h.filter((x) => x.from === 'user').length,
      article: h.filter((x) => x.kind === 'article').length,
      choices: h.filter((x) => x.kind === 'choices').length,
    }));
    const done = counts.every((c) => c.echo === 1 && c.article === 1 && c.choices === 1);
    if (done || attempt >= 100) {
      expect(counts).toEqual(counts.map(() => ({ echo: 1, article: 1, choices: 1 })));
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function queuedTickets(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'helpdesk.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'queued'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Employees ask at once; `interrupt` hits the server after a few answers, `ended` checks how it
 * went down; then a new server on the same database must answer every message exactly once,
 * with the waiting ticket still in the queue.
 */
async function interruptAndRestart(
  interrupt: (first: ServerProcess) => void,
  ended: (first: ServerProcess, results: Sent[]) => Promise<void>,
): Promise<void> {
  const dataDir = path.join(dir, 'data');
  const first = await spawnServer(env(dataDir));
  try {
    const employees = await prepare(first);
    const results = await burst(employees, () => interrupt(first));
    await ended(first, results);
    await restartAndCheck(dataDir, employees, results);
  } finally {
    // Whatever failed, no server is left running.
    await first.stop('SIGKILL');
  }
}

/** A new server on the same database: every message answered exactly once, the queue intact. */
async function restartAndCheck(dataDir: string, employees: WebEmployee[], results: Sent[]): Promise<void> {
  const second = await spawnServer(env(dataDir));
  try {
    await retryAndCheck(employees, results, second.url);
  } finally {
    expect(await second.stop('SIGTERM')).toBe(0);
  }
  expect(queuedTickets(dataDir)).toBe(1);
}

describe('the server process under faults', { timeout: 180_000 }, () => {
  test('kill -9 during a burst, then a restart: every message answered exactly once, the queue intact', async () => {
    await interruptAndRestart(
      (first) => void first.stop('SIGKILL'),
      async (first, results) => {
        await first.stop('SIGKILL');
        expect(first.child.signalCode).toBe('SIGKILL');
        // The kill landed mid-burst: some messages never got their answer from the first process.
        expect(results.filter((r) => r.status !== 200).length).toBeGreaterThan(0);
      },
    );
  });

  test('SIGTERM during a burst: a clean exit 0, then the same guarantee after a restart', async () => {
    let code: Promise<number | null> | undefined;
    await interruptAndRestart(
      (first) => (code = first.stop('SIGTERM')),
      async (first, results) => {
        expect(await (code ?? first.stop('SIGTERM'))).toBe(0);
        expect(first.output()).toMatch(/stopped cleanly/);
        // Messages refused while shutting down were told so (503), not dropped silently.
        for (const r of results) expect([0, 200, 503]).toContain(r.status);
      },
    );
  });
});
