/**
 * A simulation as a sequence of chunks: trials are cut into chunks of a fixed size, chunk i
 * draws from its own random stream (seed, i), and chunk results are merged in chunk order.
 * Which thread runs which chunk therefore never changes the answer; the same blueprint, trials
 * and seed give the same figures on one worker or sixteen.
 *
 * The stopping rule of "run to a precision" is decided here, at chunk boundaries in chunk
 * order, for the same reason.
 */
import type { Model } from '../model';
import { isValidSeed, STREAM_PURPOSE } from '../random';
import { compileModel, type CompiledModel } from './compile';
import { TrialRunner } from './runner';
import { wilsonInterval } from './statistics';
import {
  createTally,
  mergeTally,
  summarizeTally,
  type SimulationSummary,
  type SimulationTally,
} from './tally';

/** Trials run when neither trials nor a precision is asked for. */
export const DEFAULT_TRIALS = 1_000_000;
/** Most trials run to reach a precision when no trial count is given. */
export const DEFAULT_PRECISION_TRIALS = 1_000_000_000;
/** The seed used when none is given. */
export const DEFAULT_SEED = 1;
/**
 * Trials per chunk. Part of what a seed means: the same seed with another chunk size gives
 * other (equally valid) figures.
 */
export const DEFAULT_CHUNK_SIZE = 1 << 18;
/** Most trials one simulation accepts (2⁵⁰). */
export const MAX_TRIALS = 2 ** 50;
/** Trials between two progress reports inside a chunk. */
export const PROGRESS_BATCH = 1 << 14;

/** What to simulate. */
export interface SimulationOptions {
  /**
   * Trials to run, a whole number ≥ 1. With {@link precision}, the most to run. Default
   * 1,000,000 (1,000,000,000 with a precision).
   */
  trials?: number;
  /**
   * Stop as soon as the half-width of the 95 % interval of R is below this (probability,
   * 0–0.5), checked after each chunk in chunk order.
   */
  precision?: number;
  /** Whole number from 0 to 2⁵³ − 1. Default 1. */
  seed?: number;
  /** Trials per chunk; default {@link DEFAULT_CHUNK_SIZE}. */
  chunkSize?: number;
  /** Sample durations and costs where the blueprint has them (default true). */
  timeAndCost?: boolean;
}

/** A checked {@link SimulationOptions} with every default filled in. */
export interface SimulationPlan {
  trials: number;
  precision: number | null;
  seed: number;
  chunkSize: number;
  chunkCount: number;
  timeAndCost: boolean;
}

/**
 * Checks the options and fills in the defaults. Throws a RangeError whose message is a
 * sentence naming the option when one is out of range.
 */
export function planSimulation(options: SimulationOptions = {}): SimulationPlan {
  const precision = options.precision ?? null;
  if (precision !== null && !(precision > 0 && precision <= 0.5)) {
    throw new RangeError(
      `The precision must be a number above 0 and at most 0.5 (a half-width of the 95 % interval of R); got ${precision}.`,
    );
  }
  const trials = options.trials ?? (precision === null ? DEFAULT_TRIALS : DEFAULT_PRECISION_TRIALS);
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) {
    throw new RangeError(
      `The number of trials must be a whole number from 1 to 2^50; got ${trials}.`,
    );
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!isValidSeed(seed)) {
    throw new RangeError(
      `The seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}; got ${seed}.`,
    );
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1 << 24) {
    throw new RangeError(
      `The chunk size must be a whole number from 1 to 16,777,216 trials; got ${chunkSize}.`,
    );
  }
  const chunkCount = Math.ceil(trials / chunkSize);
  if (chunkCount > 0xffffffff) {
    throw new RangeError(`${trials} trials in chunks of ${chunkSize} make too many chunks.`);
  }
  return {
    trials,
    precision,
    seed,
    chunkSize,
    chunkCount,
    timeAndCost: options.timeAndCost ?? true,
  };
}

/** Trials in chunk `index` of `plan` (the last chunk may be shorter). */
export function chunkLength(plan: SimulationPlan, index: number): number {
  return Math.min(plan.chunkSize, plan.trials - index * plan.chunkSize);
}

/**
 * Runs chunk `index` of `plan` on `runner` (a runner of the plan's compiled model) and returns
 * its counts. `onProgress` is called with the trials done so far in the chunk every
 * {@link PROGRESS_BATCH} trials.
 */
export function runSimulationChunk(
  runner: TrialRunner,
  plan: SimulationPlan,
  index: number,
  onProgress?: (trialsDone: number) => void,
): SimulationTally {
  runner.random.seed(plan.seed, index, STREAM_PURPOSE.trials);
  const length = chunkLength(plan, index);
  for (let done = 0; done < length;) {
    const batch = Math.min(PROGRESS_BATCH, length - done);
    runner.runTrials(batch);
    done += batch;
    if (onProgress && done < length) onProgress(done);
  }
  return runner.takeTally();
}

