import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT, spawnServer } from '../../scripts/lib/server-process.js';
import { useTempDir } from '../support/temp-dir.js';

let dir: string;
useTempDir('cli-start', (d) => (dir = d));

const KB_BROKEN = path.join(PROJECT_ROOT, 'test/fixtures/kb-broken');

/** `npm start` as a service runs it: standard input closed, JSON logs on standard output. */
describe('npm start (the server)', { timeout: 120_000 }, () => {
  test('logs where it runs, its channels, retrieval mode, articles and skipped files; stops cleanly on SIGTERM', async () => {
    const server = await spawnServer({
      DATA_DIR: path.join(dir, 'data'),
      KB_DIR: KB_BROKEN,
      KB_WATCH: 'false',
      EMBEDDINGS: 'off',
    });
    let code: number | null;
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/`)).headers.get('content-type')).toMatch(/text\/html/);
      const lines = server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const ready = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('Helpdesk Bot ready'));
      expect(ready).toMatchObject({
        port: server.port,
        channels: ['web'],
        articles: 2,
        embeddings: false,
        kbProblems: expect.any(Number),
      });
      expect(String(ready?.msg)).toMatch(
        /channels: web; 2 articles from .*kb-broken; retrieval: keyword only; \d+ knowledge-base files skipped/,
      );
      expect(
        lines.some((l) => l.msg === `web chat: http://localhost:${server.port}/ (sign-in by name)`),
      ).toBe(true);
      expect(lines.filter((l) => String(l.msg).startsWith('skipped article:')).length).toBe(
        ready?.kbProblems,
      );
    } finally {
      code = await server.stop('SIGTERM');
    }
    expect(code).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: finishing running messages and deliveries/);
    expect(server.output()).toMatch(/stopped cleanly/);
  });

  test('a bad setting stops it with one message naming the key, exit 2', async () => {
    await expect(
      spawnServer({ DATA_DIR: path.join(dir, 'bad'), TIER2_AGENTS: 'U0123' }, 30_000),
    ).rejects.toThrow(/exited with 2[\s\S]*TIER2_AGENTS: expected channel-qualified ids/);
  });
});
