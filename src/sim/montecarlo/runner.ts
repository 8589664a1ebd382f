/**
 * The trial loop: walks a {@link CompiledModel} one customer at a time and counts what
 * happens into fixed-size accumulators. Nothing is allocated per trial.
 *
 * The loop keeps everything it changes per trial in locals: the generator's four words (sfc32,
 * stepped inline exactly as `RandomStream.nextUint32` steps it, and written back after the
 * loop), the trial's time and cost, the loop-guard counter and the stack of open blocks. Values
 * are drawn by samplers inlined in the loop from constants computed once per runner, normal
 * quantiles from a cubic table, and each trial's time and cost go into a typed array that is
 * recorded into the histograms a batch at a time. Rare paths (the fine part of a draw, once in
 * about 2³² comparisons) hand the generator to a method and take it back.
 *
 * A chain of steps (the common blueprint) has loops of its own. With durations or costs, the
 * chain loop only draws, keeping each trial's draws of values, and the values are worked out
 * afterwards, one distribution over a batch of trials at a time (same values, added in the same
 * order). The versions of a paired comparison that are chains of the same links walk each
 * trial together, one draw per link for all of them.
 */
import { RandomStream } from '../random';
import { HAS, OP, type CompiledModel } from './compile';
import {
  DIST,
  inverseNormal,
  NORMAL_TABLE_END,
  NORMAL_TABLE_FIRST,
  normalTable,
  SLOT,
  SLOTS_PER_NODE,
} from './distributions';
import { packHistogram, recordValues, type Histogram } from './histogram';
import { createTally, type SimulationTally } from './tally';

/** How a trial ended. */
export const TRIAL = {
  /** Reached a success end. */
  succeeded: 0,
  /** Failed: at a step's uncaught failure, a failure end, or a join whose block failed. */
  failed: 1,
  /** Stopped by the loop guard. */
  stopped: 2,
} as const;

/**
 * Most versions a paired comparison runs together ({@link TrialRunner.runPairedTogether}): one
 * bit each in a 32-bit mask.
 */
export const MAX_TOGETHER = 30;

/** What a link of a chain does with a draw, besides failing at a node (a node index, ≥ 0). */
const VERDICT = {
  passed: -1,
  recovered: -2,
  /** The draw's whole part is that of a threshold: its fine part decides. */
  undecided: -3,
} as const;

/**
 * The versions of a paired comparison that run their trials together
 * ({@link TrialRunner.pairTogether}): runners of chains of the same links.
 */
export interface PairedChains {
  /** The versions, the baseline first. */
  readonly runners: readonly TrialRunner[];
  /** The nodes of the chain, in order. */
  readonly chain: Int32Array;
  /** Per link, 1 when every version decides alike there, whatever the draw. */
  readonly shared: Uint8Array;
  /** Per link, 1 for a series, 0 for a step. */
  readonly series: Uint8Array;
  /**
   * Per link, a draw that passes in every version: a step's whole part u with u + 1 at most
   * this (the least pass threshold); a series' u at least this (the greatest).
   */
  readonly surePass: Float64Array;
}

/** Series longer than this find the failing step by bisection rather than by a scan. */
const SCAN_ROWS = 16;

/** Trial times and costs kept before they are recorded into the histograms. */
const VALUE_BATCH = 4096;
/** Draws of durations and costs a timed chain keeps at most per batch (see `valueBatch`). */
const DRAWS_KEPT = 1 << 18;
/** Fewest trials in a batch of a timed chain, however many values it draws. */
const MIN_VALUE_BATCH = 16;

/** 2⁻³², to turn a 32-bit draw into a fraction. */
const TWO_TO_MINUS_32 = 1 / 4294967296;
/** 2⁻²², the step of the position within a cell of the normal table. */
const TWO_TO_MINUS_22 = 1 / 4194304;
/** 2⁻⁵³, to turn a 53-bit draw into a fraction. */
const TWO_TO_MINUS_53 = 1 / 9007199254740992;

/**
 * The random durations and costs of a model as the trial loop samples them: one entry per
 * random distribution, in the order the loop draws them (per node: the step's duration, its
 * cost, then the recovery's duration and cost), with the constants of its inverse distribution
 * function worked out once.
 */
interface Samplers {
  /** Per node, its entries for the step at `2v` to `2v + 1`, for the recovery to `2v + 2`. */
  start: Int32Array;
  kind: Uint8Array;
  /** 1 when the value is a duration (added to the trial's time), 0 for a cost. */
  toTime: Uint8Array;
  /** uniform, triangular: min; normal: mean; lognormal: mu; exponential: mean. */
  a: Float64Array;
  /** uniform, triangular: max − min; normal: sd; lognormal: sigma. */
  b: Float64Array;
  /** triangular: mode − min. */
  c: Float64Array;
  /** triangular: max. */
  d: Float64Array;
  /** triangular: max − mode. */
  e: Float64Array;
  /** Per node, the fixed duration of the step at `2v`, of the recovery at `2v + 1`. */
  fixedTime: Float64Array;
  /** Per node, the fixed cost of the step at `2v`, of the recovery at `2v + 1`. */
  fixedCost: Float64Array;
}

function buildSamplers(compiled: CompiledModel): Samplers {
  const n = compiled.nodeCount;
  const table = compiled.distributions;
  const entries: { slot: number; toTime: number }[] = [];
  const start = new Int32Array(2 * n + 1);
  const fixedTime = new Float64Array(2 * n);
  const fixedCost = new Float64Array(2 * n);
  const phases = [
    { extras: HAS.stepExtras, time: SLOT.duration, cost: SLOT.cost },
    { extras: HAS.recoveryExtras, time: SLOT.recoveryDuration, cost: SLOT.recoveryCost },
  ];
  const randomKind = (slot: number) =>
    table.kind[slot] !== DIST.none && table.kind[slot] !== DIST.fixed;
  for (let v = 0; v < n; v++) {
    const flags = compiled.costFlags[v];
    phases.forEach((phase, k) => {
      start[2 * v + k] = entries.length;
      if (!(flags & phase.extras)) return;
      const base = v * SLOTS_PER_NODE;
      fixedTime[2 * v + k] = table.constant[base + phase.time];
      fixedCost[2 * v + k] = table.constant[base + phase.cost];
      if (randomKind(base + phase.time)) entries.push({ slot: base + phase.time, toTime: 1 });
      if (randomKind(base + phase.cost)) entries.push({ slot: base + phase.cost, toTime: 0 });
    });
  }
  start[2 * n] = entries.length;
  const count = entries.length;
  const samplers: Samplers = {
    start,
    kind: new Uint8Array(count),
    toTime: new Uint8Array(count),
    a: new Float64Array(count),
    b: new Float64Array(count),
    c: new Float64Array(count),
    d: new Float64Array(count),
    e: new Float64Array(count),
    fixedTime,
    fixedCost,
  };
  entries.forEach(({ slot, toTime }, i) => {
    const kind = table.kind[slot];
    samplers.kind[i] = kind;
    samplers.toTime[i] = toTime;
    samplers.a[i] = table.p1[slot];
    samplers.b[i] = table.p2[slot];
    if (kind === DIST.triangular) {
      // The same operations as `sampleSlot`, so that the values are the same to the last bit.
      const min = table.p1[slot];
      const mode = table.p2[slot];
      const max = table.p3[slot];
      samplers.b[i] = max - min;
      samplers.c[i] = mode - min;
      samplers.d[i] = max;
      samplers.e[i] = max - mode;
    }
  });
  return samplers;
}