/** R after some trials, for a convergence chart. */
export interface ConvergencePoint {
  /** Trials run so far, the stopped ones included. */
  trials: number;
  /** Estimate of R over the completed trials, 0–1 (0 while none has completed). */
  reliability: number;
  /** 95 % Wilson interval. */
  low: number;
  high: number;
}

/** A finished (or cancelled) simulation. */
export interface SimulationResult extends SimulationSummary {
  seed: number;
  chunkSize: number;
  /** The precision asked for, or null. */
  precision: number | null;
  /** True when the run stopped because the precision was reached. */
  precisionReached: boolean;
  /** R after successive chunks (at most about 256 points, spread over the run). */
  convergence: ConvergencePoint[];
}

const MAX_CONVERGENCE_POINTS = 256;

/**
 * Merges chunk counts in chunk order into fixed-size totals and decides when the run is
 * complete. Memory stays the same however many trials are run.
 */
export class SimulationAccumulator {
  /** Everything merged so far. */
  readonly total: SimulationTally;
  /** Chunks merged so far (the next chunk to merge is this index). */
  chunksMerged = 0;
  /** True once every trial has run or the precision is reached. */
  done = false;
  precisionReached = false;
  private readonly convergence: ConvergencePoint[] = [];
  private convergenceStride = 1;

  constructor(
    private readonly compiled: CompiledModel,
    readonly plan: SimulationPlan,
  ) {
    this.total = createTally(compiled.nodeCount, compiled.timed, compiled.costed);
    if (plan.chunkCount === 0) this.done = true;
  }

  /**
   * Merges the counts of the next chunk (chunk {@link chunksMerged}); returns true when the
   * run is complete.
   */
  add(tally: SimulationTally): boolean {
    if (this.done) return true;
    mergeTally(this.total, tally);
    this.chunksMerged++;
    const { trials, successes, stopped } = this.total;
    if (this.chunksMerged % this.convergenceStride === 0) this.recordConvergence();
    const precision = this.plan.precision;
    if (precision !== null) {
      // Over the completed trials, like R itself; with none, the interval is [0, 1].
      const [low, high] = wilsonInterval(successes, trials - stopped);
      if ((high - low) / 2 < precision) {
        this.precisionReached = true;
        this.done = true;
      }
    }
    if (this.chunksMerged >= this.plan.chunkCount) this.done = true;
    return this.done;
  }

  /** The figures of everything merged so far. */
  result(): SimulationResult {
    const convergence = [...this.convergence];
    const last = convergence[convergence.length - 1];
    if (this.total.trials > 0 && (!last || last.trials !== this.total.trials)) {
      convergence.push(this.point());
    }
    return {
      ...summarizeTally(this.total, this.compiled.nodeIds, this.compiled.visitLimit),
      seed: this.plan.seed,
      chunkSize: this.plan.chunkSize,
      precision: this.plan.precision,
      precisionReached: this.precisionReached,
      convergence,
    };
  }

  private recordConvergence(): void {
    this.convergence.push(this.point());
    if (this.convergence.length >= MAX_CONVERGENCE_POINTS) {
      // Keep every other point and record half as often from now on.
      let kept = 0;
      for (let i = 1; i < this.convergence.length; i += 2)
        this.convergence[kept++] = this.convergence[i];
      this.convergence.length = kept;
      this.convergenceStride *= 2;
    }
  }

  private point(): ConvergencePoint {
    const { trials, successes, stopped } = this.total;
    const completed = trials - stopped;
    const [low, high] = wilsonInterval(successes, completed);
    return { trials, reliability: completed > 0 ? successes / completed : 0, low, high };
  }
}

/**
 * Simulates `model` on the calling thread: the same chunks, streams and merge order as the
 * worker pool, so the figures are the same as with any number of workers.
 *
 * @example
 * const result = simulate(model, { trials: 100_000, seed: 42 });
 * result.reliability; // ≈ systemReliability(model)
 */
export function simulate(model: Model, options: SimulationOptions = {}): SimulationResult {
  const plan = planSimulation(options);
  const compiled = compileModel(model, { timeAndCost: plan.timeAndCost });
  const runner = new TrialRunner(compiled);
  const accumulator = new SimulationAccumulator(compiled, plan);
  for (let chunk = 0; !accumulator.done; chunk++) {
    accumulator.add(runSimulationChunk(runner, plan, chunk));
  }
  return accumulator.result();
}
