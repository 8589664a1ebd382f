/**
 * The page's side of the trace worker (`src/workers/trace.worker.ts`): one web worker per
 * teaching session, started when the mode opens and ended when it closes. Where the page cannot
 * have workers, the same functions run on this thread.
 */
import { wrap } from 'comlink';
import type { DiagnosticLanguage } from '../../sim/diagnostics';
import { watchWorkerFailures } from '../../workers/failures';
import {
  createTraceWorkerApi,
  type TraceLoadResult,
  type TraceWorkerApi,
} from '../../workers/trace-api';
import type { WalkBatch } from '../../workers/trace-walks';

/** The trace functions as the page calls them. */
export interface TraceClient {
  load(
    document: unknown,
    scenarioId: string | null,
    language: DiagnosticLanguage,
  ): Promise<TraceLoadResult>;
  walks(seed: number, first: number, count: number): Promise<WalkBatch>;
  /** Ends the worker; calls waiting for it are rejected. */
  dispose(): void;
}

function inThread(): TraceClient {
  const api = createTraceWorkerApi();
  return {
    load: (document, scenarioId, language) =>
      Promise.resolve(api.load(document, scenarioId, language)),
    walks: (seed, first, count) => Promise.resolve().then(() => api.walks(seed, first, count)),
    dispose: () => undefined,
  };
}

/** Starts a trace worker, or the in-thread stand-in where workers are unavailable. */
export function startTraceClient(): TraceClient {
  if (typeof Worker === 'undefined') return inThread();
  let worker: Worker;
  try {
    worker = new Worker(new URL('../../workers/trace.worker.ts', import.meta.url), {
      type: 'module',
      name: 'failpoint-trace',
    });
  } catch {
    return inThread();
  }
  const remote = wrap<TraceWorkerApi>(worker);
  let fail: (error: Error) => void = () => undefined;
  // A worker that fails outside a call would leave the calls waiting: they fail with it.
  const failure = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failure.catch(() => undefined);
  watchWorkerFailures(worker, 'trace')((message) => fail(new Error(message)));
  return {
    load: (document, scenarioId, language) =>
      Promise.race([remote.load(document, scenarioId, language), failure]),
    walks: (seed, first, count) => Promise.race([remote.walks(seed, first, count), failure]),
    dispose: () => {
      fail(new Error('The teaching mode was closed.'));
      worker.terminate();
    },
  };
}
