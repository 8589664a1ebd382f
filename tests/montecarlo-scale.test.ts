/**
 * The Monte Carlo kernel on long, wide and extreme blueprints: a loop guard relative to the
 * blueprint, thresholds kept to 53 bits, decisions with 100,000 branches sampled in O(1), and
 * statistics that stay finite for any finite input.
 */
import { describe, expect, it } from 'vitest';
import { systemReliability } from '../src/sim/exact';
import type { Model, ModelInput, NodeInput } from '../src/sim/model';
import {
  aliasTable,
  compareBySimulation,
  compileModel,
  DRAW_RANGE,
  runawayVisitLimit,
  simulate,
  SimulationAccumulator,
  planSimulation,
  toThreshold,
  TRIAL,
  TrialRunner,
  wilsonInterval,
  Z999,
} from '../src/sim/montecarlo';
import { OP } from '../src/sim/montecarlo/compile';
import {
  createHistogram,
  histogramBins,
  histogramMean,
  histogramQuantile,
  mergeHistogram,
  packHistogram,
  recordValue,
} from '../src/sim/montecarlo/histogram';
import { quantileOfSorted } from '../src/sim/montecarlo/statistics';
import { binValues } from '../src/sim/montecarlo/histogram';
import { RandomStream } from '../src/sim/random';
import { buildModel } from '../src/sim/structure';
import { traceVisitLimit } from '../src/sim/trace';

function model(input: ModelInput): Model {
  const built = buildModel(input);
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  return built.model;
}

/** |R_mc − R_exact| within the 99.9 % interval of the completed trials. */
function expectAgreement(result: { successes: number; completed: number }, exact: number) {
  const [low, high] = wilsonInterval(result.successes, result.completed, Z999);
  expect(exact).toBeGreaterThanOrEqual(low);
  expect(exact).toBeLessThanOrEqual(high);
}

/** start → s1 → … → sN → end, every step of reliability `r`. */
function chain(steps: number, r: number, extra: Partial<NodeInput> = {}): Model {
  const nodes: NodeInput[] = [{ id: 'start', type: 'start' }];
  const edges: ModelInput['edges'] = [];
  let previous = 'start';
  for (let i = 1; i <= steps; i++) {
    nodes.push({ id: `s${i}`, type: 'step', reliability: r, ...extra });
    edges.push({ id: `e${i}`, source: previous, target: `s${i}` });
    previous = `s${i}`;
  }
  nodes.push({ id: 'end', type: 'end' });
  edges.push({ id: 'e-end', source: previous, target: 'end' });
  return model({ nodes, edges });
}

/** start → s1 → … → sN → check; check sends `back` of the customers to s1 again, the rest to the end. */
function reworkLoop(steps: number, r: number, back: number): Model {
  const nodes: NodeInput[] = [{ id: 'start', type: 'start' }];
  const edges: ModelInput['edges'] = [];
  let previous = 'start';
  for (let i = 1; i <= steps; i++) {
    nodes.push({ id: `s${i}`, type: 'step', reliability: r });
    edges.push({ id: `e${i}`, source: previous, target: `s${i}` });
    previous = `s${i}`;
  }
  nodes.push({ id: 'check', type: 'decision' }, { id: 'end', type: 'end' });
  edges.push(
    { id: 'e-check', source: previous, target: 'check' },
    { id: 'again', source: 'check', target: 's1', probability: back },
    { id: 'out', source: 'check', target: 'end', probability: 1 - back },
  );
  return model({ nodes, edges });
}

/** A random stream that hands out scripted words (for threshold tests), then fails loudly. */
/**
 * A generator whose first two draws are `words`: the trial loop steps sfc32 inline rather than
 * through `nextUint32`, so the state is solved for them. With c = 0 and d = 1, the first draw
 * is a + b + 1 and the second (b ^ b >>> 9) + 2.
 */
class ScriptedStream extends RandomStream {
  private readonly count: number;
  constructor(words: number[]) {
    super();
    if (words.length > 2) throw new Error('A script has at most two words.');
    const [first, second = 0] = words;
    const b = undoXorShift9((second - 2) >>> 0);
    this.setRandomState((first - b - 1) >>> 0, b, 0);
    this.count = words.length;
  }
  /** Words of the script not drawn yet (d counts the draws from 1). */
  get left(): number {
    return this.count - (this.d - 1);
  }
}

