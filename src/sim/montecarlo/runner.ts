/**
 * The trial loop: walks a {@link CompiledModel} one customer at a time and counts what
 * happens into fixed-size accumulators. Nothing is allocated per trial.
 */
import { RandomStream } from '../random';
import { HAS, OP, type CompiledModel } from './compile';
import { sampleSlot, SLOT, SLOTS_PER_NODE, type DistributionTable } from './distributions';
import { packHistogram, recordValue, type Histogram } from './histogram';
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

/** Returned by the block bookkeeping when the trial has failed at a join. */
const TRIAL_FAILED = -1;

/** Returned by {@link TrialRunner.failingRow} when the draw passes the whole series. */
const SERIES_PASSED = -1;

/** Series longer than this find the failing step by bisection rather than by a scan. */
const SCAN_ROWS = 16;

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
  private readonly costFlags: Uint8Array;
  private readonly distributions: DistributionTable;
  private readonly first: number;
  private readonly guarded: boolean;
  private readonly visitLimit: number;
  private readonly seriesHeads: Int32Array;
  /** True when the blueprint is one run of plain steps from start to a success end. */
  private readonly straightSeries: boolean;

  private visits: Float64Array;
  private failPoints: Float64Array;
  private uncaught: Float64Array;
  private recoveries: Float64Array;
  private time: Histogram | null;
  private cost: Histogram | null;
  private trials = 0;
  private successes = 0;
  private stopped = 0;

  /** Nodes visited by the current trial (loop guard; counted only when the model needs it). */
  private trialVisits = 0;
  /** Minutes elapsed in the current trial (in a branch: since the trial started). */
  private elapsed = 0;
  /** Cost spent by the current trial. */
  private spent = 0;

  // The stack of open parallel blocks, innermost last.
  private depth = 0;
  /** The join that ends the current branch, or -1 outside blocks. */
  private stop = -1;
  private readonly frameParallel: Int32Array;
  private readonly frameRow: Int32Array;
  private readonly frameSucceeded: Int32Array;
  private readonly frameStarted: Float64Array;
  private readonly frameLongest: Float64Array;

  /**
   * @param compiled the model to run.
   * @param random the generator to draw from.
   * @param options `straightSeries: false` makes a blueprint that is one run of plain steps go
   *   through the general loop too (same draws, same counts; for tests and measurements).
   */
  constructor(
    private readonly compiled: CompiledModel,
    random: RandomStream = new RandomStream(),
    options: { straightSeries?: boolean } = {},
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
    this.costFlags = compiled.costFlags;
    this.distributions = compiled.distributions;
    this.first = compiled.next[compiled.start];
    this.guarded = compiled.guarded;
    this.visitLimit = compiled.visitLimit;
    this.straightSeries =
      options.straightSeries !== false &&
      compiled.op[this.first] === OP.series &&
      compiled.op[compiled.next[this.first]] === OP.successEnd &&
      !compiled.guarded &&
      !compiled.timed &&
      !compiled.costed;
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
    let successes: number;
    if (this.straightSeries) {
      successes = this.runStraightSeries(count);
      this.visits[this.first] += count;
      this.visits[this.next[this.first]] += successes;
    } else {
      successes = this.walkTrials(count);
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
   * so that the engine keeps everything in registers between trials.
   */
  private walkTrials(count: number): number {
    const op = this.op;
    const next = this.next;
    const visits = this.visits;
    const random = this.random;
    const passThreshold = this.passThreshold;
    const caughtThreshold = this.caughtThreshold;
    const failNext = this.failNext;
    const span = this.span;
    const tableStart = this.tableStart;
    const tableThreshold = this.tableThreshold;
    const tableTarget = this.tableTarget;
    const tableAlias = this.tableAlias;
    const costFlags = this.costFlags;
    const uncaught = this.uncaught;
    const recoveries = this.recoveries;
    const failPoints = this.failPoints;
    const guarded = this.guarded;
    const visitLimit = this.visitLimit;
    const time = this.time;
    const cost = this.cost;
    const recording = time !== null || cost !== null;
    let successes = 0;
    for (let t = 0; t < count; t++) {
      if (recording) {
        this.elapsed = 0;
        this.spent = 0;
      }
      if (guarded) this.trialVisits = 1;
      let stop = -1;
      let v = this.first;
      let outcome: number;
      walk: for (;;) {
        if (v === stop) {
          // The branch reached its join.
          v = this.endBranch(true);
          if (v === TRIAL_FAILED) {
            outcome = TRIAL.failed;
            break walk;
          }
          stop = this.stop;
          continue;
        }
        visits[v]++;
        if (guarded && ++this.trialVisits > visitLimit) {
          outcome = TRIAL.stopped;
          break walk;
        }
        let failedAt: number;
        switch (op[v]) {
          case OP.series: {
            // u ≥ the threshold passes whatever the draw's fine part (see compile.ts).
            const u = random.nextUint32();
            const row = u >= passThreshold[v] ? SERIES_PASSED : this.failingRow(v, u);
            if (row === SERIES_PASSED) {
              if (guarded) this.trialVisits += span[v] - 1;
              v = next[v];
              continue;
            }
            if (guarded) this.trialVisits += row - tableStart[v];
            failedAt = tableTarget[row];
            uncaught[failedAt]++;
            break;
          }
          case OP.step: {
            const u = random.nextUint32();
            const flags = costFlags[v];
            if (flags & HAS.stepExtras) this.spend(v, flags);
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
              const x = u + random.nextFineFraction();
              band = x < pass ? 0 : x < caught ? 1 : 2;
            }
            if (band === 0) {
              v = next[v];
              continue;
            }
            if (band === 1) {
              recoveries[v]++;
              if (flags & HAS.recoveryExtras) this.spendRecovery(v, flags);
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
            const u = random.nextUint32();
            let row = tableStart[v];
            while (u >= tableThreshold[row]) row++;
            // The last row's threshold is 2³², above every draw, so the scan stops there.
            if (u + 1 > tableThreshold[row]) row = this.fineRow(row, tableStart[v + 1], u);
            v = tableTarget[row];
            continue;
          }
          case OP.aliasDecision: {
            // A column chosen uniformly, then kept or traded for its alias by the fraction
            // left: one 53-bit draw, the same work for 10 branches or 1,000,000.
            const first = tableStart[v];
            const columns = tableStart[v + 1] - first;
            const scaled = random.nextUnit53() * columns;
            let column = Math.floor(scaled);
            if (column >= columns) column = columns - 1;
            const row = first + column;
            v = scaled - column < tableThreshold[row] ? tableTarget[row] : tableAlias[row];
            continue;
          }
          case OP.parallel:
            v = this.openBlock(v);
            stop = this.stop;
            continue;
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
        // A failure: it ends the trial at top level, and only the branch inside a block.
        if (stop < 0) {
          failPoints[failedAt]++;
          outcome = TRIAL.failed;
          break walk;
        }
        v = this.endBranch(false);
        if (v === TRIAL_FAILED) {
          outcome = TRIAL.failed;
          break walk;
        }
        stop = this.stop;
      }
      if (outcome === TRIAL.succeeded) {
        successes++;
      } else if (outcome === TRIAL.stopped) {
        this.stopped++;
        // The guard may stop a trial inside blocks: close them all.
        this.depth = 0;
        continue;
      }
      if (recording) {
        if (time !== null) recordValue(time, this.elapsed);
        if (cost !== null) recordValue(cost, this.spent);
      }
    }
    return successes;
  }

  /**
   * The trial loop of a blueprint that is a single run of plain steps from start to a success
   * end: each trial is one draw against the run's thresholds. It draws and counts exactly as
   * the general loop would, only without walking from node to node.
   */
  private runStraightSeries(count: number): number {
    const random = this.random;
    const head = this.first;
    const pass = this.passThreshold[head];
    const tableTarget = this.tableTarget;
    const uncaught = this.uncaught;
    const failPoints = this.failPoints;
    let successes = 0;
    for (let t = 0; t < count; t++) {
      const u = random.nextUint32();
      if (u >= pass) {
        successes++;
        continue;
      }
      const row = this.failingRow(head, u);
      if (row === SERIES_PASSED) {
        successes++;
        continue;
      }
      const member = tableTarget[row];
      uncaught[member]++;
      failPoints[member]++;
    }
    return successes;
  }

  /**
   * The row of the step where series `head` fails for a draw whose whole part is `u` (below
   * the series' pass threshold), or {@link SERIES_PASSED} when the draw's fine part takes it
   * past the last step. Long series are bisected: a 10,000-step chain costs 14 comparisons.
   */
  private failingRow(head: number, u: number): number {
    const thresholds = this.tableThreshold;
    const first = this.tableStart[head];
    const end = first + this.span[head];
    let row = first;
    if (end - first > SCAN_ROWS) {
      // The first row whose threshold is above u; the last one is (u is below the pass).
      let high = end - 1;
      while (row < high) {
        const middle = (row + high) >>> 1;
        if (u >= thresholds[middle]) row = middle + 1;
        else high = middle;
      }
    } else {
      while (u >= thresholds[row]) row++;
    }
    if (u + 1 <= thresholds[row]) return row;
    row = this.fineRow(row, end, u);
    return row < end ? row : SERIES_PASSED;
  }

  /**
   * The draw's whole part u is the whole part of the threshold of `row`, so u alone does not
   * say on which side the draw falls: draws its fine part (once in about 2³² draws) and returns
   * the first row from `row` whose threshold is above the 53-bit draw, or `end` (the first row
   * past the node's) when there is none. Rows are cumulative, so it may be a later row.
   */
  private fineRow(row: number, end: number, u: number): number {
    const thresholds = this.tableThreshold;
    const x = u + this.random.nextFineFraction();
    let r = row;
    while (r < end && x >= thresholds[r]) r++;
    return r;
  }

  /** Opens the block of `parallel`; returns the entry of its first branch. */
  private openBlock(parallel: number): number {
    const d = this.depth++;
    const row = this.tableStart[parallel];
    this.frameParallel[d] = parallel;
    this.frameRow[d] = row;
    this.frameSucceeded[d] = 0;
    this.frameStarted[d] = this.elapsed;
    this.frameLongest[d] = this.elapsed;
    this.stop = this.span[parallel];
    return this.tableTarget[row];
  }

  /**
   * The current branch of the innermost open block has ended. Returns the entry of the next
   * branch, or when the block is complete the node after its join; when the block failed,
   * fails the enclosing branch in turn, up to {@link TRIAL_FAILED} at top level.
   */
  private endBranch(succeeded: boolean): number {
    let ok = succeeded;
    for (;;) {
      const d = this.depth - 1;
      const parallel = this.frameParallel[d];
      if (ok) this.frameSucceeded[d]++;
      if (this.elapsed > this.frameLongest[d]) this.frameLongest[d] = this.elapsed;
      const row = ++this.frameRow[d];
      if (row < this.tableStart[parallel + 1]) {
        this.elapsed = this.frameStarted[d];
        return this.tableTarget[row];
      }
      // Every branch has run: the block takes its longest branch and is judged at its join.
      this.elapsed = this.frameLongest[d];
      this.depth = d;
      this.stop = d > 0 ? this.span[this.frameParallel[d - 1]] : -1;
      const join = this.span[parallel];
      this.visits[join]++;
      if (this.guarded) this.trialVisits++;
      if (this.frameSucceeded[d] >= this.need[parallel]) return this.next[join];
      if (d === 0) {
        this.failPoints[join]++;
        return TRIAL_FAILED;
      }
      ok = false;
    }
  }

  /** Adds a step's duration and cost to the trial's. */
  private spend(v: number, flags: number): void {
    const slot = v * SLOTS_PER_NODE;
    const constant = this.distributions.constant;
    this.elapsed += constant[slot + SLOT.duration];
    this.spent += constant[slot + SLOT.cost];
    if (flags & HAS.randomDuration) this.drawTime(slot + SLOT.duration);
    if (flags & HAS.randomCost) this.drawCost(slot + SLOT.cost);
  }

  /** Adds the duration and cost of a step's recovery to the trial's. */
  private spendRecovery(v: number, flags: number): void {
    const slot = v * SLOTS_PER_NODE;
    const constant = this.distributions.constant;
    this.elapsed += constant[slot + SLOT.recoveryDuration];
    this.spent += constant[slot + SLOT.recoveryCost];
    if (flags & HAS.randomRecoveryDuration) this.drawTime(slot + SLOT.recoveryDuration);
    if (flags & HAS.randomRecoveryCost) this.drawCost(slot + SLOT.recoveryCost);
  }

  /**
   * Draws a duration from the random distribution in `slot` (see {@link sampleSlot}) and adds
   * it to the trial's time; {@link drawCost} does the same for costs. Which quantity a slot
   * feeds is said by the caller, never read from the slot number. They add instead of returning
   * so that no number is boxed between the loop and the sampler.
   */
  private drawTime(slot: number): void {
    this.elapsed += sampleSlot(this.distributions, slot, this.random.nextUnit());
  }

  private drawCost(slot: number): void {
    this.spent += sampleSlot(this.distributions, slot, this.random.nextUnit());
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
