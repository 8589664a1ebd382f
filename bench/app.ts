/**
 * The app's first view, measured in headless Chromium: how long after navigation R is on screen
 * (the `failpoint:r-shown` mark the results panel sets when it first shows a finished R), and
 * how many bytes of script, style and worker the browser fetched until then.
 *
 * It builds the app into `dist/app` unless that build is newer than every source it is made
 * of (or `FAILPOINT_BENCH_APP_DIR` names a build to use as it is), serves it with a small
 * static server of its own, which records every file it sends and when, and loads the page in a
 * fresh browser context each time, so nothing comes from a cache. When Chromium or the build
 * is missing the rows say so and are skipped rather than failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { R_FIGURE_TIMING, R_SHOWN_MARK } from '../src/editor/results/timing';
import { CHROMIUM_FLAGS, waitForR } from '../tests/e2e/chromium';
import type { BenchRow } from './types';

/** Page loads measured; the figure is their median. */
const LOADS = 7;
/** Bar for time to R, milliseconds after navigation starts. */
const TIME_BAR_MS = 1000;
/** Bar for the first view, bytes of JS, CSS and worker scripts before R shows (uncompressed). */
const BYTES_BAR = 900 * 1024;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// `npm run bench` runs from the project's folder, as the other benches' fixture paths assume.
const ROOT = process.cwd();

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** One file the server sent: its path, size in bytes and when (epoch milliseconds). */
export interface Served {
  path: string;
  bytes: number;
  gzipBytes: number;
  at: number;
}

/** A static server for a built app folder, recording what it sends. */
export async function serveApp(
  dir: string,
): Promise<{ url: string; served: Served[]; close: () => Promise<void> }> {
  const served: Served[] = [];
  const gzipped = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const at = performance.timeOrigin + performance.now();
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const body = readFileSync(file);
    let gzipBytes = gzipped.get(file);
    if (gzipBytes === undefined) {
      gzipBytes = gzipSync(body).length;
      gzipped.set(file, gzipBytes);
    }
    served.push({ path, bytes: body.length, gzipBytes, at });
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    response.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    served,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Newest modification time (ms) of the files under `path`. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** The built app to measure: `dist/app`, rebuilt first when a source is newer than it. */
function appBuild(): { dir: string } | { skip: string } {
  const given = process.env.FAILPOINT_BENCH_APP_DIR;
  if (given) {
    const dir = resolve(given);
    return existsSync(join(dir, 'index.html'))
      ? { dir }
      : { skip: `no built app in ${dir} (FAILPOINT_BENCH_APP_DIR)` };
  }
  const dir = join(ROOT, 'dist', 'app');
  const built = existsSync(join(dir, 'index.html')) ? statSync(join(dir, 'index.html')).mtimeMs : 0;
  const sources = Math.max(
    ...['src', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) =>
      newest(join(ROOT, p)),
    ),
  );
  if (built > sources) return { dir };
  process.stderr.write('building the app for the first-view bench…\n');
  const vite = join(ROOT, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--logLevel', 'warn', '--outDir', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return result.status === 0 ? { dir } : { skip: 'the app build failed' };
}

/** What one page load measured. */
export interface LoadFigures {
  /** Milliseconds from navigation start to R on screen: the frame showing it presented. */
  timeToR: number;
  /** Milliseconds from navigation start to the main thread having painted R (the page's mark). */
  painted: number;
  /** Script, style and worker files fetched before R showed. */
  files: Served[];
}

/** Whether a served file counts towards the first view: code and style, not the page itself. */
export function isCode(path: string): boolean {
  return /\.(m?js|css|wasm)$/.test(path);
}

/** Loads the app `loads` times in fresh contexts of one headless Chromium. */
export async function measureLoads(url: string, served: Served[], loads: number) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS],
  });
  const figures: LoadFigures[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({
        locale: 'en-GB',
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      served.length = 0;
      await page.goto(url);
      const { painted, presented, origin } = await page.evaluate(waitForR, [
        R_SHOWN_MARK,
        R_FIGURE_TIMING,
      ] as [string, string]);
      const at = Math.max(painted, presented);
      figures.push({
        timeToR: at,
        painted,
        files: served.filter((file) => isCode(file.path) && file.at <= origin + at),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} KiB`;
}

const TIME_ROW = 'app time to R (navigation → R on screen, headless Chromium)';
const BYTES_ROW = 'first view bytes (JS, CSS, workers fetched before R shows)';

/** Rows "app time to R" and "first view bytes". */
export async function benchApp(): Promise<BenchRow[]> {
  const skipped = (why: string): BenchRow[] => [
    { name: TIME_ROW, median: Number.NaN, unit: 'ms', note: `skipped: ${why}` },
    { name: BYTES_ROW, median: Number.NaN, unit: 'KiB', note: `skipped: ${why}` },
  ];
  if (!existsSync(CHROMIUM)) return skipped(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const build = appBuild();
  if ('skip' in build) return skipped(build.skip);
  // A shared machine's load shows in this figure more than in any other: it is named with it.
  const load = os.loadavg()[0].toFixed(1);
  const server = await serveApp(build.dir);
  let figures: LoadFigures[];
  try {
    figures = await measureLoads(server.url, server.served, LOADS);
  } finally {
    await server.close();
  }
  const timeToR = median(figures.map((load) => load.timeToR));
  // The files of the median load by bytes: the first view is the same files on every load
  // unless a worker or a chunk raced the figure, which the note would then show.
  const totals = figures.map((load) => ({
    bytes: load.files.reduce((sum, file) => sum + file.bytes, 0),
    gzip: load.files.reduce((sum, file) => sum + file.gzipBytes, 0),
    files: load.files,
  }));
  totals.sort((a, b) => a.bytes - b.bytes);
  const typical = totals[totals.length >> 1];
  // The largest files, named without their content hash.
  const largest = [...typical.files]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 4)
    .map(
      (file) =>
        `${file.path.replace(/^.*\//, '').replace(/-[\w-]{8}(\.\w+)$/, '$1')} ${kib(file.bytes)}`,
    )
    .join(', ');
  return [
    {
      name: TIME_ROW,
      median: timeToR,
      unit: 'ms',
      bar: `≤ ${TIME_BAR_MS.toLocaleString('en-US')} ms`,
      pass: timeToR <= TIME_BAR_MS,
      note: `R's frame presented (Element Timing); median of ${LOADS} cold loads (${figures.map((l) => Math.round(l.timeToR)).join(', ')} ms; painted on the main thread at ${Math.round(median(figures.map((l) => l.painted)))} ms), load average ${load} on ${os.availableParallelism()} cores`,
    },
    {
      name: BYTES_ROW,
      median: typical.bytes / 1024,
      unit: 'KiB',
      bar: `≤ ${kib(BYTES_BAR)}`,
      pass: typical.bytes <= BYTES_BAR,
      note: `${kib(typical.gzip)} gzipped, ${typical.files.length} files; largest ${largest}`,
    },
  ];
}
