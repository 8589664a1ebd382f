import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, systemReliability } from '../src/sim/exact';
import type { Model, ModelInput, NodeInput } from '../src/sim/model';
import {
  compareBySimulation,
  compileModel,
  DRAW_RANGE,
  independentDifferenceInterval,
  pairedDifferenceInterval,
  simulate,
  TrialRunner,
  uncertaintyAnalysis,
  wilsonInterval,
  Z999,
} from '../src/sim/montecarlo';
import { OP } from '../src/sim/montecarlo/compile';
import {
  bucketOf,
  createHistogram,
  histogramQuantile,
  mergeHistogram,
  packHistogram,
  recordValue,
} from '../src/sim/montecarlo/histogram';
import { betaVariate, RandomStream, STREAM_PURPOSE, streamKey } from '../src/sim/random';
import { buildModel } from '../src/sim/structure';
import { arbitraryBlueprintInput } from './arbitraries';
import { loadExample } from './examples';

const COURIER = [0.99, 0.98, 0.9, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99];

function model(input: ModelInput): Model {
  const built = buildModel(input);
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  return built.model;
}

/** start → s1 → … → sN → end, with per-step extras. */
function series(steps: Omit<NodeInput, 'id' | 'type'>[]): Model {
  const nodes: NodeInput[] = [{ id: 'start', type: 'start' }];
  const edges: ModelInput['edges'] = [];
  let previous = 'start';
  steps.forEach((step, i) => {
    const id = `s${i + 1}`;
    nodes.push({ id, type: 'step', ...step });
    edges.push({ id: `e${i}`, source: previous, target: id });
    previous = id;
  });
  nodes.push({ id: 'end', type: 'end' });
  edges.push({ id: 'e-end', source: previous, target: 'end' });
  return model({ nodes, edges });
}

const courier = () => series(COURIER.map((reliability) => ({ reliability })));

/** |R_mc − R_exact| within the 99.9 % interval. */
function expectAgreement(result: { successes: number; trials: number }, exact: number) {
  const [low, high] = wilsonInterval(result.successes, result.trials, Z999);
  expect(exact).toBeGreaterThanOrEqual(low);
  expect(exact).toBeLessThanOrEqual(high);
}

describe('random streams', () => {
  it('replays the same stream for the same seed, stream and purpose', () => {
    const a = new RandomStream(42, 7);
    const b = new RandomStream(42, 7);
    const drawsA = Array.from({ length: 100 }, () => a.nextUint32());
    const drawsB = Array.from({ length: 100 }, () => b.nextUint32());
    expect(drawsA).toEqual(drawsB);
    expect(drawsA.every((x) => Number.isInteger(x) && x >= 0 && x < DRAW_RANGE)).toBe(true);
  });

  it('gives unrelated streams for neighbouring seeds, chunks and purposes', () => {
    const first = (seed: number, stream: number, purpose: number) =>
      new RandomStream(seed, stream, purpose).nextUint32();
    const values = [
      first(1, 0, STREAM_PURPOSE.trials),
      first(2, 0, STREAM_PURPOSE.trials),
      first(1, 1, STREAM_PURPOSE.trials),
      first(1, 0, STREAM_PURPOSE.comparison),
      first(2 ** 40, 0, STREAM_PURPOSE.trials),
    ];
    expect(new Set(values).size).toBe(values.length);
    expect(streamKey(2 ** 32, 0, 1)).not.toBe(streamKey(0, 0, 1));
  });

  it('draws uniformly: a chi-square test over 64 bins passes', () => {
    const random = new RandomStream(9);
    const bins = new Float64Array(64);
    const n = 640_000;
    for (let i = 0; i < n; i++) bins[random.nextUint32() >>> 26]++;
    const expected = n / 64;
    const chi2 = bins.reduce((acc, observed) => acc + (observed - expected) ** 2 / expected, 0);
    // 63 degrees of freedom: the 99.99 % quantile is about 117.
    expect(chi2).toBeLessThan(117);
    expect(chi2).toBeGreaterThan(25);
  });

  it('draws Beta variates with the right mean and variance', () => {
    const random = new RandomStream(3);
    const [a, b] = [981, 21];
    const n = 20_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = betaVariate(random, a, b);
      sum += x;
      squares += x * x;
    }
    const mean = sum / n;
    const variance = squares / n - mean * mean;
    const trueMean = a / (a + b);
    const trueVariance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(mean - trueMean)).toBeLessThan(5 * Math.sqrt(trueVariance / n));
    expect(variance / trueVariance).toBeGreaterThan(0.9);
    expect(variance / trueVariance).toBeLessThan(1.1);
  });
});

