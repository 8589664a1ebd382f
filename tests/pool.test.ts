/**
 * The worker pool through the real comlink boundary: Node worker threads running the bundled
 * dist/simulation-thread.mjs (built by the test setup), the same worker functions as the app's
 * web workers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expose, wrap } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSimulationPool } from '../src/cli/node-pool';
import type { Model } from '../src/sim/model';
import {
  compareBySimulation,
  simulate,
  uncertaintyAnalysis,
  type SimulationResult,
} from '../src/sim/montecarlo';
import { buildModel } from '../src/sim/structure';
import { SimulationPool, type SimulationProgress } from '../src/workers/pool';
import { createSimulationWorkerApi, type SimulationWorkerApi } from '../src/workers/simulation-api';
import { loadExample } from './examples';

const courier = loadExample('courier.blueprint.json');
const bankLoan = loadExample('bank-loan.blueprint.json');

const one = createNodeSimulationPool({ size: 1 });
const two = createNodeSimulationPool({ size: 2 });
afterAll(() => {
  one.terminate();
  two.terminate();
});

/** The figures that must not depend on who computed them. */
function figures(result: SimulationResult) {
  const { trials, successes, stopped, failPoints, nodes, time, cost, ci95, convergence } = result;
  return { trials, successes, stopped, failPoints, nodes, time, cost, ci95, convergence };
}

describe('simulation pool on worker threads', () => {
  it('gives exactly the single-thread figures, with one worker or two', async () => {
    const options = { trials: 600_000, seed: 42, chunkSize: 50_000 };
    const local = simulate(bankLoan.model, options);
    const [byOne, byTwo] = [
      await one.simulate(bankLoan.model, options),
      await two.simulate(bankLoan.model, options),
    ];
    expect(figures(byOne)).toEqual(figures(local));
    expect(figures(byTwo)).toEqual(figures(local));
    expect(byTwo.workers).toBe(2);
    expect(byTwo.cancelled).toBe(false);
    expect(byTwo.perSecond).toBeGreaterThan(0);
  });

  it('reaches a precision at the same chunk whatever the number of workers', async () => {
    const options = { precision: 0.001, seed: 9, chunkSize: 20_000, timeAndCost: false };
    const [byOne, byTwo] = [
      await one.simulate(courier.model, options),
      await two.simulate(courier.model, options),
    ];
    expect(byOne.precisionReached).toBe(true);
    expect(byTwo.trials).toBe(byOne.trials);
    expect(byTwo.successes).toBe(byOne.successes);
    expect(byTwo.halfWidth).toBeLessThan(0.001);
  });

  it('compares scenarios with common random numbers like the single-thread code', async () => {
    const versions = [
      { id: 'baseline', name: 'Baseline', model: courier.model },
      ...courier.scenarios,
    ];
    const options = { trials: 200_000, seed: 3, chunkSize: 30_000 };
    const pooled = await two.compare(versions, options);
    const local = compareBySimulation(versions, options);
    expect(pooled.versions.map((v) => [v.id, v.successes, v.gained, v.lost])).toEqual(
      local.versions.map((v) => [v.id, v.successes, v.gained, v.lost]),
    );
    expect(pooled.versions[1].deltaCi95).toEqual(local.versions[1].deltaCi95);
  });

  it('runs the uncertainty analysis in the workers', async () => {
    const built = buildModel({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 's1', type: 'step', reliability: 0.95, observed: { successes: 95, trials: 100 } },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 's1' },
        { id: 'e2', source: 's1', target: 'end' },
      ],
    });
    if (!built.ok) throw new Error('invalid test blueprint');
    const pooled = await two.uncertainty(built.model, { draws: 500, seed: 4 });
    const local = uncertaintyAnalysis(built.model, { draws: 500, seed: 4 });
    expect(pooled.mean).toBe(local.mean);
    expect(pooled.interval90).toEqual(local.interval90);
    expect(pooled.mean).toBeCloseTo(96 / 102, 2);
  });

  it('streams progress about ten times a second, ending at the trial count', async () => {
    const reports: SimulationProgress[] = [];
    const started = performance.now();
    const result = await two.simulate(courier.model, {
      trials: 3_000_000,
      seed: 1,
      onProgress: (p) => reports.push(p),
    });
    const seconds = (performance.now() - started) / 1000;
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.length).toBeLessThanOrEqual(seconds * 10 + 3);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i].done).toBeGreaterThanOrEqual(reports[i - 1].done);
    }
    const last = reports.at(-1)!;
    expect(last.done).toBe(result.trials);
    expect(last.total).toBe(3_000_000);
    expect(last.reliability).toBeCloseTo(result.reliability, 12);
  });

  it('cancels within 100 ms and can run again afterwards', async () => {
    const controller = new AbortController();
    let cancelledAt = 0;
    const running = two.simulate(courier.model, {
      trials: 1e12,
      seed: 5,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done > 0 && cancelledAt === 0) {
          cancelledAt = performance.now();
          controller.abort();
        }
      },
    });
    const result = await running;
    const settledAfter = performance.now() - cancelledAt;
    expect(result.cancelled).toBe(true);
    expect(settledAfter).toBeLessThan(100);
    expect(result.trials).toBeLessThan(1e12);
    const again = await two.simulate(courier.model, { trials: 100_000, seed: 5 });
    expect(again.trials).toBe(100_000);
    expect(again.cancelled).toBe(false);
  });

  it('turns an error inside a worker into a readable rejection', async () => {
    // A model the structure checks would refuse: a step turned into a join mid-route.
    const broken: Model = {
      ...courier.model,
      nodes: courier.model.nodes.map((n) => (n.id === 's2' ? { ...n, type: 'join' } : n)),
    };
    await expect(two.simulate(broken, { trials: 1000 })).rejects.toThrow(
      /The simulation failed in a worker: The simulation reached node "s2"/,
    );
    // The pool recovers: fresh workers for the next run.
    const after = await two.simulate(courier.model, { trials: 10_000 });
    expect(after.trials).toBe(10_000);
  });

  it('reports a worker that cannot start instead of waiting forever', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'failpoint-thread-'));
    const file = path.join(folder, 'broken-thread.mjs');
    writeFileSync(file, 'throw new Error("the thread file is damaged");\n');
    const pool = createNodeSimulationPool({ size: 1, threadUrl: pathToFileURL(file) });
    try {
      await expect(pool.simulate(courier.model, { trials: 1000 })).rejects.toThrow(
        /the thread file is damaged/,
      );
    } finally {
      pool.terminate();
    }
  });

  it('refuses a second run while one is going', async () => {
    const first = one.simulate(courier.model, { trials: 200_000 });
    await expect(one.simulate(courier.model, { trials: 10 })).rejects.toThrow(/already running/);
    expect((await first).trials).toBe(200_000);
  });
});

describe('simulation pool over message ports', () => {
  it('works through comlink on web-style endpoints (what the browser uses)', async () => {
    const ports: MessagePort[] = [];
    const pool = new SimulationPool({
      size: 2,
      createWorker: () => {
        const { port1, port2 } = new MessageChannel();
        ports.push(port1, port2);
        expose(createSimulationWorkerApi(), port1);
        return {
          api: wrap<SimulationWorkerApi>(port2),
          terminate: () => port2.close(),
          onFailure: () => undefined,
        };
      },
    });
    try {
      const options = { trials: 300_000, seed: 12, chunkSize: 40_000 };
      const result = await pool.simulate(bankLoan.model, options);
      expect(figures(result)).toEqual(figures(simulate(bankLoan.model, options)));
    } finally {
      pool.terminate();
      for (const port of ports) port.close();
    }
  });
});
