import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: the web chat in a real Chromium (playwright-core, /usr/bin/chromium). */
export default defineConfig({
  test: {
    include: ['test-browser/**/*.browser.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
