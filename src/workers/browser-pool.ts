/**
 * The simulation pool of the app: web workers started from `simulation.worker.ts` (bundled by
 * Vite as module workers), reached through comlink.
 */
import { wrap } from 'comlink';
import { watchWorkerFailures } from './failures';
import { SimulationPool, type SimulationWorkerHandle } from './pool';
import type { SimulationWorkerApi } from './simulation-api';

function startWebWorker(): SimulationWorkerHandle {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
    type: 'module',
    name: 'failpoint-simulation',
  });
  const onFailure = watchWorkerFailures(worker, 'simulation');
  return {
    api: wrap<SimulationWorkerApi>(worker),
    terminate: () => worker.terminate(),
    onFailure,
  };
}

/**
 * Milliseconds a simulation worker may sit idle before it stops: long enough to keep the
 * threads between two runs a user starts one after the other, short enough that an app left
 * open holds no idle threads.
 */
export const SIMULATION_IDLE_TIMEOUT_MS = 30_000;

/**
 * A pool of web workers, one per logical core by default
 * (`navigator.hardwareConcurrency`); they stop after {@link SIMULATION_IDLE_TIMEOUT_MS} without
 * a run and start again with the next.
 */
export function createBrowserSimulationPool(
  size: number = defaultWorkerCount(),
  idleTimeoutMs: number = SIMULATION_IDLE_TIMEOUT_MS,
): SimulationPool {
  return new SimulationPool({ size, createWorker: startWebWorker, idleTimeoutMs });
}

/** Logical cores reported by the browser (at least 1; 2 when it does not say). */
export function defaultWorkerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return cores && cores > 0 ? cores : 2;
}
