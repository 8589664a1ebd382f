/**
 * What a run of trials counts, how two counts merge, and the summary people read. Counts are
 * plain data (typed arrays and numbers) so they can be sent between threads, and merging them
 * is exact: the same chunks merged in the same order give the same figures on any machine.
 */
import {
  createHistogram,
  histogramBins,
  histogramMean,
  histogramQuantile,
  mergeHistogram,
  type Histogram,
  type HistogramBin,
} from './histogram';
import { wilsonInterval } from './statistics';

/**
 * What a run of trials counted. Plain data (typed arrays and numbers) so it can be sent
 * between threads and merged; counts are per node index.
 */
export interface SimulationTally {
  trials: number;
  successes: number;
  /** Trials stopped by the loop guard (neither success nor failure). */
  stopped: number;
  /** Trials that failed at each node (steps, failure ends, joins whose block failed). */
  failPoints: Float64Array;
  /** Uncaught failures of each step, inside parallel branches too. */
  uncaught: Float64Array;
  /** Times each step's recovery caught a failure. */
  recoveries: Float64Array;
  /** Visits of each node. */
  visits: Float64Array;
  /** Trial durations (minutes), when the model has durations. */
  time: Histogram | null;
  /** Trial costs, when the model has costs. */
  cost: Histogram | null;
}

/** An empty tally for a model of `nodeCount` nodes. */
export function createTally(nodeCount: number, timed: boolean, costed: boolean): SimulationTally {
  return {
    trials: 0,
    successes: 0,
    stopped: 0,
    failPoints: new Float64Array(nodeCount),
    uncaught: new Float64Array(nodeCount),
    recoveries: new Float64Array(nodeCount),
    visits: new Float64Array(nodeCount),
    time: timed ? createHistogram() : null,
    cost: costed ? createHistogram() : null,
  };
}

/** Adds the counts of `from` to `into` (same model). */
export function mergeTally(into: SimulationTally, from: SimulationTally): void {
  into.trials += from.trials;
  into.successes += from.successes;
  into.stopped += from.stopped;
  addInto(into.failPoints, from.failPoints);
  addInto(into.uncaught, from.uncaught);
  addInto(into.recoveries, from.recoveries);
  addInto(into.visits, from.visits);
  if (into.time && from.time) mergeHistogram(into.time, from.time);
  if (into.cost && from.cost) mergeHistogram(into.cost, from.cost);
}

function addInto(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i++) into[i] += from[i];
}

