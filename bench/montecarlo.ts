/**
 * Monte Carlo figures of the bench: courier trials per second on one worker and on all, the
 * plain `Math.random()` loop over the same ten steps measured in the same run, a rework loop,
 * parallel blocks, and the memory of a 10⁸-trial run.
 *
 * "Courier" is the reference case simulated for its reliability, which is the work the plain
 * loop does; the same blueprint with its durations and costs sampled is reported too.
 *
 * The kernel rows ({@link benchKernel}) measure the trial loop itself on this thread, side by
 * side in one run: a naive loop with the same samplers, the sampled and the reliability-only
 * kernels, and a paired comparison of the courier's four versions against single runs.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createNodeSimulationPool } from '../src/cli/node-pool';
import type { Distribution, Model, ModelInput } from '../src/sim/model';
import {
  compareBySimulation,
  compileModel,
  simulate,
  TrialRunner,
  type ComparedModel,
} from '../src/sim/montecarlo';
import { inverseNormal } from '../src/sim/montecarlo/distributions';
import { parseBlueprint } from '../src/sim/parse';
import { buildModel } from '../src/sim/structure';
import type { SimulationPool } from '../src/workers/pool';
import type { BenchRow } from './types';

const REPEATS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function courierModel(): Model {
  const parsed = parseBlueprint(readFileSync('examples/courier.blueprint.json', 'utf8'));
  if (!parsed.ok) throw new Error('examples/courier.blueprint.json does not validate.');
  return parsed.blueprint.model;
}

/** The courier's baseline and its scenarios, as a paired comparison takes them. */
function courierVersions(): ComparedModel[] {
  const parsed = parseBlueprint(readFileSync('examples/courier.blueprint.json', 'utf8'));
  if (!parsed.ok) throw new Error('examples/courier.blueprint.json does not validate.');
  const { model, scenarios } = parsed.blueprint;
  return [
    { id: 'baseline', name: 'Baseline', model },
    ...scenarios.map(({ id, name, model: scenario }) => ({ id, name, model: scenario })),
  ];
}

function built(input: ModelInput, name: string): Model {
  const result = buildModel(input);
  if (!result.ok) throw new Error(`The bench blueprint "${name}" does not validate.`);
  return result.model;
}

/**
 * Ten steps where a check after step 5 sends one customer in five back to step 3, and step 8's
 * failures are reworked by step 8b before going on.
 */
function reworkModel(): Model {
  const nodes: ModelInput['nodes'] = [{ id: 'start', type: 'start' }];
  const edges: ModelInput['edges'] = [];
  const reliabilities = [0.99, 0.98, 0.95, 0.98, 0.97, 0.99, 0.98, 0.93, 0.99, 0.99];
  reliabilities.forEach((reliability, i) => {
    nodes.push({ id: `s${i + 1}`, type: 'step', reliability });
  });
  nodes.push(
    { id: 'check', type: 'decision' },
    { id: 's8b', type: 'step', reliability: 0.9 },
    { id: 'end', type: 'end' },
  );
  const link = (source: string, target: string, extra: Partial<ModelInput['edges'][0]> = {}) =>
    edges.push({ id: `${source}-${target}`, source, target, ...extra });
  link('start', 's1');
  for (let i = 1; i < 5; i++) link(`s${i}`, `s${i + 1}`);
  link('s5', 'check');
  link('check', 's6', { probability: 0.8 });
  link('check', 's3', { probability: 0.2 });
  for (let i = 6; i < 10; i++) link(`s${i}`, `s${i + 1}`);
  link('s8', 's8b', { kind: 'failure' });
  link('s8b', 's9');
  link('s10', 'end');
  return built({ nodes, edges }, 'rework loop');
}

/**
 * Two steps, then a block of three branches of which two must succeed (one branch holding a
 * nested block of two that both must succeed), then two steps.
 */
