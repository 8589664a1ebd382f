/**
 * Timings of the exact analysis (SPEC §5): the courier under 1 ms, a generated
 * 10,000-node blueprint with decisions, loops and parallel blocks under 100 ms. Each figure is
 * the median over repeated runs after a warm-up, so the JIT has compiled the solver.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { analyze } from '../src/sim/exact';
import { planExact } from '../src/sim/exact/plan';
import { generateBlueprint, toBlueprintDocument } from '../src/sim/generate';
import type { Model, ModelInput, NodeInput, EdgeInput } from '../src/sim/model';
import { parseBlueprint } from '../src/sim/parse';
// Large plain files are read as the command line reads them, by the quick reader.
import '../src/sim/read/plain';
import { buildModel } from '../src/sim/structure';
import { chainShape, kOfNShape, nestedShape, reworkLoopShape, type Shape } from './shapes';
import type { BenchRow } from './types';

const COURIER_RELIABILITIES = [0.99, 0.98, 0.9, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99];

/** The reference case of SPEC §1, with the step-3 recovery of 60 %. */
function courierInput(): ModelInput {
  const nodes: NodeInput[] = [{ id: 'start', type: 'start' }];
  const edges: EdgeInput[] = [];
  let previous = 'start';
  COURIER_RELIABILITIES.forEach((reliability, i) => {
    const id = `s${i + 1}`;
    nodes.push({
      id,
      type: 'step',
      reliability,
      ...(i === 2 ? { recovery: { catch: 0.6 } } : {}),
    });
    edges.push({ id: `e${i}`, source: previous, target: id });
    previous = id;
  });
  nodes.push({ id: 'end', type: 'end' });
  edges.push({ id: 'e10', source: previous, target: 'end' });
  return { nodes, edges };
}

function modelOf(input: ModelInput, what: string): Model {
  const built = buildModel(input);
  if (!built.ok) {
    throw new Error(
      `The ${what} blueprint is not valid: ${built.diagnostics.map((d) => d.message).join(' ')}`,
    );
  }
  return built.model;
}

/**
 * Median milliseconds per call of `run`. Calls are grouped in batches long enough for the
 * clock (≥ `batchMs`); the median is taken over `batches` batches after `warmup` calls.
 */
function medianMs(run: () => void, options: { warmup: number; batches: number; batchMs: number }) {
  for (let i = 0; i < options.warmup; i++) run();
  let perBatch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) run();
    if (performance.now() - t0 >= options.batchMs || perBatch >= 1 << 20) break;
    perBatch *= 2;
  }
  const samples: number[] = [];
  for (let b = 0; b < options.batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) run();
    samples.push((performance.now() - t0) / perBatch);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], perBatch };
}

/** Median milliseconds of `run` over `runs` runs (no warm-up: each run is long enough). */
function medianOfRuns(run: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

/**
 * Validation and analysis of a shape together, as `failpoint analyze` does them: a fresh
 * `buildModel` each run (so the loop elimination order is chosen again) and the full
 * `analyze`, importance, potentials and tornado included. Checks R against the closed form.
 */
function timeShape(shape: Shape, runs: number): number {
  let reliability = NaN;
  const median = medianOfRuns(() => {
    reliability = analyze(modelOf(shape.input, 'scale')).reliability;
  }, runs);
  if (Number.isFinite(shape.expected)) {
    const error = Math.abs(reliability - shape.expected) / shape.expected;
    if (!(error < 1e-11)) {
      throw new Error(`R = ${reliability} differs from its closed form ${shape.expected}.`);
    }
  }
  return median;
}

const GROWTH_SHAPES: { name: string; make: (nodes: number) => Shape }[] = [
  { name: 'chain', make: (nodes) => chainShape(nodes - 2) },
  {
    name: 'rework loop with back edges every 10 steps',
    make: (nodes) => reworkLoopShape(nodes - 3, { reworkEvery: 10 }),
  },
  { name: 'k-of-n block, n − 10 needed', make: (nodes) => kOfNShape(nodes - 4, nodes - 14) },
  { name: 'nested blocks', make: (nodes) => nestedShape(Math.floor((nodes - 3) / 3)) },
];

/**
 * Growth of validation + exact analysis with size, for the shapes people draw, and the sizes
 * that used to take seconds or run out of memory. Medians of 7, 5 and 3 runs at 1k, 10k and
 * 100k nodes.
 */
export function benchExactScale(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const { name, make } of GROWTH_SHAPES) {
    let previous = NaN;
    for (const [nodes, runs] of [
      [1_000, 7],
      [10_000, 5],
      [100_000, 3],
    ] as const) {
      const shape = make(nodes);
      const median = timeShape(shape, runs);
      rows.push({
        name: `exact growth, ${name}, ${nodes / 1000}k nodes`,
        median,
        unit: 'ms',
        note: `buildModel + analyze, ${shape.nodes} nodes; median of ${runs} runs${
          Number.isFinite(previous) ? `; ×${(median / previous).toFixed(1)} for 10× the nodes` : ''
        }`,
      });
      previous = median;
    }
  }
  const cases: { name: string; shape: Shape; limit: number }[] = [
    { name: '2,000-step rework loop', shape: reworkLoopShape(2000), limit: 1000 },
    { name: '30,000-step rework loop', shape: reworkLoopShape(30_000), limit: 5000 },
    { name: '2,000-branch block, 1,000 needed', shape: kOfNShape(2000, 1000, 0.5005), limit: 1000 },
    { name: '2,000-branch block, 1,990 needed', shape: kOfNShape(2000, 1990), limit: 1000 },
    { name: '2,000 nested blocks', shape: nestedShape(2000), limit: 1000 },
  ];
  for (const { name, shape, limit } of cases) {
    const median = timeShape(shape, 5);
    rows.push({
      name: `exact analysis, ${name}`,
      median,
      unit: 'ms',
      bar: `< ${limit.toLocaleString('en-US')} ms`,
      pass: median < limit,
      note: `buildModel + analyze, ${shape.nodes} nodes, R checked against its closed form; median of 5 runs`,
    });
  }
  return rows;
}

