/**
 * The page's side of the budget optimiser: each request goes to the engine's worker, where the
 * optimiser runs in slices (`src/workers/money.ts`). The latest request wins: a newer one stops
 * the older run in the worker (at its next slice) and the older answer is never delivered.
 */
import type { OptimizeProgress } from '../../sim/money';
import { createEngine, type Engine } from '../../workers/engine';
import type { MoneyOptimizeOutcome, MoneyOptimizeParams } from '../../workers/money';
import { engineClient, NoWorkerError } from '../engine/client';
import { revisionOf } from '../store/results';

/**
 * Runs one optimisation of `document`, telling `onProgress` how far it has gone; null when its
 * answer is no longer wanted.
 */
export type OptimizeRunner = (
  document: object,
  params: MoneyOptimizeParams,
  signal: AbortSignal,
  onProgress?: (progress: OptimizeProgress) => void,
) => Promise<MoneyOptimizeOutcome | null>;

let local: Engine | null = null;

/**
 * Runs the optimiser in the engine's worker; where the page cannot have workers, on an engine
 * on this thread (still in slices, so the page answers between them).
 */
export const engineOptimizeRunner: OptimizeRunner = async (
  document,
  params,
  signal,
  onProgress,
) => {
  try {
    const outcome = await engineClient.run('optimize', document, params, { signal, onProgress });
    // Invalid, forgotten or superseded revisions have no answer worth showing: the live
    // analysis says what is wrong with an invalid blueprint.
    return outcome.status === 'done' ? outcome.result : null;
  } catch (error) {
    if (!(error instanceof NoWorkerError)) throw error;
    const engine = (local ??= createEngine());
    const revision = revisionOf(document);
    engine.setDocument(revision, document);
    const outcome = await engine.run('optimize', revision, params, { signal, onProgress });
    return outcome.status === 'done' ? outcome.result : null;
  }
};

/** Latest-wins requests for the optimiser's answer. */
export class MoneyOptimizer {
  private controller: AbortController | null = null;
  private ticket = 0;

  constructor(private readonly runner: OptimizeRunner = engineOptimizeRunner) {}

  /**
   * Asks for the optimiser's answer for `document` and `params`, stopping any earlier request;
   * `onProgress` hears how far it has gone while it is the latest request. Resolves to the
   * outcome, or to null when a newer request (or {@link stop}) came meanwhile, or when the run
   * was stopped.
   */
  async request(
    document: object,
    params: MoneyOptimizeParams,
    onProgress?: (progress: OptimizeProgress) => void,
  ): Promise<Exclude<MoneyOptimizeOutcome, { reason: 'stopped' }> | null> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const ticket = ++this.ticket;
    const report = onProgress
      ? (progress: OptimizeProgress) => {
          if (ticket === this.ticket) onProgress(progress);
        }
      : undefined;
    try {
      const outcome = await this.runner(document, params, controller.signal, report);
      if (ticket !== this.ticket || outcome === null) return null;
      return outcome.ok || outcome.reason !== 'stopped' ? outcome : null;
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Stops the running request, if any; its answer is dropped. */
  stop(): void {
    this.ticket += 1;
    this.controller?.abort();
    this.controller = null;
  }
}
