/**
 * The live exact analysis: of the baseline (or of the scenario being edited in what-if mode),
 * the scenario comparison and the teaching formula. Everything it returns is plain data, so it
 * crosses the worker boundary by structured clone.
 *
 * The engine (`engine.ts`) runs {@link analyzeBlueprint} on the blueprint it validated once per
 * revision; {@link analyzeDocument} is the one-shot form, validating on the way.
 */
import type { Diagnostic } from '../sim/diagnostics';
import {
  analyze,
  compareScenarios,
  numberedFormula,
  reliabilityFormula,
  type Analysis,
  type NumberedFormula,
  type ScenarioRow,
} from '../sim/exact';
import type { Model } from '../sim/model';
import type { BlueprintDocument } from '../sim/document';
import { parseBlueprint, validateDocument, type Blueprint } from '../sim/parse';
import { moneySummary, type MoneySummary } from './money';

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
      /**
       * R written with its numbers (`0.99 × 0.98 × 0.90 × … = 0.765`), `null` when the blueprint
       * has no formula or one longer than {@link NUMBERED_FORMULA_MAX_CHARS}. For a scenario,
       * the factors it changes from the baseline are marked.
       */
      numbers: NumberedFormula | null;
      nodes: NodeSummary[];
      /**
       * The blueprint's money (the baseline's yearly loss, the loss by fail point, the
       * scenarios in money), whichever scenario is shown; null without economics.
       */
      money: MoneySummary | null;
      /** Time the worker spent, milliseconds. */
      millis: number;
    }
  | { ok: false; diagnostics: Diagnostic[]; millis: number };

/**
 * Longest formula (characters of {@link AnalysisResponse} `formula`) also written with its
 * numbers. Writing the numbers costs more than the formula itself (and a scenario's twice, for
 * its baseline): a formula thousands of characters long is no lesson to read, and writing it
 * out would hold up every live answer.
 */
export const NUMBERED_FORMULA_MAX_CHARS = 2000;

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

/** Whose analysis is asked for, and how. */
export type AnalysisParams = Omit<AnalysisRequest, 'document'>;

export type ValidAnalysis = Extract<AnalysisResponse, { ok: true }>;

/**
 * Analyses a validated blueprint. `comparison` and `money` are the scenario table and the
 * money when the caller has them already (they depend on the blueprint only, not on the
 * scenario shown); `started` is when the request began, for `millis` (milliseconds,
 * `performance.now`).
 */
export function analyzeBlueprint(
  blueprint: Blueprint,
  params: AnalysisParams,
  comparison: ScenarioRow[] = compareScenarios(blueprint.model, blueprint.scenarios),
  started: number = performance.now(),
  money?: MoneySummary | null,
): ValidAnalysis {
  const scenario =
    params.scenarioId === null
      ? undefined
      : blueprint.scenarios.find((candidate) => candidate.id === params.scenarioId);
  const model = scenario ? scenario.model : blueprint.model;
  const options = params.tornadoDelta === undefined ? {} : { tornadoDelta: params.tornadoDelta };
  const formula = reliabilityFormula(model);
  const analysis = analyze(model, options);
  return {
    ok: true,
    analysis,
    scenarioId: scenario ? scenario.id : null,
    comparison,
    formula,
    numbers:
      formula !== null && formula.length <= NUMBERED_FORMULA_MAX_CHARS
        ? numberedFormula(model, scenario ? blueprint.model : undefined)
        : null,
    nodes: summarise(model),
    money:
      money !== undefined
        ? money
        : blueprint.economics
          ? moneySummary(blueprint, scenario ? analyze(blueprint.model) : analysis)
          : null,
    millis: performance.now() - started,
  };
}

/** Validates a document and analyses it; never throws for a bad document. */
export function analyzeDocument(request: AnalysisRequest): AnalysisResponse {
  const started = performance.now();
  const parsed = validateDocument(request.document);
  if (!parsed.ok) {
    return { ok: false, diagnostics: parsed.diagnostics, millis: performance.now() - started };
  }
  return analyzeBlueprint(parsed.blueprint, request, undefined, started);
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
