/**
 * The page's side of the engine (`src/workers/engine.ts`): one web worker holding the engine,
 * reached by revision.
 *
 * A document is sent to the worker once per revision ({@link revisionOf}); every job after that
 * names the revision only. The worker starts on first use and stops after
 * {@link ENGINE_IDLE_TIMEOUT_MS} without work (never during a run); the next request starts it
 * again. While it loads, and where workers are unavailable, exact analyses run on an engine on
 * this thread, so figures never wait for a worker to start (the courier analyses in about a
 * millisecond; the worker takes a few hundred to load its own copy of the engine). Monte Carlo
 * jobs always run in the worker, which merges the chunks of its own pool of simulation workers.
 *
 * This module is neutral ground: the results, the simulation panel and the file commands all
 * use it, and it uses none of them.
 */
import { proxy, wrap } from 'comlink';
import type { AnalysisParams, AnalysisResponse, ReadResult } from '../../workers/analysis';
import { readBlueprint } from '../../workers/analysis';
import {
  createEngine,
  type DocumentStatus,
  type Engine,
  type JobKind,
  type JobOutcome,
  type JobControls,
  type JobParams,
  type JobProgress,
} from '../../workers/engine';
import type { EngineWorkerApi } from '../../workers/engine.worker';
import { watchWorkerFailures } from '../../workers/failures';
import { revisionOf } from '../store/results';
import { loadExpressionParser, parserFor } from './expressionParser';

/** Milliseconds without any request after which the engine's worker stops. */
export const ENGINE_IDLE_TIMEOUT_MS = 60_000;

/** The engine worker's functions, as the page calls them. */
export interface EngineRemote {
  ping(): Promise<true>;
  setDocument(revision: number, document: unknown): Promise<DocumentStatus>;
  resume(revision: number): Promise<boolean>;
  analyze(revision: number, params: AnalysisParams): Promise<JobOutcome<'analyze'>>;
  readBlueprint(text: string): Promise<ReadResult>;
  run<K extends JobKind>(
    jobId: number,
    kind: K,
    revision: number,
    params: JobParams<K>,
    onProgress?: (progress: JobProgress<K>) => void,
  ): Promise<JobOutcome<K>>;
  cancel(jobId: number): Promise<void>;
}

/** A started engine worker. */
export interface EngineWorkerHandle {
  api: EngineRemote;
  terminate(): void;
  /** Registers the listener called when the worker fails outside a call, with a sentence. */
  onFailure(listener: (message: string) => void): void;
}

/** Starts the engine's worker; null where the page cannot have workers. */
export type EngineWorkerFactory = () => EngineWorkerHandle | null;

function startEngineWorker(): EngineWorkerHandle | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'failpoint-engine',
    });
  } catch {
    return null;
  }
  const onFailure = watchWorkerFailures(worker, 'engine');
  const remote = wrap<EngineWorkerApi>(worker);
  return {
    api: {
      ping: () => remote.ping(),
      setDocument: (revision, document) => remote.setDocument(revision, document),
      resume: (revision) => remote.resume(revision),
      analyze: (revision, params) => remote.analyze(revision, params),
      readBlueprint: (text) => remote.readBlueprint(text),
      // comlink's Remote type loses the link between a job's kind, its progress and its
      // outcome; the worker runs the same generic function, so both are the ones of `kind`.
      run: <K extends JobKind>(
        jobId: number,
        kind: K,
        revision: number,
        params: JobParams<K>,
        onProgress?: (progress: JobProgress<K>) => void,
      ) =>
        remote.run(
          jobId,
          kind,
          revision,
          params,
          (onProgress ? proxy(onProgress) : undefined) as Parameters<typeof remote.run>[4],
        ) as Promise<JobOutcome<K>>,
      cancel: (jobId) => remote.cancel(jobId),
    },
    terminate: () => worker.terminate(),
    onFailure,
  };
}

export interface EngineClientOptions {
  /** Starts the worker; default a module web worker running `engine.worker.ts`. */
  startWorker?: EngineWorkerFactory;
  /** Milliseconds without requests before the worker stops; default {@link ENGINE_IDLE_TIMEOUT_MS}. */
  idleTimeoutMs?: number;
}

interface RunningWorker {
  handle: EngineWorkerHandle;
  ready: boolean;
  /** Rejects when the worker fails, so that no call waits for an answer that cannot come. */
  failure: Promise<never>;
  /** Revisions sent to this worker. */
  sent: Set<number>;
}

/** Thrown for a job that needs the worker where there is none. */
export class NoWorkerError extends Error {}

export class EngineClient {
  private readonly startWorker: EngineWorkerFactory;
  private readonly idleTimeoutMs: number;
  private worker: RunningWorker | null = null;
  private workerUnavailable = false;
  private local: Engine | null = null;
  private activeJobs = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private jobCounter = 0;
  /** Workers started so far (tests read it to see a restart). */
  starts = 0;

  constructor(options: EngineClientOptions = {}) {
    this.startWorker = options.startWorker ?? startEngineWorker;
    this.idleTimeoutMs = options.idleTimeoutMs ?? ENGINE_IDLE_TIMEOUT_MS;
  }

  /** Whether the engine's worker is running now. */
  get workerRunning(): boolean {
    return this.worker !== null;
  }

  /** Starts the worker ahead of need. */
  warm(): void {
    this.ensureWorker();
    this.touch();
  }

  /**
   * The exact analysis of `document`, on this thread, at once: for the first figures, before
   * the worker has loaded.
   */
  analyzeHere(document: object, params: AnalysisParams): AnalysisResponse {
    const started = performance.now();
    const engine = (this.local ??= createEngine());
    const revision = revisionOf(document);
    engine.setDocument(revision, document);
    const response = this.toResponse(engine.analyze(revision, params), started);
    // This engine was just given the document, on this thread: its answer is never stale.
    if (!response) throw new Error('The engine on the page lost the blueprint it was given.');
    return response;
  }

