import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app/start-app.js';
import { silentLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/storage/db.js';
import { articleMarkdown } from '../retrieval/helpers.js';
import { KB_SMALL } from '../support/helpdesk-harness.js';
import { tempDir } from '../support/temp-dir.js';
import { serverTestConfig } from '../support/test-server.js';

const LIMIT = 60_000;

/** Resolves once `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the server calibrates the decision for its knowledge base', () => {
  let app: RunningApp | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await app?.close(1000);
    app = undefined;
    await cleanup?.();
  });

  it(
    'in the background after start-up, stores it for the next start, and again after an edit',
    async () => {
      const temp = await tempDir('calibration-app');
      cleanup = temp.cleanup;
      const kb = path.join(temp.dir, 'kb');
      cpSync(KB_SMALL, kb, { recursive: true });
      const config = serverTestConfig(temp.dir, {
        KB_DIR: kb,
        SELF_CALIBRATION: 'true',
        KB_WATCH: 'true',
        KB_RESCAN_SECONDS: '1',
      });
      app = await startApp(config, silentLogger(), []);
      const retriever = app.retriever;
      await until(() => retriever.currentCalibration !== undefined);
      const first = retriever.currentCalibration!;
      await app.close(1000);
      app = undefined;

      const db = openDatabase(config.databasePath);
      const stored = db.prepare('SELECT key FROM calibrations').all() as { key: string }[];
      db.close();
      expect(stored).toEqual([{ key: first.key }]);

      // A restart serves the stored one: same key, without a new run's notes differing.
      app = await startApp(config, silentLogger(), []);
      const restarted = app.retriever;
      await until(() => restarted.currentCalibration !== undefined);
      expect(restarted.currentCalibration).toEqual(first);

      writeFileSync(
        path.join(kb, 'badge.md'),
        articleMarkdown({
          id: 'office-badge-en',
          title: 'Lost or broken office badge',
          questions: ['I lost my badge', 'my badge does not open the door'],
          body: 'Reception prints a new badge.',
        }),
      );
      await until(() => restarted.currentCalibration?.key !== first.key);
      expect(restarted.getArticle('office-badge-en')).toBeDefined();

      // The company thesaurus changes how everything is analysed: it is calibrated again too.
      const edited = restarted.currentCalibration!.key;
      writeFileSync(path.join(kb, '_thesaurus.yml'), 'cxbadge:\n  - pass card\n');
      await until(() => restarted.currentCalibration?.key !== edited);
      expect((await restarted.search('lost my pass card')).candidates[0]?.articleId).toBe('office-badge-en');
    },
    LIMIT,
  );
});