/**
 * Runs trials of one compiled model. Keep one runner per model and thread; call
 * {@link TrialRunner.takeTally} to collect what it counted since the last call.
 *
 * Parallel blocks are walked with an explicit stack of open blocks (no recursion, nothing
 * allocated): entering a parallel pushes a frame and walks its first branch until the join;
 * each branch that ends (at the join, or by failing) moves on to the next, and after the last
 * the block passes or fails at its join.
 */
export class TrialRunner {
  /** The generator the trials draw from; reseed it to choose the stream. */
  readonly random: RandomStream;

  private readonly op: Uint8Array;
  private readonly next: Int32Array;
  private readonly failNext: Int32Array;
  private readonly passThreshold: Float64Array;
  private readonly caughtThreshold: Float64Array;
  private readonly span: Int32Array;
  private readonly need: Int32Array;
  private readonly tableStart: Int32Array;
  private readonly tableThreshold: Float64Array;
  private readonly tableTarget: Int32Array;
  private readonly tableAlias: Int32Array;
  private readonly samplers: Samplers;
  private readonly first: number;
  private readonly guarded: boolean;
  private readonly visitLimit: number;
  private readonly seriesHeads: Int32Array;
  /** True when the blueprint is one run of plain steps from start to a success end. */
  private readonly straightSeries: boolean;
  /** True when trials have a time or a cost to follow. */
  private readonly quantities: boolean;
  /**
   * When the blueprint is a chain from start to a success end of steps (without failure edges)
   * and series, with no loop: its nodes in order, walked by {@link runChain}; else null.
   */
  private readonly chain: Int32Array | null;
  /** Trials of the current run that failed at each link of {@link chain}. */
  private readonly chainFailures: Float64Array;
  /**
   * Trials a timed chain walks before their times and costs are worked out
   * ({@link runTimedChain}): up to {@link VALUE_BATCH}, fewer when the chain draws many values.
   */
  private readonly valueBatch: number;
  /** Per distribution entry, the 32-bit draws of the batch's trials (entry s from s · batch). */
  private readonly draws: Int32Array;
  /** Per link of a timed chain, 1 for each trial of the batch whose failure there was recovered. */
  private readonly recovered: Uint8Array;
  /** Per trial of the batch, the links of the chain it entered. */
  private readonly entered: Int32Array;
  /** Per trial of the batch, above the link when a recovery's values are to be added to it. */
  private readonly gate: Int32Array;
  /**
   * When every duration of a timed chain is a fixed part of a step, the time of a trial that
   * entered k links: the durations of the first k added in order; else null. Likewise costs.
   */
  private readonly timePrefix: Float64Array | null;
  private readonly costPrefix: Float64Array | null;

  private visits: Float64Array;
  private failPoints: Float64Array;
  private uncaught: Float64Array;
  private recoveries: Float64Array;
  private time: Histogram | null;
  private cost: Histogram | null;
  private trials = 0;
  private successes = 0;
  private stopped = 0;

  /** Times (minutes) and costs of the trials completed since the last recording. */
  private readonly timeValues: Float64Array;
  private readonly costValues: Float64Array;

  // The stack of open parallel blocks, innermost last (its depth is a local of the loop).
  private readonly frameParallel: Int32Array;
  private readonly frameRow: Int32Array;
  private readonly frameSucceeded: Int32Array;
  private readonly frameStarted: Float64Array;
  private readonly frameLongest: Float64Array;

  /**
   * @param compiled the model to run.
   * @param random the generator to draw from.
   * @param options `straightSeries: false` makes a blueprint that is one run of plain steps go
   *   through the chain loop, `chain: false` makes a chain go through the general loop (same
   *   draws, same counts; for tests and measurements).
   */
  constructor(
    private readonly compiled: CompiledModel,
    random: RandomStream = new RandomStream(),
    options: { straightSeries?: boolean; chain?: boolean } = {},
  ) {
    this.random = random;
    this.op = compiled.op;
    this.next = compiled.next;
    this.failNext = compiled.failNext;
    this.passThreshold = compiled.passThreshold;
    this.caughtThreshold = compiled.caughtThreshold;
    this.span = compiled.span;
    this.need = compiled.need;
    this.tableStart = compiled.tableStart;
    this.tableThreshold = compiled.tableThreshold;
    this.tableTarget = compiled.tableTarget;
    this.tableAlias = compiled.tableAlias;
    this.samplers = buildSamplers(compiled);
    this.first = compiled.next[compiled.start];
    this.guarded = compiled.guarded;
    this.visitLimit = compiled.visitLimit;
    this.quantities = compiled.timed || compiled.costed;
    this.straightSeries =
      options.straightSeries !== false &&
      options.chain !== false &&
      compiled.op[this.first] === OP.series &&
      compiled.op[compiled.next[this.first]] === OP.successEnd &&
      !compiled.guarded &&
      !this.quantities;
    this.chain = this.straightSeries || options.chain === false ? null : chainOf(compiled);
    this.chainFailures = new Float64Array(this.chain ? this.chain.length : 0);
    const timedChain = this.chain !== null && this.quantities;
    const entries = this.samplers.kind.length;
    this.valueBatch = timedChain
      ? Math.max(
          MIN_VALUE_BATCH,
          Math.min(VALUE_BATCH, Math.floor(DRAWS_KEPT / Math.max(1, entries))),
        )
      : 0;
    this.draws = new Int32Array(entries * this.valueBatch);
    this.recovered = new Uint8Array((this.chain?.length ?? 0) * this.valueBatch);
    this.entered = new Int32Array(this.valueBatch);
    this.gate = new Int32Array(this.valueBatch);
    this.timePrefix = timedChain ? fixedPrefix(this.chain!, compiled, this.samplers, 1) : null;
    this.costPrefix = timedChain ? fixedPrefix(this.chain!, compiled, this.samplers, 0) : null;
    const heads: number[] = [];
    for (let v = 0; v < compiled.nodeCount; v++) if (compiled.op[v] === OP.series) heads.push(v);
    this.seriesHeads = Int32Array.from(heads);
    const tally = createTally(compiled.nodeCount, compiled.timed, compiled.costed);
    this.visits = tally.visits;
    this.failPoints = tally.failPoints;
    this.uncaught = tally.uncaught;
    this.recoveries = tally.recoveries;
    this.time = tally.time;
    this.cost = tally.cost;
    this.timeValues = new Float64Array(compiled.timed ? VALUE_BATCH : 0);
    this.costValues = new Float64Array(compiled.costed ? VALUE_BATCH : 0);
    const depth = compiled.blockDepth;
    this.frameParallel = new Int32Array(depth);
    this.frameRow = new Int32Array(depth);
    this.frameSucceeded = new Int32Array(depth);
    this.frameStarted = new Float64Array(depth);
    this.frameLongest = new Float64Array(depth);
  }

