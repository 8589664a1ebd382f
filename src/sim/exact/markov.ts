/**
 * Linear algebra for the cyclic parts of an absorbing Markov chain.
 *
 * Every cyclic strongly connected component of a level's chain is solved on its own, as a
 * system in `A = I − Q_CC` (Q_CC: transition probabilities between the component's states).
 * `A` is a nonsingular M-matrix: positive diagonal, non-positive off-diagonal entries, and row
 * sums equal to each state's probability of leaving the component. The factorisation below is
 * the Grassmann–Taksar–Heyman variant of Gaussian elimination: each pivot is rebuilt as the sum
 * of the state's outflows instead of being updated by subtraction, so no step cancels. With
 * non-negative right-hand sides every later substitution only adds terms of one sign, which
 * keeps tiny probabilities (1e-10 and below) accurate to their last digits. The sign structure
 * that makes this work also makes pivoting unnecessary: the pivots are positive whenever every
 * loop of the component can be left.
 *
 * The factors are kept sparse (the non-zeros of each row), so a long loop, whose factors have
 * only a few non-zeros per row, is solved in time proportional to its length.
 */

/** A component has a loop that can never be left; `position` is a state on it. */
export class InescapableLoopError extends Error {
  constructor(readonly position: number) {
    super('A loop can never be left with the given probabilities.');
    this.name = 'InescapableLoopError';
  }
}

/**
 * LU factors of `A = I − Q_CC` for one component: `A = L·U` with L unit lower triangular and U
 * upper triangular, stored row by row as lists of non-zeros (all off-diagonal values ≤ 0).
 */
export interface ComponentFactors {
  /** Number of states in the component. */
  size: number;
  /** Diagonal of U (the pivots), all > 0. */
  pivot: Float64Array;
  /** Row i of L below the diagonal: `lowerColumn/lowerValue[lowerStart[i] … lowerStart[i+1]−1]`. */
  lowerStart: Int32Array;
  lowerColumn: Int32Array;
  lowerValue: Float64Array;
  /** Row i of U right of the diagonal, likewise. */
  upperStart: Int32Array;
  upperColumn: Int32Array;
  upperValue: Float64Array;
}

/**
 * Factorises `A`.
 *
 * @param matrix Row-major `size × size`; off-diagonal entries are `−Q_ij` (≤ 0); the diagonal
 *   is ignored and rebuilt from `exits`. Overwritten.
 * @param exits Per state, the probability of leaving the component in one transition (to a
 *   state outside it or to an absorbing outcome). Overwritten.
 * @throws {@link InescapableLoopError} when a pivot is not positive: some loop of the component
 *   can never be left.
 */
export function factorComponent(
  matrix: Float64Array,
  exits: Float64Array,
  size: number,
): ComponentFactors {
  const pivots = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const rowK = k * size;
    let pivot = exits[k];
    for (let j = k + 1; j < size; j++) pivot -= matrix[rowK + j];
    if (!(pivot > 0)) throw new InescapableLoopError(k);
    pivots[k] = pivot;
    for (let i = k + 1; i < size; i++) {
      const rowI = i * size;
      const below = matrix[rowI + k];
      if (below === 0) continue;
      const multiplier = below / pivot;
      matrix[rowI + k] = multiplier;
      for (let j = k + 1; j < size; j++) {
        const right = matrix[rowK + j];
        if (right !== 0 && j !== i) matrix[rowI + j] -= multiplier * right;
      }
      exits[i] -= multiplier * exits[k];
    }
  }

  let lowerCount = 0;
  let upperCount = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (j !== i && matrix[i * size + j] !== 0) {
        if (j < i) lowerCount++;
        else upperCount++;
      }
    }
  }
  const factors: ComponentFactors = {
    size,
    pivot: pivots,
    lowerStart: new Int32Array(size + 1),
    lowerColumn: new Int32Array(lowerCount),
    lowerValue: new Float64Array(lowerCount),
    upperStart: new Int32Array(size + 1),
    upperColumn: new Int32Array(upperCount),
    upperValue: new Float64Array(upperCount),
  };
  let lower = 0;
  let upper = 0;
  for (let i = 0; i < size; i++) {
    factors.lowerStart[i] = lower;
    factors.upperStart[i] = upper;
    for (let j = 0; j < size; j++) {
      const value = matrix[i * size + j];
      if (j === i || value === 0) continue;
      if (j < i) {
        factors.lowerColumn[lower] = j;
        factors.lowerValue[lower++] = value;
      } else {
        factors.upperColumn[upper] = j;
        factors.upperValue[upper++] = value;
      }
    }
  }
  factors.lowerStart[size] = lower;
  factors.upperStart[size] = upper;
  return factors;
}

/**
 * Solves `A x = b` in place (`b` becomes `x`; only its first `size` entries are used).
 * Success-from-here, and columns of the fundamental matrix `A⁻¹`.
 */
export function solveComponent(factors: ComponentFactors, rhs: Float64Array): void {
  const { size, pivot, lowerStart, lowerColumn, lowerValue, upperStart, upperColumn, upperValue } =
    factors;
  for (let i = 1; i < size; i++) {
    let sum = rhs[i];
    for (let n = lowerStart[i]; n < lowerStart[i + 1]; n++)
      sum -= lowerValue[n] * rhs[lowerColumn[n]];
    rhs[i] = sum;
  }
  for (let i = size - 1; i >= 0; i--) {
    let sum = rhs[i];
    for (let n = upperStart[i]; n < upperStart[i + 1]; n++)
      sum -= upperValue[n] * rhs[upperColumn[n]];
    rhs[i] = sum / pivot[i];
  }
}

/**
 * Solves `Aᵀ x = c` in place (`c` becomes `x`; only its first `size` entries are used).
 * Expected visits given the arrivals `c`.
 */
export function solveComponentTransposed(factors: ComponentFactors, rhs: Float64Array): void {
  const { size, pivot, lowerStart, lowerColumn, lowerValue, upperStart, upperColumn, upperValue } =
    factors;
  // Uᵀ z = c, pushing each solved entry into the rows below it.
  for (let i = 0; i < size; i++) {
    const z = rhs[i] / pivot[i];
    rhs[i] = z;
    if (z === 0) continue;
    for (let n = upperStart[i]; n < upperStart[i + 1]; n++)
      rhs[upperColumn[n]] -= upperValue[n] * z;
  }
  // Lᵀ x = z, likewise from the bottom up.
  for (let i = size - 1; i >= 0; i--) {
    const x = rhs[i];
    if (x === 0) continue;
    for (let n = lowerStart[i]; n < lowerStart[i + 1]; n++)
      rhs[lowerColumn[n]] -= lowerValue[n] * x;
  }
}