describe('compiling a model', () => {
  it('fuses a run of plain steps into one series with cumulative failure thresholds', () => {
    const compiled = compileModel(courier());
    const head = 1;
    expect(compiled.op[head]).toBe(OP.series);
    expect(compiled.span[head]).toBe(10);
    for (let v = 2; v <= 10; v++) expect(compiled.op[v]).toBe(OP.fused);
    const product = COURIER.reduce((a, r) => a * r, 1);
    expect(compiled.passThreshold[head] / DRAW_RANGE).toBeCloseTo(1 - product, 9);
  });

  it('gives a step with a recovery three bands: pass, caught, uncaught', () => {
    const compiled = compileModel(series([{ reliability: 0.9, recovery: { catch: 0.6 } }]));
    expect(compiled.op[1]).toBe(OP.step);
    expect(compiled.passThreshold[1] / DRAW_RANGE).toBeCloseTo(0.9, 9);
    expect((DRAW_RANGE - compiled.caughtThreshold[1]) / DRAW_RANGE).toBeCloseTo(0.04, 9);
  });

  it('ends every decision with a threshold no draw reaches', () => {
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'd', type: 'decision' },
        { id: 'a', type: 'end' },
        { id: 'b', type: 'end', outcome: 'failure' },
      ],
      edges: [
        { id: 'e0', source: 'start', target: 'd' },
        { id: 'e1', source: 'd', target: 'a', probability: 0.3 },
        { id: 'e2', source: 'd', target: 'b', probability: 0.7 },
      ],
    });
    const compiled = compileModel(m);
    const rows = compiled.tableThreshold.slice(compiled.tableStart[1], compiled.tableStart[2]);
    expect(rows[0] / DRAW_RANGE).toBeCloseTo(0.3, 9);
    expect(rows[1]).toBe(DRAW_RANGE);
    expect(simulate(m, { trials: 100_000 }).failPoints.b).toBeGreaterThan(69_000);
  });
});

