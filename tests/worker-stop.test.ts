/**
 * Stopping the simulation workers: a chunk runs in slices, so a worker reads a stop between two
 * of them and confirms it; the slices give exactly the figures of the one-piece chunk functions
 * of `src/sim`; and a cancelled pool run says, measured, when its workers ended.
 */
import { expose, wrap } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSimulationPool } from '../src/cli/node-pool';
import {
  compileModel,
  compileScenarioModels,
  planSimulation,
  runComparisonChunk,
  runSimulationChunk,
  TrialRunner,
} from '../src/sim/montecarlo';
import { SimulationPool, STOP_GRACE_MS } from '../src/workers/pool';
import {
  createSimulationWorkerApi,
  epochMillis,
  SLICE_MS,
  WorkerStoppedError,
  type SimulationWorkerApi,
} from '../src/workers/simulation-api';
import { loadExample } from './examples';

const courier = loadExample('courier.blueprint.json');
const bankLoan = loadExample('bank-loan.blueprint.json');

describe('a simulation worker', () => {
  it('computes a chunk in slices with exactly the figures of runSimulationChunk', async () => {
    // A clock that moves 1 ms per reading ends a slice every twenty looks at it.
    let clock = 0;
    const api = createSimulationWorkerApi(() => (clock += 1));
    const plan = planSimulation({ trials: 30_000, seed: 7, chunkSize: 10_000 });
    const compiled = compileModel(bankLoan.model, { timeAndCost: plan.timeAndCost });
    api.load(1, { kind: 'simulate', compiled, plan });
    const reference = new TrialRunner(compiled);
    for (let index = 0; index < plan.chunkCount; index++) {
      expect(await api.simulateChunk(1, index)).toEqual(runSimulationChunk(reference, plan, index));
    }
  });

  it('compares in slices with exactly the figures of runComparisonChunk', async () => {
    let clock = 0;
    const api = createSimulationWorkerApi(() => (clock += 1));
    const plan = planSimulation({ trials: 9_000, seed: 3, chunkSize: 4_000 });
    const models = [courier.model, ...courier.scenarios.map((s) => s.model)];
    const compiled = compileScenarioModels(models, { timeAndCost: plan.timeAndCost });
    api.load(2, { kind: 'compare', compiled, plan });
    const references = compiled.map((c) => new TrialRunner(c));
    for (let index = 0; index < plan.chunkCount; index++) {
      expect(await api.compareChunk(2, index)).toEqual(runComparisonChunk(references, plan, index));
    }
  });

  it('gives up a long chunk at the end of a slice when stopped, and confirms when', async () => {
    const api = createSimulationWorkerApi();
    const plan = planSimulation({ trials: 1 << 24, seed: 1, chunkSize: 1 << 24 });
    const compiled = compileModel(courier.model, { timeAndCost: true });
    api.load(1, { kind: 'simulate', compiled, plan });
    const chunk = api.simulateChunk(1, 0);
    const queued = api.simulateChunk(1, 1);
    // Let the chunk compute for a few slices first.
    await new Promise((resolve) => setTimeout(resolve, 5 * SLICE_MS));
    const askedAt = epochMillis();
    const stoppedAt = await api.stop();
    await expect(chunk).rejects.toBeInstanceOf(WorkerStoppedError);
    await expect(queued).rejects.toBeInstanceOf(WorkerStoppedError);
    expect(stoppedAt).toBeGreaterThanOrEqual(askedAt);
    // One slice, plus the turn of the event loop that reads the stop.
    expect(stoppedAt - askedAt).toBeLessThan(SLICE_MS + 30);
    await expect(api.simulateChunk(1, 2)).rejects.toBeInstanceOf(WorkerStoppedError);
  });
});

describe('a cancelled pool run', () => {
  const pool = createNodeSimulationPool({ size: 2 });
  afterAll(() => pool.terminate());

  it('reports that its workers confirmed they ended within 100 ms of the cancel', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const result = await pool.simulate(courier.model, {
      trials: 1e12,
      seed: 5,
      timeAndCost: false,
      signal: controller.signal,
      onProgress: (progress) => {
        // Well into the run, so both workers are computing (a thread still loading its script
        // cannot confirm, and would be counted as unconfirmed).
        if (progress.done >= 2_000_000 && abortedAt === 0) {
          abortedAt = epochMillis();
          controller.abort();
        }
      },
    });
    expect(result.cancelled).toBe(true);
    const ended = result.workersEnded;
    expect(ended).not.toBeNull();
    expect(ended!.workers).toBe(2);
    expect(ended!.unconfirmed).toBe(0);
    expect(ended!.requestedAt).toBeGreaterThanOrEqual(abortedAt);
    expect(ended!.endedAt - abortedAt).toBeLessThan(100);
    // The workers are gone; the next run starts new ones and completes.
    expect(pool.startedWorkers).toBe(0);
    const again = await pool.simulate(courier.model, {
      trials: 600_000,
      seed: 5,
      timeAndCost: false,
    });
    expect(again.cancelled).toBe(false);
    expect(again.workersEnded).toBeNull();
    expect(pool.startedWorkers).toBe(2);
  });

  it('terminates a worker that does not confirm, and says so', async () => {
    const terminated: number[] = [];
    const pool = new SimulationPool({
      size: 1,
      createWorker: () => {
        const { port1, port2 } = new MessageChannel();
        const api = createSimulationWorkerApi();
        // A worker that never answers a stop (as one still loading its script would not).
        expose({ ...api, stop: () => new Promise<number>(() => undefined) }, port1);
        return {
          api: wrap<SimulationWorkerApi>(port2),
          terminate: () => {
            terminated.push(epochMillis());
            port1.close();
            port2.close();
          },
          onFailure: () => undefined,
        };
      },
    });
    const controller = new AbortController();
    const running = pool.simulate(courier.model, {
      trials: 1e9,
      seed: 2,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.done > 0) controller.abort();
      },
    });
    const result = await running;
    expect(result.workersEnded?.unconfirmed).toBe(1);
    expect(terminated).toHaveLength(1);
    const { requestedAt, endedAt } = result.workersEnded!;
    expect(endedAt - requestedAt).toBeGreaterThanOrEqual(STOP_GRACE_MS - 1);
    expect(endedAt).toBeGreaterThanOrEqual(terminated[0]);
  });
});
