/**
 * Monte Carlo simulation of a blueprint: seeded, reproducible whatever the number of workers,
 * allocation-free in its trial loop.
 *
 * - {@link simulate}: R with its 95 % interval, fail points, recoveries, visits, time and cost
 *   distributions; N trials or run to a precision.
 * - {@link compareBySimulation}: scenarios against the baseline with common random numbers.
 * - {@link uncertaintyAnalysis}: the distribution of R when reliabilities are observed data.
 *
 * These run on the calling thread; the worker pool (`src/workers/pool.ts`) runs the same chunks
 * on every core and merges them in the same order, so both give the same figures.
 */
export {
  compileModel,
  compileScenarioModels,
  fusableSteps,
  toThreshold,
  DRAW_RANGE,
  ALIAS_MIN_BRANCHES,
  aliasTable,
  type AliasTable,
  type CompiledModel,
  type CompileOptions,
} from './compile';
export { runawayVisitLimit, MIN_VISIT_LIMIT, VISITS_PER_NODE } from './guard';
export { TrialRunner, TRIAL } from './runner';
export {
  simulate,
  planSimulation,
  runSimulationChunk,
  chunkLength,
  SimulationAccumulator,
  DEFAULT_TRIALS,
  DEFAULT_PRECISION_TRIALS,
  DEFAULT_SEED,
  DEFAULT_CHUNK_SIZE,
  MAX_TRIALS,
  type SimulationOptions,
  type SimulationPlan,
  type SimulationResult,
  type ConvergencePoint,
} from './simulation';
export {
  compareBySimulation,
  prepareComparison,
  runComparisonChunk,
  PairedChunk,
  ComparisonAccumulator,
  pairedDifferenceInterval,
  independentDifferenceInterval,
  type ComparedModel,
  type ComparedVersion,
  type ComparisonResult,
  type ComparisonTally,
} from './compare';
export {
  uncertaintyAnalysis,
  planUncertainty,
  runUncertaintyChunk,
  uncertainSteps,
  UncertaintyAccumulator,
  DEFAULT_UNCERTAINTY_DRAWS,
  type UncertaintyOptions,
  type UncertaintyPlan,
  type UncertaintyResult,
} from './uncertainty';
export {
  createTally,
  mergeTally,
  summarizeTally,
  tallyBuffers,
  type SimulationTally,
  type SimulationSummary,
  type NodeSimulationFigures,
  type SimulatedFailPoint,
  type ValueSummary,
  type MissingFigures,
} from './tally';
export { wilsonInterval, wilsonHalfWidth, Z95, Z999 } from './statistics';
export type { HistogramBin } from './histogram';
