/**
 * The sampled trial loop: its normal quantile table against the exact normal distribution, its
 * batched histogram recording against one value at a time, and its paired-trial loop against
 * one trial per call; the figures a seed gives are pinned.
 */
import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../src/sim/model';
import {
  compareBySimulation,
  compileModel,
  compileScenarioModels,
  DRAW_RANGE,
  simulate,
  TRIAL,
  TrialRunner,
  type CompiledModel,
} from '../src/sim/montecarlo';
import { OP } from '../src/sim/montecarlo/compile';
import {
  inverseNormal,
  NORMAL_CELLS,
  NORMAL_TABLE_END,
  NORMAL_TABLE_FIRST,
  tableNormal,
} from '../src/sim/montecarlo/distributions';
import { createHistogram, recordValue, recordValues } from '../src/sim/montecarlo/histogram';
import { RandomStream } from '../src/sim/random';
import { buildModel } from '../src/sim/structure';
import { loadExample } from './examples';

/**
 * Φ, the standard normal distribution function, from erfc by its continued fraction for large
 * arguments and its series for small ones: within 10⁻¹⁴, far finer than the checks below.
 */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  let erfc: number;
  if (x < 3) {
    // erf by its Taylor series: Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n + 1)) · 2/√π.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
      if (Math.abs(term) < 1e-17) break;
    }
    erfc = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // Lentz's continued fraction of erfc.
    let f = x;
    let c = x;
    let d = 0;
    for (let k = 1; k < 300; k++) {
      const a = k / 2;
      d = 1 / (x + a * d);
      c = x + a / c;
      const step = c * d;
      f *= step;
      if (Math.abs(step - 1) < 1e-16) break;
    }
    erfc = Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
  }
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

describe('the normal quantile table', () => {
  it('is within 1.3·10⁻⁸ of the exact quantile across the table and at its edges', () => {
    let worst = 0;
    const random = new RandomStream(3);
    const check = (draw: number) => {
      const exact = inverseNormal((draw + 0.5) / 2 ** 32);
      worst = Math.max(worst, Math.abs(tableNormal(draw) - exact));
    };
    for (let i = 0; i < 200_000; i++) check(random.nextUint32());
    for (const cell of [NORMAL_TABLE_FIRST, NORMAL_TABLE_END - 1, NORMAL_CELLS / 2]) {
      check(cell * 2 ** 22);
      check(cell * 2 ** 22 + 2 ** 22 - 1);
    }
    expect(worst).toBeLessThan(1.3e-8);
    // The tails are exact: they are the quantile function itself.
    expect(tableNormal(0)).toBe(inverseNormal(0.5 / 2 ** 32));
    expect(tableNormal(2 ** 32 - 1)).toBe(inverseNormal((2 ** 32 - 0.5) / 2 ** 32));
  });

  it('passes a Kolmogorov–Smirnov test against Φ on 10⁶ draws, and its quantiles', () => {
    const n = 1_000_000;
    const random = new RandomStream(17);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = tableNormal(random.nextUint32());
    values.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const p = normalCdf(values[i]);
      d = Math.max(d, (i + 1) / n - p, p - i / n);
    }
    // The 1 % critical value of D for n draws is 1.63 / √n.
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
    for (const [q, z] of [
      [0.01, -2.326348],
      [0.1, -1.281552],
      [0.5, 0],
      [0.9, 1.281552],
      [0.99, 2.326348],
    ]) {
      const sample = values[Math.floor(q * n)];
      // Standard error of a sample quantile: √(q(1 − q) / n) / φ(z), below 0.004 here.
      expect(Math.abs(sample - z)).toBeLessThan(0.012);
    }
  });

  it('normalCdf, the yardstick above, knows Φ', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-3.090232306167813)).toBeCloseTo(0.001, 12);
    expect(normalCdf(-5)).toBeCloseTo(2.866515718791939e-7, 18);
  });
});

describe('recording trial values in batches', () => {
  it('gives the histogram that recording one value at a time gives', () => {
    const random = new RandomStream(8);
    const values = new Float64Array(50_000);
    for (let i = 0; i < values.length; i++) {
      const kind = i % 5;
      values[i] =
        kind === 0
          ? 0
          : kind === 1
            ? -3
            : kind === 2
              ? 1e300 * random.nextUnit()
              : 2 ** (60 * random.nextUnit() - 30);
    }
    const one = createHistogram();
    for (const v of values) recordValue(one, v);
    const batched = createHistogram();
    recordValues(batched, values, 20_000);
    recordValues(batched, values.subarray(20_000), 30_000);
    expect(batched).toEqual(one);
  });
});

