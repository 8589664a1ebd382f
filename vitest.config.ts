import { defineConfig } from 'vitest/config';
import { messagesByLanguage } from './vite.config.ts';

export default defineConfig({
  // The interface messages arrive per language (`virtual:failpoint-messages/<language>`).
  plugins: [messagesByLanguage()],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // Bundles the command line once, for the tests that run it and its worker threads.
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: [
      'tests/setup-languages.ts',
      'tests/setup-expression-parser.ts',
      'tests/setup-schema-wording.ts',
    ],
    testTimeout: 60_000,
    // Test files share one module graph per worker, so mathjs, zod, React and the engine load
    // once instead of once per file (about half of the suite's time went to that). It holds
    // because no test file leaves module state behind: the engine, document and command-line
    // modules keep none, and the editor's tests reset the one store they change, the blueprint
    // store, in beforeEach (tests/editor/helpers.ts `given`). A test that changes other module
    // state (the interface language, a registered controller, the layout engine) restores it.
    isolate: false,
  },
});
