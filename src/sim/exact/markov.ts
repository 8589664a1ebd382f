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
 * loop of the component can be left, whatever the order of elimination.
 *
 * That freedom is what keeps loops sparse. Eliminating a state links every state that leads to
 * it with every state it leads to, so the order decides how much the factors fill in. The
 * order is chosen once per graph ({@link eliminationPattern}, minimum degree on the symmetric
 * pattern): a rework loop, a chain with back edges, is eaten from its interior, where each
 * state has two or three neighbours, so each elimination adds O(1) entries and the whole
 * factorisation is linear in the loop's length. The pattern is then reused for every set of
 * probabilities on the same graph; only {@link factorComponent} runs per model.
 */

/** A component has a loop that can never be left; `position` is a state on it. */
export class InescapableLoopError extends Error {
  constructor(readonly position: number) {
    super('A loop can never be left with the given probabilities.');
    this.name = 'InescapableLoopError';
  }
}

/**
 * Most pair updates (Σ over eliminations of neighbours × (neighbours − 1)) a component's
 * elimination may need. Loops people draw stay far below (a 100,000-step rework loop with
 * back edges needs about a million); a component that needs more, such as several hundred
 * states each linked at random to others, is refused by validation (BP028) rather than taking
 * minutes and hundreds of megabytes. Finding the order costs about a microsecond per update.
 */
export const ELIMINATION_WORK_LIMIT = 4_000_000;

/**
 * The structure of the elimination of one component, independent of probabilities.
 *
 * States are the component's positions 0 … size−1. Step k eliminates `order[k]`; the states
 * still present and linked to it at that moment are its neighbours, stored in the slots
 * `start[k] … start[k+1]−1` of `neighbour`. A slot holds two values in the factors: the
 * transition probability from the eliminated state to the neighbour ("up") and from the
 * neighbour to the eliminated state ("low"). Any pair (i, j) of states linked in the filled
 * graph has exactly one slot, in the list of whichever of the two is eliminated first; a
 * {@link SlotCode} addresses the value Q[i, j] in it. A pattern is never changed once made: the
 * patterns of the smallest loops are shared by every loop of that shape.
 */
export interface EliminationPattern {
  /** Number of states. */
  size: number;
  /** Step → position eliminated at that step. */
  order: Int32Array;
  /** Position → step at which it is eliminated. */
  stepOf: Int32Array;
  /** Slots of step k: `start[k] … start[k+1]−1`. */
  start: Int32Array;
  /** Per slot: the neighbour's position. */
  neighbour: Int32Array;
  /**
   * Per step k with d neighbours, d·(d−1) codes from `fillStart[k]`: for each ordered pair of
   * distinct neighbours (i, j), in slot order, the {@link SlotCode} of Q[i, j].
   */
  fillStart: Float64Array;
  fillTarget: Int32Array;
}

/**
 * Where the value Q[i, j] of a linked pair lives: `slot · 2` for the "up" value of the slot
 * (i eliminated first, j its neighbour), `slot · 2 + 1` for the "low" value (j eliminated
 * first, i its neighbour).
 */
export type SlotCode = number;

/**
 * Chooses the elimination order of a component (minimum degree on the symmetric pattern,
 * ties to the lowest position) and records the fill it causes.
 *
 * @param size Number of states.
 * @param links Transitions inside the component as pairs of positions `[from, to, from, to, …]`
 *   (self-transitions are ignored).
 * @param workLimit Most pair updates allowed; see {@link ELIMINATION_WORK_LIMIT}.
 * @returns The pattern, or null when the elimination would need more work than allowed.
 */
export function eliminationPattern(
  size: number,
  links: ArrayLike<number>,
  workLimit = ELIMINATION_WORK_LIMIT,
): EliminationPattern | null {
  // Most loops people draw are a step retried (one state) or two states leading to each other,
  // whose patterns are always the same: those are made once and shared by every such loop.
  if (size === 1) return (singleState ??= patternOf(1, links, workLimit)!);
  if (size === 2 && linksBoth(links)) return (linkedPair ??= patternOf(2, links, workLimit)!);
  // Small loops come in a few shapes, repeated along a blueprint (a rework loop of a few steps
  // with its back edges): the pattern of each shape is made once, keyed by its links in order
  // (the order decides ties, so the same links in the same order give the same pattern).
  if (size > SHARED_PATTERN_SIZE || links.length > SHARED_PATTERN_LINKS) {
    return patternOf(size, links, workLimit);
  }
  let key = String(size);
  for (let n = 0; n < links.length; n++) key += `,${links[n]}`;
  let pattern = sharedPatterns.get(key);
  if (pattern === undefined) {
    // Small enough never to reach the work limit (at most 8 · 7 pair updates per step).
    pattern = patternOf(size, links, workLimit)!;
    if (sharedPatterns.size < SHARED_PATTERNS) sharedPatterns.set(key, pattern);
  }
  return pattern;
}

