/**
 * The live exact analysis, off the main thread.
 *
 * The editor sends the blueprint document after every edit; this worker validates it and, when
 * it is valid, runs the exact analysis of the baseline (or of the scenario being edited in
 * what-if mode), the scenario comparison and the teaching formula. Everything is plain data,
 * so it crosses the worker boundary by structured clone.
 *
 * The same module is the fallback where workers are unavailable: the editor imports
 * {@link analyzeDocument} and calls it on the main thread; `expose` only runs inside a worker.
 */
import { expose } from 'comlink';
import type { Diagnostic } from '../sim/diagnostics';
import {
  analyze,
  compareScenarios,
  reliabilityFormula,
  type Analysis,
  type ScenarioRow,
} from '../sim/exact';
import type { Model } from '../sim/model';
import type { BlueprintDocument } from '../sim/document';
import { parseBlueprint, validateDocument } from '../sim/parse';

export interface AnalysisRequest {
  /** The blueprint document as the editor holds it (validated here, never trusted). */
  document: unknown;
  /** Analyse this scenario instead of the baseline (what-if mode); `null` for the baseline. */
  scenarioId: string | null;
  /** Tornado swing, probability 0–1; the engine's default when left out. */
  tornadoDelta?: number;
}

/** Step labels and lanes the panels need to name fail points without the model. */
export interface NodeSummary {
  id: string;
  type: Model['nodes'][number]['type'];
  label: string;
  lane: Model['nodes'][number]['lane'];
  reliability: number;
  catchRate: number;
  hasRecovery: boolean;
}

export type AnalysisResponse =
  | {
      ok: true;
      /** The analysis shown: the baseline's, or the scenario's in what-if mode. */
      analysis: Analysis;
      /** Whose analysis it is: `null` for the baseline. */
      scenarioId: string | null;
      /** The baseline first, then every scenario. */
      comparison: ScenarioRow[];
      /** R as an expression, or `null` when the blueprint has none. */
      formula: string | null;
      nodes: NodeSummary[];
      /** Time the worker spent, milliseconds. */
      millis: number;
    }
  | { ok: false; diagnostics: Diagnostic[]; millis: number };

function summarise(model: Model): NodeSummary[] {
  return model.nodes.map((node) => ({
    id: node.id,
    type: node.type,
    label: node.label,
    lane: node.lane,
    reliability: node.reliability,
    catchRate: node.catchRate,
    hasRecovery: node.hasRecovery,
  }));
}

/** Validates a document and analyses it; never throws for a bad document. */
export function analyzeDocument(request: AnalysisRequest): AnalysisResponse {
  const started = performance.now();
  const parsed = validateDocument(request.document);
  if (!parsed.ok) {
    return { ok: false, diagnostics: parsed.diagnostics, millis: performance.now() - started };
  }
  const { blueprint } = parsed;
  const scenario =
    request.scenarioId === null
      ? undefined
      : blueprint.scenarios.find((candidate) => candidate.id === request.scenarioId);
  const model = scenario ? scenario.model : blueprint.model;
  const options = request.tornadoDelta === undefined ? {} : { tornadoDelta: request.tornadoDelta };
  return {
    ok: true,
    analysis: analyze(model, options),
    scenarioId: scenario ? scenario.id : null,
    comparison: compareScenarios(blueprint.model, blueprint.scenarios),
    formula: reliabilityFormula(model),
    nodes: summarise(model),
    millis: performance.now() - started,
  };
}

export type ReadResult =
  { ok: true; document: BlueprintDocument } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads the text of a blueprint file: parsed and fully validated here, so opening a large file
 * costs the editor's thread nothing; only a valid document comes back.
 */
export function readBlueprint(text: string): ReadResult {
  const parsed = parseBlueprint(text);
  return parsed.ok
    ? { ok: true, document: parsed.blueprint.document }
    : { ok: false, diagnostics: parsed.diagnostics };
}

/** The API the editor reaches through comlink. */
export const analysisApi = { analyzeDocument, readBlueprint };
export type AnalysisApi = typeof analysisApi;

// Inside a worker, answer the editor; imported on the main thread (the fallback), do nothing.
if ('WorkerGlobalScope' in globalThis) expose(analysisApi);
