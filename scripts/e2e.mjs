// Browser tests: builds the app, serves the build on a free localhost port with `vite preview`,
// runs tests/e2e/*.e2e.ts against it in Chromium (vitest, vitest.e2e.config.ts), and prints a
// pass/fail count. Extra arguments go to vitest (e.g. a file filter).
//
//   node scripts/e2e.mjs [--no-build] [vitest args…]
//
// FAILPOINT_E2E_OUT names another build folder (default `dist/app`, the app's own build folder;
// never `dist` itself, which holds the built command line that some browser tests run), so that
// two runs side by side in one checkout neither overwrite each other's build nor read each
// other's report.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const vitestArgs = args.filter((arg) => arg !== '--no-build');

function run(command, commandArgs, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`vite preview exited with code ${child.exitCode}.`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium was not found at ${chromium}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(2);
}

// A report left by an earlier run must not be read as this run's.
const outDir = process.env.FAILPOINT_E2E_OUT ?? 'dist/app';
const report =
  outDir === 'dist/app'
    ? 'test-results/e2e.json'
    : `test-results/e2e-${outDir.replace(/[^\w-]/g, '_')}.json`;
rmSync(new URL(`../${report}`, import.meta.url), { force: true });

if (!skipBuild) {
  const built = await run(bin('vite'), ['build', '--logLevel', 'warn', '--outDir', outDir]);
  if (built !== 0) {
    console.error('The app build failed, so the browser tests did not run.');
    process.exit(built);
  }
}

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}/`;
const preview = spawn(
  bin('vite'),
  ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
const stopPreview = () => {
  if (preview.exitCode === null) preview.kill('SIGTERM');
};
process.on('exit', stopPreview);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

let code = 1;
try {
  await waitForServer(baseUrl, preview, 90_000);
  mkdirSync(new URL('../test-results', import.meta.url), { recursive: true });
  code = await run(
    bin('vitest'),
    [
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...vitestArgs,
    ],
    { env: { ...process.env, FAILPOINT_URL: baseUrl, CHROMIUM_PATH: chromium } },
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  stopPreview();
}

try {
  const summary = JSON.parse(readFileSync(new URL(`../${report}`, import.meta.url), 'utf8'));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(
    `e2e: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed` +
      (skipped > 0 ? `, ${skipped} skipped` : ''),
  );
} catch {
  console.log('e2e: 0 passed, 1 failed');
  code = code === 0 ? 1 : code;
}
process.exit(code);
