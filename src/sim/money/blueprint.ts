/**
 * Money for a parsed blueprint: the yearly loss of the baseline and of every scenario with what
 * each earns (SPEC §9), the loss by fail point (the Pareto in money), and the budget optimiser
 * over the blueprint's improvement options, each combination evaluated exactly.
 */
import { analyze } from '../exact/analyze';
import type { Analysis } from '../exact/types';
import type { Model, ModelEdge, ModelNode } from '../model';
import { graphWithNumbers } from '../model-builder';
import type { Blueprint, ResolvedOption } from '../parse';
import { resolveScenario } from '../parse';
import { changedFields } from '../scenario';
import { BASELINE_ID } from '../exact/compare';
import {
  improvementReturn,
  yearlyLoss,
  type Economics,
  type ImprovementReturn,
  type YearlyLoss,
} from './definitions';
import {
  exhaustiveLimitFor,
  optimizeSteps,
  type Evaluation,
  type OptimizeGoal,
  type OptimizeProgress,
  type OptimizeResult,
} from './optimize';
import { recoveryCosts } from './recovery';

/** The yearly loss of a model under `economics`, from its exact analysis. */
export function lossOf(economics: Economics, model: Model, analysis = analyze(model)): YearlyLoss {
  return yearlyLoss(economics, analysis.reliability, recoveryCosts(model, analysis).perCustomer);
}

/** One row of the money table: a scenario (or the baseline) with its loss and return. */
export interface MoneyRow extends YearlyLoss {
  /** Scenario id, `baseline` for the first row. */
  id: string;
  name: string;
  /** Ids of the options the scenario is built from (none for the baseline). */
  options: string[];
  /**
   * Against the baseline: value protected, costs summed over the scenario's options, net,
   * payback and ROI; null for the baseline row.
   */
  return: ImprovementReturn | null;
}

/**
 * The baseline and every scenario in money; null when the blueprint has no economics.
 * `baseline` is the baseline's exact analysis when the caller has it already.
 */
export function scenarioMoney(
  blueprint: Blueprint,
  baseline: Analysis = analyze(blueprint.model),
): MoneyRow[] | null {
  const { economics } = blueprint;
  if (!economics) return null;
  const base = lossOf(economics, blueprint.model, baseline);
  const prices = new Map(blueprint.options.map((option) => [option.id, option]));
  const listed = new Map(
    (blueprint.document.scenarios ?? []).map((scenario) => [scenario.id, scenario.options ?? []]),
  );
  const rows: MoneyRow[] = [
    { id: BASELINE_ID, name: 'Baseline', options: [], ...base, return: null },
  ];
  for (const scenario of blueprint.scenarios) {
    const options = listed.get(scenario.id) ?? [];
    let costOnce = 0;
    let costPerYear = 0;
    for (const id of options) {
      costOnce += prices.get(id)?.costOnce ?? 0;
      costPerYear += prices.get(id)?.costPerYear ?? 0;
    }
    const loss = lossOf(economics, scenario.model);
    rows.push({
      id: scenario.id,
      name: scenario.name,
      options,
      ...loss,
      return: improvementReturn(base, loss, { costOnce, costPerYear }, economics.horizonYears),
    });
  }
  return rows;
}

/** What one fail point costs a year. */
export interface FailPointLoss {
  id: string;
  label: string;
  /** Customers who fail there, per year. */
  failedPerYear: number;
  /** Customers lost because of those failures (directly and by word of mouth), per year. */
  lostPerYear: number;
  /** Value lost there, currency units per year. */
  valueLostPerYear: number;
  /** Share, 0–1, of all value lost to failures. */
  share: number;
}

/**
 * Where the yearly value lost comes from: each fail point's failures in money, largest first.
 * Recovery costs are not in it (they are spent where failures are caught, not lost).
 */
