/**
 * What the teaching mode's trace worker does, independent of how it is reached: the browser
 * exposes it from a web worker (`trace.worker.ts`) through comlink; where workers are not
 * available the page calls it directly.
 *
 * The page loads a blueprint once, then asks for customers in batches by number. The worker
 * traces them and schedules their walks; a batch comes back as transferable typed arrays
 * (`trace-walks.ts`), so the page does nothing but play them.
 */
import { transfer } from 'comlink';
import { diagnosticSentence, type DiagnosticLanguage } from '../sim/diagnostics';
import { validateDocument } from '../sim/parse';
import { MAX_TRACE_CUSTOMERS, Tracer } from '../sim/trace';
import { isValidSeed, MAX_SEED } from '../sim/random';
import { traceBatch } from './trace-batch';
import { packWalks, walkBuffers, type WalkBatch } from './trace-walks';

/** The blueprint loaded: its nodes and edges by index, as the batches name them. */
export type TraceLoadResult =
  { ok: true; nodeIds: string[]; edgeIds: string[] } | { ok: false; message: string };

/** Most customers one batch may hold: a batch answers within a few milliseconds. */
export const MAX_BATCH_CUSTOMERS = 5000;

/** The functions a trace worker exposes. */
export interface TraceWorkerApi {
  /**
   * Validates `document` (the editor's blueprint, never trusted) and keeps the model of its
   * baseline, or of scenario `scenarioId`. A blueprint with problems is refused with the first
   * problem as a sentence in `language`.
   */
  load(document: unknown, scenarioId: string | null, language: DiagnosticLanguage): TraceLoadResult;
  /**
   * The walks of customers `first` to `first + count - 1` for `seed`. Throws a RangeError
   * naming the value when nothing is loaded or a number is out of range.
   */
  walks(seed: number, first: number, count: number): WalkBatch;
}

/** A trace worker's functions, holding one blueprint at a time. */
export function createTraceWorkerApi(): TraceWorkerApi {
  let tracer: Tracer | null = null;
  return {
    load(document, scenarioId, language) {
      tracer = null;
      const parsed = validateDocument(document);
      if (!parsed.ok) {
        return { ok: false, message: diagnosticSentence(parsed.diagnostics[0], language) };
      }
      const { blueprint } = parsed;
      const scenario =
        scenarioId === null ? null : blueprint.scenarios.find((s) => s.id === scenarioId);
      if (scenario === undefined) {
        return { ok: false, message: `The blueprint has no scenario "${scenarioId}".` };
      }
      const model = scenario ? scenario.model : blueprint.model;
      tracer = new Tracer(model);
      return {
        ok: true,
        nodeIds: model.nodes.map((n) => n.id),
        edgeIds: model.edges.map((e) => e.id),
      };
    },
    walks(seed, first, count) {
      if (!tracer) throw new RangeError('No blueprint is loaded for tracing customers.');
      if (!isValidSeed(seed)) {
        throw new RangeError(
          `The seed must be a whole number from 0 to ${MAX_SEED}; ${seed} was given.`,
        );
      }
      if (
        !Number.isInteger(first) ||
        !Number.isInteger(count) ||
        first < 1 ||
        count < 1 ||
        count > MAX_BATCH_CUSTOMERS ||
        first + count - 1 > MAX_TRACE_CUSTOMERS
      ) {
        throw new RangeError(
          `A batch is from 1 to ${MAX_BATCH_CUSTOMERS} customers numbered from 1; customers ${first} to ${first + count - 1} were asked for.`,
        );
      }
      const walks = packWalks(traceBatch(tracer, seed, first, count));
      return transfer(walks, walkBuffers(walks));
    },
  };
}