/** Loops of at most this many states, and this many link ends, share patterns by shape. */
const SHARED_PATTERN_SIZE = 8;
const SHARED_PATTERN_LINKS = 64;
/** Most shapes kept (a few hundred kilobytes at most). */
const SHARED_PATTERNS = 4096;
/** Patterns of small loops by their links (see {@link eliminationPattern}). */
const sharedPatterns = new Map<string, EliminationPattern>();

/** The pattern of a loop of one state (self-transitions play no part), once made. */
let singleState: EliminationPattern | null = null;
/** The pattern of two states linked either way or both, once made. */
let linkedPair: EliminationPattern | null = null;

/** Whether `links` link positions 0 and 1 (either way). */
function linksBoth(links: ArrayLike<number>): boolean {
  for (let n = 0; n + 1 < links.length; n += 2) {
    if (links[n] !== links[n + 1]) return true;
  }
  return false;
}

/** {@link eliminationPattern} worked out. */
function patternOf(
  size: number,
  links: ArrayLike<number>,
  workLimit: number,
): EliminationPattern | null {
  const adjacent: Set<number>[] = [];
  for (let v = 0; v < size; v++) adjacent.push(new Set());
  for (let n = 0; n + 1 < links.length; n += 2) {
    const from = links[n];
    const to = links[n + 1];
    if (from === to) continue;
    adjacent[from].add(to);
    adjacent[to].add(from);
  }
  // Lazy min-heap of degree·size + position: stale keys are skipped when popped.
  const heap = new MinHeap();
  for (let v = 0; v < size; v++) heap.push(adjacent[v].size * size + v);

  const order = new Int32Array(size);
  const stepOf = new Int32Array(size).fill(-1);
  const start = new Int32Array(size + 1);
  const neighbours: number[] = [];
  let work = 0;
  for (let k = 0; k < size; k++) {
    let v = -1;
    while (v < 0) {
      const key = heap.pop();
      const candidate = key % size;
      if (stepOf[candidate] < 0 && adjacent[candidate].size === (key - candidate) / size) {
        v = candidate;
      }
    }
    order[k] = v;
    stepOf[v] = k;
    start[k] = neighbours.length;
    const list = [...adjacent[v]];
    work += list.length * (list.length - 1);
    if (work > workLimit) return null;
    for (const a of list) {
      neighbours.push(a);
      adjacent[a].delete(v);
    }
    for (const a of list) {
      const set = adjacent[a];
      for (const b of list) if (b !== a) set.add(b);
      heap.push(set.size * size + a);
    }
    adjacent[v].clear();
  }
  start[size] = neighbours.length;
  const neighbour = Int32Array.from(neighbours);

  // Slot of each linked pair, keyed by (step of the first eliminated) · size + other position.
  const slotOf = new Map<number, number>();
  for (let k = 0; k < size; k++) {
    for (let n = start[k]; n < start[k + 1]; n++) slotOf.set(k * size + neighbour[n], n);
  }
  const fillStart = new Float64Array(size + 1);
  const fillTarget = new Int32Array(work);
  let f = 0;
  for (let k = 0; k < size; k++) {
    fillStart[k] = f;
    for (let n = start[k]; n < start[k + 1]; n++) {
      for (let n2 = start[k]; n2 < start[k + 1]; n2++) {
        if (n2 !== n)
          fillTarget[f++] = slotCodeOf(slotOf, stepOf, size, neighbour[n], neighbour[n2]);
      }
    }
  }
  fillStart[size] = f;
  return { size, order, stepOf, start, neighbour, fillStart, fillTarget };
}

/**
 * {@link SlotCode} of Q[i, j] for two linked positions of a pattern (a transition of the
 * component, or a pair linked by fill).
 */
export function slotCode(pattern: EliminationPattern, i: number, j: number): SlotCode {
  const { start, neighbour, stepOf } = pattern;
  const first = stepOf[i] < stepOf[j] ? i : j;
  const other = first === i ? j : i;
  const k = stepOf[first];
  for (let n = start[k]; n < start[k + 1]; n++) {
    if (neighbour[n] === other) return first === i ? n * 2 : n * 2 + 1;
  }
  throw new Error(`Positions ${i} and ${j} are not linked in this elimination pattern.`);
}

