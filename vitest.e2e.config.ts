import { defineConfig } from 'vitest/config';

/**
 * Browser tests (tests/e2e/*.e2e.ts). Run them with `npm run test:e2e`, which builds the app,
 * serves it and passes its address in FAILPOINT_URL. One file at a time: each drives its own
 * Chromium, and the machine they run on is small. That Chromium is started and closed by the
 * setup file, around each test file; its hooks come first, and "stack" runs the `afterAll`
 * hooks last-registered first, so a file's own hooks have the browser both ways.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    setupFiles: ['tests/e2e/setup.ts'],
    sequence: { hooks: 'stack' },
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