function built(input: ModelInput) {
  const result = buildModel(input);
  if (!result.ok) throw new Error('The test blueprint does not validate.');
  return result.model;
}

describe('the sampled kernel', () => {
  it('samples a normal and a lognormal duration with their exact quantiles', () => {
    const m = built({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'a', type: 'step', reliability: 1, duration: { kind: 'normal', mean: 50, sd: 8 } },
        { id: 'end', type: 'end' },
        { id: 'b', type: 'step', reliability: 1, cost: { kind: 'lognormal', mu: 2, sigma: 0.5 } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'a' },
        { id: 'e2', source: 'a', target: 'b' },
        { id: 'e3', source: 'b', target: 'end' },
      ],
    });
    const result = simulate(m, { trials: 400_000, seed: 5 });
    for (const [q, z] of [
      [0.5, 0],
      [0.9, 1.281552],
      [0.99, 2.326348],
    ] as const) {
      const key = q === 0.5 ? 'p50' : q === 0.9 ? 'p90' : 'p99';
      // Within the histogram's 0.4 % and the sampling error of a quantile.
      expect(Math.abs(result.time![key] / (50 + 8 * z) - 1)).toBeLessThan(0.008);
      expect(Math.abs(result.cost![key] / Math.exp(2 + 0.5 * z) - 1)).toBeLessThan(0.012);
    }
  });

  it('pins the courier’s figures for seed 42 with durations and costs', () => {
    const courier = loadExample('courier.blueprint.json').model;
    const result = simulate(courier, { trials: 200_000, seed: 42 });
    expect(result.successes).toBe(PINNED_COURIER.successes);
    expect(result.failPoints).toEqual(PINNED_COURIER.failPoints);
    expect(result.time!.p50).toBe(PINNED_COURIER.timeP50);
    expect(result.cost!.mean).toBeCloseTo(PINNED_COURIER.costMean, 9);
  });

  it('walks a chain of steps in its own loop to the counts of the general loop', () => {
    for (const name of ['courier', 'courier.zh'].map((n) => `${n}.blueprint.json`)) {
      const example = loadExample(name);
      for (const model of [example.model, ...example.scenarios.map((s) => s.model)]) {
        for (const timeAndCost of [true, false]) {
          const compiled = compileModel(model, { timeAndCost });
          const chained = new TrialRunner(compiled, new RandomStream(12), {
            straightSeries: false,
          });
          const walked = new TrialRunner(compiled, new RandomStream(12), { chain: false });
          expect(chained.runTrials(20_000)).toBe(walked.runTrials(20_000));
          expect(chained.takeTally()).toEqual(walked.takeTally());
        }
      }
    }
  });

  it('works out times and costs of a chain a batch at a time as the general loop does one by one', () => {
    type Step = Omit<ModelInput['nodes'][0], 'id' | 'type'>;
    const chainOf = (steps: Step[]) => {
      const nodes: ModelInput['nodes'] = [{ id: 'start', type: 'start' }];
      const edges: ModelInput['edges'] = [];
      steps.forEach((step, i) => {
        nodes.push({ id: `s${i}`, type: 'step', ...step });
        edges.push({ id: `e${i}`, source: i === 0 ? 'start' : `s${i - 1}`, target: `s${i}` });
      });
      nodes.push({ id: 'end', type: 'end' });
      edges.push({ id: 'e-end', source: `s${steps.length - 1}`, target: 'end' });
      return built({ nodes, edges });
    };
    const every: Step[] = [
      { reliability: 0.97, duration: { kind: 'triangular', min: 2, mode: 3, max: 9 } },
      { reliability: 0.99 },
      { reliability: 0.98 },
      {
        reliability: 0.9,
        duration: { kind: 'exponential', mean: 4 },
        cost: { kind: 'normal', mean: 1, sd: 2 },
        recovery: {
          catch: 0.7,
          duration: { kind: 'lognormal', mu: 1, sigma: 0.8 },
          cost: { kind: 'uniform', min: 3, max: 5 },
        },
      },
      {
        reliability: 0.95,
        duration: { kind: 'fixed', value: 7 },
        cost: { kind: 'fixed', value: 2 },
      },
      {
        reliability: 0.93,
        duration: { kind: 'normal', mean: 2, sd: 3 },
        recovery: { catch: 0.5, duration: { kind: 'fixed', value: 1.5 } },
      },
      { reliability: 0.99, cost: { kind: 'lognormal', mu: 0.5, sigma: 1 } },
    ];
    // Times made of fixed durations only, costs of random ones; and 3,000 timed steps, whose
    // draws are kept for fewer trials at a time.
    const fixedTimes: Step[] = every.map((step, i) => ({
      reliability: step.reliability,
      duration: { kind: 'fixed', value: i + 0.25 },
      cost: { kind: 'triangular', min: 0, mode: 1, max: i + 2 },
    }));
    // Fixed durations again, but a recovery's fixed duration is spent only when it catches.
    const recoveredTimes: Step[] = fixedTimes.map((step, i) =>
      i === 2 ? { ...step, recovery: { catch: 0.8, duration: { kind: 'fixed', value: 4 } } } : step,
    );
    const long: Step[] = Array.from({ length: 3000 }, (_, i) => ({
      reliability: 0.99995,
      duration: { kind: 'uniform', min: 0, max: 1 + (i % 7) },
      cost: { kind: 'fixed', value: 0.5 },
    }));
    for (const steps of [every, fixedTimes, recoveredTimes, long]) {
      const compiled = compileModel(chainOf(steps));
      const chained = new TrialRunner(compiled, new RandomStream(21));
      const walked = new TrialRunner(compiled, new RandomStream(21), { chain: false });
      const trials = steps === long ? 1500 : 25_000;
      expect(chained.runTrials(trials)).toBe(walked.runTrials(trials));
      const tally = chained.takeTally();
      expect(tally).toEqual(walked.takeTally());
      expect(tally.time!.count).toBe(trials);
      expect(tally.cost!.sum).toBeGreaterThan(0);
      if (steps === recoveredTimes)
        expect(tally.recoveries[compiled.nodeIds.indexOf('s2')]).toBeGreaterThan(0);
    }
  });

  it('runs paired trials as one trial per call from each state would', () => {
    for (const name of ['courier', 'bank-loan', 'paint-360'].map((n) => `${n}.blueprint.json`)) {
      const example = loadExample(name);
      for (const model of [example.model, ...example.scenarios.map((s) => s.model)]) {
        for (const timeAndCost of [true, false]) {
          const compiled = compileModel(model, { timeAndCost });
          const master = new RandomStream(4);
          const count = 3000;
          const states = new Int32Array(3 * count);
          for (let i = 0; i < states.length; i++) states[i] = master.nextUint32();
          const batched = new TrialRunner(compiled);
          const outcomes = new Uint8Array(count);
          batched.runPairedTrials(states, count, outcomes);
          const single = new TrialRunner(compiled);
          const expected = new Uint8Array(count);
          for (let t = 0; t < count; t++) {
            single.random.setRandomState(states[3 * t], states[3 * t + 1], states[3 * t + 2]);
            expected[t] = single.runTrial();
          }
          expect(outcomes).toEqual(expected);
          expect(batched.takeTally()).toEqual(single.takeTally());
          expect(expected.includes(TRIAL.failed)).toBe(true);
        }
      }
    }
  });
});

