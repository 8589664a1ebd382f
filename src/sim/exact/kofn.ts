/**
 * k-of-n arithmetic for parallel blocks: the number of branches that reach the join follows a
 * Poisson-binomial distribution. Each branch is described by two probabilities computed
 * separately, reaching the join (β) and failing (φ), so the distribution is built from sums of
 * products only; a block whose branches almost never fail keeps its tiny failure probability to
 * full relative precision.
 *
 * A block only asks whether the count reaches k, so the distribution is kept truncated: the
 * counts below a cap exactly, and everything at or above the cap as one lumped term. Counting
 * successes needs a cap of k, counting failures a cap of n − k + 1; the smaller is used, so a
 * block costs O(n · min(k, n − k)) and the usual "all branches needed" block O(n).
 */

/**
 * How the count is tallied for a block: successes with cap k, or failures with cap n − k + 1.
 * `tally[j]` for j < cap is the probability of exactly j counted branches, `tally[cap]` that of
 * cap or more.
 */
interface Tally {
  countsFailures: boolean;
  cap: number;
}

function tallyFor(branches: number, k: number): Tally {
  const failureCap = branches - k + 1;
  return k <= failureCap
    ? { countsFailures: false, cap: k }
    : { countsFailures: true, cap: failureCap };
}

/** Adds one branch in place to the truncated tally held in `tally` from `at`. */
function addBranch(
  tally: Float64Array,
  at: number,
  cap: number,
  counted: number,
  other: number,
): void {
  const top = at + cap;
  tally[top] = tally[top] * (counted + other) + tally[top - 1] * counted;
  for (let j = top - 1; j >= at + 1; j--) tally[j] = tally[j] * other + tally[j - 1] * counted;
  tally[at] *= other;
}

/** Adds the branches listed from `from` to `to − 1` to the tally held in `tally` from `at`. */
function addBranches(
  tally: Float64Array,
  at: number,
  mode: Tally,
  successes: ArrayLike<number>,
  failures: ArrayLike<number>,
  from: number,
  to: number,
): void {
  for (let b = from; b < to; b++) {
    if (mode.countsFailures) addBranch(tally, at, mode.cap, failures[b], successes[b]);
    else addBranch(tally, at, mode.cap, successes[b], failures[b]);
  }
}

/** The sum of the first `end` terms of the tally held in `tally` from `at`, last term first. */
function sumBelow(tally: Float64Array, at: number, end: number): number {
  let sum = 0;
  for (let j = end - 1; j >= 0; j--) sum += tally[at + j];
  return sum;
}

/** Pass and fail probabilities (0–1) of a block, each a sum of non-negative terms. */
export interface BlockOutcome {
  /** Probability that at least k branches reach the join. */
  pass: number;
  /** Probability that fewer than k branches reach the join. */
  fail: number;
}

/**
 * Pass and fail probabilities of a k-of-n block. Cost O(n · min(k, n − k + 1)).
 *
 * @param successes β per branch, probability 0–1.
 * @param failures φ per branch, probability 0–1 (β + φ = 1 up to rounding).
 * @param k Branches needed, 1 ≤ k ≤ n.
 * @param first Where the block's branches start in the lists (they may hold other blocks').
 * @param n How many branches the block has.
 */
export function blockOutcome(
  successes: ArrayLike<number>,
  failures: ArrayLike<number>,
  k: number,
  first = 0,
  n = successes.length - first,
): BlockOutcome {
  const mode = tallyFor(n, k);
  const tally = new Float64Array(mode.cap + 1);
  tally[0] = 1;
  addBranches(tally, 0, mode, successes, failures, first, first + n);
  const lump = tally[mode.cap];
  const below = sumBelow(tally, 0, mode.cap);
  return mode.countsFailures ? { pass: below, fail: lump } : { pass: lump, fail: below };
}

/**
 * How a block's outcome responds to one branch: with the other branches as they are, the
 * block passes with probability `β·passIfSucceeds + φ·passIfFails` and fails with
 * `β·failIfSucceeds + φ·failIfFails`.
 */
