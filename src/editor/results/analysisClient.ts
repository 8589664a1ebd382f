/**
 * The bridge to the analysis worker, with "latest wins" scheduling.
 *
 * Edits can arrive faster than analyses finish (typing, dragging). At most one request is in
 * the worker at a time; while it runs, newer requests replace each other, and only the newest
 * is sent when the worker is free. An answer is delivered only if no newer request was made
 * since, so the panels never show figures of a blueprint that no longer exists.
 *
 * The worker starts on first use and takes over once it has answered; until then, and where
 * workers are unavailable (or the worker fails to load), the same analysis runs on the main
 * thread.
 */
import { wrap, type Remote } from 'comlink';
import {
  analysisApi,
  type AnalysisApi,
  type AnalysisRequest,
  type AnalysisResponse,
  type ReadResult,
} from '../../workers/analysis.worker';

export type { AnalysisRequest, AnalysisResponse, ReadResult };

type Analyser = (request: AnalysisRequest) => Promise<AnalysisResponse>;
type Reader = (text: string) => Promise<ReadResult>;

interface WorkerBridge {
  analyse: Analyser;
  read: Reader;
}

function startWorker(onFailure: () => void): WorkerBridge | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'failpoint-analysis',
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      onFailure();
    });
    const remote: Remote<AnalysisApi> = wrap<AnalysisApi>(worker);
    return {
      analyse: (request) => remote.analyzeDocument(request),
      read: (text) => remote.readBlueprint(text),
    };
  } catch {
    return null;
  }
}

function mainThreadAnalyser(): Analyser {
  return async (request) => analysisApi.analyzeDocument(request);
}

export interface AnalysisSchedulerOptions {
  /** Receives each answer that is still current. */
  deliver: (response: AnalysisResponse, request: AnalysisRequest) => void;
  /** Receives an error thrown by the analysis itself (a bug, not a bad blueprint). */
  fail: (error: unknown) => void;
  /** Replaces the worker (tests). */
  analyser?: Analyser;
}

export class AnalysisScheduler {
  private worker: WorkerBridge | null = null;
  private workerState: 'unstarted' | 'warming' | 'ready' | 'failed' = 'unstarted';
  private fallback: Analyser | null = null;
  private latest = 0;
  private running = false;
  private pending: { request: AnalysisRequest; ticket: number } | null = null;
  private inFlight: { request: AnalysisRequest; ticket: number; onWorker: boolean } | null = null;

  constructor(private readonly options: AnalysisSchedulerOptions) {}

  /** Starts the worker ahead of the first edit, warming it up with `request`. */
  warm(request: AnalysisRequest): void {
    if (!this.options.analyser && this.workerState === 'unstarted') this.warmWorker(request);
  }

  /**
   * Reads and validates the text of a blueprint file, in the worker when it is ready (large
   * files then cost the page nothing), on the main thread otherwise.
   */
  async read(text: string): Promise<ReadResult> {
    if (this.workerState === 'ready' && this.worker) {
      try {
        return await this.worker.read(text);
      } catch {
        // The worker died while reading: read here instead.
      }
    }
    return analysisApi.readBlueprint(text);
  }

  /** Asks for an analysis; earlier requests that have not started are dropped. */
  submit(request: AnalysisRequest): void {
    this.latest += 1;
    this.pending = { request, ticket: this.latest };
    if (!this.running) void this.pump();
  }

  /**
   * The worker once it has answered; the main thread until then. Loading the worker takes a
   * few hundred milliseconds (it brings its own copy of the engine), while the first blueprint
   * analyses in about one: so the first figures appear at once and the worker takes over as
   * soon as it is ready.
   */
  private choose(request: AnalysisRequest): { analyser: Analyser; onWorker: boolean } {
    if (this.options.analyser) return { analyser: this.options.analyser, onWorker: false };
    if (this.workerState === 'unstarted') this.warmWorker(request);
    if (this.workerState === 'ready' && this.worker) {
      return { analyser: this.worker.analyse, onWorker: true };
    }
    this.fallback ??= mainThreadAnalyser();
    return { analyser: this.fallback, onWorker: false };
  }

  private warmWorker(request: AnalysisRequest): void {
    this.worker = startWorker(() => this.workerFailed());
    if (!this.worker) {
      this.workerState = 'failed';
      return;
    }
    this.workerState = 'warming';
    this.worker.analyse(request).then(
      () => {
        if (this.workerState === 'warming') this.workerState = 'ready';
      },
      () => this.workerFailed(),
    );
  }

  private workerFailed(): void {
    this.workerState = 'failed';
    this.worker = null;
    // A request that was in the worker when it died never gets an answer: ask again on the
    // main thread. The loop that awaited it never resumes.
    if (this.inFlight?.onWorker) {
      if (!this.pending) this.pending = this.inFlight;
      this.inFlight = null;
      this.running = false;
      void this.pump();
    }
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.pending) {
      const job = this.pending;
      this.pending = null;
      const { analyser, onWorker } = this.choose(job.request);
      const flight = { ...job, onWorker };
      this.inFlight = flight;
      try {
        const response = await analyser(job.request);
        if (this.inFlight !== flight) return;
        if (job.ticket === this.latest) this.options.deliver(response, job.request);
      } catch (error) {
        if (this.inFlight !== flight) return;
        if (job.ticket === this.latest) this.options.fail(error);
      }
      this.inFlight = null;
    }
    this.running = false;
  }
}
