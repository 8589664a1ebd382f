/**
 * Start-up of the command line: `failpoint analyze examples/courier.blueprint.json` end to end
 * (a new Node process that loads the bundle, reads, validates and analyses the courier and
 * prints its table), against `node -e 0` in the same run, so that the ratio holds on a busy
 * machine too. The two are run alternately, after one warm-up each (which fills the file
 * cache), and their medians compared. The bar: at most 0.4 s, and at most 4 × `node -e 0`.
 *
 * On Linux the note adds the processor time the children used (user + system, from
 * /proc/self/stat), which a machine shared with other work inflates less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BenchRow } from './types';

const RUNS = 15;
const BAR_MS = 400;
const BAR_RATIO = 4;
const CLI = 'bin/failpoint.mjs';
const COURIER = 'examples/courier.blueprint.json';
/** /proc reports times in clock ticks of 1/100 s (USER_HZ) on Linux. */
const TICK_MS = 10;

/** Processor time (ms) used so far by this process's finished children, or null off Linux. */
function childrenCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces:
  // state is field 3, cutime field 16 and cstime field 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) * TICK_MS;
}

interface Sample {
  wallMs: number;
  cpuMs: number | null;
}

/** Runs `node …args` once, to completion; throws if it fails. */
function timeRun(args: string[]): Sample {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const wallMs = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (child.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${String(child.stderr)}`);
  }
  return { wallMs, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const ms = (value: number) => `${Math.round(value)} ms`;

/** Rows for the command line's start-up and for a bare Node start beside it. */
export function benchStartup(): BenchRow[] {
  const cliArgs = [CLI, 'analyze', COURIER];
  const nodeArgs = ['-e', '0'];
  timeRun(cliArgs);
  timeRun(nodeArgs);
  const cli: Sample[] = [];
  const bare: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    cli.push(timeRun(cliArgs));
    bare.push(timeRun(nodeArgs));
  }
  const cliMs = median(cli.map((s) => s.wallMs));
  const nodeMs = median(bare.map((s) => s.wallMs));
  const ratio = cliMs / nodeMs;
  const cpu = (samples: Sample[]) =>
    samples.every((s) => s.cpuMs !== null) ? median(samples.map((s) => s.cpuMs!)) : null;
  const cliCpu = cpu(cli);
  const nodeCpu = cpu(bare);
  const cpuNote =
    cliCpu === null || nodeCpu === null ? '' : `; CPU ${ms(cliCpu)} (node -e 0: ${ms(nodeCpu)})`;
  return [
    {
      name: 'CLI start-up: analyze courier, end to end',
      median: cliMs,
      unit: 'ms',
      bar: `≤ ${BAR_MS} ms, ≤ ${BAR_RATIO}× node -e 0`,
      pass: cliMs <= BAR_MS && ratio <= BAR_RATIO,
      note: `${ratio.toFixed(1)}× node -e 0 (${ms(nodeMs)})${cpuNote}; wall, median of ${RUNS} interleaved`,
    },
    {
      name: 'node -e 0, beside it',
      median: nodeMs,
      unit: 'ms',
      note: `the same ${RUNS} rounds`,
    },
  ];
}