function parallelModel(): Model {
  const step = (id: string, reliability: number) => ({ id, type: 'step' as const, reliability });
  const nodes: ModelInput['nodes'] = [
    { id: 'start', type: 'start' },
    step('a', 0.99),
    step('b', 0.98),
    { id: 'p', type: 'parallel' },
    step('x1', 0.95),
    step('x2', 0.97),
    step('y1', 0.9),
    { id: 'q', type: 'parallel' },
    step('z1', 0.96),
    step('z2', 0.94),
    { id: 'jq', type: 'join' },
    { id: 'j', type: 'join', k: 2 },
    step('c', 0.99),
    step('d', 0.97),
    { id: 'end', type: 'end' },
  ];
  const pairs = [
    ['start', 'a'],
    ['a', 'b'],
    ['b', 'p'],
    ['p', 'x1'],
    ['x1', 'x2'],
    ['x2', 'j'],
    ['p', 'y1'],
    ['y1', 'j'],
    ['p', 'q'],
    ['q', 'z1'],
    ['q', 'z2'],
    ['z1', 'jq'],
    ['z2', 'jq'],
    ['jq', 'j'],
    ['j', 'c'],
    ['c', 'd'],
    ['d', 'end'],
  ];
  const edges = pairs.map(([source, target]) => ({ id: `${source}-${target}`, source, target }));
  return built({ nodes, edges }, 'parallel blocks');
}

/**
 * A decision with `branches` branches straight from the start, branch i weighted 1 / (i + 1)
 * (a long tail), to ends alternately successful and failed: sampled from its alias table.
 */
function wideDecisionModel(branches: number): Model {
  const raw = Array.from({ length: branches }, (_, i) => 1 / (i + 1));
  const total = raw.reduce((a, b) => a + b, 0);
  const nodes: ModelInput['nodes'] = [
    { id: 'start', type: 'start' },
    { id: 'd', type: 'decision' },
  ];
  const edges: ModelInput['edges'] = [{ id: 'e0', source: 'start', target: 'd' }];
  raw.forEach((weight, i) => {
    nodes.push({ id: `x${i}`, type: 'end', outcome: i % 2 === 0 ? 'success' : 'failure' });
    edges.push({ id: `b${i}`, source: 'd', target: `x${i}`, probability: weight / total });
  });
  return built({ nodes, edges }, `decision with ${branches} branches`);
}

/** A chain of `steps` plain steps whose exact R is 0.999. */
function longChainModel(steps: number): Model {
  const reliability = 0.999 ** (1 / steps);
  const nodes: ModelInput['nodes'] = [{ id: 'start', type: 'start' }];
  const edges: ModelInput['edges'] = [];
  let previous = 'start';
  for (let i = 1; i <= steps; i++) {
    nodes.push({ id: `s${i}`, type: 'step', reliability });
    edges.push({ id: `e${i}`, source: previous, target: `s${i}` });
    previous = `s${i}`;
  }
  nodes.push({ id: 'end', type: 'end' });
  edges.push({ id: 'e-end', source: previous, target: 'end' });
  return built({ nodes, edges }, `chain of ${steps} steps`);
}

/** Trials per second of the plain loop: ten Math.random() draws, stopping at a failure. */
function plainLoopRate(reliabilities: Float64Array, trials: number): number {
  const started = performance.now();
  let successes = 0;
  for (let t = 0; t < trials; t++) {
    let passed = 1;
    for (let i = 0; i < reliabilities.length; i++) {
      if (Math.random() >= reliabilities[i]) {
        passed = 0;
        break;
      }
    }
    successes += passed;
  }
  const seconds = (performance.now() - started) / 1000;
  // Use the result so the loop cannot be optimised away.
  if (successes < 0) throw new Error('unreachable');
  return trials / seconds;
}

async function poolRate(
  pool: SimulationPool,
  model: Model,
  trials: number,
  timeAndCost = false,
): Promise<number> {
  const result = await pool.simulate(model, { trials, seed: 7, timeAndCost });
  return result.trials / result.elapsedSeconds;
}