function slotCodeOf(
  slotOf: Map<number, number>,
  stepOf: Int32Array,
  size: number,
  i: number,
  j: number,
): SlotCode {
  return stepOf[i] < stepOf[j]
    ? slotOf.get(stepOf[i] * size + j)! * 2
    : slotOf.get(stepOf[j] * size + i)! * 2 + 1;
}

/**
 * Factors of `A = I − Q_CC` for one component: with the pattern's order, `A = L·D·U` where
 * `D[k] = pivot[k]`, `U[e, j] = −up[slot] / pivot` and `L[i, e] = −low[slot] / pivot` over the
 * slots of the step that eliminates e. All stored values are ≥ 0.
 *
 * The values live in lists shared by every component of a model, from `pivotAt` and `slotAt`
 * on, so that a blueprint of a hundred thousand loops keeps three lists rather than three small
 * ones per loop.
 */
export interface ComponentFactors {
  pattern: EliminationPattern;
  /** Per step k: the pivot at `pivotAt + k`, the probability of leaving the eliminated state, > 0. */
  pivot: Float64Array;
  pivotAt: number;
  /** Per slot n: at `slotAt + n`, the transition probability from the eliminated state to the neighbour. */
  up: Float64Array;
  /** Per slot n: at `slotAt + n`, the transition probability from the neighbour to the eliminated state. */
  low: Float64Array;
  slotAt: number;
}

/**
 * Factorises `A` along a pattern, in place: `factors.up` and `factors.low` hold, per slot, the
 * transition probabilities of the component as placed by their {@link SlotCode} (fill slots 0)
 * and become the factors; the pivots are written.
 *
 * @param exits Per position, the probability of leaving the component in one transition (to a
 *   state outside it or to an absorbing outcome). Overwritten.
 * @throws {@link InescapableLoopError} when a pivot is not positive: some loop of the component
 *   can never be left.
 */
export function factorComponent(factors: ComponentFactors, exits: Float64Array): void {
  const { pattern, pivot, pivotAt, up, low, slotAt } = factors;
  const { size, order, start, neighbour, fillStart, fillTarget } = pattern;
  for (let k = 0; k < size; k++) {
    const e = order[k];
    const lo = slotAt + start[k];
    const hi = slotAt + start[k + 1];
    let leave = exits[e];
    for (let n = lo; n < hi; n++) leave += up[n];
    if (!(leave > 0)) throw new InescapableLoopError(e);
    pivot[pivotAt + k] = leave;
    const others = hi - lo - 1;
    let f = fillStart[k];
    for (let n = lo; n < hi; n++) {
      const into = low[n];
      if (into === 0) {
        f += others;
        continue;
      }
      // Censoring e: whoever goes from the neighbour to e continues as e would.
      const scale = into / leave;
      exits[neighbour[n - slotAt]] += scale * exits[e];
      for (let n2 = lo; n2 < hi; n2++) {
        if (n2 === n) continue;
        const code = fillTarget[f++];
        const onward = up[n2];
        if (onward === 0) continue;
        if (code & 1) low[slotAt + (code >> 1)] += scale * onward;
        else up[slotAt + (code >> 1)] += scale * onward;
      }
    }
  }
}

/**
 * Solves `A x = b` in place (`b`, indexed by position, becomes `x`).
 * Success-from-here, and columns of the fundamental matrix `A⁻¹`.
 */
export function solveComponent(factors: ComponentFactors, rhs: Float64Array): void {
  const { pivot, pivotAt, up, low, slotAt, pattern } = factors;
  const { size, order, start, neighbour } = pattern;
  for (let k = 0; k < size; k++) {
    const value = rhs[order[k]];
    if (value === 0) continue;
    const scaled = value / pivot[pivotAt + k];
    for (let n = start[k]; n < start[k + 1]; n++) {
      rhs[neighbour[n]] += low[slotAt + n] * scaled;
    }
  }
  for (let k = size - 1; k >= 0; k--) {
    const e = order[k];
    let sum = rhs[e];
    for (let n = start[k]; n < start[k + 1]; n++) sum += up[slotAt + n] * rhs[neighbour[n]];
    rhs[e] = sum / pivot[pivotAt + k];
  }
}

/**
 * Solves `Aᵀ x = c` in place (`c`, indexed by position, becomes `x`).
 * Expected visits given the arrivals `c`.
 */