  /** Runs one trial; returns how it ended (one of {@link TRIAL}). */
  runTrial(): number {
    const stoppedBefore = this.stopped;
    if (this.runTrials(1) === 1) return TRIAL.succeeded;
    return this.stopped > stoppedBefore ? TRIAL.stopped : TRIAL.failed;
  }

  /**
   * Runs `count` trials from the generator's current state; returns how many succeeded.
   *
   * (The loops are in their own functions and end with a plain return: the engine compiles a
   * long loop while it runs, and code after the loop would have no type information then.)
   */
  runTrials(count: number): number {
    return this.run(count, null, null);
  }

  /**
   * Runs `count` trials of a paired comparison: trial t starts the generator from the three
   * words `states[3t]`, `states[3t + 1]`, `states[3t + 2]` (as `RandomStream.setRandomState`
   * does) and its outcome, one of {@link TRIAL}, goes to `outcomes[t]`. The same trials as
   * `count` calls of {@link runTrial}, each after its `setRandomState`, in one loop. Returns
   * how many succeeded.
   */
  runPairedTrials(states: Int32Array, count: number, outcomes: Uint8Array): number {
    return this.run(count, states, outcomes);
  }

  private run(count: number, states: Int32Array | null, outcomes: Uint8Array | null): number {
    let successes: number;
    if (this.straightSeries) {
      successes = this.runStraightSeries(count, states, outcomes);
      this.visits[this.first] += count;
      this.visits[this.next[this.first]] += successes;
    } else if (this.chain !== null) {
      successes = this.quantities
        ? this.runTimedChain(this.chain, count, states, outcomes)
        : this.runChain(this.chain, count, states, outcomes, 0);
      this.countChainVisits(this.chain, count, successes);
    } else {
      successes = this.walkTrials(count, states, outcomes);
    }
    this.trials += count;
    this.successes += successes;
    return successes;
  }

  /**
   * Trials stopped by the loop guard since the last {@link takeTally}: with the successes
   * `runTrials` returns, what a caller needs to follow R inside a chunk.
   */
  get stoppedSoFar(): number {
    return this.stopped;
  }

  /**
   * Returns what was counted since the last call (histograms packed to their non-empty range)
   * and starts counting afresh.
   */
  takeTally(): SimulationTally {
    this.visits[this.compiled.start] += this.trials;
    this.completeSeriesVisits();
    const tally: SimulationTally = {
      trials: this.trials,
      successes: this.successes,
      stopped: this.stopped,
      failPoints: this.failPoints,
      uncaught: this.uncaught,
      recoveries: this.recoveries,
      visits: this.visits,
      time: this.time && packHistogram(this.time),
      cost: this.cost && packHistogram(this.cost),
    };
    const fresh = createTally(this.compiled.nodeCount, this.compiled.timed, this.compiled.costed);
    this.visits = fresh.visits;
    this.failPoints = fresh.failPoints;
    this.uncaught = fresh.uncaught;
    this.recoveries = fresh.recoveries;
    this.time = fresh.time;
    this.cost = fresh.cost;
    this.trials = 0;
    this.successes = 0;
    this.stopped = 0;
    return tally;
  }

