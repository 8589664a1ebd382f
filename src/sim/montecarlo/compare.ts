/**
 * Paired comparison of scenarios with common random numbers: every trial is run under the
 * baseline and under each scenario from the same random stream, so the customer who meets a
 * failure at step 5 in the baseline meets it in every scenario that does not change step 5.
 * The differences between scenarios are then estimated from paired outcomes, whose variance
 * is far smaller than that of two independent runs.
 *
 * Each chunk has a master stream (seed, chunk); each trial takes three words from it as the
 * state of its own stream, which every scenario replays. Versions are compiled alike (the same
 * fused steps, the same way of sampling each decision, chosen by its number of branches), so
 * they consume the stream in the same order. A decision with many branches is sampled from an
 * alias table, which a changed probability reshuffles: the trial still replays its stream,
 * but the branches of such a decision are then less closely paired than by a scan.
 */
import type { NamedModel } from '../model';
import { RandomStream, STREAM_PURPOSE } from '../random';
import { compileScenarioModels, type CompiledModel } from './compile';
import { TrialRunner, TRIAL, type PairedChains } from './runner';
import { chunkLength, planSimulation, PROGRESS_BATCH, type SimulationPlan } from './simulation';
import { Z95 } from './statistics';
import {
  createTally,
  mergeTally,
  summarizeTally,
  type SimulationSummary,
  type SimulationTally,
} from './tally';

/** A version of the blueprint to compare: the baseline first, then its scenarios. */
export type ComparedModel = NamedModel;

/** What a chunk of a paired comparison counted. */
export interface ComparisonTally {
  trials: number;
  /** Counts of each version (index 0 the baseline). */
  versions: SimulationTally[];
  /** Per version: trials that succeeded in it but failed in the baseline. */
  gained: Float64Array;
  /** Per version: trials that succeeded in the baseline but not in it. */
  lost: Float64Array;
}

/** Empty counts for the compiled versions. */
export function createComparisonTally(compiled: readonly CompiledModel[]): ComparisonTally {
  return {
    trials: 0,
    versions: compiled.map((c) => createTally(c.nodeCount, c.timed, c.costed)),
    gained: new Float64Array(compiled.length),
    lost: new Float64Array(compiled.length),
  };
}

/** Adds the counts of `from` to `into`. */
export function mergeComparisonTally(into: ComparisonTally, from: ComparisonTally): void {
  into.trials += from.trials;
  into.versions.forEach((tally, i) => mergeTally(tally, from.versions[i]));
  for (let i = 0; i < into.gained.length; i++) {
    into.gained[i] += from.gained[i];
    into.lost[i] += from.lost[i];
  }
}

/**
 * Trials of a paired comparison run under one version before the next version runs them: long
 * enough for each version's trial loop (with its fused runs of steps) to run at full speed,
 * short enough for the generator states and outcomes to stay in cache.
 */
const PAIRED_BATCH = 1024;

/**
 * A chunk of a paired comparison being run, a batch of trials at a time: each batch takes
 * three words per trial from the chunk's master stream, then every version runs all the batch's
 * trials, each trial from its three words. Versions that are chains of the same links, without
 * durations or costs, walk each trial together ({@link TrialRunner.runPairedTogether}: one draw
 * per link for all); others each run the batch in their own loop
 * ({@link TrialRunner.runPairedTrials}). Either way, the same trials and figures as running
 * every version on one trial before the next trial.
 */
export class PairedChunk {
  /** Per version: trials that succeeded in it but failed in the baseline. */
  readonly gained: Float64Array;
  /** Per version: trials that succeeded in the baseline but not in it. */
  readonly lost: Float64Array;
  /** Trials run so far. */
  trials = 0;
  /** Successes of the baseline so far. */
  baselineSuccesses = 0;
  /** Trials of the baseline stopped by the loop guard so far. */
  baselineStopped = 0;
  private readonly master: RandomStream;
  private readonly states = new Int32Array(3 * PAIRED_BATCH);
  private readonly baseline = new Uint8Array(PAIRED_BATCH);
  private readonly outcomes = new Uint8Array(PAIRED_BATCH);
  /** The versions when they walk each trial together, else null. */
  private readonly together: PairedChains | null;
  /** Per trial of a batch walked together, one bit per version that succeeded. */
  private readonly masks: Int32Array;