/** Median of a list of milliseconds. */
function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Sizes of the reading growth rows, runs at each, and the bar of the total where there is one.
 * `fresh`: read in a Node process of its own, as `failpoint analyze` reads a file, rather than in
 * the bench's, whose heap by then holds what every earlier row left (at a million nodes, most of
 * a gigabyte more for the collector to go through).
 */
const READING_SIZES: readonly { nodes: number; runs: number; limit?: number; fresh?: boolean }[] = [
  { nodes: 1_000, runs: 7 },
  { nodes: 10_000, runs: 5 },
  { nodes: 100_000, runs: 3, limit: 2000 },
  { nodes: 1_000_000, runs: 3, limit: 6000, fresh: true },
];

/** What reading a file's text to its full analysis took, run by run. */
export interface ReadingTimes {
  /** `parseBlueprint`, ms per run. */
  reading: number[];
  /** `analyze`, ms per run. */
  analysing: number[];
  /** Both, ms per run. */
  totals: number[];
  /** Processor time of the process over both (all its threads), ms per run. */
  cpuTotals: number[];
  reliability: number;
  /** Whether the plain reader read the file (its document's nodes are read on demand). */
  plainRead: boolean;
  /** The heap in use just after the last run, MiB (text, blueprint and analysis not yet collected). */
  heapMiB: number;
}

/** Reads `text` to its full analysis `runs` times in this process. */
export function timeReading(text: string, runs: number): ReadingTimes {
  const times: ReadingTimes = {
    reading: [],
    analysing: [],
    totals: [],
    cpuTotals: [],
    reliability: Number.NaN,
    plainRead: false,
    heapMiB: 0,
  };
  let lastDocument: object | null = null;
  for (let run = 0; run < runs; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const parsed = parseBlueprint(text);
    const t1 = performance.now();
    if (!parsed.ok) {
      throw new Error(`The generated blueprint is not valid: ${parsed.diagnostics[0].message}`);
    }
    lastDocument = parsed.blueprint.document;
    times.reliability = analyze(parsed.blueprint.model).reliability;
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    times.cpuTotals.push((cpu.user + cpu.system) / 1000);
    times.reading.push(t1 - t0);
    times.analysing.push(t2 - t1);
    times.totals.push(t2 - t0);
  }
  // The plain reader leaves the document's nodes to be read on demand; the full parser
  // makes them at once.
  times.plainRead =
    lastDocument !== null &&
    Object.getOwnPropertyDescriptor(lastDocument, 'nodes')?.get !== undefined;
  // Near Node's default heap limit, collections come ever more often and time stops being linear.
  times.heapMiB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  return times;
}

/** The bench's own option that reads a file in a process of its own (see {@link READING_SIZES}). */
export const READ_FILE_OPTION = '--read-file';

/**
 * Reads `text` to its full analysis `runs` times, each in a fresh Node process running this bench
 * with {@link READ_FILE_OPTION}, as each `failpoint analyze` is: the text goes through a temporary
 * file, read before the clock starts. The heap figure is the last process's.
 */
