/**
 * Exact analysis of a blueprint: no sampling, every figure computed from the absorbing Markov
 * chains of its levels (the top level and each branch of each parallel block).
 *
 * - {@link systemReliability}: R alone, the fast path.
 * - {@link analyze}: everything of SPEC §3 "Exact analysis".
 * - {@link reliabilityWith}: R with one step changed, exact, without a re-analysis.
 * - {@link compareScenarios}: the scenario table (R, ΔR, growth, failures per 10,000).
 * - {@link reliabilityFormula}: R as a formula in the step variables, when one exists.
 * - {@link numberedFormula}: that formula with the step values, `0.99 × 0.98 × … = 0.765`.
 */
export {
  systemReliability,
  reliabilityAndFailure,
  reliabilityWith,
  stepChangeEffect,
} from './reliability';
export { analyze, DEFAULT_TORNADO_DELTA } from './analyze';
export { compareScenarios, BASELINE_ID } from './compare';
export type { ScenarioInput, ScenarioRow } from './compare';
export {
  reliabilityFormula,
  reliabilityFormulaDetails,
  evaluateFormula,
  formatFormula,
} from './formula';
export type {
  FormulaExpression,
  FormulaQuantity,
  FormulaVariable,
  ReliabilityFormula,
} from './formula';
export { numberedFormula, RESULT_DECIMALS } from './formula-numbers';
export type { NumberedFactor, NumberedFormula } from './formula-numbers';
export { ExactSolution } from './solution';
export { planExact } from './plan';
export type { ExactPlan } from './plan';
export type { ChangeEffect, StepChange, SolveOptions } from './solution';
export type {
  Analysis,
  AnalyzeOptions,
  FailPoint,
  NodeFigures,
  StepFigures,
  TornadoBar,
} from './types';
