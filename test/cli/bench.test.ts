import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

interface BenchResult {
  sections: number;
  articles: number;
  mode: string;
  indexMs: number;
  queries: number;
  latencyMs: { p50: number; p95: number; p99: number };
  peakRssMb: number;
  server?: {
    readyMs: number;
    rssMbReady: number;
    rssMbAfterMessages: number;
    messages: number;
    errors: number;
    roundTripMs: { p50: number; p95: number; p99: number };
  };
}

/** Subprocesses start slowly on a loaded machine: generous limits, never timing assertions. */
describe('bench CLI', { timeout: 90_000 }, () => {
  it('measures keyword and tiny-model retrieval and prints the figures as JSON', () => {
    const run = runCli(
      'src/cli/bench.ts',
      ['--sizes', '200', '--queries', '20', '--modes', 'keyword,tiny-model', '--messages', '30'],
      {
        timeoutMs: 80_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { node: string; nodeOptions: string[]; results: BenchResult[] };
    expect(out.node).toBe(process.version);
    // Retrieval is measured under the node options the server runs with (npm start's).
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      scripts: { start: string };
    };
    expect(out.nodeOptions.length).toBeGreaterThan(0);
    for (const option of out.nodeOptions) expect(pkg.scripts.start).toContain(` ${option} `);
    expect(out.results.map((r) => r.mode)).toEqual(['keyword', 'tiny-model']);
    for (const r of out.results) {
      // timings are reported, never held against targets
      console.log(
        `bench ${r.mode}: index ${r.indexMs} ms, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, ${r.peakRssMb} MB`,
      );
      expect(r.sections).toBe(200);
      expect(r.articles).toBe(40);
      expect(r.queries).toBe(20);
      expect(r.indexMs).toBeGreaterThanOrEqual(0);
      expect(r.latencyMs.p50).toBeGreaterThan(0);
      expect(r.latencyMs.p95).toBeGreaterThanOrEqual(r.latencyMs.p50);
      expect(r.latencyMs.p99).toBeGreaterThanOrEqual(r.latencyMs.p95);
      expect(r.peakRssMb).toBeGreaterThan(0);
    }
    // The real server, keyword-only: started on the knowledge base written as files, then sent
    // the messages through the web chat.
    const server = out.results[0]!.server!;
    expect(server.messages).toBe(30);
    expect(server.errors).toBe(0);
    expect(server.readyMs).toBeGreaterThan(0);
    expect(server.rssMbReady).toBeGreaterThan(0);
    expect(server.rssMbAfterMessages).toBeGreaterThan(0);
    expect(server.roundTripMs.p99).toBeGreaterThanOrEqual(server.roundTripMs.p50);
    expect(out.results[1]!.server).toBeUndefined();
  });

  it.each([
    ['--queries', '1e3'],
    ['--queries', '0'],
    ['--sizes', '0x10'],
    ['--sizes', '1000,abc'],
    ['--sizes', '999999999'],
    ['--sizes', 'samples'],
    ['--messages', '-1'],
    ['--one', 'abc:foo'],
    ['--one', '100:keyword', '--sizes', '10'],
    ['--modes', 'gpu'],
  ])('refuses %s %s with the usage line', (...args) => {
    const run = runCli('src/cli/bench.ts', args, { timeoutMs: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/usage: npm run bench/);
    expect(run.stdout).toBe('');
  });
});