/** The x with x ^ (x >>> 9) = y. */
function undoXorShift9(y: number): number {
  let x = y;
  for (let i = 0; i < 4; i++) x = y ^ (x >>> 9);
  return x >>> 0;
}

/** Walks one trial of `m` with the scripted words; returns its outcome and the words left. */
function scriptedTrial(m: Model, words: number[], straightSeries = true) {
  const stream = new ScriptedStream(words);
  const runner = new TrialRunner(compileModel(m), stream, { straightSeries });
  // The runner's constructor draws nothing; the words are all the trial's.
  return { outcome: runner.runTrial(), left: stream.left };
}

function collectNumbers(value: unknown, into: number[] = []): number[] {
  if (typeof value === 'number') into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectNumbers(v, into));
  else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => collectNumbers(v, into));
  }
  return into;
}

describe('loop guard relative to the blueprint', () => {
  it('is max(10,000, 100 × nodes), the same for the kernel and the trace', () => {
    const small = chain(3, 0.9);
    const long = reworkLoop(4000, 1, 0.5);
    expect(runawayVisitLimit(5)).toBe(10_000);
    expect(runawayVisitLimit(4003)).toBe(400_300);
    expect(compileModel(small).visitLimit).toBe(traceVisitLimit(small));
    expect(compileModel(long).visitLimit).toBe(traceVisitLimit(long));
    expect(compileModel(long).visitLimit).toBe(100 * long.nodes.length);
    // A blueprint without cycles visits each node at most once: the guard is off.
    expect(compileModel(chain(20_000, 1)).guarded).toBe(false);
    expect(compileModel(long).guarded).toBe(true);
  });

  it('simulates a 10,000-step chain within its interval of the exact R = 0.999', () => {
    const m = chain(10_000, 0.999 ** (1 / 10_000));
    const exact = systemReliability(m);
    expect(exact).toBeCloseTo(0.999, 9);
    const result = simulate(m, { trials: 400_000, seed: 3 });
    expect(result.stopped).toBe(0);
    expect(result.completed).toBe(400_000);
    expectAgreement(result, exact);
    // The general loop, which walks the series and bisects it to find where trials fail.
    const walked = new TrialRunner(compileModel(m), new RandomStream(4), { straightSeries: false });
    walked.runTrials(200_000);
    const tally = walked.takeTally();
    expect(tally.stopped).toBe(0);
    expectAgreement({ successes: tally.successes, completed: tally.trials }, exact);
  });

  it('finds the failing step of a long series where the exact analysis puts it', () => {
    // 10,000 steps of 0.9999: R = 0.368, and failures spread evenly-ish along the chain.
    const m = chain(10_000, 0.9999);
    const result = simulate(m, { trials: 200_000, seed: 8 });
    expectAgreement(result, 0.9999 ** 10_000);
    // The first thousand steps take 1 − 0.9999¹⁰⁰⁰ = 9.5 % of all trials.
    let early = 0;
    for (let i = 1; i <= 1000; i++) early += result.failPoints[`s${i}`] ?? 0;
    const [low, high] = wilsonInterval(early, result.trials, Z999);
    expect(1 - 0.9999 ** 1000).toBeGreaterThanOrEqual(low);
    expect(1 - 0.9999 ** 1000).toBeLessThanOrEqual(high);
  });

  it('stops no trial of a 4,000-step rework loop taken again four times in five', () => {
    const r = 0.99999;
    const back = 0.8;
    const m = reworkLoop(4000, r, back);
    // Passes the 4,000 steps with a = r⁴⁰⁰⁰, then leaves with 1 − back or goes round again.
    const a = r ** 4000;
    const exact = (a * (1 - back)) / (1 - a * back);
    const result = simulate(m, { trials: 200_000, seed: 5 });
    expect(result.stopped).toBe(0);
    expect(result.completed).toBe(result.trials);
    expectAgreement(result, exact);
    // The first step is visited once per pass: 1 / (1 − a·back) passes on average.
    const s1 = result.nodes.find((n) => n.id === 's1')!;
    expect(s1.visitsPerTrial).toBeCloseTo(1 / (1 - a * back), 1);
  });

  it('reports a runaway loop as stopped trials, with the figures over the completed ones', () => {
    // Half the customers enter a loop they leave with probability 10⁻¹⁵ per pass.
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'fork', type: 'decision' },
        { id: 'serve', type: 'step', reliability: 0.9, duration: { kind: 'fixed', value: 5 } },
        { id: 'spin', type: 'step', reliability: 1, duration: { kind: 'fixed', value: 1 } },
        { id: 'again', type: 'decision' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e0', source: 'start', target: 'fork' },
        { id: 'e1', source: 'fork', target: 'serve', probability: 0.5 },
        { id: 'e2', source: 'fork', target: 'spin', probability: 0.5 },
        { id: 'e3', source: 'serve', target: 'end' },
        { id: 'e4', source: 'spin', target: 'again' },
        { id: 'e5', source: 'again', target: 'spin', probability: 1 - 1e-15 },
        { id: 'e6', source: 'again', target: 'end', probability: 1e-15 },
      ],
    });
    const result = simulate(m, { trials: 2000, seed: 9 });
    expect(result.visitLimit).toBe(10_000);
    expect(result.stopped + result.completed).toBe(2000);
    const [low, high] = wilsonInterval(result.stopped, result.trials, Z999);
    expect(0.5).toBeGreaterThanOrEqual(low);
    expect(0.5).toBeLessThanOrEqual(high);
    expect(result.missingFigures).toBeNull();
    // Over the completed trials, R is that of the served half: 0.9.
    expectAgreement(result, 0.9);
    expect(result.successes + result.failures).toBe(result.completed);
    expect(result.failuresPer10k).toBeCloseTo((result.failures / result.completed) * 10_000, 9);
    expect(result.failPointRanking).toEqual([{ id: 'serve', count: result.failures, share: 1 }]);
    // Only completed trials are timed: every one took the 5 minutes of "serve".
    expect(result.time!.count).toBe(result.completed);
    expect(result.time!.mean).toBe(5);
    expect(result.time!.max).toBe(5);
  });

  it('says why there are no figures when every trial was stopped, or none has run, never NaN', () => {
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'spin', type: 'step', reliability: 1 },
        { id: 'again', type: 'decision' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e0', source: 'start', target: 'spin' },
        { id: 'e1', source: 'spin', target: 'again' },
        { id: 'e2', source: 'again', target: 'spin', probability: 1 - 1e-15 },
        { id: 'e3', source: 'again', target: 'end', probability: 1e-15 },
      ],
    });
    const allStopped = simulate(m, { trials: 200, seed: 1 });
    expect(allStopped.stopped).toBe(200);
    expect(allStopped.completed).toBe(0);
    expect(allStopped.missingFigures).toBe('all-stopped');
    expect(allStopped.reliability).toBe(0);
    expect(allStopped.ci95).toEqual([0, 1]);
    expect(collectNumbers(allStopped).some(Number.isNaN)).toBe(false);

    const compiled = compileModel(m);
    const untouched = new SimulationAccumulator(compiled, planSimulation({ trials: 1000 }));
    const none = untouched.result();
    expect(none.trials).toBe(0);
    expect(none.missingFigures).toBe('no-trials');
    expect(collectNumbers(none).some(Number.isNaN)).toBe(false);
  });
});