async function medianRate(run: () => Promise<number>, repeats = REPEATS): Promise<number> {
  await run(); // warm-up: starts the workers and compiles the trial loop
  const rates: number[] = [];
  for (let i = 0; i < repeats; i++) rates.push(await run());
  return median(rates);
}

const MILLION = 1e6;

/** A step as a naive simulation holds it: its reliability and distributions as objects. */
interface NaiveStep {
  reliability: number;
  duration: Distribution | undefined;
  cost: Distribution | undefined;
}

/** A value of `d` for the uniform fraction `u`, by its inverse distribution function. */
function naiveSample(d: Distribution | undefined, u: number): number {
  if (!d) return 0;
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * u;
    case 'triangular': {
      const width = d.max - d.min;
      return u * width < d.mode - d.min
        ? d.min + Math.sqrt(u * width * (d.mode - d.min))
        : d.max - Math.sqrt((1 - u) * width * (d.max - d.mode));
    }
    case 'normal':
      return Math.max(0, d.mean + d.sd * inverseNormal(u));
    case 'lognormal':
      return Math.exp(d.mu + d.sigma * inverseNormal(u));
    case 'exponential':
      return -d.mean * Math.log(u);
  }
}

/**
 * Trials per second of a naive loop over the courier with its durations and costs: the steps
 * as objects, `Math.random()`, the same inverse distribution functions as the engine, each
 * trial's time and cost kept in an array (for percentiles) and the successes counted.
 */
function naiveSampledRate(steps: NaiveStep[], trials: number): number {
  const times = new Float64Array(trials);
  const costs = new Float64Array(trials);
  const started = performance.now();
  let successes = 0;
  for (let t = 0; t < trials; t++) {
    let time = 0;
    let cost = 0;
    let passed = 1;
    for (const step of steps) {
      time += naiveSample(step.duration, Math.random());
      cost += naiveSample(step.cost, Math.random());
      if (Math.random() >= step.reliability) {
        passed = 0;
        break;
      }
    }
    times[t] = time;
    costs[t] = cost;
    successes += passed;
  }
  const seconds = (performance.now() - started) / 1000;
  if (successes < 0 || times[0] < 0 || costs[0] < 0) throw new Error('unreachable');
  return trials / seconds;
}

/** Trials per second of the kernel on this thread: `trials` trials of a fresh runner. */
function kernelRate(model: Model, timeAndCost: boolean, trials: number): number {
  const runner = new TrialRunner(compileModel(model, { timeAndCost }));
  runner.runTrials(100_000);
  const started = performance.now();
  runner.runTrials(trials);
  return trials / ((performance.now() - started) / 1000);
}

/**
 * Cost of a paired comparison of `versions` per version, as a multiple of a single run of the
 * baseline with the same trials (both on this thread).
 */
function pairedCostPerVersion(
  versions: ComparedModel[],
  timeAndCost: boolean,
  trials: number,
): number {
  const started = performance.now();
  simulate(versions[0].model, { trials, seed: 3, timeAndCost });
  const single = performance.now() - started;
  const paired = performance.now();
  compareBySimulation(versions, { trials, seed: 3, timeAndCost });
  return (performance.now() - paired) / single / versions.length;
}

