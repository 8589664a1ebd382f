/**
 * Scenario comparison: every scenario's R against the baseline, as in the reference table
 * (0.765 → 0.816, +0.051, +6.67 %).
 */
import type { Model, NamedModel } from '../model';
import { ExactSolution } from './solution';

/** A scenario to compare: a model with the scenario's changes applied. */
export type ScenarioInput = NamedModel;

/** One row of the comparison table. */
export interface ScenarioRow {
  /** Scenario id; `baseline` for the first row. */
  id: string;
  name: string;
  /** System reliability, probability 0–1. */
  reliability: number;
  /** reliability − baseline reliability (probability; 0 for the baseline). */
  delta: number;
  /**
   * Relative growth delta / baseline reliability (0.0667 means +6.67 %). When the baseline
   * reliability is 0, growth is 0 for no change and ±Infinity otherwise.
   */
  growth: number;
  /** Expected failures per 10,000 customers (failure probability computed directly). */
  failuresPer10k: number;
}

/** Name of the first row of {@link compareScenarios}. */
export const BASELINE_ID = 'baseline';

/**
 * Exact R of the baseline and of each scenario, the baseline first (id `baseline`, name
 * `Baseline`), then the scenarios in the order given.
 */
export function compareScenarios(
  baseline: Model,
  scenarios: readonly ScenarioInput[],
): ScenarioRow[] {
  const base = new ExactSolution(baseline);
  const rows: ScenarioRow[] = [
    {
      id: BASELINE_ID,
      name: 'Baseline',
      reliability: base.reliability,
      delta: 0,
      growth: 0,
      failuresPer10k: base.failureProbability * 10_000,
    },
  ];
  for (const scenario of scenarios) {
    const solved = new ExactSolution(scenario.model);
    const delta = reliabilityDifference(solved, base);
    rows.push({
      id: scenario.id,
      name: scenario.name,
      reliability: solved.reliability,
      delta,
      growth: relativeGrowth(delta, base.reliability),
      failuresPer10k: solved.failureProbability * 10_000,
    });
  }
  return rows;
}

/**
 * R_scenario − R_baseline, taken from whichever pair of figures is smaller: near R = 1 the
 * failure probabilities carry the digits that 1 − F would lose.
 */
function reliabilityDifference(scenario: ExactSolution, baseline: ExactSolution): number {
  const failures = scenario.failureProbability + baseline.failureProbability;
  const successes = scenario.reliability + baseline.reliability;
  return failures < successes
    ? baseline.failureProbability - scenario.failureProbability
    : scenario.reliability - baseline.reliability;
}

function relativeGrowth(delta: number, reference: number): number {
  if (reference > 0) return delta / reference;
  if (delta === 0) return 0;
  return delta > 0 ? Infinity : -Infinity;
}
