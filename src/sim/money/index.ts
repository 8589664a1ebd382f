/**
 * Money (SPEC §9): a blueprint's failures as a yearly loss, what an improvement earns against the
 * baseline, what recoveries cost, and the budget optimiser.
 */
export {
  customerValueOf,
  improvementReturn,
  rippleReach,
  yearlyLoss,
  type CustomerSpending,
  type Economics,
  type ImprovementCost,
  type ImprovementReturn,
  type YearlyLoss,
} from './definitions';
export {
  clampedMean,
  erfc,
  normalCdf,
  normalDensity,
  recoveryCosts,
  type RecoveryCost,
} from './recovery';
export {
  EXHAUSTIVE_LIMIT,
  combinationFigures,
  exhaustiveLimitFor,
  frontier,
  objective,
  optimize,
  optimizeSteps,
  type Combination,
  type CombinationFigures,
  type Evaluation,
  type OptimizeGoal,
  type OptimizeMethod,
  type OptimizeProblem,
  type OptimizeProgress,
  type OptimizeResult,
  type PricedOption,
} from './optimize';
export {
  lossByFailPoint,
  lossOf,
  optimizeBlueprint,
  optimizeBlueprintSteps,
  scenarioMoney,
  type BlueprintOptimization,
  type FailPointLoss,
  type MoneyRow,
  type OptimizeRefusal,
} from './blueprint';
export {
  DEFAULT_HORIZON_YEARS,
  ECONOMICS_FIELDS,
  OPTION_COST_FIELDS,
  economicsValueProblem,
  type EconomicsField,
  type EconomicsFieldKey,
  type EconomicsFieldKind,
} from './fields';
