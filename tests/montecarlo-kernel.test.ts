/**
 * The sampled trial loop: its normal quantile table against the exact normal distribution, its
 * batched histogram recording against one value at a time, and its paired-trial loop against
 * one trial per call; the figures a seed gives are pinned.
 */
import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../src/sim/model';
import { compileModel, simulate, TRIAL, TrialRunner } from '../src/sim/montecarlo';
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
