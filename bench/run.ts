/**
 * `npm run bench`: measures the engine against the bars of the specification, prints a table
 * and writes bench/results.json. Figures are medians of repeated runs; the machine is named
 * in the output because shared machines are noisy.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
// Blueprints that do not fit the format are worded at once (see `sim/schema-wording.ts`).
import '../src/sim/schema-wording-zod';
// Expressions are checked with the parser from the start (see `src/sim/expressions.ts`).
import '../src/sim/expression-parser';
import { benchApp } from './app';
import { benchBpmn } from './bpmn';
import { benchExact, printReadingOfFile, READ_FILE_OPTION } from './exact';
import { benchMonteCarlo } from './montecarlo';
import { benchStartup } from './startup';
import type { BenchRow } from './types';

function formatMedian(row: BenchRow): string {
  if (Number.isNaN(row.median)) return 'skipped';
  const digits = row.median >= 1000 ? 0 : row.median >= 10 ? 1 : 3;
  return `${row.median.toLocaleString('en-US', { maximumFractionDigits: digits })} ${row.unit}`;
}

function printTable(rows: BenchRow[]): void {
  const cells = rows.map((r) => [
    r.name,
    formatMedian(r),
    r.bar ?? '',
    r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL',
    r.note ?? '',
  ]);
  const header = ['what', 'median', 'bar', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

// The exact bench reads its largest file in a process of its own, this script run again.
const readFileAt = process.argv.indexOf(READ_FILE_OPTION);
if (readFileAt >= 0) {
  printReadingOfFile(process.argv[readFileAt + 1], Number(process.argv[readFileAt + 2]));
  process.exit(0);
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.availableParallelism(),
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
};
console.log(
  `Failpoint bench on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`,
);

const sections = [
  // First, while the machine is not yet busy with the Monte Carlo workers.
  ['startup', 'command-line start-up', benchStartup],
  ['exact', 'exact analysis', benchExact],
  ['montecarlo', 'Monte Carlo', benchMonteCarlo],
  ['bpmn', 'BPMN interchange', benchBpmn],
  ['app', 'the app in Chromium', benchApp],
] as const;
// `--only app` (or another section's key) measures that section alone, e.g. after a change
// that can only move its figures; the partial table is printed but bench/results.json is kept.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '') : undefined;
if (only !== undefined && !sections.some(([key]) => key === only)) {
  console.error(`--only takes one of ${sections.map(([key]) => key).join(', ')}, not "${only}".`);
  process.exit(2);
}

const rows: BenchRow[] = [];
for (const [key, section, run] of sections) {
  if (only !== undefined && key !== only) continue;
  process.stderr.write(`measuring ${section}…\n`);
  rows.push(...(await run()));
}
console.log('');
printTable(rows);

if (only === undefined) {
  const results = { date: new Date().toISOString(), machine, rows };
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  console.log('\nWritten to bench/results.json.');
} else {
  console.log(`\nOnly ${only} measured: bench/results.json left as it was.`);
}
process.exitCode = rows.some((r) => r.pass === false) ? 1 : 0;
