import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** A fresh temp folder and its removal. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `helpdesk-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A fresh temp folder for the tests of a file (`each`: one per test), handed to `use` before they
 * run and removed after them. Hooks run in the order they are registered, so a `beforeAll` written
 * after this call already sees the folder.
 */
export function useTempDir(prefix: string, use: (dir: string) => void, scope: 'all' | 'each' = 'all'): void {
  let cleanup: (() => Promise<void>) | undefined;
  (scope === 'all' ? beforeAll : beforeEach)(async () => {
    const made = await tempDir(prefix);
    cleanup = made.cleanup;
    use(made.dir);
  });
  (scope === 'all' ? afterAll : afterEach)(async () => {
    await cleanup?.();
  });
}