describe('thresholds with 53-bit precision', () => {
  it('encodes a probability to 2⁻⁵³ on the scale of a 32-bit draw', () => {
    expect(toThreshold(2 ** -40)).toBe(2 ** -8);
    expect(toThreshold(2 ** -53)).toBe(2 ** -21);
    expect(toThreshold(1 - 2 ** -40)).toBe(DRAW_RANGE - 2 ** -8);
    expect(toThreshold(0)).toBe(0);
    expect(toThreshold(1)).toBe(DRAW_RANGE);
    const random = new RandomStream(12);
    for (let i = 0; i < 1000; i++) {
      const p = random.nextUnit53() * 2 ** -(i % 60);
      const threshold = toThreshold(p);
      // A whole number of 2⁻²¹ steps, within half a step of p · 2³².
      expect(Number.isInteger(threshold * 2 ** 21)).toBe(true);
      expect(Math.abs(threshold - p * DRAW_RANGE)).toBeLessThanOrEqual(2 ** -22);
    }
  });

  // start → d; d goes to the success end with 2⁻⁴⁰, to a failure end otherwise. Its threshold
  // is 2⁻⁸ on the 32-bit scale: only u = 0 can fall below it, and then only when the 21 finer
  // bits (the top 21 bits of a second word) are below 2¹³, so P = 2⁻³² · 2¹³ / 2²¹ = 2⁻⁴⁰.
  const rare = model({
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'd', type: 'decision' },
      { id: 'out', type: 'end' },
      { id: 'stay', type: 'end', outcome: 'failure' },
    ],
    edges: [
      { id: 'e0', source: 'start', target: 'd' },
      { id: 'e1', source: 'd', target: 'out', probability: 2 ** -40 },
      { id: 'e2', source: 'd', target: 'stay', probability: 1 - 2 ** -40 },
    ],
  });

  it('takes a decision branch of probability 2⁻⁴⁰ for exactly 2⁻⁴⁰ of the 53-bit draws', () => {
    expect(scriptedTrial(rare, [0, 2 ** 24 - 1])).toEqual({ outcome: TRIAL.succeeded, left: 0 });
    expect(scriptedTrial(rare, [0, 2 ** 24])).toEqual({ outcome: TRIAL.failed, left: 0 });
    // Any other whole part decides alone: the finer bits are not drawn.
    expect(scriptedTrial(rare, [1, 0])).toEqual({ outcome: TRIAL.failed, left: 1 });
    expect(scriptedTrial(rare, [2 ** 32 - 1, 0])).toEqual({ outcome: TRIAL.failed, left: 1 });
  });

  it('fails a series, a walked series and a step with a recovery at 2⁻⁴⁰ exactly', () => {
    // Two steps of 1 − 2⁻⁴⁰ fused: thresholds 2⁻⁸ (fail at s1) and 2⁻⁷ (fail at s2, within
    // rounding of 2⁻³⁹ − 2⁻⁸⁰), both in the tie of u = 0 with the finer bits.
    const fragile = chain(2, 1 - 2 ** -40);
    const fine = (bits: number) => bits * 2 ** 11;
    for (const straightSeries of [true, false]) {
      const failsAt = (words: number[]) => {
        const runner = new TrialRunner(compileModel(fragile), new ScriptedStream(words), {
          straightSeries,
        });
        const outcome = runner.runTrial();
        const failPoints = runner.takeTally().failPoints;
        return outcome === TRIAL.succeeded ? 'passed' : failPoints[1] === 1 ? 's1' : 's2';
      };
      expect(failsAt([0, fine(2 ** 13 - 1)])).toBe('s1');
      expect(failsAt([0, fine(2 ** 13)])).toBe('s2');
      expect(failsAt([0, fine(2 ** 14 - 1)])).toBe('s2');
      expect(failsAt([0, fine(2 ** 14)])).toBe('passed');
      expect(scriptedTrial(fragile, [1, 0], straightSeries)).toEqual({
        outcome: TRIAL.succeeded,
        left: 1,
      });
    }
    // A step with a recovery is not fused: it passes below 2³² − 2⁻⁸, fails above.
    const recovered = chain(1, 1 - 2 ** -40, { recovery: { catch: 0.5 } });
    expect(compileModel(recovered).op[1]).toBe(OP.step);
    // Caught below 2³² − 2⁻⁹ (half the failures), uncaught above.
    const top = 2 ** 32 - 1;
    expect(scriptedTrial(recovered, [top, fine(2 ** 21 - 2 ** 13 - 1)]).outcome).toBe(
      TRIAL.succeeded,
    );
    expect(scriptedTrial(recovered, [top, fine(2 ** 21 - 2 ** 12 - 1)]).outcome).toBe(
      TRIAL.succeeded,
    );
    expect(scriptedTrial(recovered, [top, fine(2 ** 21 - 2 ** 12)]).outcome).toBe(TRIAL.failed);
    const runner = new TrialRunner(
      compileModel(recovered),
      new ScriptedStream([top, fine(2 ** 21 - 2 ** 13)]),
    );
    runner.runTrial();
    expect(runner.takeTally().recoveries[1]).toBe(1);
  });
});

