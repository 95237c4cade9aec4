import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { HttpRoute } from '../../src/channels/ports.js';
import { silentLogger } from '../../src/logger.js';
import { readJson, sendJson } from '../../src/server/http.js';
import { HttpServer } from '../../src/server/http-server.js';
import { createMetrics } from '../../src/server/metrics.js';
import { startServer } from '../../src/server/serve.js';
import { KB_SMALL, testConfig } from '../support/helpdesk-harness.js';
import { TestAdapter } from '../support/test-adapter.js';
import { useTempDir } from '../support/temp-dir.js';

let dir: string;
useTempDir('http-server', (d) => (dir = d), 'each');

const echo: HttpRoute = {
  method: 'POST',
  path: '/echo',
  async handle(req, res) {
    sendJson(res, 200, { got: await readJson(req, 100) });
  },
};
const slow: HttpRoute = {
  method: 'GET',
  path: '/slow/*',
  async handle(_req, res) {
    await new Promise((r) => setTimeout(r, 300));
    sendJson(res, 200, { slow: true });
  },
};

async function listening(): Promise<{ server: HttpServer; url: string }> {
  const server = new HttpServer(
    silentLogger(),
    createMetrics(() => 0),
  );
  const port = await server.listen(0, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${port}` };
}

describe('the shared HTTP server', () => {
  test('503 until the core is ready, then the routes; 404 and 405 for what is not there', async () => {
    const { server, url } = await listening();
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(503);
      expect((await fetch(`${url}/echo`, { method: 'POST', body: '{}' })).status).toBe(503);
      server.ready([echo, slow]);
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ready' });
      const res = await fetch(`${url}/echo`, { method: 'POST', body: '{"a":1}' });
      expect(await res.json()).toEqual({ got: { a: 1 } });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await fetch(`${url}/nothing`)).status).toBe(404);
      const wrong = await fetch(`${url}/echo`);
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('POST');
      expect((await fetch(`${url}/slow/anything`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('bad bodies get 400 and 413, never a crash', async () => {
    const { server, url } = await listening();
    try {
      server.ready([echo]);
      expect((await fetch(`${url}/echo`, { method: 'POST', body: '{not json' })).status).toBe(400);
      expect((await fetch(`${url}/echo`, { method: 'POST', body: `"${'x'.repeat(500)}"` })).status).toBe(413);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('draining: running requests finish, new ones get 503', async () => {
    const { server, url } = await listening();
    try {
      server.ready([slow]);
      const running = fetch(`${url}/slow/1`);
      await new Promise((r) => setTimeout(r, 50));
      const drained = server.drain(5_000);
      expect((await fetch(`${url}/healthz`)).status).toBe(503);
      expect((await fetch(`${url}/slow/2`)).status).toBe(503);
      expect((await running).status).toBe(200);
      await drained;
    } finally {
      await server.close();
    }
  });
});

describe('npm start’s server in process', { timeout: 60_000 }, () => {
  test('health, Prometheus metrics by channel and outcome, and a clean shutdown', async () => {
    const config = testConfig(path.join(dir, 'helpdesk.db'), {
      PORT: '0',
      HOST: '127.0.0.1',
      KB_DIR: KB_SMALL,
      KB_WATCH: 'false',
      EMBEDDINGS: 'off',
    });
    const adapter = new TestAdapter('test');
    const server = await startServer(config, silentLogger(), [adapter]);
    const url = `http://127.0.0.1:${server.port}`;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ask = (text: string, messageId: string) =>
        adapter.core.handleMessage({ channel: 'test', userId: 'U-M', conversationId: 'dm', text, messageId });
      await ask('vpn wont connect', 'm-1');
      await ask('what is the weather on mars', 'm-2');
      await ask('talk to a person', 'm-3');
      await ask('talk to a person', 'm-3');
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/helpdesk_messages_total\{channel="test",outcome="answer"\} 1/);
      expect(metrics).toMatch(/helpdesk_messages_total\{channel="test",outcome="duplicate"\} 1/);
      expect(metrics).toMatch(/helpdesk_decisions_total\{decision="answer"\} 1/);
      expect(metrics).toMatch(/helpdesk_queue_length\{tier="2"\} 1/);
      expect(metrics).toMatch(/helpdesk_turn_seconds_bucket/);
      expect(metrics).toMatch(/helpdesk_delivery_failures_total|helpdesk_deliveries_total/);
    } finally {
      await server.shutdown();
    }
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