/** The kernel rows of the bench table, measured side by side (see the header). */
export function benchKernel(courier: Model, versions: ComparedModel[]): BenchRow[] {
  const steps: NaiveStep[] = courier.nodes
    .filter((n) => n.type === 'step')
    .map((n) => ({ reliability: n.reliability, duration: n.duration, cost: n.cost }));
  const naive: number[] = [];
  const sampled: number[] = [];
  const reliability: number[] = [];
  const pairedReliability: number[] = [];
  const pairedSampled: number[] = [];
  naiveSampledRate(steps, 200_000);
  for (let i = 0; i < REPEATS; i++) {
    naive.push(naiveSampledRate(steps, 2 * MILLION));
    sampled.push(kernelRate(courier, true, 4 * MILLION));
    reliability.push(kernelRate(courier, false, 40 * MILLION));
    pairedReliability.push(pairedCostPerVersion(versions, false, 4 * MILLION));
    pairedSampled.push(pairedCostPerVersion(versions, true, MILLION));
  }
  const naiveRate = median(naive);
  const sampledRate = median(sampled);
  const reliabilityRate = median(reliability);
  const perVersion = median(pairedReliability);
  const perVersionSampled = median(pairedSampled);
  const ratio = median(sampled.map((rate, i) => rate / naive[i]));
  return [
    {
      name: 'naive JS loop, courier with durations and costs',
      median: naiveRate,
      unit: 'trials/s',
      note: 'Math.random(), steps as objects, the same inverse-CDF samplers; times and costs kept per trial',
    },
    {
      name: 'Monte Carlo kernel, courier with durations and costs',
      median: sampledRate,
      unit: 'trials/s',
      bar: '≥ 6,000,000 trials/s',
      pass: sampledRate >= 6 * MILLION,
      note: 'one thread, the trial loop alone; 4 M trials per run; values worked out a batch of trials at a time',
    },
    {
      name: 'kernel ÷ naive loop, with durations and costs',
      median: ratio,
      unit: '×',
      bar: '≥ 2.5×',
      pass: ratio >= 2.5,
      note: 'median of the ratios of runs measured one after the other',
    },
    {
      name: 'Monte Carlo kernel, courier, reliability only',
      median: reliabilityRate,
      unit: 'trials/s',
      bar: '≥ 70,000,000 trials/s',
      pass: reliabilityRate >= 70 * MILLION,
      note: 'durations and costs not sampled (--reliability-only); 40 M trials per run',
    },
    {
      name: `paired comparison of ${versions.length} versions, per version ÷ one run, reliability only`,
      median: perVersion,
      unit: '×',
      bar: '≤ 1.5×',
      pass: perVersion <= 1.5,
      note: 'the single run fuses all ten steps (one draw); the comparison fuses only the steps no scenario changes (five draws) and walks the four versions together',
    },
    {
      name: `paired comparison of ${versions.length} versions, per version ÷ one run, with durations and costs`,
      median: perVersionSampled,
      unit: '×',
      bar: '≤ 1.5×',
      pass: perVersionSampled <= 1.5,
      note: 'common random numbers, each version run over batches of trials in its own loop',
    },
  ];
}

