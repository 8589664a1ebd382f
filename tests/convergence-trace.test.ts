/**
 * The convergence trace: checkpoints inside chunks give a run enough points to draw the
 * interval closing in, from its first chunk on, without changing a single figure.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSimulationPool } from '../src/cli/node-pool';
import { planSimulation, simulate } from '../src/sim/montecarlo';
import { parseBlueprint } from '../src/sim/parse';
import {
  checkpointInterval,
  ConvergenceTrace,
  MAX_TRACE_POINTS,
  TRACE_TARGET_POINTS,
} from '../src/workers/convergence';
import type { SimulationProgress } from '../src/workers/pool';

const parsed = parseBlueprint(readFileSync('examples/courier.blueprint.json', 'utf8'));
if (!parsed.ok) throw new Error('the courier example does not parse');
const courier = parsed.blueprint;

const one = createNodeSimulationPool({ size: 1 });
const two = createNodeSimulationPool({ size: 2 });
afterAll(() => {
  one.terminate();
  two.terminate();
});

describe('checkpoint plan', () => {
  it('cuts the four default chunks of a million trials into at least 64 points', () => {
    const plan = planSimulation({ trials: 1_000_000 });
    expect(plan.chunkCount).toBe(4);
    expect(checkpointInterval(plan)).toBe(15_625);
  });

  it('gives a short run one point per few trials, and never less than one trial', () => {
    expect(checkpointInterval(planSimulation({ trials: 1_000 }))).toBe(16);
    expect(checkpointInterval(planSimulation({ trials: 10 }))).toBe(1);
  });

  it('notes a few checkpoints in every chunk of a long run or a run to a precision', () => {
    const long = planSimulation({ trials: 100_000_000 });
    expect(checkpointInterval(long)).toBe(long.chunkSize / 8);
    const precise = planSimulation({ precision: 0.001 });
    expect(checkpointInterval(precise)).toBe(precise.chunkSize / 8);
  });
});

describe('convergence trace', () => {
  it('adds checkpoints to the counts merged before their chunk', () => {
    const trace = new ConvergenceTrace();
    trace.add(new Float64Array([50, 40, 0]), { trials: 100, successes: 80, stopped: 0 });
    trace.add(new Float64Array([50, 45, 10]), { trials: 100, successes: 90, stopped: 10 });
    const points = trace.points();
    expect(points.map((p) => p.trials)).toEqual([50, 100, 150, 200]);
    // 80 + 45 successes over 150 − 10 completed trials.
    expect(points[2].reliability).toBeCloseTo(125 / 140, 12);
    expect(points[3].reliability).toBeCloseTo(170 / 190, 12);
    for (const p of points) {
      expect(p.low).toBeLessThan(p.reliability);
      expect(p.high).toBeGreaterThan(p.reliability);
    }
  });

  it('stays under its bound by dropping every other point', () => {
    const trace = new ConvergenceTrace();
    for (let i = 0; i < 2_000; i++) trace.add(undefined, { trials: 10, successes: 9, stopped: 0 });
    const points = trace.points();
    expect(points.length).toBeLessThanOrEqual(MAX_TRACE_POINTS);
    expect(points.length).toBeGreaterThan(MAX_TRACE_POINTS / 4);
    expect(points.at(-1)!.trials).toBe(20_000);
    for (let i = 1; i < points.length; i++) {
      expect(points[i].trials).toBeGreaterThan(points[i - 1].trials);
    }
  });
});

describe('trace of a pooled run', () => {
  it('draws at least 64 points from the first chunk, the same with one worker or two, and changes no figure', async () => {
    const options = { trials: 1_000_000, seed: 7, timeAndCost: false };
    const local = simulate(courier.model, options);
    const reports: SimulationProgress[] = [];
    const [byOne, byTwo] = [
      await one.simulate(courier.model, { ...options, onProgress: (p) => reports.push(p) }),
      await two.simulate(courier.model, options),
    ];
    for (const pooled of [byOne, byTwo]) {
      expect(pooled.successes).toBe(local.successes);
      expect(pooled.failPoints).toEqual(local.failPoints);
      expect(pooled.convergence).toEqual(local.convergence);
    }
    const trace = byOne.convergenceTrace;
    expect(byTwo.convergenceTrace).toEqual(trace);
    expect(trace.length).toBeGreaterThanOrEqual(TRACE_TARGET_POINTS);
    // The first point comes long before the first chunk ends (262,144 trials).
    expect(trace[0].trials).toBe(15_625);
    expect(trace.at(-1)).toEqual(local.convergence.at(-1));
    // Where a chunk ends, the trace says what the chunk-by-chunk series says.
    for (const point of local.convergence) expect(trace).toContainEqual(point);
    // The interval closes in: the last is much narrower than the first.
    const width = (p: (typeof trace)[number]) => p.high - p.low;
    expect(width(trace.at(-1)!)).toBeLessThan(width(trace[0]) / 5);
    // The progress reports carry the whole trace, in order.
    expect(reports.flatMap((r) => r.points)).toEqual(trace);
  });

  it('traces the baseline of a comparison like a simulation of the baseline', async () => {
    const versions = [
      { id: 'baseline', name: 'Baseline', model: courier.model },
      ...courier.scenarios,
    ];
    const options = { trials: 300_000, seed: 5, chunkSize: 100_000, timeAndCost: false };
    const compared = await two.compare(versions, options);
    const trace = compared.convergenceTrace;
    expect(trace.length).toBeGreaterThanOrEqual(TRACE_TARGET_POINTS);
    expect(trace.at(-1)!.trials).toBe(300_000);
    expect(trace.at(-1)!.reliability).toBe(compared.versions[0].reliability);
  });
});
