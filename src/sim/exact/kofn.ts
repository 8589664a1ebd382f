/**
 * k-of-n arithmetic for parallel blocks: the number of branches that reach the join follows a
 * Poisson-binomial distribution. Each branch is described by two probabilities computed
 * separately, reaching the join (β) and failing (φ), so the distribution is built from sums of
 * products only; a block whose branches almost never fail keeps its tiny failure probability to
 * full relative precision.
 */

/**
 * Distribution of the number of successful branches.
 *
 * @param successes β per branch, probability 0–1.
 * @param failures φ per branch, probability 0–1 (β + φ = 1 up to rounding).
 * @param skip Index of a branch to leave out, or -1.
 * @returns `counts[j]` = probability that exactly j of the (other) branches succeed.
 */
export function successCountDistribution(
  successes: ArrayLike<number>,
  failures: ArrayLike<number>,
  skip = -1,
): Float64Array {
  const n = successes.length;
  const counts = new Float64Array(n + 1);
  counts[0] = 1;
  let seen = 0;
  for (let b = 0; b < n; b++) {
    if (b === skip) continue;
    const beta = successes[b];
    const phi = failures[b];
    seen++;
    for (let j = seen; j >= 1; j--) counts[j] = counts[j] * phi + counts[j - 1] * beta;
    counts[0] *= phi;
  }
  return counts;
}

/** Probability that at least `k` branches succeed, from {@link successCountDistribution}. */
export function atLeast(counts: Float64Array, k: number): number {
  let sum = 0;
  for (let j = counts.length - 1; j >= Math.max(k, 0); j--) sum += counts[j];
  return sum;
}

/** Probability that fewer than `k` branches succeed, from {@link successCountDistribution}. */
export function fewerThan(counts: Float64Array, k: number): number {
  let sum = 0;
  const top = Math.min(k, counts.length) - 1;
  for (let j = top; j >= 0; j--) sum += counts[j];
  return sum;
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

/** {@link BranchLeverage} of branch `branch` in a k-of-n block. */
export function branchLeverage(
  successes: ArrayLike<number>,
  failures: ArrayLike<number>,
  k: number,
  branch: number,
): BranchLeverage {
  const others = successCountDistribution(successes, failures, branch);
  return {
    passIfSucceeds: atLeast(others, k - 1),
    passIfFails: atLeast(others, k),
    failIfSucceeds: fewerThan(others, k - 1),
    failIfFails: fewerThan(others, k),
    pivotal: k - 1 >= 0 && k - 1 < others.length ? others[k - 1] : 0,
  };
}
