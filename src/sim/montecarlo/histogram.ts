/**
 * A mergeable histogram of non-negative values (trial durations in minutes, costs in currency
 * units) with log-linear buckets: every power of two is cut into 128 equal buckets, so any
 * value is known to within 0.4 % of itself, from 2⁻¹⁰²² up to the largest double. Counts are
 * kept for a window of buckets that grows to cover the values recorded, so its size depends on
 * their spread, not on how many there are, and two histograms merge exactly by adding counts,
 * which is what lets chunks of a simulation run anywhere and be merged in order.
 *
 * The sum behind the mean is kept in two parts, values below 2⁵⁰⁰ as they are and larger ones
 * scaled by 2⁻⁶⁰⁰, so that no sum of finite values overflows: the mean of 10⁹ trials of 10³⁰⁰
 * minutes each is 10³⁰⁰, not Infinity.
 */

const SUB_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BITS;
/** Values below this (zero and subnormal numbers) share bucket 0. */
const SMALLEST = 2 ** -1022;
/** Bucket of a normal double: the top 20 bits of its pattern less this. */
const BUCKET_BASE = SUB_BUCKETS - 1;
/** Values from this up are summed scaled by {@link HUGE_SCALE}. */
const HUGE = 2 ** 500;
const HUGE_SCALE = 2 ** -600;
const HUGE_UNSCALE = 2 ** 600;
/** The window of a fresh histogram: 2⁻²⁴ to 2⁴⁰, where durations and costs usually lie. */
const INITIAL_LOW_EXPONENT = -24;
const INITIAL_HIGH_EXPONENT = 40;

/**
 * Number of buckets: bucket 0 holds values below 2⁻¹⁰²² (zero included); the others one 128th
 * of a power of two each, up to the largest double.
 */
export const HISTOGRAM_BUCKETS = 1 + 2046 * SUB_BUCKETS;

/**
 * Counts of values per bucket. `counts[i]` is the count of bucket `offset + i` (buckets from 1);
 * bucket 0, zero and the tiniest values, is counted apart in `zeros`. A histogram being filled
 * grows its window as needed; a packed one holds only its non-empty range.
 */
export interface Histogram {
  offset: number;
  counts: Float64Array;
  /** Values in bucket 0 (below 2⁻¹⁰²², zero included). */
  zeros: number;
  /** Number of values recorded. */
  count: number;
  /** Sum of the values recorded below 2⁵⁰⁰. */
  sum: number;
  /** Sum of the values recorded from 2⁵⁰⁰ up, times 2⁻⁶⁰⁰. */
  hugeSum: number;
  /** Smallest value recorded (Infinity when empty). */
  min: number;
  /** Largest value recorded (-Infinity when empty). */
  max: number;
}

// The bucket of a double comes straight from its bit pattern: exponent and top mantissa bits.
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/** An empty histogram. */
export function createHistogram(): Histogram {
  const low = bucketOf(2 ** INITIAL_LOW_EXPONENT);
  const high = bucketOf(2 ** INITIAL_HIGH_EXPONENT);
  return {
    offset: low,
    counts: new Float64Array(high - low),
    zeros: 0,
    count: 0,
    sum: 0,
    hugeSum: 0,
    min: Infinity,
    max: -Infinity,
  };
}

/** Index of the bucket that holds `value` (a non-negative number; Infinity counts as the largest double). */
export function bucketOf(value: number): number {
  if (!(value >= SMALLEST)) return 0;
  if (value > Number.MAX_VALUE) return HISTOGRAM_BUCKETS - 1;
  scratch[0] = value;
  return (scratchWords[HIGH_WORD] >>> (20 - SUB_BITS)) - BUCKET_BASE;
}

/** Lower bound of bucket `index`. */
export function bucketLow(index: number): number {
  if (index <= 0) return 0;
  return bucketPoint(index, 0);
}

/** Upper bound of bucket `index` (exclusive; Infinity for the last bucket). */
export function bucketHigh(index: number): number {
  if (index <= 0) return SMALLEST;
  return bucketPoint(index + 1, 0);
}