/** The typed arrays of a tally, to hand to `postMessage` as transferables. */
export function tallyBuffers(tally: SimulationTally): ArrayBuffer[] {
  const arrays = [tally.failPoints, tally.uncaught, tally.recoveries, tally.visits];
  if (tally.time) arrays.push(tally.time.counts);
  if (tally.cost) arrays.push(tally.cost.counts);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** Distribution of trial durations (minutes) or costs (currency units). */
export interface ValueSummary {
  /** Trials measured: the completed ones (those stopped by the loop guard are not). */
  count: number;
  mean: number;
  /** Median, within 0.4 % (log-linear histogram buckets). */
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  /** Equal-width bins from min to max, for a chart. */
  histogram: HistogramBin[];
}

/** Per-node counts of a simulation. */
export interface NodeSimulationFigures {
  id: string;
  /** Visits, all trials together (those stopped by the loop guard too). */
  visits: number;
  /** Average visits per trial run (loops make it exceed 1); 0 before any trial. */
  visitsPerTrial: number;
  /** Trials that failed at this node. */
  failures: number;
  /** Uncaught failures of the step, in parallel branches too (a branch failure is not a trial failure). */
  uncaught: number;
  /** Failures caught by the step's recovery. */
  recoveries: number;
}

/** A fail point: where trials failed, with its share of all failures. */
export interface SimulatedFailPoint {
  id: string;
  count: number;
  /** Share, 0–1, of the failed trials that failed here. */
  share: number;
}

/**
 * Why a simulation has no figures: no trial has run yet (a run interrupted before its first
 * chunk), or every trial run was stopped by the loop guard.
 */
export type MissingFigures = 'no-trials' | 'all-stopped';

/**
 * What a simulation found, in the terms people read. R, its interval, failures per 10,000,
 * fail-point shares and the time and cost distributions are over the completed trials (those
 * that reached an end); trials stopped by the loop guard are counted apart, in `stopped`.
 */
export interface SimulationSummary {
  /** Trials run, the stopped ones included. */
  trials: number;
  /** Trials that reached an end, success or failure: `trials − stopped`. */
  completed: number;
  successes: number;
  /** Trials that failed (at a step, a failure end or a join). */
  failures: number;
  /** Trials stopped by the loop guard (more than {@link visitLimit} nodes visited). */
  stopped: number;
  /** The loop guard's runaway limit of the blueprint simulated (visits). */
  visitLimit: number;
  /**
   * Null when some trial completed. Otherwise why none did; R, its interval and failures per
   * 10,000 then say nothing (they are 0, [0, 1] and 0, never NaN).
   */
  missingFigures: MissingFigures | null;
  /** Share of completed trials that reached a success end: the estimate of R, 0–1. */
  reliability: number;
  /** 95 % Wilson interval of R, over the completed trials. */
  ci95: [number, number];
  /** Half the width of {@link ci95}. */
  halfWidth: number;
  /** Failed trials per 10,000 completed trials. */
  failuresPer10k: number;
  /** Node id → trials that failed there (only nodes where some did). */
  failPoints: Record<string, number>;
  /** Fail points, most failures first. */
  failPointRanking: SimulatedFailPoint[];
  nodes: NodeSimulationFigures[];
  /** Trial durations, when the blueprint has durations. */
  time: ValueSummary | null;
  /** Trial costs, when the blueprint has costs. */
  cost: ValueSummary | null;
}

/**
 * Summarises the counts of a simulation of the model whose node ids are `nodeIds` and whose
 * loop guard stops trials after `visitLimit` visits.
 */
export function summarizeTally(
  tally: SimulationTally,
  nodeIds: readonly string[],
  visitLimit: number,
): SimulationSummary {
  const { trials, successes, stopped } = tally;
  const completed = trials - stopped;
  const failures = completed - successes;
  const ci95 = wilsonInterval(successes, completed);
  const failPoints: Record<string, number> = {};
  const ranking: SimulatedFailPoint[] = [];
  const nodes: NodeSimulationFigures[] = nodeIds.map((id, v) => {
    const count = tally.failPoints[v];
    if (count > 0) {
      failPoints[id] = count;
      ranking.push({ id, count, share: failures > 0 ? count / failures : 0 });
    }
    return {
      id,
      visits: tally.visits[v],
      visitsPerTrial: trials > 0 ? tally.visits[v] / trials : 0,
      failures: count,
      uncaught: tally.uncaught[v],
      recoveries: tally.recoveries[v],
    };
  });
  ranking.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  return {
    trials,
    completed,
    successes,
    failures,
    stopped,
    visitLimit,
    missingFigures: completed > 0 ? null : trials > 0 ? 'all-stopped' : 'no-trials',
    reliability: completed > 0 ? successes / completed : 0,
    ci95,
    halfWidth: (ci95[1] - ci95[0]) / 2,
    failuresPer10k: completed > 0 ? (failures / completed) * 10_000 : 0,
    failPoints,
    failPointRanking: ranking,
    nodes,
    time: tally.time ? summarizeValues(tally.time) : null,
    cost: tally.cost ? summarizeValues(tally.cost) : null,
  };
}

/** Mean, percentiles and a chart histogram of recorded values; null when none were recorded. */
export function summarizeValues(histogram: Histogram, bins = 30): ValueSummary | null {
  if (histogram.count === 0) return null;
  return {
    count: histogram.count,
    mean: histogramMean(histogram),
    p50: histogramQuantile(histogram, 0.5),
    p90: histogramQuantile(histogram, 0.9),
    p95: histogramQuantile(histogram, 0.95),
    p99: histogramQuantile(histogram, 0.99),
    min: histogram.min,
    max: histogram.max,
    histogram: histogramBins(histogram, bins),
  };
}