function timeReadingFresh(text: string, runs: number): ReadingTimes {
  const folder = mkdtempSync(join(tmpdir(), 'failpoint-bench-'));
  const file = join(folder, 'blueprint.json');
  try {
    writeFileSync(file, text);
    const times: ReadingTimes[] = [];
    for (let run = 0; run < runs; run++) {
      const child = spawnSync(process.execPath, [process.argv[1], READ_FILE_OPTION, file, '1'], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) {
        throw new Error(`Reading ${file} in a fresh process failed: ${child.stderr.trim()}`);
      }
      times.push(JSON.parse(child.stdout) as ReadingTimes);
    }
    const all = (part: 'reading' | 'analysing' | 'totals' | 'cpuTotals') =>
      times.flatMap((time) => time[part]);
    return {
      ...times[times.length - 1],
      reading: all('reading'),
      analysing: all('analysing'),
      totals: all('totals'),
      cpuTotals: all('cpuTotals'),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The child's side of {@link timeReadingFresh}: prints the times of reading `file` as JSON. */
export function printReadingOfFile(file: string, runs: number): void {
  const text = readFileSync(file, 'utf8');
  // Written at once (to a pipe, process.stdout writes later), as the process exits next.
  writeFileSync(1, JSON.stringify(timeReading(text, runs)));
}

/**
 * A blueprint file from text to its full exact analysis, as `failpoint analyze` does it, on
 * generated blueprints of 1k to 1M nodes: `parseBlueprint` and `analyze` (R, visits,
 * importance, potentials, tornado), each part and the total. From 1 MiB of text (about 4,000
 * nodes) `parseBlueprint` reads these plain files in one pass from the text to the model
 * (`src/sim/read/plain.ts`: no JSON.parse, no document objects, structure and analysis plan
 * as before); below that, the full parser (JSON, duplicate keys, schema, values, structure,
 * plan). The note says which read the file. The file text is made before the clock starts. A
 * million nodes take the median of three runs, each in a fresh process as each `failpoint
 * analyze` is; the generation of the file alone costs about a minute.
 */
export function benchExactReading(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const { nodes, runs, limit, fresh } of READING_SIZES) {
    const text = JSON.stringify(
      toBlueprintDocument(generateBlueprint({ nodes, seed: 1 }), `Generated, ${nodes} nodes`),
    );
    const times = fresh ? timeReadingFresh(text, runs) : timeReading(text, runs);
    const { reading, analysing, totals, cpuTotals, reliability, plainRead, heapMiB } = times;
    const megabytes = (text.length / 2 ** 20).toFixed(1);
    const size = `${nodes.toLocaleString('en-US')} nodes`;
    const runsText =
      (runs === 1 ? 'one run' : `median of ${runs} runs`) +
      (fresh ? ', each in a fresh process' : '');
    rows.push(
      {
        name: `exact reading, ${size}: parse + validate`,
        median: median(reading),
        unit: 'ms',
        note: `parseBlueprint (${plainRead ? 'plain reader' : 'full parser'}) of a ${megabytes} MiB file from generateBlueprint({ nodes: ${nodes}, seed: 1 }); ${runsText}`,
      },
      {
        name: `exact reading, ${size}: analyze`,
        median: median(analysing),
        unit: 'ms',
        note: `full analyze() of the model read; R = ${reliability.toFixed(6)}; ${runsText}`,
      },
      {
        name: `exact reading, ${size}: total`,
        median: median(totals),
        unit: 'ms',
        ...(limit === undefined
          ? {}
          : { bar: `≤ ${limit.toLocaleString('en-US')} ms`, pass: median(totals) <= limit }),
        note: `text to analysis; CPU ${Math.round(median(cpuTotals)).toLocaleString('en-US')} ms; heap ${heapMiB} MiB; ${runsText}`,
      },
    );
  }
  return rows;
}

/** Times `analyze` on the courier and on a generated 10,000-node blueprint. */
export async function benchExact(): Promise<BenchRow[]> {
  const courier = modelOf(courierInput(), 'courier');
  const courierTime = medianMs(() => analyze(courier), { warmup: 2000, batches: 21, batchMs: 20 });

  const nodes = 10_000;
  const large = modelOf(generateBlueprint({ nodes, seed: 1 }), 'generated');
  const plan = planExact(large);
  let loops = 0;
  let largestLoop = 0;
  for (let c = 0; c < plan.componentCyclic.length; c++) {
    if (!plan.componentCyclic[c]) continue;
    loops++;
    largestLoop = Math.max(largestLoop, plan.componentStart[c + 1] - plan.componentStart[c]);
  }
  const largeTime = medianMs(() => analyze(large), { warmup: 5, batches: 15, batchMs: 0 });

  return [
    {
      name: 'exact analysis, courier',
      median: courierTime.median,
      unit: 'ms',
      bar: '< 1 ms',
      pass: courierTime.median < 1,
      note: `full analyze() incl. importance, potentials and tornado; median of 21 batches of ${courierTime.perBatch}`,
    },
    {
      name: 'exact analysis, 10,000 nodes',
      median: largeTime.median,
      unit: 'ms',
      bar: '< 100 ms',
      pass: largeTime.median < 100,
      note: `generateBlueprint({ nodes: ${nodes}, seed: 1 }): ${large.blocks.length} parallel blocks, ${loops} loops (largest ${largestLoop} nodes); median of 15 runs after 5 warm-up runs`,
    },
    ...benchExactScale(),
    ...benchExactReading(),
  ];
}