  /** Chunk `index` of `plan`, run by `runners` (the compiled versions, the baseline first). */
  constructor(
    private readonly runners: readonly TrialRunner[],
    plan: SimulationPlan,
    index: number,
  ) {
    this.master = new RandomStream(plan.seed, index, STREAM_PURPOSE.comparison);
    this.gained = new Float64Array(runners.length);
    this.lost = new Float64Array(runners.length);
    this.together = TrialRunner.pairTogether(runners);
    this.masks = new Int32Array(this.together ? PAIRED_BATCH : 0);
  }

  /** Runs the next `count` trials under every version. */
  run(count: number): void {
    const { runners, master, states, baseline, outcomes, gained, lost } = this;
    for (let done = 0; done < count;) {
      const n = Math.min(PAIRED_BATCH, count - done);
      for (let i = 0; i < 3 * n; i++) states[i] = master.nextUint32();
      if (this.together !== null) {
        this.runTogether(this.together, n);
        done += n;
        continue;
      }
      this.baselineSuccesses += runners[0].runPairedTrials(states, n, baseline);
      for (let t = 0; t < n; t++) if (baseline[t] === TRIAL.stopped) this.baselineStopped++;
      for (let m = 1; m < runners.length; m++) {
        runners[m].runPairedTrials(states, n, outcomes);
        let gainedHere = 0;
        let lostHere = 0;
        for (let t = 0; t < n; t++) {
          const succeeded = outcomes[t] === TRIAL.succeeded;
          const baselineSucceeded = baseline[t] === TRIAL.succeeded;
          if (succeeded && !baselineSucceeded) gainedHere++;
          else if (!succeeded && baselineSucceeded) lostHere++;
        }
        gained[m] += gainedHere;
        lost[m] += lostHere;
      }
      done += n;
    }
    this.trials += count;
  }

  /** Runs a batch of `n` trials walked together, and counts what each version gained or lost. */
  private runTogether(together: PairedChains, n: number): void {
    const { masks, gained, lost } = this;
    TrialRunner.runPairedTogether(together, this.states, n, masks);
    const versions = together.runners.length;
    const everyone = (1 << versions) - 1;
    let baselineSuccesses = 0;
    for (let t = 0; t < n; t++) {
      const mask = masks[t];
      if (mask === everyone) {
        baselineSuccesses++;
        continue;
      }
      if (mask === 0) continue;
      const baseline = mask & 1;
      baselineSuccesses += baseline;
      for (let m = 1; m < versions; m++) {
        const succeeded = (mask >>> m) & 1;
        if (succeeded > baseline) gained[m]++;
        else if (succeeded < baseline) lost[m]++;
      }
    }
    this.baselineSuccesses += baselineSuccesses;
  }

  /** What the chunk counted; the runners start counting afresh. */
  tally(): ComparisonTally {
    return {
      trials: this.trials,
      versions: this.runners.map((r) => r.takeTally()),
      gained: this.gained,
      lost: this.lost,
    };
  }
}

/**
 * Runs chunk `index` of a paired comparison. `runners` run the compiled versions
 * ({@link compileScenarioModels}), the baseline first.
 */
export function runComparisonChunk(
  runners: readonly TrialRunner[],
  plan: SimulationPlan,
  index: number,
  onProgress?: (trialsDone: number) => void,
): ComparisonTally {
  const chunk = new PairedChunk(runners, plan, index);
  const length = chunkLength(plan, index);
  for (let done = 0; done < length;) {
    const batch = Math.min(PROGRESS_BATCH, length - done);
    chunk.run(batch);
    done += batch;
    if (onProgress && done < length) onProgress(done);
  }
  return chunk.tally();
}

/** One version's figures in a comparison. */
export interface ComparedVersion extends SimulationSummary {
  id: string;
  name: string;
  /** R of this version minus R of the baseline (0 for the baseline). */
  delta: number;
  /** 95 % interval of {@link delta} from the paired differences. */
  deltaCi95: [number, number];
  /** Trials that succeeded here but failed in the baseline. */
  gained: number;
  /** Trials that succeeded in the baseline but failed here. */
  lost: number;
}

/** A paired scenario comparison. */
export interface ComparisonResult {
  trials: number;
  seed: number;
  chunkSize: number;
  /** The baseline first, then each scenario. */
  versions: ComparedVersion[];
}

