/**
 * Durations and costs in flat form: each distribution is a kind code and up to three numbers,
 * so that the trial loop samples it without touching an object.
 */
import type { Distribution } from '../model';

/** Kind codes of a flattened distribution; 0 means "none". */
export const DIST = {
  none: 0,
  fixed: 1,
  uniform: 2,
  triangular: 3,
  normal: 4,
  lognormal: 5,
  exponential: 6,
} as const;

/**
 * The four distributions a step can carry, as slot offsets (slot = node × 4 + offset). The code
 * that draws from a slot says which quantity (time or cost) the value goes to.
 */
export const SLOT = { duration: 0, cost: 1, recoveryDuration: 2, recoveryCost: 3 } as const;
/** Distribution slots per node in a {@link DistributionTable}. */
export const SLOTS_PER_NODE = 4;

/**
 * Flattened distributions of every node by slot: kind codes and parameters of the random ones,
 * and the value of the fixed ones in `constant` (so the trial loop adds it without a call).
 * Values are in the unit of the slot: minutes for durations, currency units for costs.
 */
export interface DistributionTable {
  /** {@link DIST} code per slot. */
  kind: Uint8Array;
  /** fixed: value; uniform, triangular: min; normal: mean; lognormal: mu; exponential: mean. */
  p1: Float64Array;
  /** uniform: max − min; triangular: mode; normal: sd; lognormal: sigma. */
  p2: Float64Array;
  /** triangular: max. */
  p3: Float64Array;
  /** Fixed distributions: their value, clamped at 0; 0 for every other slot. */
  constant: Float64Array;
}

/** An empty table for `nodeCount` nodes. */
export function createDistributionTable(nodeCount: number): DistributionTable {
  const size = nodeCount * SLOTS_PER_NODE;
  return {
    kind: new Uint8Array(size),
    p1: new Float64Array(size),
    p2: new Float64Array(size),
    p3: new Float64Array(size),
    constant: new Float64Array(size),
  };
}

/**
 * Writes `distribution` into `slot` of `table`; an absent distribution leaves the slot empty.
 * Returns whether the slot now holds a random distribution (one that needs draws).
 */
export function encodeDistribution(
  table: DistributionTable,
  slot: number,
  distribution: Distribution | undefined,
): boolean {
  if (!distribution) return false;
  switch (distribution.kind) {
    case 'fixed':
      table.kind[slot] = DIST.fixed;
      table.p1[slot] = distribution.value;
      table.constant[slot] = distribution.value > 0 ? distribution.value : 0;
      return false;
    case 'uniform':
      table.kind[slot] = DIST.uniform;
      table.p1[slot] = distribution.min;
      table.p2[slot] = distribution.max - distribution.min;
      break;
    case 'triangular':
      table.kind[slot] = DIST.triangular;
      table.p1[slot] = distribution.min;
      table.p2[slot] = distribution.mode;
      table.p3[slot] = distribution.max;
      if (distribution.max <= distribution.min) {
        table.kind[slot] = DIST.fixed;
        table.constant[slot] = Math.max(0, distribution.min);
        return false;
      }
      break;
    case 'normal':
      table.kind[slot] = DIST.normal;
      table.p1[slot] = distribution.mean;
      table.p2[slot] = distribution.sd;
      break;
    case 'lognormal':
      table.kind[slot] = DIST.lognormal;
      table.p1[slot] = distribution.mu;
      table.p2[slot] = distribution.sigma;
      break;
    case 'exponential':
      table.kind[slot] = DIST.exponential;
      table.p1[slot] = distribution.mean;
      break;
  }
  return true;
}

/**
 * A value of the distribution in `slot` of `table` for the uniform fraction `u` (strictly
 * between 0 and 1), by the inverse distribution function, clamped at 0: neither time nor cost
 * can be negative. Fixed and empty slots give their constant and ignore `u`. The value is in
 * the unit of the slot (minutes for durations, currency units for costs).
 *
 * One uniform draw per value, so the Monte Carlo loop and the trace sample alike.
 */
export function sampleSlot(table: DistributionTable, slot: number, u: number): number {
  const p1 = table.p1[slot];
  let value: number;
  switch (table.kind[slot]) {
    case DIST.uniform:
      value = p1 + table.p2[slot] * u;
      break;
    case DIST.triangular: {
      // The width is positive: zero widths are encoded as fixed.
      const mode = table.p2[slot];
      const max = table.p3[slot];
      const width = max - p1;
      value =
        u * width < mode - p1
          ? p1 + Math.sqrt(u * width * (mode - p1))
          : max - Math.sqrt((1 - u) * width * (max - mode));
      break;
    }
    case DIST.normal:
      value = p1 + table.p2[slot] * inverseNormal(u);
      break;
    case DIST.lognormal:
      value = Math.exp(p1 + table.p2[slot] * inverseNormal(u));
      break;
    case DIST.exponential:
      value = -p1 * Math.log(u);
      break;
    default:
      return table.constant[slot];
  }
  return value > 0 ? value : 0;
}