  /**
   * The general trial loop. The loop over trials and the walk of one trial are one function
   * so that the engine keeps everything in registers between trials; with `states`, each
   * trial starts from its own generator state (paired comparison).
   */
  private walkTrials(
    count: number,
    states: Int32Array | null,
    outcomes: Uint8Array | null,
  ): number {
    const op = this.op;
    const next = this.next;
    const visits = this.visits;
    const random = this.random;
    const passThreshold = this.passThreshold;
    const caughtThreshold = this.caughtThreshold;
    const failNext = this.failNext;
    const span = this.span;
    const need = this.need;
    const tableStart = this.tableStart;
    const tableThreshold = this.tableThreshold;
    const tableTarget = this.tableTarget;
    const tableAlias = this.tableAlias;
    const uncaught = this.uncaught;
    const recoveries = this.recoveries;
    const failPoints = this.failPoints;
    const guarded = this.guarded;
    const visitLimit = this.visitLimit;
    const first = this.first;
    const frameParallel = this.frameParallel;
    const frameRow = this.frameRow;
    const frameSucceeded = this.frameSucceeded;
    const frameStarted = this.frameStarted;
    const frameLongest = this.frameLongest;
    const quantities = this.quantities;
    const samplers = this.samplers;
    const sampleStart = samplers.start;
    const sampleToTime = samplers.toTime;
    const fixedTime = samplers.fixedTime;
    const fixedCost = samplers.fixedCost;
    const timeValues = this.timeValues;
    const costValues = this.costValues;
    const timed = timeValues.length > 0;
    const costed = costValues.length > 0;
    let recorded = 0;
    // The generator's state (sfc32), stepped inline below as RandomStream.nextUint32 does.
    let ra = random.a;
    let rb = random.b;
    let rc = random.c;
    let rd = random.d;
    let successes = 0;
    let stoppedTrials = 0;
    for (let t = 0; t < count; t++) {
      if (states !== null) {
        ra = states[3 * t];
        rb = states[3 * t + 1];
        rc = states[3 * t + 2];
        rd = 1;
      }
      let elapsed = 0;
      let spent = 0;
      let trialVisits = 1;
      let depth = 0;
      // The join that ends the current branch, or -1 outside blocks.
      let stop = -1;
      // 0 once the current branch has failed (it then goes to its join to be counted).
      let branchOk = 1;
      let v = first;
      let outcome: number;
      walk: for (;;) {
        if (v === stop) {
          // A branch of the innermost open block has ended: on to its next branch, or judge
          // the block at its join; a failed block fails the enclosing branch in turn.
          let ok = branchOk;
          branchOk = 1;
          for (;;) {
            const d = depth - 1;
            const parallel = frameParallel[d];
            if (ok) frameSucceeded[d]++;
            if (quantities && elapsed > frameLongest[d]) frameLongest[d] = elapsed;
            const row = ++frameRow[d];
            if (row < tableStart[parallel + 1]) {
              if (quantities) elapsed = frameStarted[d];
              v = tableTarget[row];
              break;
            }
            // Every branch has run: the block takes its longest branch and is judged here.
            if (quantities) elapsed = frameLongest[d];
            depth = d;
            stop = d > 0 ? span[frameParallel[d - 1]] : -1;
            const join = span[parallel];
            visits[join]++;
            if (guarded) trialVisits++;
            if (frameSucceeded[d] >= need[parallel]) {
              v = next[join];
              break;
            }
            if (d === 0) {
              failPoints[join]++;
              v = -1;
              break;
            }
            ok = 0;
          }
          if (v < 0) {
            outcome = TRIAL.failed;
            break walk;
          }
          continue;
        }
        visits[v]++;
        if (guarded && ++trialVisits > visitLimit) {
          outcome = TRIAL.stopped;
          break walk;
        }
        let failedAt: number;
        switch (op[v]) {
          case OP.series: {
            const drawn = (((ra + rb) | 0) + rd) | 0;
            rd = (rd + 1) | 0;
            ra = rb ^ (rb >>> 9);
            rb = (rc + (rc << 3)) | 0;
            rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
            const u = drawn >>> 0;
            // u ≥ the threshold passes whatever the draw's fine part (see compile.ts).
            if (u >= passThreshold[v]) {
              if (guarded) trialVisits += span[v] - 1;
              v = next[v];
              continue;
            }
            const end = tableStart[v] + span[v];
            let row = this.failingRow(v, u);
            if (u + 1 > tableThreshold[row]) {
              random.a = ra;
              random.b = rb;
              random.c = rc;
              random.d = rd;
              row = this.fineRow(row, end, u);
              ra = random.a;
              rb = random.b;
              rc = random.c;
              rd = random.d;
              if (row >= end) {
                if (guarded) trialVisits += span[v] - 1;
                v = next[v];
                continue;
              }
            }
            if (guarded) trialVisits += row - tableStart[v];
            failedAt = tableTarget[row];
            uncaught[failedAt]++;
            break;
          }
          case OP.step: {
            let drawn = (((ra + rb) | 0) + rd) | 0;
            rd = (rd + 1) | 0;
            ra = rb ^ (rb >>> 9);
            rb = (rc + (rc << 3)) | 0;
            rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
            const u = drawn >>> 0;
            if (quantities) {
              // The step's duration and cost: fixed parts, then one draw per random one.
              const phase = 2 * v;
              elapsed += fixedTime[phase];
              spent += fixedCost[phase];
              for (let s = sampleStart[phase], last = sampleStart[phase + 1]; s < last; s++) {
                drawn = (((ra + rb) | 0) + rd) | 0;
                rd = (rd + 1) | 0;
                ra = rb ^ (rb >>> 9);
                rb = (rc + (rc << 3)) | 0;
                rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
                const value = sampleValue(samplers, s, drawn >>> 0);
                if (sampleToTime[s] === 1) elapsed += value;
                else spent += value;
              }
            }
            // u + 1 ≤ pass: below the threshold whatever the fine part; else a band is sure
            // unless u is the whole part of a threshold.
            const pass = passThreshold[v];
            if (u + 1 <= pass) {
              v = next[v];
              continue;
            }
            const caught = caughtThreshold[v];
            let band = u >= caught ? 2 : u >= pass && u + 1 <= caught ? 1 : -1;
            if (band < 0) {
              random.a = ra;
              random.b = rb;
              random.c = rc;
              random.d = rd;
              const x = u + random.nextFineFraction();
              ra = random.a;
              rb = random.b;
              rc = random.c;
              rd = random.d;
              band = x < pass ? 0 : x < caught ? 1 : 2;
            }
            if (band === 0) {
              v = next[v];
              continue;
            }
            if (band === 1) {
              recoveries[v]++;
              if (quantities) {
                const phase = 2 * v + 1;
                elapsed += fixedTime[phase];
                spent += fixedCost[phase];
                for (let s = sampleStart[phase], last = sampleStart[phase + 1]; s < last; s++) {
                  drawn = (((ra + rb) | 0) + rd) | 0;
                  rd = (rd + 1) | 0;
                  ra = rb ^ (rb >>> 9);
                  rb = (rc + (rc << 3)) | 0;
                  rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
                  const value = sampleValue(samplers, s, drawn >>> 0);
                  if (sampleToTime[s] === 1) elapsed += value;
                  else spent += value;
                }
              }
              v = next[v];
              continue;
            }
            uncaught[v]++;
            const alternative = failNext[v];
            if (alternative >= 0) {
              v = alternative;
              continue;
            }
            failedAt = v;
            break;
          }
          case OP.successEnd:
            outcome = TRIAL.succeeded;
            break walk;
          case OP.decision: {
            const drawn = (((ra + rb) | 0) + rd) | 0;
            rd = (rd + 1) | 0;
            ra = rb ^ (rb >>> 9);
            rb = (rc + (rc << 3)) | 0;
            rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
            const u = drawn >>> 0;
            let row = tableStart[v];
            while (u >= tableThreshold[row]) row++;
            // The last row's threshold is 2³², above every draw, so the scan stops there.
            if (u + 1 > tableThreshold[row]) {
              random.a = ra;
              random.b = rb;
              random.c = rc;
              random.d = rd;
              row = this.fineRow(row, tableStart[v + 1], u);
              ra = random.a;
              rb = random.b;
              rc = random.c;
              rd = random.d;
            }
            v = tableTarget[row];
            continue;
          }
          case OP.aliasDecision: {
            // A column chosen uniformly, then kept or traded for its alias by the fraction
            // left: one 53-bit draw, the same work for 10 branches or 1,000,000.
            const high = (((ra + rb) | 0) + rd) | 0;
            rd = (rd + 1) | 0;
            ra = rb ^ (rb >>> 9);
            rb = (rc + (rc << 3)) | 0;
            rc = (((rc << 21) | (rc >>> 11)) + high) | 0;
            const low = (((ra + rb) | 0) + rd) | 0;
            rd = (rd + 1) | 0;
            ra = rb ^ (rb >>> 9);
            rb = (rc + (rc << 3)) | 0;
            rc = (((rc << 21) | (rc >>> 11)) + low) | 0;
            const unit = ((high >>> 0) * 2097152 + (low >>> 11)) * TWO_TO_MINUS_53;
            const firstRow = tableStart[v];
            const columns = tableStart[v + 1] - firstRow;
            const scaled = unit * columns;
            let column = Math.floor(scaled);
            if (column >= columns) column = columns - 1;
            const row = firstRow + column;
            v = scaled - column < tableThreshold[row] ? tableTarget[row] : tableAlias[row];
            continue;
          }
          case OP.parallel: {
            const row = tableStart[v];
            frameParallel[depth] = v;
            frameRow[depth] = row;
            frameSucceeded[depth] = 0;
            if (quantities) {
              frameStarted[depth] = elapsed;
              frameLongest[depth] = elapsed;
            }
            depth++;
            stop = span[v];
            v = tableTarget[row];
            continue;
          }
          case OP.failureEnd:
            failedAt = v;
            break;
          case OP.pass:
            v = next[v];
            continue;
          default:
            throw new Error(
              `The simulation reached node "${this.compiled.nodeIds[v]}" in a way the blueprint does not allow.`,
            );
        }
        // A failure: it ends the trial at top level, and only the branch inside a block (which
        // then goes to its join, where the block counts it).
        if (stop < 0) {
          failPoints[failedAt]++;
          outcome = TRIAL.failed;
          break walk;
        }
        branchOk = 0;
        v = stop;
      }
      if (outcomes !== null) outcomes[t] = outcome;
      if (outcome === TRIAL.succeeded) {
        successes++;
      } else if (outcome === TRIAL.stopped) {
        stoppedTrials++;
        continue;
      }
      if (quantities) {
        if (timed) timeValues[recorded] = elapsed;
        if (costed) costValues[recorded] = spent;
        if (++recorded === VALUE_BATCH) {
          this.recordTrialValues(recorded);
          recorded = 0;
        }
      }
    }
    if (recorded > 0) this.recordTrialValues(recorded);
    random.a = ra;
    random.b = rb;
    random.c = rc;
    random.d = rd;
    this.stopped += stoppedTrials;
    return successes;
  }