describe('decisions with many branches', () => {
  it('builds alias tables that give each branch exactly its probability', () => {
    const random = new RandomStream(5);
    for (const n of [1, 2, 9, 100, 1000]) {
      const raw = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : random.nextUnit() ** 3));
      const total = raw.reduce((a, b) => a + b, 0);
      const weights = raw.map((w) => w / total);
      const { keep, alias } = aliasTable(weights);
      const chosen = new Float64Array(n);
      for (let column = 0; column < n; column++) {
        chosen[column] += keep[column] / n;
        chosen[alias[column]] += (1 - keep[column]) / n;
      }
      weights.forEach((w, i) => expect(Math.abs(chosen[i] - w)).toBeLessThan(1e-12));
    }
  });

  /** start → d → 100,000 ends, branch i weighted 1 / (i + 1); even ends succeed. */
  function wideDecision(branches: number): { model: Model; weights: number[] } {
    const raw = Array.from({ length: branches }, (_, i) => 1 / (i + 1));
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((w) => w / total);
    const nodes: NodeInput[] = [
      { id: 'start', type: 'start' },
      { id: 'd', type: 'decision' },
    ];
    const edges: ModelInput['edges'] = [{ id: 'e0', source: 'start', target: 'd' }];
    weights.forEach((probability, i) => {
      nodes.push({ id: `x${i}`, type: 'end', outcome: i % 2 === 0 ? 'success' : 'failure' });
      edges.push({ id: `b${i}`, source: 'd', target: `x${i}`, probability });
    });
    return { model: model({ nodes, edges }), weights };
  }

  it('samples a 100,000-branch decision at over 200,000 trials/s with the right frequencies', () => {
    const { model: m, weights } = wideDecision(100_000);
    const compiled = compileModel(m);
    expect(compiled.op[m.indexOf.get('d')!]).toBe(OP.aliasDecision);
    // The kernel's own rate: compiling 100,000 nodes is done once per run, not per trial.
    const runner = new TrialRunner(compiled, new RandomStream(21));
    runner.runTrials(200_000); // warm-up
    runner.takeTally();
    const trials = 2_000_000;
    const started = performance.now();
    runner.runTrials(trials);
    const seconds = (performance.now() - started) / 1000;
    const tally = runner.takeTally();
    const rate = trials / seconds;
    console.log(`100,000-branch decision: ${Math.round(rate).toLocaleString('en-US')} trials/s`);
    expect(rate).toBeGreaterThan(200_000);

    const exact = weights.reduce((a, w, i) => (i % 2 === 0 ? a + w : a), 0);
    expectAgreement({ successes: tally.successes, completed: tally.trials }, exact);
    const visitsOf = (i: number) => tally.visits[m.indexOf.get(`x${i}`)!];
    // The heaviest branches one by one (z = 4.5 over 30 branches).
    for (let i = 0; i < 30; i++) {
      const count = visitsOf(i);
      const expected = trials * weights[i];
      expect(Math.abs(count - expected)).toBeLessThan(4.5 * Math.sqrt(expected * (1 - weights[i])));
    }
    // All of them, in 100 groups of consecutive branches of about equal probability: chi-square.
    const groups = 100;
    const observed = new Float64Array(groups);
    const expected = new Float64Array(groups);
    let cumulative = 0;
    weights.forEach((w, i) => {
      const g = Math.min(groups - 1, Math.floor(cumulative * groups));
      cumulative += w;
      observed[g] += visitsOf(i);
      expected[g] += trials * w;
    });
    let chi2 = 0;
    for (let g = 0; g < groups; g++) {
      if (expected[g] > 0) chi2 += (observed[g] - expected[g]) ** 2 / expected[g];
    }
    // At most 99 degrees of freedom: the 99.99 % quantile is about 157.
    expect(chi2).toBeLessThan(157);
  });

  it('keeps scenarios paired on an alias-table decision: an unchanged scenario gains and loses nothing', () => {
    const { model: m } = wideDecision(1000);
    const comparison = compareBySimulation(
      [
        { id: 'baseline', name: 'Baseline', model: m },
        { id: 'same', name: 'Same', model: m },
      ],
      { trials: 50_000, seed: 4 },
    );
    const [baseline, same] = comparison.versions;
    expect(same.successes).toBe(baseline.successes);
    expect(same.gained).toBe(0);
    expect(same.lost).toBe(0);
    expect(same.deltaCi95).toEqual([0, 0]);
  });

  it('gives the same figures for any chunking of the trials', () => {
    const { model: m } = wideDecision(500);
    const a = simulate(m, { trials: 120_000, seed: 6, chunkSize: 1 << 14 });
    const b = simulate(m, { trials: 120_000, seed: 6, chunkSize: 1 << 14 });
    expect(a).toEqual(b);
  });
});