describe('simulating the courier', () => {
  it('agrees with the exact R = 0.76528 and reproduces itself', () => {
    const m = courier();
    const a = simulate(m, { trials: 1_000_000, seed: 42 });
    const b = simulate(m, { trials: 1_000_000, seed: 42 });
    expect(a).toEqual(b);
    expect(a.trials).toBe(1_000_000);
    expectAgreement(a, 0.76528);
    expect(simulate(m, { trials: 1_000_000, seed: 43 }).successes).not.toBe(a.successes);
  });

  it('counts every trial once, and visits that add up', () => {
    const result = simulate(courier(), { trials: 300_000, seed: 5 });
    const failed = Object.values(result.failPoints).reduce((a, b) => a + b, 0);
    expect(failed + result.successes + result.stopped).toBe(result.trials);
    const visits = Object.fromEntries(result.nodes.map((n) => [n.id, n.visits]));
    expect(visits.start).toBe(result.trials);
    expect(visits.s1).toBe(result.trials);
    expect(visits.end).toBe(result.successes);
    // Each step is visited by everyone who got past the one before.
    for (let i = 2; i <= 10; i++) {
      expect(visits[`s${i}`]).toBe(visits[`s${i - 1}`] - result.failPoints[`s${i - 1}`]);
    }
    // Step 3 (0.90) is the largest fail point: about 0.99 · 0.98 · 0.10 = 9.7 % of customers.
    expect(result.failPointRanking[0].id).toBe('s3');
    expect(result.failPointRanking[0].count / result.trials).toBeCloseTo(0.097, 2);
  });

  it('walks the fused series, the straight path and unfused steps to the same answer', () => {
    const m = courier();
    const straight = new TrialRunner(compileModel(m), new RandomStream(8));
    const walked = new TrialRunner(compileModel(m), new RandomStream(8), { straightSeries: false });
    straight.runTrials(200_000);
    walked.runTrials(200_000);
    expect(straight.takeTally()).toEqual(walked.takeTally());

    const unfused = compileModel(m, { fusable: new Uint8Array(m.nodes.length) });
    expect(unfused.op[1]).toBe(OP.step);
    const runner = new TrialRunner(unfused, new RandomStream(8));
    runner.runTrials(400_000);
    const tally = runner.takeTally();
    expectAgreement(tally, 0.76528);
  });

  it('samples durations and costs: the mean of a series is the sum of the means', () => {
    const m = series([
      {
        duration: { kind: 'triangular', min: 2, mode: 3, max: 8 },
        cost: { kind: 'fixed', value: 1.5 },
      },
      { duration: { kind: 'uniform', min: 1, max: 5 } },
      { duration: { kind: 'normal', mean: 10, sd: 2 }, cost: { kind: 'exponential', mean: 4 } },
      { duration: { kind: 'lognormal', mu: 1, sigma: 0.5 } },
      { duration: { kind: 'exponential', mean: 6 } },
    ]);
    const result = simulate(m, { trials: 400_000, seed: 2 });
    const meanTime = 13 / 3 + 3 + 10 + Math.exp(1 + 0.125) + 6;
    expect(result.time!.mean).toBeCloseTo(meanTime, 1);
    expect(result.cost!.mean).toBeCloseTo(5.5, 1);
    expect(result.time!.p50).toBeLessThan(result.time!.p90);
    expect(result.time!.p90).toBeLessThanOrEqual(result.time!.p95);
    expect(result.time!.p95).toBeLessThanOrEqual(result.time!.p99);
    expect(result.time!.histogram.reduce((a, b) => a + b.count, 0)).toBe(result.trials);
  });

  it('clamps draws at zero', () => {
    const m = series([{ duration: { kind: 'normal', mean: -5, sd: 1 } }]);
    const result = simulate(m, { trials: 20_000 });
    expect(result.time!.max).toBe(0);
    expect(result.time!.mean).toBe(0);
  });

  it('adds a recovery’s duration and cost only when it catches a failure', () => {
    const m = series([
      {
        reliability: 0.5,
        recovery: {
          catch: 1,
          duration: { kind: 'fixed', value: 10 },
          cost: { kind: 'fixed', value: 2 },
        },
      },
    ]);
    const result = simulate(m, { trials: 100_000, seed: 4 });
    expect(result.successes).toBe(result.trials);
    const caught = result.nodes.find((n) => n.id === 's1')!.recoveries;
    expect(caught / result.trials).toBeCloseTo(0.5, 2);
    expect(result.time!.mean).toBeCloseTo((10 * caught) / result.trials, 10);
    expect(result.cost!.mean).toBeCloseTo((2 * caught) / result.trials, 10);
  });
});

describe('parallel blocks', () => {
  const block = (k: number, r: [number, number, number]) =>
    model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'p', type: 'parallel' },
        {
          id: 'a',
          type: 'step',
          reliability: r[0],
          duration: { kind: 'fixed', value: 3 },
          cost: { kind: 'fixed', value: 1 },
        },
        {
          id: 'b',
          type: 'step',
          reliability: r[1],
          duration: { kind: 'fixed', value: 5 },
          cost: { kind: 'fixed', value: 2 },
        },
        {
          id: 'c',
          type: 'step',
          reliability: r[2],
          duration: { kind: 'fixed', value: 4 },
          cost: { kind: 'fixed', value: 4 },
        },
        { id: 'j', type: 'join', k },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e0', source: 'start', target: 'p' },
        { id: 'e1', source: 'p', target: 'a' },
        { id: 'e2', source: 'p', target: 'b' },
        { id: 'e3', source: 'p', target: 'c' },
        { id: 'e4', source: 'a', target: 'j' },
        { id: 'e5', source: 'b', target: 'j' },
        { id: 'e6', source: 'c', target: 'j' },
        { id: 'e7', source: 'j', target: 'end' },
      ],
    });

  it('takes the longest branch as the time and the sum of branches as the cost', () => {
    const result = simulate(block(3, [1, 1, 1]), { trials: 1000 });
    expect(result.successes).toBe(1000);
    expect(result.time!.min).toBe(5);
    expect(result.time!.max).toBe(5);
    expect(result.cost!.mean).toBe(7);
  });

  it('passes a 2-of-3 join as often as the exact analysis says, failing at the join', () => {
    const m = block(2, [0.9, 0.8, 0.7]);
    const result = simulate(m, { trials: 300_000, seed: 6 });
    expectAgreement(result, systemReliability(m));
    expect(Object.keys(result.failPoints)).toEqual(['j']);
    const uncaughtA = result.nodes.find((n) => n.id === 'a')!.uncaught;
    expect(uncaughtA / result.trials).toBeCloseTo(0.1, 2);
  });
});