export interface BranchLeverage {
  /** P(at least k − 1 of the other branches succeed), 0–1. */
  passIfSucceeds: number;
  /** P(at least k of the other branches succeed), 0–1. */
  passIfFails: number;
  /** P(at most k − 2 of the other branches succeed), 0–1. */
  failIfSucceeds: number;
  /** P(at most k − 1 of the other branches succeed), 0–1. */
  failIfFails: number;
  /** P(exactly k − 1 of the other branches succeed), 0–1: ∂(block pass)/∂β. */
  pivotal: number;
}

/**
 * {@link BranchLeverage} of every branch of a k-of-n block, each from the tally of the other
 * branches. Those tallies are built by halving: the tally of everything outside a range of
 * branches is extended by one half of the range to serve the other half, so each branch is
 * added O(log n) times. Cost O(n · log n · min(k, n − k + 1)), memory O(log n · min(k, n − k)).
 * The block's branches are the `n` listed from `first` (see {@link blockOutcome}).
 */
export function branchLeverages(
  successes: ArrayLike<number>,
  failures: ArrayLike<number>,
  k: number,
  first = 0,
  n = successes.length - first,
): BranchLeverage[] {
  // The others are n − 1 branches, of which k − 1 or k must succeed: caps for n branches fit.
  const mode = tallyFor(n, k);
  const width = mode.cap + 1;
  // One tally per depth of the halving, side by side in one scratch list.
  const depth = Math.ceil(Math.log2(n)) + 1;
  if (scratchTallies.length < width * depth) scratchTallies = new Float64Array(2 * width * depth);
  scratchTallies.fill(0, 0, width);
  scratchTallies[0] = 1;
  const result = new Array<BranchLeverage>(n);
  leveragesOf(
    result,
    first,
    scratchTallies,
    0,
    width,
    mode,
    successes,
    failures,
    first,
    first + n,
    k,
  );
  return result;
}

/** Scratch tallies of {@link branchLeverages}, kept between calls (a blueprint has thousands of blocks). */
let scratchTallies = new Float64Array(64);

/**
 * Fills the leverages of the branches listed from `from` to `to − 1` (into `result` from
 * `from − first`) from the tally of every branch of the block outside that range, held in
 * `tallies` from `at`: the left half gets a copy one tally further on with the right half
 * added, then this tally takes the left half in and serves the right half.
 */
function leveragesOf(
  result: BranchLeverage[],
  first: number,
  tallies: Float64Array,
  at: number,
  width: number,
  mode: Tally,
  successes: ArrayLike<number>,
  failures: ArrayLike<number>,
  from: number,
  to: number,
  k: number,
): void {
  while (to - from > 1) {
    const middle = (from + to) >> 1;
    const left = at + width;
    tallies.copyWithin(left, at, at + width);
    addBranches(tallies, left, mode, successes, failures, middle, to);
    addBranches(tallies, at, mode, successes, failures, from, middle);
    leveragesOf(result, first, tallies, left, width, mode, successes, failures, from, middle, k);
    from = middle;
  }
  result[from - first] = leverageFrom(tallies, at, mode, result.length, k);
}

/** The leverage of a branch from the tally of the others, held in `others` from `at`. */
function leverageFrom(
  others: Float64Array,
  at: number,
  mode: Tally,
  n: number,
  k: number,
): BranchLeverage {
  const { cap } = mode;
  if (mode.countsFailures) {
    // Others succeed ≥ k − 1 ⇔ they fail ≤ n − k; cap = n − k + 1.
    const edge = n - k;
    const exactlyEdge = others[at + edge];
    const belowEdge = sumBelow(others, at, edge);
    return {
      passIfSucceeds: belowEdge + exactlyEdge,
      passIfFails: belowEdge,
      failIfSucceeds: others[at + cap],
      failIfFails: exactlyEdge + others[at + cap],
      pivotal: exactlyEdge,
    };
  }
  // cap = k: others[k − 1] is "exactly k − 1 succeed", others[k] is "k or more".
  const pivotal = others[at + k - 1];
  const belowPivotal = sumBelow(others, at, k - 1);
  return {
    passIfSucceeds: pivotal + others[at + cap],
    passIfFails: others[at + cap],
    failIfSucceeds: belowPivotal,
    failIfFails: belowPivotal + pivotal,
    pivotal,
  };
}