/** Measures the Monte Carlo rows of the bench table. */
export async function benchMonteCarlo(): Promise<BenchRow[]> {
  const cores = os.availableParallelism();
  const courier = courierModel();
  const reliabilities = Float64Array.from(
    courier.nodes.filter((n) => n.type === 'step').map((n) => n.reliability),
  );
  // Before the pools start, so that their threads do not share the core being measured.
  const kernelRows = benchKernel(courier, courierVersions());
  const one = createNodeSimulationPool({ size: 1 });
  const all = createNodeSimulationPool({ size: cores });
  try {
    // The plain loop and one worker alternate, so that both see the same machine.
    const plainRates: number[] = [];
    const oneRates: number[] = [];
    plainLoopRate(reliabilities, MILLION);
    await poolRate(one, courier, 10 * MILLION);
    for (let i = 0; i < REPEATS; i++) {
      plainRates.push(plainLoopRate(reliabilities, 10 * MILLION));
      oneRates.push(await poolRate(one, courier, 50 * MILLION));
    }
    const plain = median(plainRates);
    const single = median(oneRates);
    const multi = await medianRate(() => poolRate(all, courier, 100 * MILLION));
    const timed = await medianRate(() => poolRate(one, courier, 5 * MILLION, true), 3);
    const rework = await medianRate(() => poolRate(one, reworkModel(), 10 * MILLION), 3);
    const parallel = await medianRate(() => poolRate(one, parallelModel(), 10 * MILLION), 3);
    const wide = wideDecisionModel(100_000);
    const wideRate = await medianRate(() => poolRate(one, wide, 20 * MILLION), 3);
    const chain = longChainModel(10_000);
    const chainResult = await one.simulate(chain, { trials: 10 * MILLION, seed: 7 });
    const chainRate = await medianRate(() => poolRate(one, chain, 20 * MILLION), 3);
    const memory = await peakMemory(all, courier, 100 * MILLION);
    const scalingBar = 0.85 * cores;

    return [
      ...kernelRows,
      {
        name: 'Monte Carlo, courier, one worker',
        median: single,
        unit: 'trials/s',
        bar: '≥ 10,000,000 trials/s',
        pass: single >= 10 * MILLION,
        note: 'reliability, 50 M trials per run',
      },
      {
        name: 'plain Math.random() loop, courier',
        median: plain,
        unit: 'trials/s',
        note: 'ten draws per customer, stopping at the first failure',
      },
      {
        name: 'Monte Carlo one worker ÷ plain loop',
        median: single / plain,
        unit: '×',
        bar: '≥ 5×',
        pass: single / plain >= 5,
      },
      {
        name: `Monte Carlo, courier, ${cores} workers`,
        median: multi,
        unit: 'trials/s',
        note: '100 M trials per run',
      },
      {
        name: `Monte Carlo scaling on ${cores} cores`,
        median: multi / single,
        unit: '×',
        bar: `≥ ${scalingBar.toFixed(1)}×`,
        pass: multi / single >= scalingBar,
      },
      {
        name: 'Monte Carlo, courier with durations and costs, one worker',
        median: timed,
        unit: 'trials/s',
        note: 'time and cost distributions sampled at every step',
      },
      {
        name: 'Monte Carlo, rework loop, one worker',
        median: rework,
        unit: 'trials/s',
        note: '10 steps, a 20 % loop back and a failure-edge rework',
      },
      {
        name: 'Monte Carlo, nested k-of-n blocks, one worker',
        median: parallel,
        unit: 'trials/s',
        note: '2-of-3 block holding a 2-of-2 block',
      },
      {
        name: 'Monte Carlo, decision with 100,000 branches, one worker',
        median: wideRate,
        unit: 'trials/s',
        bar: '≥ 1,000,000 trials/s',
        pass: wideRate >= MILLION,
        note: 'alias table, branch i weighted 1/(i+1); 20 M trials per run',
      },
      {
        name: 'Monte Carlo, chain of 10,000 steps, one worker',
        median: chainRate,
        unit: 'trials/s',
        note: `exact R 0.999; simulated ${chainResult.reliability.toFixed(5)} ± ${chainResult.halfWidth.toFixed(5)}, ${chainResult.stopped} stopped (10 M trials)`,
      },
      {
        name: `Monte Carlo, peak memory of 10⁸ trials on ${cores} workers`,
        median: memory.peakRssMiB,
        unit: 'MiB RSS',
        note: `heap ${memory.heapBeforeMiB.toFixed(1)} → peak ${memory.peakHeapMiB.toFixed(1)} MiB; ${memory.seconds.toFixed(1)} s`,
      },
    ];
  } finally {
    one.terminate();
    all.terminate();
  }
}

async function peakMemory(pool: SimulationPool, model: Model, trials: number) {
  const mib = (bytes: number) => bytes / 2 ** 20;
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const result = await pool.simulate(model, {
    trials,
    seed: 11,
    timeAndCost: false,
    onProgress: sample,
  });
  clearInterval(timer);
  sample();
  return {
    peakRssMiB: mib(peakRss),
    peakHeapMiB: mib(peakHeap),
    heapBeforeMiB: mib(before.heapUsed),
    seconds: result.elapsedSeconds,
  };
}
