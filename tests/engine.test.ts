/**
 * The stateful engine of `src/workers/engine.ts`, run in-process with its Monte Carlo jobs on
 * Node worker threads (the bundled dist/simulation-thread.mjs, built by the test setup): each
 * revision is validated once and its Monte Carlo form compiled once, live figures of an old
 * revision are discarded, runs are tagged with their revision, cancel stops a run, and the
 * workers stop when idle.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeSimulationPool } from '../src/cli/node-pool';
import type { Model } from '../src/sim/model';
import { compileScenarioModels, simulate, type CompiledModel } from '../src/sim/montecarlo';
import { validateDocument } from '../src/sim/parse';
import { createEngine, type Engine, type EngineOptions } from '../src/workers/engine';
import type { SimulationPool } from '../src/workers/pool';

const courierDocument: unknown = JSON.parse(
  readFileSync('examples/courier.blueprint.json', 'utf8'),
);
const courier = (() => {
  const parsed = validateDocument(courierDocument);
  if (!parsed.ok) throw new Error('The courier example should be valid.');
  return parsed.blueprint;
})();

/** The courier with step s3 at another reliability: a different revision. */
function editedCourier(reliability: number): unknown {
  const document = structuredClone(courierDocument) as {
    nodes: { id: string; reliability?: unknown }[];
  };
  for (const node of document.nodes) if (node.id === 's3') node.reliability = reliability;
  return document;
}

interface Counted {
  engine: Engine;
  validations: number;
  compilations: { versions: number }[];
  pools: SimulationPool[];
}

const engines: Engine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

/** An engine whose validation and compilation are counted, with worker-thread pools. */
function countedEngine(options: Omit<EngineOptions, 'steps' | 'createPool'> = {}, idle?: number) {
  const counted: Counted = {
    engine: undefined as unknown as Engine,
    validations: 0,
    compilations: [],
    pools: [],
  };
  counted.engine = createEngine({
    ...options,
    createPool: (size) => {
      const pool = createNodeSimulationPool({ size, idleTimeoutMs: idle });
      counted.pools.push(pool);
      return pool;
    },
    steps: {
      validate: (document) => {
        counted.validations += 1;
        return validateDocument(document);
      },
      compile: (models: readonly Model[], compileOptions): CompiledModel[] => {
        counted.compilations.push({ versions: models.length });
        return compileScenarioModels(models, compileOptions);
      },
    },
  });
  engines.push(counted.engine);
  return counted;
}

/** The figures that must not depend on who computed them. */
function figures(result: ReturnType<typeof simulate>) {
  const { trials, successes, stopped, failPoints, nodes, ci95 } = result;
  return { trials, successes, stopped, failPoints, nodes, ci95 };
}

describe('the engine keeps each revision', () => {
  it('validates a revision once and compiles its Monte Carlo form once', async () => {
    const counted = countedEngine();
    const { engine } = counted;
    expect(engine.setDocument(1, courierDocument)).toEqual({
      revision: 1,
      valid: true,
      validated: true,
    });

    const analysed = engine.analyze(1, { scenarioId: null });
    expect(analysed.status).toBe('done');
    if (analysed.status !== 'done') return;
    expect(analysed.result.analysis.reliability).toBeCloseTo(0.76527991, 8);

    const settings = { scenarioId: null, trials: 100_000, seed: 7, workers: 1 };
    const first = await engine.run('simulate', 1, settings);
    const second = await engine.run('simulate', 1, settings);
    expect(first.status).toBe('done');
    expect(second.status).toBe('done');
    if (first.status !== 'done' || second.status !== 'done') return;
    expect(second.result.successes).toBe(first.result.successes);
    expect(first.result.labels.s3).toBe('Customer fills in the waybill');
    expect(counted.validations).toBe(1);
    expect(counted.compilations).toEqual([{ versions: 1 }]);

    // The page sending the same revision again (a new worker, a retry) costs nothing.
    expect(engine.setDocument(1, courierDocument).validated).toBe(false);
    expect(engine.analyze(1, { scenarioId: 'recover-3' }).status).toBe('done');
    expect(counted.validations).toBe(1);

    // A paired comparison compiles its versions together, once.
    await engine.run('compare', 1, { trials: 60_000, seed: 7, workers: 1 });
    await engine.run('compare', 1, { trials: 60_000, seed: 8, workers: 1 });
    expect(counted.compilations).toEqual([{ versions: 1 }, { versions: 4 }]);

    // A new revision is validated (and compiled) again.
    engine.setDocument(2, editedCourier(0.95));
    const edited = engine.analyze(2, { scenarioId: null });
    await engine.run('simulate', 2, settings);
    expect(counted.validations).toBe(2);
    expect(counted.compilations).toHaveLength(3);
    expect(edited.status === 'done' && edited.result.analysis.reliability).toBeCloseTo(
      (0.76527991 / 0.9) * 0.95,
      7,
    );
  });

  it('keeps the last few revisions, so going back to one costs no validation', () => {
    const counted = countedEngine({ keepRevisions: 2 });
    const { engine } = counted;
    engine.setDocument(1, courierDocument);
    engine.setDocument(2, editedCourier(0.95));
    // Undo: back to revision 1, held, not validated again.
    expect(engine.setDocument(1, courierDocument).validated).toBe(false);
    engine.setDocument(3, editedCourier(0.8));
    expect(counted.validations).toBe(3);
    // Revision 2 was the least recently used: forgotten, and a job on it says so.
    expect(engine.holds(2)).toBe(false);
    expect(engine.holds(1)).toBe(true);
    expect(engine.analyze(2, { scenarioId: null })).toEqual({
      status: 'missing',
      kind: 'analyze',
      revision: 2,
    });
  });

  it('reports the problems of an invalid revision instead of running jobs on it', async () => {
    const { engine } = countedEngine();
    const broken = structuredClone(courierDocument) as { edges: { source: string }[] };
    broken.edges = broken.edges.filter((edge) => edge.source !== 's5');
    expect(engine.setDocument(4, broken).valid).toBe(false);
    const outcome = await engine.run('simulate', 4, { scenarioId: null, workers: 1 });
    expect(outcome.status).toBe('invalid');
    if (outcome.status !== 'invalid') return;
    expect(outcome.diagnostics.map((d) => d.code)).toContain('BP010');
  });
});

