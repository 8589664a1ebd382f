/**
 * The simulation pool of the app: web workers started from `simulation.worker.ts` (bundled by
 * Vite as module workers), reached through comlink.
 */
import { wrap } from 'comlink';
import { SimulationPool, type SimulationWorkerHandle } from './pool';
import type { SimulationWorkerApi } from './simulation-api';

function startWebWorker(): SimulationWorkerHandle {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
    type: 'module',
    name: 'failpoint-simulation',
  });
  const listeners: ((message: string) => void)[] = [];
  const failed = (message: string) => {
    for (const listener of listeners) listener(message);
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    failed(
      event.message
        ? `The simulation worker stopped on an error: ${event.message}`
        : 'The simulation worker could not be started.',
    );
  });
  worker.addEventListener('messageerror', () => {
    failed('The simulation worker received a message it could not read.');
  });
  return {
    api: wrap<SimulationWorkerApi>(worker),
    terminate: () => worker.terminate(),
    onFailure: (listener) => void listeners.push(listener),
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
