/**
 * One line of the benchmark table (`npm run bench`, written to `bench/results.json`).
 */
export interface BenchRow {
  /** What was measured, e.g. "exact analysis, courier". */
  name: string;
  /** Median of the repeated measurements, in {@link unit}. */
  median: number;
  /** Unit of {@link median}, e.g. "ms" or "trials/s". */
  unit: string;
  /** The bar to reach, as text, e.g. "< 1 ms". */
  bar?: string;
  /** Whether the median meets the bar (absent when there is no bar). */
  pass?: boolean;
  /** Anything a reader needs to interpret the figure (sizes, repetitions). */
  note?: string;
}