// Coefficients of P. J. Acklam's rational approximation of the normal quantile function
// (relative error below 1.2e-9): one uniform draw per normal variate, no trigonometry.
const A1 = -3.969683028665376e1;
const A2 = 2.209460984245205e2;
const A3 = -2.759285104469687e2;
const A4 = 1.38357751867269e2;
const A5 = -3.066479806614716e1;
const A6 = 2.506628277459239;
const B1 = -5.447609879822406e1;
const B2 = 1.615858368580409e2;
const B3 = -1.556989798598866e2;
const B4 = 6.680131188771972e1;
const B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3;
const C2 = -3.223964580411365e-1;
const C3 = -2.400758277161838;
const C4 = -2.549732539343734;
const C5 = 4.374664141464968;
const C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3;
const D2 = 3.224671290700398e-1;
const D3 = 2.445134137142996;
const D4 = 3.754408661907416;
const LOW_TAIL = 0.02425;

/**
 * The standard normal quantile at `p` (strictly between 0 and 1): the z with Φ(z) = p, to a
 * relative error below 1.2e-9.
 */
export function inverseNormal(p: number): number {
  if (p < LOW_TAIL) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) /
      ((((D1 * q + D2) * q + D3) * q + D4) * q + 1)
    );
  }
  if (p > 1 - LOW_TAIL) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(
      (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) /
      ((((D1 * q + D2) * q + D3) * q + D4) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) /
    (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1)
  );
}

/**
 * Cells of the normal quantile table: the probabilities 0–1 cut into this many equal cells, in
 * each of which the quantile is a cubic in the position within the cell.
 */
export const NORMAL_CELLS = 1024;
/** First and last cells (exclusive) served by the table; the tails use {@link inverseNormal}. */
export const NORMAL_TABLE_FIRST = Math.ceil(LOW_TAIL * NORMAL_CELLS);
export const NORMAL_TABLE_END = NORMAL_CELLS - NORMAL_TABLE_FIRST;

/**
 * Four cubic coefficients per cell: in cell i, the quantile at probability (i + f) / 1024 is
 * c₀ + f(c₁ + f(c₂ + f c₃)), the Hermite cubic through the quantile and its slope (1 / φ) at
 * both ends of the cell. Within the cells tabulated (p from 0.0244 to 0.9756) it is within
 * 1.3·10⁻⁸ of {@link inverseNormal}; cells outside that range are left at zero.
 */
export function normalTable(): Float64Array {
  return (builtNormalTable ??= buildNormalTable());
}

/**
 * Built on first use rather than when the module loads: the app's first view imports this
 * module for its constants, and the table costs a cold page about 15 ms it has no use for.
 */
let builtNormalTable: Float64Array | null = null;

function buildNormalTable(): Float64Array {
  const table = new Float64Array(4 * NORMAL_CELLS);
  const slope = (z: number) => (Math.sqrt(2 * Math.PI) * Math.exp((z * z) / 2)) / NORMAL_CELLS;
  for (let i = NORMAL_TABLE_FIRST; i < NORMAL_TABLE_END; i++) {
    const z0 = inverseNormal(i / NORMAL_CELLS);
    const z1 = inverseNormal((i + 1) / NORMAL_CELLS);
    const d0 = slope(z0);
    const d1 = slope(z1);
    table[4 * i] = z0;
    table[4 * i + 1] = d0;
    table[4 * i + 2] = 3 * (z1 - z0) - 2 * d0 - d1;
    table[4 * i + 3] = 2 * (z0 - z1) + d0 + d1;
  }
  return table;
}

/**
 * The standard normal quantile of the 32-bit draw `draw` (the fraction (draw + ½) / 2³², as
 * `RandomStream.nextUnit` gives it): from the cubic table in the middle 95 % of
 * probabilities, by {@link inverseNormal} in the tails. The same one draw per variate as the
 * exact quantile, about three times faster; the trial loop inlines the table part.
 */
export function tableNormal(draw: number): number {
  const cell = draw >>> 22;
  if (cell < NORMAL_TABLE_FIRST || cell >= NORMAL_TABLE_END) {
    return inverseNormal((draw + 0.5) * TWO_TO_MINUS_32);
  }
  const f = ((draw & 0x3fffff) + 0.5) * TWO_TO_MINUS_22;
  const k = cell << 2;
  const t = normalTable();
  return t[k] + f * (t[k + 1] + f * (t[k + 2] + f * t[k + 3]));
}

const TWO_TO_MINUS_32 = 1 / 4294967296;
const TWO_TO_MINUS_22 = 1 / 4194304;
