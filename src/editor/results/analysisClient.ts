/**
 * "Latest wins" scheduling of the live analysis.
 *
 * Edits can arrive faster than analyses finish (typing, dragging). At most one request is with
 * the engine at a time; while it runs, newer requests replace each other, and only the newest
 * is sent when the engine is free. An answer is delivered only if no newer request was made
 * since, so the panels never show figures of a blueprint that no longer exists.
 *
 * Where the analysis runs (the engine's worker, or this thread while it loads) is the engine
 * client's business (`../engine/client.ts`).
 */
import type { AnalysisRequest, AnalysisResponse, ReadResult } from '../../workers/analysis';
import { engineClient } from '../engine/client';

export type { AnalysisRequest, AnalysisResponse, ReadResult };

/** Answers a request; null when the answer is already stale. */
type Analyser = (request: AnalysisRequest) => Promise<AnalysisResponse | null>;

export interface AnalysisSchedulerOptions {
  /** Receives each answer that is still current. */
  deliver: (response: AnalysisResponse, request: AnalysisRequest) => void;
  /** Receives an error thrown by the analysis itself (a bug, not a bad blueprint). */
  fail: (error: unknown) => void;
  /** Replaces the engine (tests). */
  analyser?: Analyser;
}

const engineAnalyser: Analyser = ({ document, ...params }) =>
  engineClient.analyze(document as object, params);

export class AnalysisScheduler {
  private readonly analyser: Analyser;
  private latest = 0;
  private running = false;
  private pending: { request: AnalysisRequest; ticket: number } | null = null;

  constructor(private readonly options: AnalysisSchedulerOptions) {
    this.analyser = options.analyser ?? engineAnalyser;
  }

  /** Asks for an analysis; earlier requests that have not started are dropped. */
  submit(request: AnalysisRequest): void {
    this.latest += 1;
    this.pending = { request, ticket: this.latest };
    if (!this.running) void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.pending) {
      const job = this.pending;
      this.pending = null;
      try {
        const response = await this.analyser(job.request);
        if (response && job.ticket === this.latest) this.options.deliver(response, job.request);
      } catch (error) {
        if (job.ticket === this.latest) this.options.fail(error);
      }
    }
    this.running = false;
  }
}