/**
 * Interval of the mean of paired differences d ∈ {−1, 0, 1}: `gained` trials with d = 1 and
 * `lost` with d = −1 out of `trials`.
 *
 * @returns [low, high], a difference of probabilities (−1 to 1).
 */
export function pairedDifferenceInterval(
  gained: number,
  lost: number,
  trials: number,
  z = Z95,
): [number, number] {
  if (trials <= 1) return [-1, 1];
  const mean = (gained - lost) / trials;
  const variance = (gained + lost - trials * mean * mean) / (trials - 1);
  const half = z * Math.sqrt(Math.max(0, variance) / trials);
  return [mean - half, mean + half];
}

/**
 * Merges comparison chunks in chunk order into fixed-size totals.
 */
export class ComparisonAccumulator {
  readonly total: ComparisonTally;
  chunksMerged = 0;
  done = false;

  constructor(
    private readonly versions: readonly { id: string; name: string }[],
    private readonly compiled: readonly CompiledModel[],
    readonly plan: SimulationPlan,
  ) {
    this.total = createComparisonTally(compiled);
    if (plan.chunkCount === 0) this.done = true;
  }

  /** Merges the next chunk; returns true when every chunk is in. */
  add(tally: ComparisonTally): boolean {
    if (this.done) return true;
    mergeComparisonTally(this.total, tally);
    this.chunksMerged++;
    if (this.chunksMerged >= this.plan.chunkCount) this.done = true;
    return this.done;
  }

  /** Successes of the baseline so far (for progress). */
  get baselineSuccesses(): number {
    return this.total.versions[0]?.successes ?? 0;
  }

  result(): ComparisonResult {
    const { total } = this;
    const summaries = total.versions.map((tally, i) =>
      summarizeTally(tally, this.compiled[i].nodeIds, this.compiled[i].visitLimit),
    );
    // Each R is over its version's completed trials, so ΔR is too.
    const baselineR = summaries[0].reliability;
    return {
      trials: total.trials,
      seed: this.plan.seed,
      chunkSize: this.plan.chunkSize,
      versions: this.versions.map((version, i) => {
        const summary = summaries[i];
        return {
          id: version.id,
          name: version.name,
          ...summary,
          delta: i === 0 ? 0 : summary.reliability - baselineR,
          deltaCi95:
            i === 0
              ? [0, 0]
              : pairedDifferenceInterval(total.gained[i], total.lost[i], total.trials),
          gained: total.gained[i],
          lost: total.lost[i],
        };
      }),
    };
  }
}

/** Checks the options and compiles the versions so that they share their random draws. */
export function prepareComparison(
  versions: readonly ComparedModel[],
  options: { trials?: number; seed?: number; chunkSize?: number; timeAndCost?: boolean } = {},
): { plan: SimulationPlan; compiled: CompiledModel[] } {
  if (versions.length === 0) {
    throw new RangeError('A comparison needs at least the baseline.');
  }
  const plan = planSimulation({ ...options, precision: undefined });
  const compiled = compileScenarioModels(
    versions.map((v) => v.model),
    { timeAndCost: plan.timeAndCost },
  );
  return { plan, compiled };
}

/**
 * Compares the baseline (first) with each scenario on the calling thread, with common random
 * numbers; the same figures as the worker pool gives.
 */
export function compareBySimulation(
  versions: readonly ComparedModel[],
  options: { trials?: number; seed?: number; chunkSize?: number; timeAndCost?: boolean } = {},
): ComparisonResult {
  const { plan, compiled } = prepareComparison(versions, options);
  const runners = compiled.map((c) => new TrialRunner(c));
  const accumulator = new ComparisonAccumulator(versions, compiled, plan);
  for (let chunk = 0; !accumulator.done; chunk++) {
    accumulator.add(runComparisonChunk(runners, plan, chunk));
  }
  return accumulator.result();
}

/** The 95 % interval of a difference of two independent estimates (for comparison). */
export function independentDifferenceInterval(
  a: { successes: number; trials: number },
  b: { successes: number; trials: number },
  z = Z95,
): [number, number] {
  if (!(a.trials > 0 && b.trials > 0)) return [-1, 1];
  const pa = a.successes / a.trials;
  const pb = b.successes / b.trials;
  const half = z * Math.sqrt((pa * (1 - pa)) / a.trials + (pb * (1 - pb)) / b.trials);
  return [pb - pa - half, pb - pa + half];
}
