/**
 * The engine's web worker: the one place where the app's blueprints are validated, analysed
 * and simulated. It exposes the engine (`engine.ts`) through comlink; Monte Carlo jobs run on a
 * pool of simulation workers started from here, so the page's thread only sends revisions and
 * receives figures.
 *
 * An abort signal cannot cross the worker boundary, so each long job gets an id from the page
 * and `cancel(id)` aborts it here.
 */
import { expose, releaseProxy, type ProxyMethods } from 'comlink';
// Blueprints that do not fit the format are worded here at once (see `sim/schema-wording.ts`).
import '../sim/schema-wording-zod';
// Expressions are checked with the parser from the start (see `sim/expressions.ts`).
import '../sim/expression-parser';
// Large files opened on the page are read here, by the quick reader when they are plain.
import '../sim/read/plain';
import { readBlueprint } from './analysis';
import { createBrowserSimulationPool } from './browser-pool';
import {
  createEngine,
  type JobKind,
  type JobOutcome,
  type JobParams,
  type JobProgress,
} from './engine';

const engine = createEngine({ createPool: (size) => createBrowserSimulationPool(size) });
const running = new Map<number, AbortController>();

export const engineWorkerApi = {
  /** Answers once the worker has loaded: the page waits for it before sending work here. */
  ping: (): true => true,
  setDocument: engine.setDocument,
  resume: engine.resume,
  holds: engine.holds,
  analyze: engine.analyze,
  readBlueprint,

  /** Runs job `kind` under the page's id `jobId`; `onProgress` (a comlink proxy) is released at its end. */
  async run<K extends JobKind>(
    jobId: number,
    kind: K,
    revision: number,
    params: JobParams<K>,
    onProgress?: (progress: JobProgress<K>) => void,
  ): Promise<JobOutcome<K>> {
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      return await engine.run(kind, revision, params, {
        signal: controller.signal,
        onProgress: onProgress ? (progress) => void onProgress(progress) : undefined,
      });
    } finally {
      running.delete(jobId);
      (onProgress as Partial<ProxyMethods> | undefined)?.[releaseProxy]?.();
    }
  },

  /** Cancels job `jobId` if it is still running. */
  cancel(jobId: number): void {
    running.get(jobId)?.abort();
  },
};

export type EngineWorkerApi = typeof engineWorkerApi;

expose(engineWorkerApi);
