/**
 * Money in the engine's worker (SPEC §9): the figures the Money tab shows with every analysis
 * of a blueprint that has economics (the baseline's yearly loss, the loss by fail point, the
 * scenarios in money), and the budget optimiser, run in slices so that it never holds up the
 * live analysis for longer than one slice, and stopped as soon as its answer is no longer
 * wanted.
 *
 * Everything returned is plain data without models, so it crosses to the page cheaply.
 */
import type { Analysis } from '../sim/exact/types';
import {
  lossByFailPoint,
  optimizeBlueprintSteps,
  scenarioMoney,
  type BlueprintOptimization,
  type Economics,
  type FailPointLoss,
  type MoneyRow,
  type OptimizeGoal,
  type OptimizeProgress,
} from '../sim/money';
import type { Blueprint } from '../sim/parse';

/** An improvement option as the Money tab lists it. */
export interface MoneyOption {
  id: string;
  /** Its label, or its id when it has none. */
  label: string;
  /** One-off cost, currency units. */
  costOnce: number;
  /** Running cost, currency units per year. */
  costPerYear: number;
}

/** What a blueprint with economics loses a year, and what its scenarios earn. */
export interface MoneySummary {
  economics: Economics;
  /** The baseline first, then every scenario. */
  rows: MoneyRow[];
  /** The value lost at each fail point, largest first. */
  byFailPoint: FailPointLoss[];
  /** The blueprint's improvement options, in file order. */
  options: MoneyOption[];
}

/**
 * The money of a blueprint, or null when it has no economics. `baseline` is the baseline's
 * exact analysis, which the caller has already (the money then costs one analysis per scenario).
 */
export function moneySummary(blueprint: Blueprint, baseline: Analysis): MoneySummary | null {
  const { economics } = blueprint;
  const rows = scenarioMoney(blueprint, baseline);
  if (!economics || !rows) return null;
  return {
    economics,
    rows,
    byFailPoint: lossByFailPoint(economics, blueprint.model, baseline),
    options: blueprint.options.map(({ id, label, costOnce, costPerYear }) => ({
      id,
      label,
      costOnce,
      costPerYear,
    })),
  };
}

/** What the optimiser is asked: the bounds (null for none; at least one) and the goal. */
export interface MoneyOptimizeParams {
  /** Most one-off cost, currency units; null for no bound. */
  budget: number | null;
  /** Most running cost, currency units per year; null for no bound. */
  yearlyBudget: number | null;
  goal: OptimizeGoal;
}

/** The optimiser's answer, its options without their models. */
export type MoneyOptimization = Omit<BlueprintOptimization, 'options'> & {
  options: MoneyOption[];
};

/** How an optimisation ended. */
export type MoneyOptimizeOutcome =
  | { ok: true; result: MoneyOptimization; /** Time spent, milliseconds. */ millis: number }
  | { ok: false; reason: 'no-options' | 'no-economics' | 'bad-budget' }
  /** Stopped part way: aborted, or its blueprint is no longer the one being edited. */
  | { ok: false; reason: 'stopped' };

/**
 * Longest slice of optimisation between two looks at the worker's messages, milliseconds. One
 * evaluation is one exact analysis: a slice ends after the first evaluation past this, so on a
 * large blueprint (tens of milliseconds an analysis) a slice is one evaluation.
 */
export const OPTIMIZE_SLICE_MS = 12;

/** How {@link optimizeInSlices} is stopped and how it waits between slices. */
export interface SliceControls {
  signal?: AbortSignal;
  /** True once the answer is no longer wanted (its revision is no longer the current one). */
  stale?: () => boolean;
  /** Lets other work run between slices; default a macrotask (`setTimeout` 0). */
  pause?: () => Promise<void>;
  /** Length of a slice, milliseconds; default {@link OPTIMIZE_SLICE_MS} (0: one evaluation). */
  sliceMs?: number;
  /**
   * Told how far the search has gone: after its first slice, then at most every
   * {@link OPTIMIZE_PROGRESS_MS} (the page redraws a count, not every evaluation).
   */
  onProgress?: (progress: OptimizeProgress) => void;
}

/** Shortest time between two progress reports of an optimisation, milliseconds. */
export const OPTIMIZE_PROGRESS_MS = 100;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs the budget optimiser over `blueprint` in slices of about {@link OPTIMIZE_SLICE_MS},
 * pausing between them so that the live analysis (and anything else the worker is asked) is
 * answered meanwhile; stops at the first pause after `signal` aborts or `stale()` turns true.
 */
export async function optimizeInSlices(
  blueprint: Blueprint,
  params: MoneyOptimizeParams,
  controls: SliceControls = {},
): Promise<MoneyOptimizeOutcome> {
  const started = performance.now();
  if (params.budget === null && params.yearlyBudget === null) {
    return { ok: false, reason: 'bad-budget' };
  }
  const planned = optimizeBlueprintSteps(
    blueprint,
    params.budget ?? Number.POSITIVE_INFINITY,
    params.goal,
    params.yearlyBudget ?? Number.POSITIVE_INFINITY,
  );
  if (!planned.ok) return planned;
  const pause = controls.pause ?? macrotask;
  const stopped = () => controls.signal?.aborted === true || controls.stale?.() === true;
  let reported = Number.NEGATIVE_INFINITY;
  for (;;) {
    const sliceEnd = performance.now() + (controls.sliceMs ?? OPTIMIZE_SLICE_MS);
    let step = planned.steps.next();
    while (!step.done && performance.now() < sliceEnd) step = planned.steps.next();
    if (!step.done && controls.onProgress && performance.now() - reported >= OPTIMIZE_PROGRESS_MS) {
      reported = performance.now();
      controls.onProgress(step.value);
    }
    if (step.done) {
      const { options, ...rest } = step.value;
      return {
        ok: true,
        result: {
          ...rest,
          options: options.map(({ id, label, costOnce, costPerYear }) => ({
            id,
            label,
            costOnce,
            costPerYear,
          })),
        },
        millis: performance.now() - started,
      };
    }
    await pause();
    if (stopped()) return { ok: false, reason: 'stopped' };
  }
}