export function solveComponentTransposed(factors: ComponentFactors, rhs: Float64Array): void {
  const { pivot, pivotAt, up, low, slotAt, pattern } = factors;
  const { size, order, start, neighbour } = pattern;
  // Uᵀ y = c then D z = y, pushing each solved entry to the states eliminated later.
  for (let k = 0; k < size; k++) {
    const e = order[k];
    const z = rhs[e] / pivot[pivotAt + k];
    rhs[e] = z;
    if (z === 0) continue;
    for (let n = start[k]; n < start[k + 1]; n++) rhs[neighbour[n]] += up[slotAt + n] * z;
  }
  // Lᵀ x = z, from the last eliminated back.
  for (let k = size - 1; k >= 0; k--) {
    const e = order[k];
    let sum = 0;
    for (let n = start[k]; n < start[k + 1]; n++) sum += low[slotAt + n] * rhs[neighbour[n]];
    rhs[e] += sum / pivot[pivotAt + k];
  }
}

/**
 * Entries of the fundamental matrix `N = A⁻¹` on the filled pattern (Takahashi's recurrences,
 * from the last eliminated state back): N[i, i] for every state, and both N[e, j] and N[j, e]
 * for every slot. Every transition of the component is a slot, so this is all a rank-one
 * update of one row needs. Each entry is a sum of non-negative terms; the cost is
 * Σ neighbours² over the eliminations, the same as the factorisation.
 */
export interface PatternInverse {
  /** Per position: N[i, i], expected visits to i starting from i (≥ 1). */
  diagonal: Float64Array;
  /** Per slot of step k (eliminating e): N[e, neighbour]. */
  upper: Float64Array;
  /** Per slot of step k (eliminating e): N[neighbour, e]. */
  lower: Float64Array;
}

/**
 * Computes {@link PatternInverse} from the factors, into `into`'s lists when given (at least
 * as long as the component's states and slots: a caller inverting many components in turn
 * reuses one set), else into new ones.
 */
export function inverseOnPattern(factors: ComponentFactors, into?: PatternInverse): PatternInverse {
  const { pivot, pivotAt, up, low, slotAt, pattern } = factors;
  const { size, order, start, neighbour, fillStart, fillTarget } = pattern;
  const slots = neighbour.length;
  const diagonal = into ? into.diagonal.fill(0, 0, size) : new Float64Array(size);
  const upper = into ? into.upper.fill(0, 0, slots) : new Float64Array(slots);
  const lower = into ? into.lower.fill(0, 0, slots) : new Float64Array(slots);
  for (let k = size - 1; k >= 0; k--) {
    const e = order[k];
    const lo = start[k];
    const hi = start[k + 1];
    const others = hi - lo - 1;
    const base = fillStart[k];
    const scale = 1 / pivot[pivotAt + k];
    let self = scale;
    for (let n = lo; n < hi; n++) {
      // N[i, e] = Σ_j N[i, j] · low_j / pivot and N[e, i] = Σ_j up_j / pivot · N[j, i], over the
      // neighbours j (all eliminated later, so already known).
      const i = neighbour[n];
      let toE = 0;
      let fromE = 0;
      for (let n2 = lo; n2 < hi; n2++) {
        if (n2 === n) {
          toE += diagonal[i] * low[slotAt + n2];
          fromE += up[slotAt + n2] * diagonal[i];
          continue;
        }
        const pair = (n - lo) * others + (n2 < n ? n2 - lo : n2 - lo - 1);
        const reverse = (n2 - lo) * others + (n < n2 ? n - lo : n - lo - 1);
        const code = fillTarget[base + pair];
        const back = fillTarget[base + reverse];
        toE += (code & 1 ? lower[code >> 1] : upper[code >> 1]) * low[slotAt + n2];
        fromE += up[slotAt + n2] * (back & 1 ? lower[back >> 1] : upper[back >> 1]);
      }
      lower[n] = toE * scale;
      upper[n] = fromE * scale;
    }
    for (let n = lo; n < hi; n++) self += up[slotAt + n] * scale * lower[n];
    diagonal[e] = self;
  }
  return into ?? { diagonal, upper, lower };
}

/** A binary min-heap of numbers, for the minimum-degree order. */
class MinHeap {
  private readonly items: number[] = [];

  push(value: number): void {
    const items = this.items;
    let at = items.length;
    items.push(value);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (items[parent] <= value) break;
      items[at] = items[parent];
      at = parent;
    }
    items[at] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      let at = 0;
      for (;;) {
        const left = at * 2 + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right] < items[left] ? right : left;
        if (items[child] >= last) break;
        items[at] = items[child];
        at = child;
      }
      items[at] = last;
    }
    return top;
  }
}
