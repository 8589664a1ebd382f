/**
 * A mergeable histogram of non-negative values (trial durations in minutes, costs in currency
 * units) with log-linear buckets: every power of two is cut into 128 equal buckets, so any
 * value is known to within 0.4 % of itself. Its size does not depend on how many values it
 * holds, and two histograms merge exactly by adding counts, which is what lets chunks of a
 * simulation run anywhere and be merged in order.
 */

const SUB_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BITS;
const MIN_EXPONENT = -24;
const MAX_EXPONENT = 40;
const SMALLEST = 2 ** MIN_EXPONENT;
const LARGEST = 2 ** MAX_EXPONENT;

/**
 * Number of buckets: bucket 0 holds values below 2⁻²⁴ (zero included); the last also holds
 * every value from 2⁴⁰ up.
 */
export const HISTOGRAM_BUCKETS = 1 + (MAX_EXPONENT - MIN_EXPONENT) * SUB_BUCKETS;

/**
 * Counts of values per bucket. `counts[i]` is the count of bucket `offset + i`; a histogram
 * being filled covers every bucket (offset 0), a packed one only its non-empty range.
 */
export interface Histogram {
  offset: number;
  counts: Float64Array;
  /** Number of values recorded. */
  count: number;
  /** Sum of the values recorded (for the exact mean). */
  sum: number;
  /** Smallest value recorded (Infinity when empty). */
  min: number;
  /** Largest value recorded (-Infinity when empty). */
  max: number;
}

// The bucket of a double comes straight from its bit pattern: exponent and top mantissa bits.
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/** An empty histogram covering every bucket. */
export function createHistogram(): Histogram {
  return {
    offset: 0,
    counts: new Float64Array(HISTOGRAM_BUCKETS),
    count: 0,
    sum: 0,
    min: Infinity,
    max: -Infinity,
  };
}

/** Index of the bucket that holds `value` (a non-negative number). */
export function bucketOf(value: number): number {
  if (!(value >= SMALLEST)) return 0;
  if (value >= LARGEST) return HISTOGRAM_BUCKETS - 1;
  scratch[0] = value;
  const high = scratchWords[HIGH_WORD];
  const exponent = (high >>> 20) - 1023;
  const sub = (high >>> (20 - SUB_BITS)) & (SUB_BUCKETS - 1);
  return 1 + (exponent - MIN_EXPONENT) * SUB_BUCKETS + sub;
}

/** Lower bound of bucket `index`. */
export function bucketLow(index: number): number {
  if (index <= 0) return 0;
  const exponent = Math.floor((index - 1) / SUB_BUCKETS) + MIN_EXPONENT;
  const sub = (index - 1) % SUB_BUCKETS;
  return 2 ** exponent * (1 + sub / SUB_BUCKETS);
}

/** Upper bound of bucket `index` (exclusive). */
export function bucketHigh(index: number): number {
  if (index <= 0) return SMALLEST;
  return bucketLow(index + 1);
}

/** Records one value (negative values count as 0). Histogram must cover every bucket. */
export function recordValue(histogram: Histogram, value: number): void {
  const v = value > 0 ? value : 0;
  histogram.counts[bucketOf(v)]++;
  histogram.count++;
  histogram.sum += v;
  if (v < histogram.min) histogram.min = v;
  if (v > histogram.max) histogram.max = v;
}

/** Adds the counts of `from` (packed or not) to `into` (which covers every bucket). */
export function mergeHistogram(into: Histogram, from: Histogram): void {
  const counts = into.counts;
  const offset = from.offset - into.offset;
  const source = from.counts;
  for (let i = 0; i < source.length; i++) counts[offset + i] += source[i];
  into.count += from.count;
  into.sum += from.sum;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
}

/** A copy holding only the range of non-empty buckets: small to send between threads. */
export function packHistogram(histogram: Histogram): Histogram {
  const counts = histogram.counts;
  let first = 0;
  while (first < counts.length && counts[first] === 0) first++;
  let last = counts.length - 1;
  while (last >= first && counts[last] === 0) last--;
  return {
    offset: histogram.offset + first,
    counts: counts.slice(first, last + 1),
    count: histogram.count,
    sum: histogram.sum,
    min: histogram.min,
    max: histogram.max,
  };
}

/** Mean of the recorded values (NaN when empty). */
export function histogramMean(histogram: Histogram): number {
  return histogram.count > 0 ? histogram.sum / histogram.count : NaN;
}

/**
 * The q-quantile (0–1) of the recorded values, by nearest rank, to within 0.4 % of its value:
 * the middle of the bucket holding it, kept within the recorded minimum and maximum.
 * NaN when empty.
 */
export function histogramQuantile(histogram: Histogram, q: number): number {
  if (histogram.count === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * histogram.count));
  const counts = histogram.counts;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    cumulative += counts[i];
    if (cumulative >= rank) {
      const bucket = histogram.offset + i;
      const middle = bucket === 0 ? 0 : (bucketLow(bucket) + bucketHigh(bucket)) / 2;
      return Math.min(histogram.max, Math.max(histogram.min, middle));
    }
  }
  return histogram.max;
}

/** One bar of a display histogram: the count of values from `from` up to `to`. */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/**
 * Regroups the buckets into `binCount` equal-width bins from the minimum to the maximum, for a
 * chart. Each bucket's count goes to the bin holding the bucket's middle.
 */
export function histogramBins(histogram: Histogram, binCount = 30): HistogramBin[] {
  if (histogram.count === 0) return [];
  const { min, max } = histogram;
  if (!(max > min)) return [{ from: min, to: max, count: histogram.count }];
  const width = (max - min) / binCount;
  const bins: HistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    bins.push({
      from: min + b * width,
      to: b === binCount - 1 ? max : min + (b + 1) * width,
      count: 0,
    });
  }
  const counts = histogram.counts;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    const bucket = histogram.offset + i;
    const middle = bucket === 0 ? 0 : (bucketLow(bucket) + bucketHigh(bucket)) / 2;
    const clamped = Math.min(max, Math.max(min, middle));
    const b = Math.min(binCount - 1, Math.floor((clamped - min) / width));
    bins[b].count += counts[i];
  }
  return bins;
}

/** Equal-width bins from the smallest to the largest of `values` (any order), for a chart. */
export function binValues(values: ArrayLike<number>, binCount = 20): HistogramBin[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  if (!(max > min)) return [{ from: min, to: max, count: values.length }];
  const width = (max - min) / binCount;
  const bins: HistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    bins.push({
      from: min + b * width,
      to: b === binCount - 1 ? max : min + (b + 1) * width,
      count: 0,
    });
  }
  for (let i = 0; i < values.length; i++) {
    bins[Math.min(binCount - 1, Math.floor((values[i] - min) / width))].count++;
  }
  return bins;
}