describe('jobs of an older revision', () => {
  it('discards live figures asked for a revision that is no longer current', async () => {
    const { engine } = countedEngine();
    engine.setDocument(1, courierDocument);
    engine.setDocument(2, editedCourier(0.95));
    expect(engine.analyze(1, { scenarioId: null })).toEqual({
      status: 'discarded',
      kind: 'analyze',
      revision: 1,
      current: 2,
    });
    expect((await engine.run('analyze', 1, { scenarioId: null })).status).toBe('discarded');
    expect(engine.analyze(2, { scenarioId: null }).status).toBe('done');
  });

  it('keeps a run that finishes after an edit, tagged with the revision it ran on', async () => {
    const { engine } = countedEngine();
    engine.setDocument(1, courierDocument);
    const params = { scenarioId: null, trials: 200_000, seed: 3, workers: 1, timeAndCost: false };
    const running = engine.run('simulate', 1, params);
    engine.setDocument(2, editedCourier(0.95));
    const outcome = await running;
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.revision).toBe(1);
    expect(outcome.params).toEqual(params);
    // The figures are those of revision 1 (s3 at 0.9), not of the edit.
    expect(Math.abs(outcome.result.reliability - 0.76528)).toBeLessThan(0.005);
  });
});

describe('Monte Carlo jobs', () => {
  it('give the single-thread figures whatever the number of workers', async () => {
    const { engine } = countedEngine();
    engine.setDocument(1, courierDocument);
    const options = { trials: 200_000, seed: 42, chunkSize: 30_000 };
    const local = figures(simulate(courier.model, options));
    for (const workers of [1, 2]) {
      const outcome = await engine.run('simulate', 1, { ...options, scenarioId: null, workers });
      expect(outcome.status === 'done' && figures(outcome.result)).toEqual(local);
    }
  });

  it('stops a running job within 100 ms of a cancel, and runs again afterwards', async () => {
    const { engine } = countedEngine();
    engine.setDocument(1, courierDocument);
    const controller = new AbortController();
    let cancelledAt = 0;
    const outcome = await engine.run(
      'simulate',
      1,
      { scenarioId: null, trials: 1e12, seed: 5, workers: 2, timeAndCost: false },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.done > 0 && cancelledAt === 0) {
            cancelledAt = performance.now();
            controller.abort();
          }
        },
      },
    );
    const settledAfter = performance.now() - cancelledAt;
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.result.cancelled).toBe(true);
    expect(outcome.result.trials).toBeLessThan(1e12);
    expect(settledAfter).toBeLessThan(100);
    const again = await engine.run('simulate', 1, {
      scenarioId: null,
      trials: 50_000,
      workers: 2,
    });
    expect(again.status === 'done' && again.result.trials).toBe(50_000);
  });

  it('stops its workers after an idle timeout and starts them again for the next job', async () => {
    const counted = countedEngine({}, 150);
    const { engine } = counted;
    engine.setDocument(1, courierDocument);
    const params = { scenarioId: null, trials: 100_000, seed: 1, chunkSize: 20_000, workers: 2 };
    await engine.run('simulate', 1, params);
    const [pool] = counted.pools;
    expect(pool.startedWorkers).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pool.startedWorkers).toBe(0);
    const again = await engine.run('simulate', 1, params);
    expect(again.status === 'done' && again.result.trials).toBe(100_000);
    expect(pool.startedWorkers).toBe(2);
    // The same pool served both jobs: stopping when idle is not a new pool each time.
    expect(counted.pools).toHaveLength(1);
  });
});