  /**
   * The trial loop of a blueprint that is a chain of steps and series from start to a success
   * end ({@link chain}): no node to dispatch on, no loop guard, no block. It draws and counts
   * exactly as the general loop would; the caller counts visits per link afterwards
   * ({@link countChainVisits}), from how many trials failed at each. Each trial starts at link
   * `from` (0, or later to finish a trial begun by {@link runPairedTogether}).
   */
  private runChain(
    chain: Int32Array,
    count: number,
    states: Int32Array | null,
    outcomes: Uint8Array | null,
    from: number,
  ): number {
    const op = this.op;
    const random = this.random;
    const passThreshold = this.passThreshold;
    const caughtThreshold = this.caughtThreshold;
    const tableStart = this.tableStart;
    const tableThreshold = this.tableThreshold;
    const tableTarget = this.tableTarget;
    const span = this.span;
    const uncaught = this.uncaught;
    const recoveries = this.recoveries;
    const failPoints = this.failPoints;
    const failures = this.chainFailures;
    const links = chain.length;
    const quantities = this.quantities;
    const sampleStart = this.samplers.start;
    const draws = this.draws;
    const recovered = this.recovered;
    const entered = this.entered;
    const batch = this.valueBatch;
    let ra = random.a;
    let rb = random.b;
    let rc = random.c;
    let rd = random.d;
    let successes = 0;
    for (let t = 0; t < count; t++) {
      if (states !== null) {
        ra = states[3 * t];
        rb = states[3 * t + 1];
        rc = states[3 * t + 2];
        rd = 1;
      }
      let outcome: number = TRIAL.succeeded;
      let reached = links;
      for (let k = from; k < links; k++) {
        const v = chain[k];
        let drawn = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
        const u = drawn >>> 0;
        if (op[v] === OP.series) {
          if (u >= passThreshold[v]) continue;
          const end = tableStart[v] + span[v];
          let row = this.failingRow(v, u);
          if (u + 1 > tableThreshold[row]) {
            random.a = ra;
            random.b = rb;
            random.c = rc;
            random.d = rd;
            row = this.fineRow(row, end, u);
            ra = random.a;
            rb = random.b;
            rc = random.c;
            rd = random.d;
            if (row >= end) continue;
          }
          const member = tableTarget[row];
          uncaught[member]++;
          failPoints[member]++;
          failures[k]++;
          outcome = TRIAL.failed;
          reached = k + 1;
          break;
        }
        if (quantities) {
          // The step's draws for its duration and cost, turned into values afterwards.
          for (let s = sampleStart[2 * v], last = sampleStart[2 * v + 1]; s < last; s++) {
            drawn = (((ra + rb) | 0) + rd) | 0;
            rd = (rd + 1) | 0;
            ra = rb ^ (rb >>> 9);
            rb = (rc + (rc << 3)) | 0;
            rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
            draws[s * batch + t] = drawn;
          }
        }
        const pass = passThreshold[v];
        if (u + 1 <= pass) continue;
        const caught = caughtThreshold[v];
        let band = u >= caught ? 2 : u >= pass && u + 1 <= caught ? 1 : -1;
        if (band < 0) {
          random.a = ra;
          random.b = rb;
          random.c = rc;
          random.d = rd;
          const x = u + random.nextFineFraction();
          ra = random.a;
          rb = random.b;
          rc = random.c;
          rd = random.d;
          band = x < pass ? 0 : x < caught ? 1 : 2;
        }
        if (band === 0) continue;
        if (band === 1) {
          recoveries[v]++;
          if (quantities) {
            recovered[k * batch + t] = 1;
            for (let s = sampleStart[2 * v + 1], last = sampleStart[2 * v + 2]; s < last; s++) {
              drawn = (((ra + rb) | 0) + rd) | 0;
              rd = (rd + 1) | 0;
              ra = rb ^ (rb >>> 9);
              rb = (rc + (rc << 3)) | 0;
              rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
              draws[s * batch + t] = drawn;
            }
          }
          continue;
        }
        uncaught[v]++;
        failPoints[v]++;
        failures[k]++;
        outcome = TRIAL.failed;
        reached = k + 1;
        break;
      }
      if (outcomes !== null) outcomes[t] = outcome;
      if (outcome === TRIAL.succeeded) successes++;
      if (quantities) entered[t] = reached;
    }
    random.a = ra;
    random.b = rb;
    random.c = rc;
    random.d = rd;
    return successes;
  }

  /**
   * The trial loop of a chain with durations or costs, a batch of trials at a time: the chain
   * loop walks the batch, keeping the draws of the durations and costs, then
   * {@link recordChainValues} turns them into each trial's time and cost.
   */
  private runTimedChain(
    chain: Int32Array,
    count: number,
    states: Int32Array | null,
    outcomes: Uint8Array | null,
  ): number {
    const batch = this.valueBatch;
    let successes = 0;
    for (let done = 0; done < count; done += batch) {
      const n = Math.min(batch, count - done);
      successes += this.runChain(
        chain,
        n,
        states && states.subarray(3 * done, 3 * (done + n)),
        outcomes && outcomes.subarray(done, done + n),
        0,
      );
      this.recordChainValues(chain, n);
    }
    return successes;
  }