export function lossByFailPoint(
  economics: Economics,
  model: Model,
  analysis: Analysis = analyze(model),
): FailPointLoss[] {
  const lostPerFailure =
    economics.lostShare + economics.wordOfMouth.told * economics.wordOfMouth.lostShare;
  const valuePerFailure = lostPerFailure * economics.customerValue + economics.failureCost;
  return analysis.failPointRanking.map((point) => {
    const failedPerYear = economics.customersPerYear * point.probability;
    return {
      id: point.id,
      label: model.nodes[point.index].label,
      failedPerYear,
      lostPerYear: failedPerYear * lostPerFailure,
      valueLostPerYear: failedPerYear * valuePerFailure,
      share: point.share,
    };
  });
}

/** Node fields a change sets, as the model holds them. */
const MODEL_FIELDS: Readonly<Record<string, readonly (keyof ModelNode)[]>> = {
  reliability: ['reliability', 'observed'],
  recovery: ['catchRate', 'hasRecovery', 'recoveryDuration', 'recoveryCost'],
  duration: ['duration'],
  cost: ['cost'],
};

/**
 * A model for a combination of options, built from each option's own model: the nodes and edges
 * an option changes are taken from its model, field by field. Returns null when an option
 * changes a parameter (whose effect reaches anything written with it): such a combination is
 * resolved from the document instead.
 */
function combinedModel(base: Model, options: readonly OptionWithChanges[]): Model | null {
  let nodes: ModelNode[] | null = null;
  let edges: ModelEdge[] | null = null;
  for (const { resolved, changes } of options) {
    for (const changed of changes) {
      if (changed.target.kind === 'parameter' || changed.field === null) return null;
      if (changed.target.kind === 'edge') {
        const index = base.edgeIndexOf.get(changed.target.id);
        if (index === undefined) continue;
        edges ??= [...base.edges];
        edges[index] = { ...edges[index], probability: resolved.model.edges[index].probability };
        continue;
      }
      const index = base.indexOf.get(changed.target.id);
      const fields = MODEL_FIELDS[changed.field];
      if (index === undefined || !fields) return null;
      nodes ??= [...base.nodes];
      const from = resolved.model.nodes[index];
      const node: Record<string, unknown> = { ...nodes[index] };
      for (const field of fields) node[field] = from[field];
      nodes[index] = node as unknown as ModelNode;
    }
  }
  if (!nodes && !edges) return base;
  nodes ??= base.nodes;
  edges ??= base.edges;
  return { ...base, nodes, edges, graph: graphWithNumbers(base.graph, nodes, edges) };
}

interface OptionWithChanges {
  resolved: ResolvedOption;
  changes: ReturnType<typeof changedFields>;
}

/** The budget optimiser's answer for a blueprint, with its options' labels. */
export interface BlueprintOptimization extends OptimizeResult {
  /** The options considered, in file order. */
  options: ResolvedOption[];
  /** The one-off budget, currency units; `Number.POSITIVE_INFINITY` for none. */
  budget: number;
  /** The yearly budget, currency units per year; `Number.POSITIVE_INFINITY` for none. */
  yearlyBudget: number;
  goal: OptimizeGoal;
  /** Currency of the economics, or null without economics. */
  currency: string | null;
}

/** Why the optimiser cannot answer. */
export type OptimizeRefusal =
  | { ok: false; reason: 'no-options' }
  | { ok: false; reason: 'no-economics' }
  | { ok: false; reason: 'bad-budget' };

/**
 * The best combination of the blueprint's options within `budget` (one-off cost, currency
 * units) and `yearlyBudget` (running cost, currency units per year) for `goal`, and the
 * frontiers. Either bound may be `Number.POSITIVE_INFINITY` (no bound on that cost); a budget
 * below 0 or not a number is refused. Options whose changes set the same field of the same node,
 * edge or parameter are never combined. Goal `value` needs economics.
 */