  /**
   * The exact analysis of `document`: in the worker once it is ready, here until then. Null when
   * a newer document reached the engine first (the answer would be stale).
   */
  async analyze(document: object, params: AnalysisParams): Promise<AnalysisResponse | null> {
    const started = performance.now();
    this.touch();
    const worker = this.ensureWorker();
    if (worker?.ready) {
      try {
        const revision = revisionOf(document);
        await this.send(worker, revision, document);
        let outcome = await this.call(worker, worker.handle.api.analyze(revision, params));
        if (outcome.status === 'missing') {
          worker.sent.delete(revision);
          await this.send(worker, revision, document);
          outcome = await this.call(worker, worker.handle.api.analyze(revision, params));
        }
        return this.toResponse(outcome, started);
      } catch {
        // The worker died while answering: answer here instead.
      } finally {
        this.touch();
      }
    }
    // This thread fetches the expression parser apart from the first view (the worker has it).
    await parserFor(document);
    return this.analyzeHere(document, params);
  }

  /**
   * Runs a job (a Monte Carlo run, a comparison) in the worker against `document`, with
   * progress and cancel. The outcome names the revision the job ran on.
   */
  async run<K extends JobKind>(
    kind: K,
    document: object,
    params: JobParams<K>,
    controls: JobControls<JobProgress<K>> = {},
  ): Promise<JobOutcome<K>> {
    this.activeJobs += 1;
    this.touch();
    try {
      const worker = this.ensureWorker();
      if (!worker) throw new NoWorkerError('This browser cannot run the engine in a worker.');
      await this.call(worker, worker.handle.api.ping());
      worker.ready = true;
      const revision = revisionOf(document);
      const jobId = ++this.jobCounter;
      const onAbort = () => void worker.handle.api.cancel(jobId).catch(() => undefined);
      if (controls.signal?.aborted) return { status: 'missing', kind, revision };
      controls.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        for (let attempt = 0; ; attempt++) {
          await this.send(worker, revision, document);
          const outcome = await this.call(
            worker,
            worker.handle.api.run(jobId, kind, revision, params, controls.onProgress),
          );
          // Forgotten by the engine meanwhile (it keeps a few revisions): send it once more.
          if (outcome.status !== 'missing' || attempt > 0) return outcome;
          worker.sent.delete(revision);
        }
      } finally {
        controls.signal?.removeEventListener('abort', onAbort);
      }
    } finally {
      this.activeJobs -= 1;
      this.touch();
    }
  }

  /** Reads and validates a blueprint file: in the worker when it is ready, here otherwise. */
  async read(text: string): Promise<ReadResult> {
    const worker = this.worker;
    if (worker?.ready) {
      try {
        return await this.call(worker, worker.handle.api.readBlueprint(text));
      } catch {
        // The worker died while reading: read here instead.
      } finally {
        this.touch();
      }
    }
    // The file's expressions are checked as it is read: with the parser, fetched if need be.
    await loadExpressionParser().catch(() => undefined);
    return readBlueprint(text);
  }

  /** Stops the worker now. */
  stop(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker?.handle.terminate();
    this.worker = null;
  }

  private toResponse(outcome: JobOutcome<'analyze'>, started: number): AnalysisResponse | null {
    switch (outcome.status) {
      case 'done':
        return outcome.result;
      case 'invalid':
        return {
          ok: false,
          diagnostics: outcome.diagnostics,
          millis: performance.now() - started,
        };
      default:
        return null;
    }
  }

  private ensureWorker(): RunningWorker | null {
    if (this.worker) return this.worker;
    if (this.workerUnavailable) return null;
    const handle = this.startWorker();
    if (!handle) {
      this.workerUnavailable = true;
      return null;
    }
    this.starts += 1;
    let reject!: (error: Error) => void;
    const failure = new Promise<never>((_, r) => (reject = r));
    // Nobody may be waiting when it fails; the rejection is read by the calls that race it.
    failure.catch(() => undefined);
    const worker: RunningWorker = { handle, ready: false, failure, sent: new Set() };
    handle.onFailure((message) => {
      reject(new Error(message));
      if (this.worker === worker) {
        this.worker = null;
        // A worker that cannot start will not start on the next try either.
        if (!worker.ready) this.workerUnavailable = true;
      }
      handle.terminate();
    });
    this.worker = worker;
    handle.api.ping().then(
      () => {
        worker.ready = true;
      },
      () => undefined,
    );
    return worker;
  }

  private async send(worker: RunningWorker, revision: number, document: object): Promise<void> {
    if (worker.sent.has(revision)) {
      // Sent already: make it current again (an undo) without sending the document, unless the
      // engine has forgotten it since.
      if (await this.call(worker, worker.handle.api.resume(revision))) return;
      worker.sent.delete(revision);
    }
    await this.call(worker, worker.handle.api.setDocument(revision, document));
    worker.sent.add(revision);
  }

  private call<T>(worker: RunningWorker, call: Promise<T>): Promise<T> {
    return Promise.race([call, worker.failure]);
  }

  /** Re-arms the idle stop: the worker stops once nothing has used it for a while. */
  private touch(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.worker || this.activeJobs > 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.activeJobs === 0) this.stop();
    }, this.idleTimeoutMs);
  }
}

/** The app's engine client. */
export const engineClient = new EngineClient();

/** Reads and validates blueprint text, off the main thread once the engine's worker is up. */
export function readBlueprintText(text: string): Promise<ReadResult> {
  return engineClient.read(text);
}