/** The middle of bucket `index`, the value a quantile falling in it is reported as. */
export function bucketMiddle(index: number): number {
  if (index <= 0) return 0;
  return bucketPoint(index, 0.5);
}

/** The value `fraction` of the way through bucket `index` (≥ 1): never Infinity inside it. */
function bucketPoint(index: number, fraction: number): number {
  const code = index + BUCKET_BASE;
  const exponent = (code >> SUB_BITS) - 1023;
  const sub = code & (SUB_BUCKETS - 1);
  // Scaled in two steps so that 2¹⁰²³ · (1 + 127.5/128) stays finite.
  return 2 ** (exponent - 1) * 2 * (1 + (sub + fraction) / SUB_BUCKETS);
}

/**
 * Records one value. Negative values and NaN count as 0; values above the largest double (a
 * trial total that overflowed) count as the largest double.
 */
export function recordValue(histogram: Histogram, value: number): void {
  const v = value > 0 ? (value <= Number.MAX_VALUE ? value : Number.MAX_VALUE) : 0;
  histogram.count++;
  if (v < HUGE) histogram.sum += v;
  else histogram.hugeSum += v * HUGE_SCALE;
  if (v < histogram.min) histogram.min = v;
  if (v > histogram.max) histogram.max = v;
  const bucket = bucketOf(v);
  if (bucket === 0) {
    histogram.zeros++;
    return;
  }
  const i = bucket - histogram.offset;
  if (i >= 0 && i < histogram.counts.length) histogram.counts[i]++;
  else {
    cover(histogram, bucket, bucket + 1);
    histogram.counts[bucket - histogram.offset]++;
  }
}

/**
 * Records the first `length` values of `values`, as {@link recordValue} would one by one. The
 * trial loop writes each trial's total into a typed array and records them here a batch at a
 * time: one tight loop, with the sums and extremes in locals.
 */
export function recordValues(histogram: Histogram, values: Float64Array, length: number): void {
  let { sum, hugeSum, min, max, zeros, offset, counts } = histogram;
  let size = counts.length;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    const v = value > 0 ? (value <= Number.MAX_VALUE ? value : Number.MAX_VALUE) : 0;
    if (v < HUGE) sum += v;
    else hugeSum += v * HUGE_SCALE;
    if (v < min) min = v;
    if (v > max) max = v;
    if (!(v >= SMALLEST)) {
      zeros++;
      continue;
    }
    scratch[0] = v;
    const bucket = (scratchWords[HIGH_WORD] >>> (20 - SUB_BITS)) - BUCKET_BASE;
    const at = bucket - offset;
    if (at >= 0 && at < size) {
      counts[at]++;
      continue;
    }
    cover(histogram, bucket, bucket + 1);
    offset = histogram.offset;
    counts = histogram.counts;
    size = counts.length;
    counts[bucket - offset]++;
  }
  histogram.count += length;
  histogram.sum = sum;
  histogram.hugeSum = hugeSum;
  histogram.min = min;
  histogram.max = max;
  histogram.zeros = zeros;
}

/**
 * Widens the window of `histogram` to hold buckets `low` to `high` (exclusive), with room to
 * spare so that a run of values just outside it does not widen it again and again.
 */
function cover(histogram: Histogram, low: number, high: number): void {
  const { offset, counts } = histogram;
  const end = offset + counts.length;
  if (low >= offset && high <= end) return;
  const spare = Math.max(SUB_BUCKETS, counts.length >> 1);
  const newOffset = low < offset ? Math.max(1, low - spare) : offset;
  const newEnd = high > end ? Math.min(HISTOGRAM_BUCKETS, high + spare) : end;
  const widened = new Float64Array(newEnd - newOffset);
  widened.set(counts, offset - newOffset);
  histogram.offset = newOffset;
  histogram.counts = widened;
}