  /**
   * Works out the time and cost of the `count` trials whose draws {@link runChain} kept, and
   * records them. Link after link, each value is added to every trial that drew it, in one loop
   * per distribution with its constants in registers: each trial's total is the sum of the same
   * values in the same order as when the loop added them one trial at a time. A total made of
   * fixed parts of steps only is looked up from the links the trial entered.
   */
  private recordChainValues(chain: Int32Array, count: number): void {
    const times = this.timeValues;
    const costs = this.costValues;
    const entered = this.entered;
    const gate = this.gate;
    const recovered = this.recovered;
    const batch = this.valueBatch;
    const timePrefix = this.timePrefix;
    const costPrefix = this.costPrefix;
    if (timePrefix !== null) for (let t = 0; t < count; t++) times[t] = timePrefix[entered[t]];
    else times.fill(0, 0, count);
    if (costPrefix !== null) for (let t = 0; t < count; t++) costs[t] = costPrefix[entered[t]];
    else costs.fill(0, 0, count);
    for (let k = 0; k < chain.length; k++) {
      const v = chain[k];
      if (this.op[v] === OP.series) continue;
      const flags = this.compiled.costFlags[v];
      if (flags & HAS.stepExtras) this.addChainValues(2 * v, count, entered, k);
      if (flags & HAS.recoveryExtras) {
        const row = k * batch;
        for (let t = 0; t < count; t++) gate[t] = recovered[row + t] * (k + 1);
        this.addChainValues(2 * v + 1, count, gate, k);
      }
      recovered.fill(0, k * batch, k * batch + count);
    }
    this.recordTrialValues(count);
  }

  /**
   * Adds the fixed duration and cost of `phase` (2v: step v; 2v + 1: its recovery), unless
   * looked up already, and its random values to the trials t with `gate[t]` above `k`.
   */
  private addChainValues(phase: number, count: number, gate: Int32Array, k: number): void {
    const samplers = this.samplers;
    const times = this.timeValues;
    const costs = this.costValues;
    // Adding 0 leaves a total as it is: fixed parts of 0 are skipped, and a fixed part times the
    // flag (0 or 1, the sign of k − gate) adds it to the trials included, without a branch.
    const fixedTime = this.timePrefix === null ? samplers.fixedTime[phase] : 0;
    if (fixedTime !== 0) {
      for (let t = 0; t < count; t++) times[t] += ((k - gate[t]) >>> 31) * fixedTime;
    }
    const fixedCost = this.costPrefix === null ? samplers.fixedCost[phase] : 0;
    if (fixedCost !== 0) {
      for (let t = 0; t < count; t++) costs[t] += ((k - gate[t]) >>> 31) * fixedCost;
    }
    for (let s = samplers.start[phase]; s < samplers.start[phase + 1]; s++) {
      const totals = samplers.toTime[s] === 1 ? times : costs;
      addSampledValues(samplers, s, this.draws, s * this.valueBatch, count, gate, k, totals);
    }
  }

  /** Visits of a chain's links (and its end) in a run of `count` trials. */
  private countChainVisits(chain: Int32Array, count: number, successes: number): void {
    const failures = this.chainFailures;
    let entered = count;
    for (let k = 0; k < chain.length; k++) {
      this.visits[chain[k]] += entered;
      entered -= failures[k];
      failures[k] = 0;
    }
    this.visits[this.next[chain[chain.length - 1]]] += successes;
  }

  /**
   * The versions of a paired comparison as {@link PairedChains} when they can run their trials
   * together ({@link runPairedTogether}): each a chain of the same links following neither
   * time nor cost, at most {@link MAX_TOGETHER} versions. Null otherwise: each version then
   * runs its own loop ({@link runPairedTrials}).
   */
  static pairTogether(runners: readonly TrialRunner[]): PairedChains | null {
    if (runners.length === 0 || runners.length > MAX_TOGETHER) return null;
    const lead = runners[0];
    const chain = lead.chain;
    if (chain === null) return null;
    const sameLinks = (runner: TrialRunner) =>
      runner.chain !== null &&
      !runner.quantities &&
      runner.chain.length === chain.length &&
      runner.chain.every((v, k) => v === chain[k] && runner.op[v] === lead.op[v]);
    if (!runners.every(sameLinks)) return null;
    const links = chain.length;
    const shared = new Uint8Array(links);
    const series = new Uint8Array(links);
    const surePass = new Float64Array(links);
    for (let k = 0; k < links; k++) {
      const v = chain[k];
      const passes = runners.map((runner) => runner.passThreshold[v]);
      series[k] = lead.op[v] === OP.series ? 1 : 0;
      surePass[k] = series[k] === 1 ? Math.max(...passes) : Math.min(...passes);
      shared[k] = runners.every((runner) => runner.decidesAlike(lead, v)) ? 1 : 0;
    }
    return { runners, chain, shared, series, surePass };
  }

