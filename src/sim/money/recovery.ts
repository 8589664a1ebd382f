/**
 * What recoveries cost a customer on average, exactly: each step's expected recovery uses (from
 * the exact analysis) times the expected cost of one use. A drawn cost is clamped at 0 by the
 * samplers (neither time nor cost is negative), so the expected cost of one use is the mean of
 * max(0, X), which is what {@link clampedMean} computes for every distribution family.
 */
import type { Analysis } from '../exact/types';
import type { Distribution, Model } from '../model';

/** erfc(x) for x ≥ 2 by its continued fraction (modified Lentz), to about 1e-15. */
function erfcTail(x: number): number {
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** erf(x) for |x| < 2 by its Taylor series, to about 1e-15. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const next = term / (2 * n + 1);
    sum += next;
    if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** The complementary error function erfc(x), accurate to about 1e-15 relative. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 2) return erfcTail(x);
  if (x <= -2) return 2 - erfcTail(-x);
  return 1 - erfSeries(x);
}

/** The standard normal distribution function Φ(z), a probability 0–1. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** The standard normal density φ(z). */
export function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * ∫ from `low` to `high` of −x · (slope · x + intercept) dx: the part of E[max(0, −X)] that a
 * linear piece of a density contributes over [low, high].
 */
function negativePart(slope: number, intercept: number, low: number, high: number): number {
  if (!(high > low)) return 0;
  return -((slope * (high ** 3 - low ** 3)) / 3 + (intercept * (high ** 2 - low ** 2)) / 2);
}

/**
 * E[max(0, X)] for a distribution as the samplers draw it (a negative draw counts as 0), in the
 * distribution's unit (minutes, currency units).
 */
export function clampedMean(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return Math.max(0, distribution.value);
    case 'uniform': {
      const { min, max } = distribution;
      if (min >= 0) return (min + max) / 2;
      if (max <= 0) return 0;
      return (max * max) / (2 * (max - min));
    }
    case 'triangular': {
      const { min: a, mode: c, max: b } = distribution;
      const mean = (a + c + b) / 3;
      if (a >= 0) return mean;
      if (b <= 0) return 0;
      // E[max(0, X)] = E[X] + E[max(0, −X)]; the density is linear on [a, c] and on [c, b].
      const width = b - a;
      let below = 0;
      if (c > a) {
        const slope = 2 / (width * (c - a));
        below += negativePart(slope, -slope * a, a, Math.min(c, 0));
      }
      if (b > c && c < 0) {
        const slope = -2 / (width * (b - c));
        below += negativePart(slope, -slope * b, c, Math.min(b, 0));
      }
      return mean + below;
    }
    case 'normal': {
      const { mean, sd } = distribution;
      if (sd === 0) return Math.max(0, mean);
      const z = mean / sd;
      return mean * normalCdf(z) + sd * normalDensity(z);
    }
    case 'lognormal':
      return Math.exp(distribution.mu + (distribution.sigma * distribution.sigma) / 2);
    case 'exponential':
      return Math.max(0, distribution.mean);
  }
}

/** One step's share of what recoveries cost a customer. */
export interface RecoveryCost {
  /** Step id. */
  id: string;
  /** Expected uses of the step's recovery per customer. */
  uses: number;
  /** Expected cost of one use, currency units. */
  costPerUse: number;
  /** uses × costPerUse, currency units per customer. */
  perCustomer: number;
}

/**
 * What each step's recovery costs per customer on average (steps whose recovery has a cost and
 * is used), and the total, in currency units per customer.
 */
export function recoveryCosts(
  model: Model,
  analysis: Analysis,
): { steps: RecoveryCost[]; perCustomer: number } {
  const steps: RecoveryCost[] = [];
  let perCustomer = 0;
  for (const step of analysis.steps) {
    const cost = model.nodes[step.index].recoveryCost;
    if (!cost || step.recoveryUse === 0) continue;
    const costPerUse = clampedMean(cost);
    const share = step.recoveryUse * costPerUse;
    steps.push({ id: step.id, uses: step.recoveryUse, costPerUse, perCustomer: share });
    perCustomer += share;
  }
  return { steps, perCustomer };
}
