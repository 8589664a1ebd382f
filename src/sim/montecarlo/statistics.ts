/** Confidence intervals for the Monte Carlo estimates. */

/** The standard normal quantile for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;
/** The standard normal quantile for a two-sided 99.9 % interval. */
export const Z999 = 3.2905267314919255;

/**
 * The Wilson score interval of a proportion: `successes` out of `trials` at the confidence
 * of the normal quantile `z` (default {@link Z95}). Unlike the plain normal interval it stays
 * within [0, 1] and is honest when the proportion is near 0 or 1.
 *
 * @returns [low, high], probabilities 0–1; [0, 1] when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): [number, number] {
  if (trials <= 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At 0 or all successes the bound is exactly 0 or 1; keep rounding from moving it.
  const low = successes <= 0 ? 0 : Math.max(0, centre - half);
  const high = successes >= trials ? 1 : Math.min(1, centre + half);
  return [low, high];
}

/** Half the width of the {@link wilsonInterval} (probability, 0–1). */
export function wilsonHalfWidth(successes: number, trials: number, z = Z95): number {
  const [low, high] = wilsonInterval(successes, trials, z);
  return (high - low) / 2;
}

/**
 * The q-quantile (0–1) of sorted values, interpolating linearly between order statistics.
 * NaN for an empty list. Weighted rather than differenced, so that values of opposite signs
 * near the largest double do not overflow.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const fraction = position - below;
  if (fraction === 0) return sorted[below];
  return sorted[below] * (1 - fraction) + sorted[above] * fraction;
}
