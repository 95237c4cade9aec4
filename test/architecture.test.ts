import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** The messages ESLint reports for `code` as if it were the file at `file` (relative to the project). */
async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries (enforced by the lint rule)', { timeout: 30_000 }, () => {
  test('an adapter reaches the core only through src/index.ts', async () => {
    expect(
      await lint('adapters/web/probe.ts', "export { loadConfig } from '../../src/config.js';\n"),
    ).toEqual([expect.stringContaining('Adapters import the core only from src/index.ts')]);
    expect(await lint('adapters/web/probe.ts', "export type { Reply } from '../../src/index.js';\n")).toEqual(
      [],
    );
  });

  test('the core imports no adapter; only the entry points in src/cli compose them', async () => {
    expect(
      await lint(
        'src/conversation/probe.ts',
        "export { WebAdapter } from '../../adapters/web/web-adapter.js';\n",
      ),
    ).toEqual([expect.stringContaining('The core imports no adapter')]);
    expect(
      await lint('src/cli/probe.ts', "export { configuredAdapters } from '../../adapters/configured.js';\n"),
    ).toEqual([]);
  });
});