describe('agreement with the exact analysis', () => {
  const files = readdirSync('examples').filter((f) => f.endsWith('.blueprint.json'));

  it.each(files)('%s: every version within its 99.9 percent interval', (file) => {
    const blueprint = loadExample(file);
    for (const version of [{ id: 'baseline', model: blueprint.model }, ...blueprint.scenarios]) {
      const result = simulate(version.model, { trials: 200_000, seed: 11, timeAndCost: false });
      expectAgreement(result, systemReliability(version.model));
    }
  });

  it('random blueprints with loops, failure edges, nested k-of-n blocks and recoveries', () => {
    fc.assert(
      fc.property(arbitraryBlueprintInput({ timing: false }), (input) => {
        const m = model(input);
        const analysis = analyze(m);
        const result = simulate(m, { trials: 20_000, seed: 17, timeAndCost: false });
        expect(result.stopped).toBe(0);
        expectAgreement(result, analysis.reliability);
        // Fail points too, each within a generous interval (there are many per blueprint).
        for (const [id, probability] of Object.entries(analysis.failPoints)) {
          const [low, high] = wilsonInterval(result.failPoints[id] ?? 0, result.trials, 4.9);
          expect(probability).toBeGreaterThanOrEqual(low);
          expect(probability).toBeLessThanOrEqual(high);
        }
        const total = Object.values(result.failPoints).reduce((a, b) => a + b, 0);
        expect(total + result.successes).toBe(result.trials);
      }),
      { numRuns: 60, seed: 20_240_601 },
    );
  });

  it('random blueprints with durations and costs give the same R as without them', () => {
    fc.assert(
      fc.property(arbitraryBlueprintInput({ timing: true, maxSteps: 8 }), (input) => {
        const m = model(input);
        const result = simulate(m, { trials: 10_000, seed: 23 });
        expectAgreement(result, systemReliability(m));
        if (result.time) expect(result.time.count).toBe(result.trials);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe('loop guard', () => {
  it('stops trials that visit more than 10,000 nodes and counts them apart', () => {
    // After start, each turn visits s1 and d; the 5,000th visit of d is the 10,001st node.
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 's1', type: 'step', reliability: 1 },
        { id: 'd', type: 'decision' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e0', source: 'start', target: 's1' },
        { id: 'e1', source: 's1', target: 'd' },
        { id: 'back', source: 'd', target: 's1', probability: 0.9999 },
        { id: 'out', source: 'd', target: 'end', probability: 0.0001 },
      ],
    });
    const result = simulate(m, { trials: 600, seed: 1 });
    const expected = 0.9999 ** 4999;
    expect(result.stopped).toBeGreaterThan(0);
    const [low, high] = wilsonInterval(result.stopped, result.trials, Z999);
    expect(expected).toBeGreaterThanOrEqual(low);
    expect(expected).toBeLessThanOrEqual(high);
    expect(result.successes + result.stopped + result.failures).toBe(result.trials);
    expect(result.failures).toBe(0);
    expect(Object.keys(result.failPoints)).toHaveLength(0);
  });
});

describe('run to a precision', () => {
  it('stops at the first chunk boundary where the half-width is below ε', () => {
    const m = courier();
    const chunkSize = 50_000;
    const result = simulate(m, { precision: 0.002, seed: 3, chunkSize });
    expect(result.precisionReached).toBe(true);
    expect(result.halfWidth).toBeLessThan(0.002);
    expect(result.trials % chunkSize).toBe(0);
    const oneChunkLess = simulate(m, { trials: result.trials - chunkSize, seed: 3, chunkSize });
    expect(oneChunkLess.halfWidth).toBeGreaterThanOrEqual(0.002);
    expect(result.convergence.at(-1)!.trials).toBe(result.trials);
  });

  it('stops at the trial cap when the precision is out of reach', () => {
    const result = simulate(courier(), { precision: 1e-5, trials: 100_000, seed: 3 });
    expect(result.precisionReached).toBe(false);
    expect(result.trials).toBe(100_000);
  });

  it('refuses options out of range with a sentence', () => {
    expect(() => simulate(courier(), { trials: -1 })).toThrow(/number of trials/);
    expect(() => simulate(courier(), { seed: 1.5 })).toThrow(/seed/);
    expect(() => simulate(courier(), { precision: 0 })).toThrow(/precision/);
  });
});

describe('paired comparison with common random numbers', () => {
  it('gives the courier recovery at step 3 a much narrower interval than independent runs', () => {
    const blueprint = loadExample('courier.blueprint.json');
    const recover3 = blueprint.scenarios.find((s) => s.id === 'recover-3')!;
    const versions = [{ id: 'baseline', name: 'Baseline', model: blueprint.model }, recover3];
    const trials = 200_000;
    const paired = compareBySimulation(versions, { trials, seed: 5, timeAndCost: false });
    const [baseline, scenario] = paired.versions;
    expect(baseline.trials).toBe(trials);
    const exactDelta = systemReliability(recover3.model) - systemReliability(blueprint.model);
    const [low, high] = pairedDifferenceInterval(scenario.gained, scenario.lost, trials, Z999);
    expect(exactDelta).toBeGreaterThanOrEqual(low);
    expect(exactDelta).toBeLessThanOrEqual(high);
    // A recovery only ever rescues customers: no trial is lost.
    expect(scenario.lost).toBe(0);
    expect(scenario.delta).toBeCloseTo((scenario.gained - scenario.lost) / trials, 12);

    const a = simulate(blueprint.model, { trials, seed: 5, timeAndCost: false });
    const b = simulate(recover3.model, { trials, seed: 6, timeAndCost: false });
    const independent = independentDifferenceInterval(a, b);
    const pairedWidth = scenario.deltaCi95[1] - scenario.deltaCi95[0];
    const independentWidth = independent[1] - independent[0];
    // Paired: var(d) ≈ 0.05; independent: R(1 − R) twice ≈ 0.33, so about 2.6 times narrower.
    expect(pairedWidth).toBeLessThan(independentWidth / 2);
  });

  it('compares versions whose draws stay aligned even when fusion differs', () => {
    const base = courier();
    const better = series(COURIER.map((r, i) => ({ reliability: i === 6 ? 0.99 : r })));
    const result = compareBySimulation(
      [
        { id: 'baseline', name: 'b', model: base },
        { id: 'better-7', name: 'b7', model: better },
      ],
      { trials: 100_000, seed: 1 },
    );
    expect(result.versions[1].lost).toBe(0);
    expect(result.versions[1].delta).toBeGreaterThan(0);
  });
});

describe('uncertainty analysis', () => {
  it('draws observed reliabilities from their Beta distributions', () => {
    const m = series([
      { reliability: 0.98, observed: { successes: 980, trials: 1000 } },
      { reliability: 0.9, observed: { successes: 90, trials: 100 } },
      { reliability: 0.99 },
    ]);
    const draws = 4000;
    const result = uncertaintyAnalysis(m, { draws, seed: 2 });
    expect(result.uncertainSteps).toEqual(['s1', 's2']);
    // Independent Betas: E[R] = E[r1] E[r2] r3.
    const mean = (981 / 1002) * (91 / 102) * 0.99;
    expect(Math.abs(result.mean - mean)).toBeLessThan((4 * result.sd) / Math.sqrt(draws));
    const [low, high] = result.interval90;
    expect(low).toBeLessThan(0.98 * 0.9 * 0.99);
    expect(high).toBeGreaterThan(0.98 * 0.9 * 0.99);
    expect(high - low).toBeGreaterThan(0.05);
    expect(uncertaintyAnalysis(m, { draws, seed: 2 })).toEqual(result);
  });

  it('has no spread without observed data', () => {
    const result = uncertaintyAnalysis(courier(), { draws: 10 });
    expect(result.sd).toBeLessThan(1e-12);
    expect(result.interval90[1] - result.interval90[0]).toBeLessThan(1e-12);
    expect(result.mean).toBeCloseTo(0.76528, 5);
  });
});

describe('histogram', () => {
  it('knows every value to within 0.4 % and merges exactly', () => {
    const whole = createHistogram();
    const first = createHistogram();
    const second = createHistogram();
    const random = new RandomStream(1);
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const v = Math.exp(6 * random.nextUnit() - 1);
      values.push(v);
      recordValue(whole, v);
      recordValue(i % 2 === 0 ? first : second, v);
    }
    const merged = createHistogram();
    mergeHistogram(merged, packHistogram(first));
    mergeHistogram(merged, packHistogram(second));
    expect(merged.counts).toEqual(whole.counts);
    expect(merged.count).toBe(whole.count);
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = values[Math.ceil(q * values.length) - 1];
      expect(Math.abs(histogramQuantile(whole, q) / exact - 1)).toBeLessThan(0.004);
    }
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(1)).toBeLessThan(bucketOf(1.01));
  });
});
