/**
 * Uncertainty analysis: what the system reliability R could be, given that some step
 * reliabilities are only known from observed data. A step observed to succeed s times in n has
 * reliability Beta(s + 1, n − s + 1) (uniform prior); each draw sets every such step to a
 * value from its Beta distribution and computes R exactly. The spread of those R values is the
 * uncertainty of R.
 *
 * Draws are cut into chunks with their own streams, like the trials of a simulation, so the
 * result does not depend on how many workers computed it.
 */
import { planExact } from '../exact/plan';
import { systemReliability } from '../exact/reliability';
import type { Model } from '../model';
import { betaVariate, isValidSeed, RandomStream, STREAM_PURPOSE } from '../random';
import { binValues, type HistogramBin } from './histogram';
import { quantileOfSorted } from './statistics';

/** Draws when none is asked for. */
export const DEFAULT_UNCERTAINTY_DRAWS = 2000;
/** Draws per chunk. */
export const UNCERTAINTY_CHUNK_SIZE = 50;

/** What to compute. */
export interface UncertaintyOptions {
  /** Number of draws of the uncertain reliabilities, a whole number from 2 to 10,000,000. */
  draws?: number;
  /** Whole number from 0 to 2⁵³ − 1. Default 1. */
  seed?: number;
}

/** A checked {@link UncertaintyOptions}. */
export interface UncertaintyPlan {
  draws: number;
  seed: number;
  chunkSize: number;
  chunkCount: number;
}

/** Checks the options; throws a RangeError naming the option that is out of range. */
export function planUncertainty(options: UncertaintyOptions = {}): UncertaintyPlan {
  const draws = options.draws ?? DEFAULT_UNCERTAINTY_DRAWS;
  if (!Number.isInteger(draws) || draws < 2 || draws > 10_000_000) {
    throw new RangeError(
      `The number of draws must be a whole number from 2 to 10,000,000; got ${draws}.`,
    );
  }
  const seed = options.seed ?? 1;
  if (!isValidSeed(seed)) {
    throw new RangeError(
      `The seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}; got ${seed}.`,
    );
  }
  return {
    draws,
    seed,
    chunkSize: UNCERTAINTY_CHUNK_SIZE,
    chunkCount: Math.ceil(draws / UNCERTAINTY_CHUNK_SIZE),
  };
}

/** Steps whose reliability was given as observed data (node indices). */
export function uncertainSteps(model: Model): number[] {
  return model.nodes.filter((n) => n.type === 'step' && n.observed).map((n) => n.index);
}

/**
 * Computes the R of the draws of chunk `index`: one exact analysis per draw.
 *
 * @returns R of each draw, probabilities 0–1, in draw order.
 */
export function runUncertaintyChunk(
  model: Model,
  plan: UncertaintyPlan,
  index: number,
): Float64Array {
  const steps = uncertainSteps(model);
  const length = Math.min(plan.chunkSize, plan.draws - index * plan.chunkSize);
  const values = new Float64Array(length);
  if (steps.length === 0) {
    values.fill(systemReliability(model));
    return values;
  }
  const random = new RandomStream(plan.seed, index, STREAM_PURPOSE.uncertainty);
  const structure = planExact(model);
  const reliabilities = model.graph.reliability.slice();
  for (let d = 0; d < length; d++) {
    for (const v of steps) {
      const { successes, trials } = model.nodes[v].observed!;
      reliabilities[v] = betaVariate(random, successes + 1, trials - successes + 1);
    }
    values[d] = systemReliability(model, structure, reliabilities);
  }
  return values;
}

/** The distribution of R under the uncertainty of the observed reliabilities. */
export interface UncertaintyResult {
  draws: number;
  seed: number;
  /** Ids of the steps whose reliability was drawn. */
  uncertainSteps: string[];
  /** Mean of R over the draws (probability, 0–1). */
  mean: number;
  /** Standard deviation of R over the draws. */
  sd: number;
  median: number;
  /** 90 % interval of R: its 5th and 95th percentiles. */
  interval90: [number, number];
  min: number;
  max: number;
  /** Equal-width bins of the R values, for a chart. */
  histogram: HistogramBin[];
}

/** Collects the chunks' R values in chunk order. */
export class UncertaintyAccumulator {
  private readonly values: Float64Array;
  private filled = 0;
  chunksMerged = 0;
  done = false;

  constructor(
    private readonly model: Model,
    readonly plan: UncertaintyPlan,
  ) {
    this.values = new Float64Array(plan.draws);
  }

  /** Adds the next chunk's values; returns true when every draw is in. */
  add(values: Float64Array): boolean {
    this.values.set(values, this.filled);
    this.filled += values.length;
    this.chunksMerged++;
    if (this.chunksMerged >= this.plan.chunkCount) this.done = true;
    return this.done;
  }

  /** Draws done so far. */
  get drawsDone(): number {
    return this.filled;
  }

  result(): UncertaintyResult {
    const values = this.values.subarray(0, this.filled);
    const sorted = Float64Array.from(values).sort();
    let sum = 0;
    for (const x of values) sum += x;
    const mean = sum / values.length;
    let squares = 0;
    for (const x of values) squares += (x - mean) ** 2;
    return {
      draws: values.length,
      seed: this.plan.seed,
      uncertainSteps: uncertainSteps(this.model).map((v) => this.model.nodes[v].id),
      mean,
      sd: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0,
      median: quantileOfSorted(sorted, 0.5),
      interval90: [quantileOfSorted(sorted, 0.05), quantileOfSorted(sorted, 0.95)],
      min: sorted[0],
      max: sorted[sorted.length - 1],
      histogram: binValues(sorted, 20),
    };
  }
}

/** Runs an uncertainty analysis on the calling thread (same figures as the worker pool). */
export function uncertaintyAnalysis(
  model: Model,
  options: UncertaintyOptions = {},
): UncertaintyResult {
  const plan = planUncertainty(options);
  const accumulator = new UncertaintyAccumulator(model, plan);
  for (let chunk = 0; !accumulator.done; chunk++) {
    accumulator.add(runUncertaintyChunk(model, plan, chunk));
  }
  return accumulator.result();
}