/** 1 / 9 modulo 2³², to solve for the generator word that gives a chosen second draw. */
const INVERSE_OF_9 = 954437177;

/**
 * Three generator words from which the trial's first two draws are `first` and `second`
 * (32-bit whole numbers), as sfc32 steps from (a, b, c, 1): the first draw is a + b + 1, the
 * second (b ^ b >>> 9) + 9c + 2.
 */
function wordsDrawing(first: number, second: number): [number, number, number] {
  const b = 0x2545f491;
  const a = (first - b - 1) | 0;
  const c = Math.imul((second - (b ^ (b >>> 9)) - 2) | 0, INVERSE_OF_9);
  const check = new RandomStream();
  check.setRandomState(a, b, c);
  expect([check.nextUint32(), check.nextUint32()]).toEqual([first, second]);
  return [a, b, c];
}

/** Runs `states` under every version alone; returns their outcomes and tallies. */
function runAlone(compiled: CompiledModel[], states: Int32Array, count: number) {
  return compiled.map((c) => {
    const runner = new TrialRunner(c);
    const outcomes = new Uint8Array(count);
    runner.runPairedTrials(states, count, outcomes);
    return { outcomes, tally: runner.takeTally() };
  });
}

describe('a paired comparison walked together', () => {
  it('counts for every version what each counts alone, on random and on undecided draws', () => {
    let walkedTogether = 0;
    for (const name of [
      'courier',
      'courier.zh',
      'bank-loan',
      'paint-360',
      'appliance-installation',
    ]) {
      const example = loadExample(`${name}.blueprint.json`);
      const models = [example.model, ...example.scenarios.map((s) => s.model)];
      for (const timeAndCost of [false, true]) {
        const compiled = compileScenarioModels(models, { timeAndCost });
        const runners = compiled.map((c) => new TrialRunner(c));
        const together = TrialRunner.pairTogether(runners);
        if (together === null) continue;
        walkedTogether++;
        const words: number[] = [];
        const master = new RandomStream(9);
        for (let t = 0; t < 3 * 4000; t++) words.push(master.nextUint32());
        // Draws whose whole part is that of a threshold, where only the fine part decides: at
        // the first link (every version alike) and at the second (some versions only).
        const link = (k: number, c: CompiledModel) => {
          const v = together.chain[k];
          const rows = c.op[v] === OP.series ? c.span[v] : 0;
          const from = c.tableStart[v];
          return [
            c.passThreshold[v],
            c.caughtThreshold[v],
            ...Array.from(c.tableThreshold.subarray(from, from + rows)),
          ].filter((threshold) => threshold < DRAW_RANGE && Math.floor(threshold) !== threshold);
        };
        for (const c of compiled) {
          for (const threshold of link(0, c)) {
            // The second draw is the fine part: the least and the greatest.
            const whole = Math.floor(threshold);
            words.push(...wordsDrawing(whole, 0), ...wordsDrawing(whole, DRAW_RANGE - 1));
          }
          for (const threshold of link(1, c)) {
            words.push(...wordsDrawing(DRAW_RANGE - 1, Math.floor(threshold)));
          }
        }
        const count = words.length / 3;
        const states = Int32Array.from(words);
        const masks = new Int32Array(count);
        TrialRunner.runPairedTogether(together, states, count, masks);
        const alone = runAlone(compiled, states, count);
        alone.forEach(({ outcomes, tally }, m) => {
          const succeeded = Array.from(masks, (mask) => (mask >>> m) & 1);
          expect(succeeded).toEqual(
            Array.from(outcomes, (outcome) => (outcome === TRIAL.succeeded ? 1 : 0)),
          );
          expect(runners[m].takeTally()).toEqual(tally);
        });
      }
    }
    // The courier and its Chinese twin, reliability only; the others have decisions or blocks.
    expect(walkedTogether).toBeGreaterThanOrEqual(2);
  });

  it('pins the courier’s comparison for seed 42, reliability only', () => {
    const example = loadExample('courier.blueprint.json');
    const versions = [
      { id: 'baseline', name: 'Baseline', model: example.model },
      ...example.scenarios,
    ];
    const result = compareBySimulation(versions, { trials: 200_000, seed: 42, timeAndCost: false });
    const figures = result.versions.map((v) => {
      const node = (id: string) => v.nodes.find((n) => n.id === id)!;
      return [v.id, v.successes, v.gained, v.lost, node('s3').recoveries, node('s7').recoveries];
    });
    // The figures of one version at a time, each from its own loop, before versions were
    // walked together.
    expect(figures).toEqual([
      ['baseline', 153_107, 0, 0, 0, 0],
      ['recover-3', 163_229, 10_122, 0, 11_584, 0],
      ['recover-7', 157_837, 4730, 0, 0, 4874],
      ['recover-3-and-7', 168_269, 15_162, 0, 11_584, 5193],
    ]);
    expect(result.versions[1].failPoints).toMatchObject({ s1: 2005, s2: 4076, s3: 7836, s7: 8709 });
    expect(result.versions[3].nodes.find((n) => n.id === 's7')!.visits).toBe(176_902);
  });
});

/**
 * The courier, 200,000 trials, seed 42, durations and costs sampled: the figures of the trial
 * loop before its rebuild for speed, which draws the same numbers in the same order.
 */
const PINNED_COURIER = {
  successes: 153_254,
  failPoints: {
    s1: 1985,
    s2: 3912,
    s3: 19_340,
    s4: 3440,
    s5: 3358,
    s6: 1665,
    s7: 8407,
    s8: 1563,
    s9: 1524,
    s10: 1552,
  },
  timeP50: 228.5,
  costMean: 20.9184875,
};