  /** True when this runner and `other` decide alike at link `v` of their chain, whatever the draw. */
  private decidesAlike(other: TrialRunner, v: number): boolean {
    if (
      this.passThreshold[v] !== other.passThreshold[v] ||
      this.caughtThreshold[v] !== other.caughtThreshold[v] ||
      this.span[v] !== other.span[v]
    ) {
      return false;
    }
    if (this.op[v] !== OP.series) return true;
    for (let i = 0; i < this.span[v]; i++) {
      const row = this.tableStart[v] + i;
      const otherRow = other.tableStart[v] + i;
      if (
        this.tableThreshold[row] !== other.tableThreshold[otherRow] ||
        this.tableTarget[row] !== other.tableTarget[otherRow]
      ) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs `count` trials of a paired comparison under every version of `group` at once, trial t
   * from the three words `states[3t]` to `states[3t + 2]` as {@link runPairedTrials} does; bit m
   * of `masks[t]` is set when the trial succeeded under version m. The draws and the counts are
   * those of each version running the trials alone: a link draws once for every version still
   * in the trial; where the versions decide alike (or the draw passes in all), one comparison
   * serves them all, elsewhere each is judged on the same draw. A version whose draw needs its
   * fine part (about once in 2³² comparisons) would then draw once more than the others: it
   * finishes the trial alone, from that link and the generator state before its draw.
   */
  static runPairedTogether(
    group: PairedChains,
    states: Int32Array,
    count: number,
    masks: Int32Array,
  ): void {
    const { runners, chain, shared, series, surePass } = group;
    const versions = runners.length;
    const everyone = (1 << versions) - 1;
    const lead = runners[0];
    const links = chain.length;
    for (let t = 0; t < count; t++) {
      let ra = states[3 * t];
      let rb = states[3 * t + 1];
      let rc = states[3 * t + 2];
      let rd = 1;
      // Versions still walking the trial together; versions that finished it alone and succeeded.
      let together = everyone;
      let alone = 0;
      for (let k = 0; k < links && together !== 0; k++) {
        const sa = ra;
        const sb = rb;
        const sc = rc;
        const sd = rd;
        const drawn = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
        const u = drawn >>> 0;
        if (series[k] === 1 ? u >= surePass[k] : u + 1 <= surePass[k]) continue;
        const v = chain[k];
        if (shared[k] === 1) {
          const verdict = lead.verdict(v, u);
          if (verdict === VERDICT.passed) continue;
          for (let m = 0; m < versions; m++) {
            if ((together & (1 << m)) === 0) continue;
            if (verdict === VERDICT.undecided) {
              if (runners[m].finishChainTrial(k, sa, sb, sc, sd) === 1) alone |= 1 << m;
            } else {
              runners[m].countVerdict(verdict, k, v);
            }
          }
          if (verdict !== VERDICT.recovered) together = 0;
          continue;
        }
        for (let m = 0; m < versions; m++) {
          const bit = 1 << m;
          if ((together & bit) === 0) continue;
          const runner = runners[m];
          const verdict = runner.verdict(v, u);
          if (verdict === VERDICT.passed) continue;
          if (verdict === VERDICT.undecided) {
            together &= ~bit;
            if (runner.finishChainTrial(k, sa, sb, sc, sd) === 1) alone |= bit;
            continue;
          }
          runner.countVerdict(verdict, k, v);
          if (verdict !== VERDICT.recovered) together &= ~bit;
        }
      }
      masks[t] = together | alone;
    }
    const successes = new Float64Array(versions);
    let all = 0;
    for (let t = 0; t < count; t++) {
      const mask = masks[t];
      if (mask === everyone) all++;
      else if (mask !== 0) for (let m = 0; m < versions; m++) successes[m] += (mask >>> m) & 1;
    }
    runners.forEach((runner, m) => {
      runner.trials += count;
      runner.successes += all + successes[m];
      runner.countChainVisits(chain, count, all + successes[m]);
    });
  }

  /**
   * What link `v` of this runner's chain does with the whole part `u` of a draw: one of
   * {@link VERDICT}, or the node where the trial fails (a series' failing step, or the step).
   */
  private verdict(v: number, u: number): number {
    const pass = this.passThreshold[v];
    if (this.op[v] === OP.series) {
      if (u >= pass) return VERDICT.passed;
      const row = this.failingRow(v, u);
      return u + 1 > this.tableThreshold[row] ? VERDICT.undecided : this.tableTarget[row];
    }
    if (u + 1 <= pass) return VERDICT.passed;
    const caught = this.caughtThreshold[v];
    if (u >= caught) return v;
    return u >= pass && u + 1 <= caught ? VERDICT.recovered : VERDICT.undecided;
  }

  /** Counts a recovery at link `k` (node `v`) of the chain, or a failure at node `verdict`. */
  private countVerdict(verdict: number, k: number, v: number): void {
    if (verdict === VERDICT.recovered) {
      this.recoveries[v]++;
      return;
    }
    this.uncaught[verdict]++;
    this.failPoints[verdict]++;
    this.chainFailures[k]++;
  }

  /**
   * Finishes a trial alone from link `from` of the chain, the generator in state (a, b, c, d)
   * before the link's draw; returns 1 when it succeeds. Its counts go where its own loop's go.
   */
  private finishChainTrial(from: number, a: number, b: number, c: number, d: number): number {
    this.random.a = a;
    this.random.b = b;
    this.random.c = c;
    this.random.d = d;
    return this.runChain(this.chain!, 1, null, null, from);
  }

  /** Records the times and costs of the first `length` trials kept in the value arrays. */
  private recordTrialValues(length: number): void {
    if (this.time !== null) recordValues(this.time, this.timeValues, length);
    if (this.cost !== null) recordValues(this.cost, this.costValues, length);
  }

  /**
   * The trial loop of a blueprint that is a single run of plain steps from start to a success
   * end: each trial is one draw against the run's thresholds. It draws and counts exactly as
   * the general loop would, only without walking from node to node.
   */
  private runStraightSeries(
    count: number,
    states: Int32Array | null,
    outcomes: Uint8Array | null,
  ): number {
    const random = this.random;
    const head = this.first;
    const pass = this.passThreshold[head];
    const thresholds = this.tableThreshold;
    const tableTarget = this.tableTarget;
    const uncaught = this.uncaught;
    const failPoints = this.failPoints;
    const end = this.tableStart[head] + this.span[head];
    let ra = random.a;
    let rb = random.b;
    let rc = random.c;
    let rd = random.d;
    let successes = 0;
    for (let t = 0; t < count; t++) {
      if (states !== null) {
        ra = states[3 * t];
        rb = states[3 * t + 1];
        rc = states[3 * t + 2];
        rd = 1;
      }
      const drawn = (((ra + rb) | 0) + rd) | 0;
      rd = (rd + 1) | 0;
      ra = rb ^ (rb >>> 9);
      rb = (rc + (rc << 3)) | 0;
      rc = (((rc << 21) | (rc >>> 11)) + drawn) | 0;
      const u = drawn >>> 0;
      let row = u >= pass ? end : this.failingRow(head, u);
      if (row < end && u + 1 > thresholds[row]) {
        random.a = ra;
        random.b = rb;
        random.c = rc;
        random.d = rd;
        row = this.fineRow(row, end, u);
        ra = random.a;
        rb = random.b;
        rc = random.c;
        rd = random.d;
      }
      if (row >= end) {
        successes++;
        if (outcomes !== null) outcomes[t] = TRIAL.succeeded;
        continue;
      }
      const member = tableTarget[row];
      uncaught[member]++;
      failPoints[member]++;
      if (outcomes !== null) outcomes[t] = TRIAL.failed;
    }
    random.a = ra;
    random.b = rb;
    random.c = rc;
    random.d = rd;
    return successes;
  }

  /**
   * The first row of series `head` whose threshold is above the whole part `u` of a draw below
   * the series' pass threshold (the last row's is). When u is the whole part of that row's
   * threshold, the caller settles it with {@link fineRow}. Long series are bisected: a
   * 10,000-step chain costs 14 comparisons.
   */
  private failingRow(head: number, u: number): number {
    const thresholds = this.tableThreshold;
    let row = this.tableStart[head];
    const end = row + this.span[head];
    if (end - row > SCAN_ROWS) {
      let high = end - 1;
      while (row < high) {
        const middle = (row + high) >>> 1;
        if (u >= thresholds[middle]) row = middle + 1;
        else high = middle;
      }
    } else {
      while (u >= thresholds[row]) row++;
    }
    return row;
  }

  /**
   * The draw's whole part u is the whole part of the threshold of `row`, so u alone does not
   * say on which side the draw falls: draws its fine part from {@link random} (once in about
   * 2³² draws) and returns the first row from `row` whose threshold is above the 53-bit draw,
   * or `end` (the first row past the node's) when there is none. Rows are cumulative, so it
   * may be a later row.
   */
  private fineRow(row: number, end: number, u: number): number {
    const thresholds = this.tableThreshold;
    const x = u + this.random.nextFineFraction();
    let r = row;
    while (r < end && x >= thresholds[r]) r++;
    return r;
  }

  /** Fused steps are not visited one by one: rebuild their visits from where trials failed. */
  private completeSeriesVisits(): void {
    const heads = this.seriesHeads;
    for (let h = 0; h < heads.length; h++) {
      const head = heads[h];
      const firstRow = this.tableStart[head];
      let entered = this.visits[head];
      for (let row = firstRow; row < firstRow + this.span[head]; row++) {
        const member = this.tableTarget[row];
        this.visits[member] = entered;
        entered -= this.uncaught[member];
      }
    }
  }
}

/**
 * The nodes of a blueprint that is a chain from start to a success end of steps without
 * failure edges and of series, in order; null for any other blueprint (or one with a cycle).
 */
function chainOf(compiled: CompiledModel): Int32Array | null {
  if (compiled.guarded) return null;
  const links: number[] = [];
  let v = compiled.next[compiled.start];
  while (
    v >= 0 &&
    links.length < compiled.nodeCount &&
    ((compiled.op[v] === OP.step && compiled.failNext[v] < 0) || compiled.op[v] === OP.series)
  ) {
    links.push(v);
    v = compiled.next[v];
  }
  if (links.length === 0 || v < 0 || compiled.op[v] !== OP.successEnd) return null;
  return Int32Array.from(links);
}

/**
 * Adds the values of sampler entry `s` for the draws `draws[from + t]` to `totals[t]`, for the
 * trials t below `count` flagged 1 in `flags` from `at`: the values {@link sampleValue} gives,
 * in one loop per kind of distribution with its constants in registers. Clamped at 0.
 */
function addSampledValues(
  samplers: Samplers,
  s: number,
  draws: Int32Array,
  from: number,
  count: number,
  gate: Int32Array,
  k: number,
  totals: Float64Array,
): void {
  const kind = samplers.kind[s];
  const a = samplers.a[s];
  const b = samplers.b[s];
  // Values other than lognormal ones are finite: times the flag (0 or 1, the sign of
  // k − gate), they are added to the trials included without a branch (x + 0 is x).
  if (kind === DIST.triangular) {
    const low = samplers.c[s];
    const max = samplers.d[s];
    const high = samplers.e[s];
    for (let t = 0; t < count; t++) {
      const fraction = ((draws[from + t] >>> 0) + 0.5) * TWO_TO_MINUS_32;
      // Which side of the mode is a coin toss: computed without a branch (side is exactly 0
      // or 1, so the sums below are the plain values), one square root.
      const scaled = fraction * b;
      const side = +(scaled < low);
      const root = Math.sqrt(side * (scaled * low) + (1 - side) * ((1 - fraction) * b * high));
      const value = side * (a + root) + (1 - side) * (max - root);
      totals[t] += (value > 0 ? value : 0) * ((k - gate[t]) >>> 31);
    }
  } else if (kind === DIST.uniform) {
    for (let t = 0; t < count; t++) {
      const value = a + b * (((draws[from + t] >>> 0) + 0.5) * TWO_TO_MINUS_32);
      totals[t] += (value > 0 ? value : 0) * ((k - gate[t]) >>> 31);
    }
  } else if (kind === DIST.exponential) {
    for (let t = 0; t < count; t++) {
      const value = -a * Math.log(((draws[from + t] >>> 0) + 0.5) * TWO_TO_MINUS_32);
      totals[t] += (value > 0 ? value : 0) * ((k - gate[t]) >>> 31);
    }
  } else {
    // Normal or lognormal: the quantile from the cubic table, exact in the tails. A lognormal
    // value may overflow to Infinity, which a flag of 0 would turn into NaN: it is added only
    // to the trials included.
    const normal = normalTable();
    const lognormal = kind === DIST.lognormal;
    for (let t = 0; t < count; t++) {
      const flag = (k - gate[t]) >>> 31;
      if (lognormal && flag === 0) continue;
      const x = draws[from + t] >>> 0;
      const cell = x >>> 22;
      let z: number;
      if (cell >= NORMAL_TABLE_FIRST && cell < NORMAL_TABLE_END) {
        const f = ((x & 0x3fffff) + 0.5) * TWO_TO_MINUS_22;
        const c = cell << 2;
        z = normal[c] + f * (normal[c + 1] + f * (normal[c + 2] + f * normal[c + 3]));
      } else {
        z = inverseNormal((x + 0.5) * TWO_TO_MINUS_32);
      }
      const value = lognormal ? Math.exp(a + b * z) : a + b * z;
      totals[t] += (value > 0 ? value : 0) * flag;
    }
  }
}

/**
 * The time (`toTime` 1) or cost (0) of a trial of `chain` per number of links entered, when
 * that quantity is made of fixed parts of steps only: the parts of the first k links added in
 * the order the trial loop adds them, so the same sums to the last bit. Null when some link
 * draws a value of it or its recovery has a part of it.
 */
function fixedPrefix(
  chain: Int32Array,
  compiled: CompiledModel,
  samplers: Samplers,
  toTime: number,
): Float64Array | null {
  const fixed = toTime === 1 ? samplers.fixedTime : samplers.fixedCost;
  const prefix = new Float64Array(chain.length + 1);
  let total = 0;
  for (let k = 0; k < chain.length; k++) {
    const v = chain[k];
    if (compiled.op[v] !== OP.series) {
      for (let s = samplers.start[2 * v]; s < samplers.start[2 * v + 2]; s++) {
        if (samplers.toTime[s] === toTime) return null;
      }
      if (fixed[2 * v + 1] !== 0) return null;
      if (fixed[2 * v] !== 0) total += fixed[2 * v];
    }
    prefix[k + 1] = total;
  }
  return prefix;
}

/**
 * The value of sampler entry `s` for the 32-bit draw `x`, clamped at 0: what the general loop
 * adds for a duration or a cost, the value {@link addSampledValues} adds for a chain.
 */
function sampleValue(samplers: Samplers, s: number, x: number): number {
  const fraction = (x + 0.5) * TWO_TO_MINUS_32;
  const kind = samplers.kind[s];
  const a = samplers.a[s];
  const b = samplers.b[s];
  let value: number;
  if (kind === DIST.triangular) {
    // Which side of the mode is a coin toss: computed without a branch (side is exactly 0 or
    // 1, so the sums below are the plain values), one square root.
    const scaled = fraction * b;
    const low = samplers.c[s];
    const side = +(scaled < low);
    const root = Math.sqrt(
      side * (scaled * low) + (1 - side) * ((1 - fraction) * b * samplers.e[s]),
    );
    value = side * (a + root) + (1 - side) * (samplers.d[s] - root);
  } else if (kind === DIST.uniform) {
    value = a + b * fraction;
  } else if (kind === DIST.exponential) {
    value = -a * Math.log(fraction);
  } else {
    const cell = x >>> 22;
    let z: number;
    if (cell >= NORMAL_TABLE_FIRST && cell < NORMAL_TABLE_END) {
      const f = ((x & 0x3fffff) + 0.5) * TWO_TO_MINUS_22;
      const k = cell << 2;
      const t = normalTable();
      z = t[k] + f * (t[k + 1] + f * (t[k + 2] + f * t[k + 3]));
    } else {
      z = inverseNormal(fraction);
    }
    value = a + b * z;
    if (kind === DIST.lognormal) value = Math.exp(value);
  }
  return value > 0 ? value : 0;
}
