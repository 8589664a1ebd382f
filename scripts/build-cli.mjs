// Bundles the command line, its worker thread and the bench into dist/ so Node 20 can run
// them without a TypeScript loader. Runs on `npm install` (prepare) and before the tests.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = {
  cli: 'src/cli/main.ts',
  'simulation-thread': 'src/cli/simulation-thread.ts',
  bench: 'bench/run.ts',
};
const entryPoints = Object.fromEntries(
  Object.entries(entries).filter(([, file]) => existsSync(new URL(`../${file}`, import.meta.url))),
);

// Chunks of earlier builds have other names; remove them so dist/ holds this build only. The
// app's build lives in dist/app and is left alone.
const dist = new URL('../dist/', import.meta.url);
if (existsSync(dist)) {
  for (const name of readdirSync(dist)) {
    if (/^chunk-.*\.mjs(\.map)?$/.test(name)) rmSync(new URL(name, dist));
  }
}

await build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
