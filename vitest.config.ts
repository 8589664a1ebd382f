import { defineConfig } from 'vitest/config';

/**
 * Unit tests. Most files only call pure functions, so they share one module graph per worker
 * (`isolate: false`): mathjs, zod and the engine load once instead of once per file. The editor's
 * tests keep a fresh graph per file, because the editor keeps state in modules (the zustand
 * stores, the interface language, the engine client and its scheduler).
 */
const EDITOR_TESTS = ['tests/editor/**/*.test.{ts,tsx}', 'tests/engine-client.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: EDITOR_TESTS,
          isolate: false,
          // Bundles the command line once, for the tests that run it and its worker threads.
          globalSetup: ['tests/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'editor',
          include: EDITOR_TESTS,
        },
      },
    ],
  },
});
