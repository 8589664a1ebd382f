/**
 * The bundled command line (dist/, built by the test set-up as `npm install` builds it): its
 * dependencies are inside the bundle, so that a start reads a few files instead of mathjs's
 * thousand; the Monte Carlo worker thread loads the engine's kernel, not the expression parser
 * (mathjs costs CPU to set up, paid again by every worker); and the BPMN reader is loaded only
 * when a .bpmn file is read.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);
const run = promisify(execFile);

/** The bundle's files a bundled file reaches, following static imports only or also `import()`. */
function reachedFrom(
  entry: string,
  followDynamic: boolean,
): { files: Set<string>; modules: Set<string> } {
  const files = new Set<string>();
  const modules = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(new URL(file, dist), 'utf8');
    for (const match of text.matchAll(
      /^(?:import|export)\s[^'"`;]*?from\s*"([^"]+)";|\bimport\("([^"]+)"\)|^import\s*"([^"]+)";/gm,
    )) {
      const spec = match[1] ?? match[3] ?? match[2];
      if (match[2] !== undefined && !followDynamic) continue;
      if (spec.startsWith('./')) queue.push(spec.slice(2));
      else modules.add(spec);
    }
  }
  return { files, modules };
}

/** The source files (relative to the repository) that went into the given bundled files. */
function sourcesOf(files: Iterable<string>): Set<string> {
  const sources = new Set<string>();
  for (const file of files) {
    const map = JSON.parse(readFileSync(new URL(`${file}.map`, dist), 'utf8')) as {
      sources: string[];
    };
    for (const source of map.sources) sources.add(source.replace(/^(\.\.\/)+/, ''));
  }
  return sources;
}

const fromPackage = (sources: Set<string>, name: string) =>
  [...sources].some((source) => source.startsWith(`node_modules/${name}/`));

describe('the bundled command line', () => {
  it('imports nothing but Node’s own modules', () => {
    for (const entry of ['cli.mjs', 'simulation-thread.mjs']) {
      const { modules } = reachedFrom(entry, true);
      expect(
        [...modules].filter((spec) => !isBuiltin(spec)),
        entry,
      ).toEqual([]);
    }
  });

  it('is one file per entry, with the BPMN reader in chunks of its own', () => {
    const atStart = reachedFrom('cli.mjs', false).files;
    const all = reachedFrom('cli.mjs', true).files;
    expect(reachedFrom('simulation-thread.mjs', true).files).toEqual(
      new Set(['simulation-thread.mjs']),
    );
    expect(fromPackage(sourcesOf(atStart), 'bpmn-moddle')).toBe(false);
    expect(fromPackage(sourcesOf(all), 'bpmn-moddle')).toBe(true);
    expect(sourcesOf(atStart).has('src/sim/expressions.ts')).toBe(true);
  });

  it('keeps the expression parser out of the worker thread, and its source maps on src/', () => {
    const thread = sourcesOf(['simulation-thread.mjs']);
    expect(thread.has('src/cli/simulation-thread.ts')).toBe(true);
    expect(fromPackage(thread, 'comlink')).toBe(true);
    expect(fromPackage(thread, 'mathjs')).toBe(false);
    // The command line itself does read expressions, with only the parts of mathjs it needs.
    const cli = sourcesOf(reachedFrom('cli.mjs', false).files);
    expect(fromPackage(cli, 'mathjs')).toBe(true);
    expect(cli.has('node_modules/mathjs/lib/esm/entry/mainAny.js')).toBe(false);
  });

  it('runs from a folder with no node_modules: analysis, a .bpmn file and worker threads', async () => {
    const away = mkdtempSync(join(tmpdir(), 'failpoint-bundle-'));
    for (const name of readdirSync(dist)) {
      if (name.endsWith('.mjs')) copyFileSync(new URL(name, dist), join(away, name));
    }
    writeFileSync(
      join(away, 'failpoint.mjs'),
      "const { main } = await import('./cli.mjs');\nprocess.exitCode = await main(process.argv.slice(2));\n",
    );
    const courier = resolve('examples/courier.blueprint.json');
    const failpoint = (...args: string[]) =>
      run(process.execPath, [join(away, 'failpoint.mjs'), ...args], {
        cwd: away,
        env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
      });

    const analyzed = await failpoint('analyze', courier, '--json');
    expect((JSON.parse(analyzed.stdout) as { reliability: number }).reliability).toBeCloseTo(
      0.76528,
      5,
    );

    const bpmn = join(away, 'courier.bpmn');
    await failpoint('export', courier, '-o', bpmn);
    const fromBpmn = await failpoint('analyze', bpmn, '--json');
    expect((JSON.parse(fromBpmn.stdout) as { reliability: number }).reliability).toBeCloseTo(
      0.76528,
      5,
    );

    const simulated = await failpoint(
      'simulate',
      courier,
      '--trials',
      '2000',
      '--workers',
      '2',
      '--seed',
      '7',
      '--reliability-only',
      '--json',
    );
    const { trials } = JSON.parse(simulated.stdout) as { trials: number };
    expect(trials).toBeGreaterThanOrEqual(2000);
  }, 60_000);
});
