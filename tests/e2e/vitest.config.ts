import { defineConfig } from 'vitest/config';

// Browser and build tests: run after `npm run build`, against dist/.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // One server and one browser for every file (see globalSetup.ts).
    globalSetup: ['tests/e2e/globalSetup.ts'],
  },
});