/** Adds the counts of `from` (packed or not) to `into` (widened as needed). */
export function mergeHistogram(into: Histogram, from: Histogram): void {
  const source = from.counts;
  if (source.length > 0) cover(into, from.offset, from.offset + source.length);
  const counts = into.counts;
  const offset = from.offset - into.offset;
  for (let i = 0; i < source.length; i++) counts[offset + i] += source[i];
  into.zeros += from.zeros;
  into.count += from.count;
  into.sum += from.sum;
  into.hugeSum += from.hugeSum;
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
    offset: first <= last ? histogram.offset + first : 1,
    counts: counts.slice(first, last + 1),
    zeros: histogram.zeros,
    count: histogram.count,
    sum: histogram.sum,
    hugeSum: histogram.hugeSum,
    min: histogram.min,
    max: histogram.max,
  };
}

/**
 * Mean of the recorded values (NaN when empty). Finite for any finite values: the two parts
 * of the sum are divided by the count before they are added.
 */
export function histogramMean(histogram: Histogram): number {
  const { count } = histogram;
  if (count === 0) return NaN;
  const mean = histogram.sum / count + (histogram.hugeSum / count) * HUGE_UNSCALE;
  // Rounding may not take the mean outside the values it is the mean of.
  return Math.min(histogram.max, Math.max(histogram.min, mean));
}

/**
 * The q-quantile (0–1) of the recorded values, by nearest rank, to within 0.4 % of its value:
 * the middle of the bucket holding it, kept within the recorded minimum and maximum.
 * NaN when empty.
 */
export function histogramQuantile(histogram: Histogram, q: number): number {
  if (histogram.count === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * histogram.count));
  const { min, max } = histogram;
  let cumulative = histogram.zeros;
  if (cumulative >= rank) return min;
  const counts = histogram.counts;
  for (let i = 0; i < counts.length; i++) {
    cumulative += counts[i];
    if (cumulative >= rank) {
      return Math.min(max, Math.max(min, bucketMiddle(histogram.offset + i)));
    }
  }
  return max;
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
  const width = binWidth(min, max, binCount);
  if (width === 0) return [{ from: min, to: max, count: histogram.count }];
  const bins: HistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    bins.push({
      from: binEdge(min, max, b, binCount),
      to: binEdge(min, max, b + 1, binCount),
      count: 0,
    });
  }
  bins[0].count += histogram.zeros;
  const counts = histogram.counts;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    const clamped = Math.min(max, Math.max(min, bucketMiddle(histogram.offset + i)));
    bins[binIndex(clamped, min, width, binCount)].count += counts[i];
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
  const width = binWidth(min, max, binCount);
  if (width === 0) return [{ from: min, to: max, count: values.length }];
  const bins: HistogramBin[] = [];
  for (let b = 0; b < binCount; b++) {
    bins.push({
      from: binEdge(min, max, b, binCount),
      to: binEdge(min, max, b + 1, binCount),
      count: 0,
    });
  }
  for (let i = 0; i < values.length; i++) {
    bins[binIndex(values[i], min, width, binCount)].count++;
  }
  return bins;
}

/**
 * The width of one of `binCount` bins from `min` to `max`, or 0 when they cannot be told apart
 * (one value, or a range too narrow to divide). Divided before subtracting, so that a range
 * from −10³⁰⁸ to 10³⁰⁸ does not overflow.
 */
function binWidth(min: number, max: number, binCount: number): number {
  if (!(max > min)) return 0;
  const width = max / binCount - min / binCount;
  return width > 0 && min + width > min ? width : 0;
}

/** The lower edge of bin `b` (the upper edge of the last when `b` is `binCount`). */
function binEdge(min: number, max: number, b: number, binCount: number): number {
  if (b >= binCount) return max;
  const f = b / binCount;
  return b === 0 ? min : min * (1 - f) + max * f;
}

/** The bin of `value`, from 0 to `binCount` − 1, computed without overflow. */
function binIndex(value: number, min: number, width: number, binCount: number): number {
  const b = Math.floor(value / width - min / width);
  return b < 0 ? 0 : b > binCount - 1 ? binCount - 1 : b;
}
