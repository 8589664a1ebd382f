// Bundles the command line, its worker thread and the bench into dist/ so Node 20 can run
// them without a TypeScript loader. Runs on `npm install` (prepare) and before the tests.
//
// The command line and its worker thread carry their dependencies (mathjs, zod, fflate,
// comlink, bpmn-moddle…): left to Node's loader, mathjs alone is 1,262 files and its whole
// default instance, seconds of CPU at every start; bundled, only the parts Failpoint imports
// remain (see src/sim/expressions.ts). Each entry is one file, except that the command line
// keeps its BPMN reader and writer in chunks loaded only when a .bpmn file is read or written.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundle name → source; whether it may be split into chunks loaded on demand; whether its
 * dependencies stay in node_modules. The bench runs inside the repository and drives Chromium
 * through playwright-core, which reads files of its own package at run time.
 */
const entries = [
  { name: 'cli', file: 'src/cli/main.ts', splitting: true, external: false },
  {
    name: 'simulation-thread',
    file: 'src/cli/simulation-thread.ts',
    splitting: false,
    external: false,
  },
  { name: 'bench', file: 'bench/run.ts', splitting: false, external: true },
].filter(({ file }) => existsSync(new URL(`../${file}`, import.meta.url)));

const results = await Promise.all(
  entries.map(({ name, file, splitting, external }) =>
    build({
      absWorkingDir: root,
      entryPoints: { [name]: file },
      outdir: 'dist',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      ...(external ? { packages: 'external' } : {}),
      // `node --enable-source-maps` reads them (only then): stack traces name src/ files. They
      // carry the sources' text, as some packages map to sources they do not ship.
      sourcemap: true,
      logLevel: 'warning',
      metafile: true,
    }),
  ),
);

// Chunks of earlier builds have other names; remove them so dist/ holds this build only. They
// go after the new files are written, so that a command started meanwhile still finds the
// chunks its entry names. The app's build lives in dist/app and is left alone.
const written = new Set(
  results.flatMap((result) => Object.keys(result.metafile.outputs)).map((path) => basename(path)),
);
const dist = new URL('../dist/', import.meta.url);
for (const name of readdirSync(dist)) {
  if (/^[a-z]+-[A-Z0-9]{8}\.mjs(\.map)?$/.test(name) && !written.has(name)) {
    rmSync(new URL(name, dist));
  }
}