export function optimizeBlueprint(
  blueprint: Blueprint,
  budget: number,
  goal: OptimizeGoal,
  yearlyBudget: number = Number.POSITIVE_INFINITY,
): { ok: true; result: BlueprintOptimization } | OptimizeRefusal {
  const planned = optimizeBlueprintSteps(blueprint, budget, goal, yearlyBudget);
  if (!planned.ok) return planned;
  for (;;) {
    const step = planned.steps.next();
    if (step.done) return { ok: true, result: step.value };
  }
}

/**
 * {@link optimizeBlueprint} one evaluation (one exact analysis) at a time: the generator yields
 * how far it has gone (combinations evaluated, of how many) and returns the answer, so that a caller can run it in
 * slices and stop it part way. The refusals come at once.
 */
export function optimizeBlueprintSteps(
  blueprint: Blueprint,
  budget: number,
  goal: OptimizeGoal,
  yearlyBudget: number = Number.POSITIVE_INFINITY,
): { ok: true; steps: Generator<OptimizeProgress, BlueprintOptimization> } | OptimizeRefusal {
  if (!(budget >= 0) || !(yearlyBudget >= 0)) return { ok: false, reason: 'bad-budget' };
  if (blueprint.options.length === 0) return { ok: false, reason: 'no-options' };
  const { economics } = blueprint;
  if (goal === 'value' && !economics) return { ok: false, reason: 'no-economics' };
  const specs = new Map((blueprint.document.options ?? []).map((o) => [o.id, o]));
  const options: OptionWithChanges[] = blueprint.options.map((resolved) => ({
    resolved,
    changes: (specs.get(resolved.id)?.changes ?? []).flatMap(changedFields),
  }));
  const conflicts: [number, number][] = [];
  for (let a = 0; a < options.length; a++) {
    for (let b = a + 1; b < options.length; b++) {
      const mine = new Set(options[a].changes.map(fieldKey));
      if (options[b].changes.some((changed) => mine.has(fieldKey(changed)))) conflicts.push([a, b]);
    }
  }
  const evaluateModel = (model: Model): Evaluation => {
    const analysis = analyze(model);
    return {
      reliability: analysis.reliability,
      loss: economics ? lossOf(economics, model, analysis) : null,
    };
  };
  const evaluate = (chosen: readonly number[]): Evaluation | null => {
    const picked = chosen.map((i) => options[i]);
    const model = combinedModel(blueprint.model, picked);
    if (model) {
      try {
        return evaluateModel(model);
      } catch {
        // The combination cannot be solved as built (a loop its changes made inescapable):
        // resolve it from the document below, which says what is wrong with it.
      }
    }
    const resolved = resolveScenario(blueprint.document, {
      id: 'combination',
      name: 'combination',
      options: picked.map((option) => option.resolved.id),
      changes: [],
    });
    // Options valid one by one may still make an invalid blueprint together (a loop that can no
    // longer be left): such a combination is not on the menu.
    return resolved.ok ? evaluateModel(resolved.scenario.model) : null;
  };
  function* steps(): Generator<OptimizeProgress, BlueprintOptimization> {
    const result: OptimizeResult = yield* optimizeSteps({
      options: blueprint.options.map(({ id, costOnce, costPerYear }) => ({
        id,
        costOnce,
        costPerYear,
      })),
      conflicts,
      budget,
      yearlyBudget,
      goal,
      exhaustiveLimit: exhaustiveLimitFor(blueprint.model.nodes.length),
      horizonYears: economics?.horizonYears ?? 1,
      baseline: evaluateModel(blueprint.model),
      evaluate,
    });
    return {
      ...result,
      options: blueprint.options,
      budget,
      yearlyBudget,
      goal,
      currency: economics?.currency ?? null,
    };
  }
  return { ok: true, steps: steps() };
}

function fieldKey(changed: ReturnType<typeof changedFields>[number]): string {
  return `${changed.target.kind}\u0000${changed.target.id}\u0000${changed.field ?? ''}`;
}
