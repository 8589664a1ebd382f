/**
 * The simulation pool of the command line: Node worker threads running
 * dist/simulation-thread.mjs, reached through comlink.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import { SimulationPool, type SimulationWorkerHandle } from '../workers/pool';
import type { SimulationWorkerApi } from '../workers/simulation-api';
import { nodeEndpoint } from './node-endpoint';

/**
 * The bundled worker thread: next to the bundle that imports this module (dist/), or, when
 * this module runs from source (tests), in dist/ at the repository root.
 */
export function defaultThreadUrl(): URL {
  const beside = new URL('./simulation-thread.mjs', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../dist/simulation-thread.mjs', import.meta.url);
}

function startThread(url: URL): SimulationWorkerHandle {
  const worker = new Worker(url);
  const listeners: ((message: string) => void)[] = [];
  let terminated = false;
  const failed = (message: string) => {
    if (terminated) return;
    terminated = true;
    for (const listener of listeners) listener(message);
  };
  worker.on('error', (error: Error) => {
    failed(`A simulation thread stopped on an error: ${error.message}`);
  });
  worker.on('messageerror', () => {
    failed('A simulation thread received a message it could not read.');
  });
  worker.on('exit', (code) => {
    failed(`A simulation thread exited unexpectedly (exit code ${code}).`);
  });
  return {
    api: wrap<SimulationWorkerApi>(nodeEndpoint(worker)),
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
    onFailure: (listener) => void listeners.push(listener),
  };
}

/** Options of {@link createNodeSimulationPool}. */
export interface NodePoolOptions {
  /** Number of threads; default one per core (`os.availableParallelism()`). */
  size?: number;
  /** The bundled worker thread; default {@link defaultThreadUrl}. */
  threadUrl?: URL;
  /** Milliseconds without a run after which the threads stop; default: never. */
  idleTimeoutMs?: number;
}

/** A pool of worker threads. Call `terminate()` when done, or the process keeps running. */
export function createNodeSimulationPool(options: NodePoolOptions = {}): SimulationPool {
  const url = options.threadUrl ?? defaultThreadUrl();
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(
      `The simulation thread ${fileURLToPath(url)} is not built; run "npm run build:cli" first.`,
    );
  }
  return new SimulationPool({
    size: options.size ?? os.availableParallelism(),
    createWorker: () => startThread(url),
    idleTimeoutMs: options.idleTimeoutMs,
  });
}
