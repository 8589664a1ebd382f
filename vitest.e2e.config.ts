import { defineConfig } from 'vitest/config';

/**
 * Browser tests (tests/e2e/*.e2e.ts). Run them with `npm run test:e2e`, which builds the app,
 * serves it and passes its address in FAILPOINT_URL. One file at a time: each drives its own
 * Chromium, and the machine they run on is small.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
