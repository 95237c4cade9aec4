import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI also writes a machine-readable result, summarised by .ci/run in one plain line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'coverage/vitest-results.json' }]]
      : ['default'],
  },
});