describe('statistics on extreme values', () => {
  it('keeps the mean and percentiles of 10³⁰⁰-minute trials finite and right', () => {
    const h = createHistogram();
    for (let i = 0; i < 100_000; i++) recordValue(h, 1e300 * (1 + (i % 10) / 10));
    expect(histogramMean(h) / 1.45e300).toBeCloseTo(1, 12);
    // Percentiles are no longer capped near 10¹²: within 0.4 % of the values.
    expect(histogramQuantile(h, 0.05) / 1e300).toBeCloseTo(1, 2);
    expect(histogramQuantile(h, 0.95) / 1.9e300).toBeCloseTo(1, 2);
    const bins = histogramBins(h, 10);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(100_000);
    expect(collectNumbers(bins).every(Number.isFinite)).toBe(true);
  });

  it('stays finite at the largest double, saturates overflowed totals and spans every scale', () => {
    const h = createHistogram();
    recordValue(h, Number.MAX_VALUE);
    recordValue(h, Number.MAX_VALUE);
    recordValue(h, Infinity);
    expect(histogramMean(h)).toBe(Number.MAX_VALUE);
    expect(histogramQuantile(h, 0.99)).toBe(Number.MAX_VALUE);

    const wide = createHistogram();
    const values = [0, 5e-324, 1e-300, 1e-10, 3, 1e12, 1e200, 1e308];
    values.forEach((v) => recordValue(wide, v));
    expect(Number.isFinite(histogramMean(wide))).toBe(true);
    // Each value's own quantile is within 0.4 % of it (zero and subnormals as 0 or themselves).
    values.forEach((v, i) => {
      const q = histogramQuantile(wide, (i + 1) / values.length);
      if (v >= 1e-300) expect(Math.abs(q - v) / v).toBeLessThan(0.004);
      else expect(q).toBeLessThanOrEqual(1e-300);
    });
    expect(histogramBins(wide).reduce((a, b) => a + b.count, 0)).toBe(values.length);
  });

  it('merges packed histograms of different windows exactly', () => {
    const whole = createHistogram();
    const parts = [createHistogram(), createHistogram(), createHistogram()];
    const random = new RandomStream(13);
    for (let i = 0; i < 30_000; i++) {
      const v = 10 ** (random.nextUnit() * 600 - 300) * (i % 3 === 0 ? 0 : 1);
      recordValue(whole, v);
      recordValue(parts[i % 3], v);
    }
    const merged = createHistogram();
    parts.forEach((part) => mergeHistogram(merged, packHistogram(part)));
    for (const q of [0.01, 0.25, 0.5, 0.75, 0.99]) {
      expect(histogramQuantile(merged, q)).toBe(histogramQuantile(whole, q));
    }
    expect(merged.count).toBe(whole.count);
    expect(merged.zeros).toBe(whole.zeros);
  });

  it('simulates durations of 10³⁰⁰ minutes with a finite mean', () => {
    const m = chain(3, 0.9, { duration: { kind: 'fixed', value: 1e300 } });
    const result = simulate(m, { trials: 50_000, seed: 2 });
    expect(result.time!.max).toBe(3e300);
    expect(result.time!.p99).toBe(3e300);
    expect(Number.isFinite(result.time!.mean)).toBe(true);
    // Failing at step i takes i · 10³⁰⁰ minutes; passing 3 · 10³⁰⁰.
    const expected = 1e300 * (0.1 * 1 + 0.9 * 0.1 * 2 + 0.81 * 3);
    expect(result.time!.mean / expected).toBeCloseTo(1, 2);
  });

  it('interpolates quantiles and bins values near ±10³⁰⁸ without overflow', () => {
    expect(quantileOfSorted([-1.7e308, 1.7e308], 0.5)).toBe(0);
    expect(quantileOfSorted([1e308, 1.7e308], 0.5)).toBeCloseTo(1.35e308, -300);
    const bins = binValues([-1.7e308, 0, 1.7e308], 4);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(3);
    expect(collectNumbers(bins).every(Number.isFinite)).toBe(true);
    expect(bins[0].from).toBe(-1.7e308);
    expect(bins[3].to).toBe(1.7e308);
  });
});
