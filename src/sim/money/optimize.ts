/**
 * The budget optimiser (SPEC §9): which improvement options to buy within a budget (one-off,
 * yearly, or both), for the most value over the horizon or the highest R, and the frontier of
 * the combinations a manager reads like a menu (one-off cost against R, against value).
 *
 * The optimiser does not know blueprints: the caller evaluates a combination (applies its
 * options' changes and analyses the result exactly) through {@link OptimizeProblem.evaluate}.
 * Combinations are enumerated exhaustively while they are few enough; beyond that a stated
 * heuristic runs, and the result says which method gave it.
 *
 * Each evaluation is an exact analysis, and there may be tens of thousands of them:
 * {@link optimizeSteps} is the same search one evaluation at a time, so that a caller who must
 * stay responsive (the app's engine worker) can run it in slices and stop it part way.
 */
import { improvementReturn, type ImprovementReturn, type YearlyLoss } from './definitions';

/** Most combinations evaluated for an exact answer, on a small blueprint. */
export const EXHAUSTIVE_LIMIT = 65_536;

/**
 * Node evaluations an exact answer may cost: {@link EXHAUSTIVE_LIMIT} combinations of a
 * blueprint of 16 nodes. An exact analysis costs about as much per node whatever the size
 * (10–20 µs per node measured on the project's 2-core machine), so a larger blueprint gets fewer
 * combinations: a 1,000-node blueprint 1,048, some 10–20 s, rather than 65,536, some 10–20
 * minutes.
 */
const EXHAUSTIVE_WORK = EXHAUSTIVE_LIMIT * 16;

/** Fewest combinations an exact answer is allowed, however large the blueprint. */
const EXHAUSTIVE_FLOOR = 256;

/**
 * How many combinations are evaluated for an exact answer on a blueprint of `nodes` nodes:
 * {@link EXHAUSTIVE_LIMIT} up to 16 nodes, then fewer in proportion, never under 256.
 */
export function exhaustiveLimitFor(nodes: number): number {
  return Math.max(
    EXHAUSTIVE_FLOOR,
    Math.min(EXHAUSTIVE_LIMIT, Math.floor(EXHAUSTIVE_WORK / Math.max(1, nodes))),
  );
}

/** An improvement option with its costs resolved. */
export interface PricedOption {
  id: string;
  /** One-off cost, currency units. */
  costOnce: number;
  /** Running cost, currency units per year. */
  costPerYear: number;
}

/** What a combination of options gives, as the caller's evaluation finds it. */
export interface Evaluation {
  /** R with the combination's changes, probability 0–1. */
  reliability: number;
  /** The yearly loss with them; null when the blueprint has no economics. */
  loss: YearlyLoss | null;
}

/** What to optimise. */
export type OptimizeGoal = 'value' | 'reliability';

/** The question put to {@link optimize}. */
export interface OptimizeProblem {
  options: readonly PricedOption[];
  /** Pairs of option indices that cannot be bought together (they change the same field). */
  conflicts: readonly (readonly [number, number])[];
  /**
   * Most one-off cost the chosen options may add up to, currency units;
   * `Number.POSITIVE_INFINITY` for no bound on it.
   */
  budget: number;
  /**
   * Most running cost the chosen options may add up to, currency units per year; left out (or
   * `Number.POSITIVE_INFINITY`) for no bound on it.
   */
  yearlyBudget?: number;
  goal: OptimizeGoal;
  /**
   * Most combinations evaluated for an exact answer; {@link EXHAUSTIVE_LIMIT} when left out
   * (see {@link exhaustiveLimitFor} for one that follows the blueprint's size).
   */
  exhaustiveLimit?: number;
  /** Years over which value is counted (the economics' horizon); 1 without economics. */
  horizonYears: number;
  /** The baseline: no option bought. */
  baseline: Evaluation;
  /**
   * Evaluates the combination of the options at these indices (in increasing order); null when
   * the options cannot be combined into a valid blueprint (the combination is left out).
   */
  evaluate(chosen: readonly number[]): Evaluation | null;
}

/** One combination of options, evaluated. */
export interface Combination {
  /** Indices of its options, increasing. */
  indices: number[];
  /** Ids of its options, in the options' order. */
  ids: string[];
  /** Sum of the options' one-off costs, currency units. */
  costOnce: number;
  /** Sum of the options' yearly costs, currency units per year. */
  costPerYear: number;
  /** R, probability 0–1. */
  reliability: number;
  /** Yearly loss with the combination; null without economics. */
  loss: YearlyLoss | null;
  /** What it earns against the baseline; null without economics. */
  return: ImprovementReturn | null;
  /** Whether its one-off cost is within the budget and its yearly cost within the yearly budget. */
  affordable: boolean;
}

/** What a combination costs and earns, as plain figures for a table, a report or JSON. */
export interface CombinationFigures {
  /** Currency units, once. */
  costOnce: number;
  /** Currency units per year. */
  costPerYear: number;
  /** R with the combination, probability 0–1. */
  reliability: number;
  /** Currency units per year; null without economics. */
  netPerYear: number | null;
  /** Currency units over the horizon; null without economics. */
  valueOverHorizon: number | null;
  /** Years to earn back the one-off cost; null without economics or when it never pays back. */
  paybackYears: number | null;
  /** Return on investment over the horizon; null without economics or cost. */
  roi: number | null;
}

/** The figures of a combination, with null where a blueprint without economics has none. */
export function combinationFigures(combination: Combination): CombinationFigures {
  const earned = combination.return;
  return {
    costOnce: combination.costOnce,
    costPerYear: combination.costPerYear,
    reliability: combination.reliability,
    netPerYear: earned?.netPerYear ?? null,
    valueOverHorizon: earned?.valueOverHorizon ?? null,
    paybackYears: earned?.paybackYears ?? null,
    roi: earned?.roi ?? null,
  };
}

/** How the answer was found. */
export type OptimizeMethod = 'exhaustive' | 'exhaustive-within-budget' | 'greedy';

/** The optimiser's answer. */
export interface OptimizeResult {
  method: OptimizeMethod;
  /** Combinations evaluated. */
  evaluated: number;
  /** The best affordable combination (the empty one when nothing beats buying nothing). */
  chosen: Combination;
  /**
   * Non-dominated combinations of one-off cost against R (no other costs as little or less and
   * reaches as high an R or higher, one of them strictly), cheapest first. With a yearly budget,
   * only combinations within it are on the frontier: the chart's axis is the one-off cost, and a
   * combination whose running cost is out of reach is not on the menu at any one-off budget.
   */
  reliabilityFrontier: Combination[];
  /**
   * Non-dominated combinations of one-off cost against value over the horizon, within the
   * yearly budget as above; [] without economics.
   */
  valueFrontier: Combination[];
}

/** Differences smaller than this (probability or currency) count as ties. */
const TIE = 1e-9;

/** The value of a combination for `goal`: value over the horizon, or R. */
export function objective(combination: Combination, goal: OptimizeGoal): number {
  if (goal === 'reliability') return combination.reliability;
  return combination.return?.valueOverHorizon ?? Number.NEGATIVE_INFINITY;
}

/** Whether `a` is a better answer than `b` for `goal`: higher objective, then cheaper, then fewer options. */
function better(a: Combination, b: Combination, goal: OptimizeGoal): boolean {
  const difference = objective(a, goal) - objective(b, goal);
  if (Math.abs(difference) > TIE) return difference > 0;
  if (Math.abs(a.costOnce - b.costOnce) > TIE) return a.costOnce < b.costOnce;
  if (Math.abs(a.costPerYear - b.costPerYear) > TIE) return a.costPerYear < b.costPerYear;
  if (a.indices.length !== b.indices.length) return a.indices.length < b.indices.length;
  return a.ids.join('\u0000') < b.ids.join('\u0000');
}

/**
 * The combinations no other beats on both one-off cost (lower) and `score` (higher), cheapest
 * first; of combinations equal on both, the one {@link better} for the score is kept.
 */
export function frontier(
  combinations: readonly Combination[],
  score: (combination: Combination) => number,
): Combination[] {
  const sorted = [...combinations].sort((a, b) => {
    if (Math.abs(a.costOnce - b.costOnce) > TIE) return a.costOnce - b.costOnce;
    const difference = score(b) - score(a);
    if (Math.abs(difference) > TIE) return difference;
    return a.costPerYear - b.costPerYear || a.indices.length - b.indices.length;
  });
  const kept: Combination[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const combination of sorted) {
    const value = score(combination);
    if (value > best + TIE) {
      kept.push(combination);
      best = value;
    }
  }
  return kept;
}

/**
 * The best combination of options within the budget, and the frontiers. Exact (every
 * conflict-free combination evaluated) when there are at most the problem's exhaustive limit of
 * them;
 * else exact over the affordable ones when those are few enough; else greedy: options added one
 * at a time, the best gain each time, then single swaps until nothing improves.
 */
export function optimize(problem: OptimizeProblem): OptimizeResult {
  const steps = optimizeSteps(problem);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Both bounds of a problem; no bound is `Number.POSITIVE_INFINITY`. */
interface Bounds {
  once: number;
  perYear: number;
}

const UNBOUNDED: Bounds = { once: Number.POSITIVE_INFINITY, perYear: Number.POSITIVE_INFINITY };

function boundsOf(problem: OptimizeProblem): Bounds {
  return { once: problem.budget, perYear: problem.yearlyBudget ?? Number.POSITIVE_INFINITY };
}

/** How far an optimisation has gone, after each evaluation. */
export interface OptimizeProgress {
  /** Combinations evaluated so far (each one exact analysis). */
  evaluated: number;
  /**
   * Combinations the search evaluates in all when it is exhaustive; null for the greedy search,
   * whose length depends on what it finds on the way.
   */
  total: number | null;
}

/**
 * {@link optimize} one evaluation at a time: yields how far it has gone after each one, and
 * returns the answer. Driving it to the end gives exactly `optimize`'s answer; dropping it part
 * way costs nothing more.
 */
export function* optimizeSteps(
  problem: OptimizeProblem,
): Generator<OptimizeProgress, OptimizeResult> {
  const n = problem.options.length;
  const conflictMask = conflictMasks(n, problem.conflicts);
  const bounds = boundsOf(problem);
  const limit = problem.exhaustiveLimit ?? EXHAUSTIVE_LIMIT;
  const all = countCombinations(problem, conflictMask, UNBOUNDED, limit);
  const affordable = all <= limit ? all : countCombinations(problem, conflictMask, bounds, limit);
  const make = combinationMaker(problem);
  let combinations: Combination[];
  let method: OptimizeMethod;
  if (all <= limit) {
    method = 'exhaustive';
    combinations = yield* counted(enumerate(problem, conflictMask, UNBOUNDED, make), all);
  } else if (affordable <= limit) {
    method = 'exhaustive-within-budget';
    combinations = yield* counted(enumerate(problem, conflictMask, bounds, make), affordable);
  } else {
    method = 'greedy';
    combinations = yield* counted(greedy(problem, conflictMask, make), null);
  }
  let chosen = combinations[0];
  for (const combination of combinations) {
    if (combination.affordable && better(combination, chosen, problem.goal)) chosen = combination;
  }
  const economics = problem.baseline.loss !== null;
  const onMenu = combinations.filter((c) => c.costPerYear <= bounds.perYear + TIE);
  return {
    method,
    evaluated: combinations.length,
    chosen,
    reliabilityFrontier: frontier(onMenu, (c) => c.reliability),
    valueFrontier: economics ? frontier(onMenu, (c) => objective(c, 'value')) : [],
  };
}

/** A search's counts of evaluations as progress towards `total`. */
function* counted<T>(
  search: Generator<number, T>,
  total: number | null,
): Generator<OptimizeProgress, T> {
  for (;;) {
    const step = search.next();
    if (step.done) return step.value;
    yield { evaluated: step.value, total };
  }
}

/** Per option, the bit set (as a boolean array) of the options it conflicts with. */
function conflictMasks(n: number, conflicts: OptimizeProblem['conflicts']): boolean[][] {
  const masks = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const [a, b] of conflicts) {
    masks[a][b] = true;
    masks[b][a] = true;
  }
  return masks;
}

function clashes(chosen: readonly number[], candidate: number, masks: boolean[][]): boolean {
  return chosen.some((i) => masks[candidate][i]);
}

/**
 * Whether adding option `i` to a combination costing `once` and `perYear` stays within
 * `bounds`; the sums it makes, or null. Costs are never negative (the parser refuses them), so
 * a combination over a bound stays over it with more options: the search prunes there.
 */
function within(
  problem: OptimizeProblem,
  bounds: Bounds,
  once: number,
  perYear: number,
  i: number,
): [number, number] | null {
  const nextOnce = once + problem.options[i].costOnce;
  const nextPerYear = perYear + problem.options[i].costPerYear;
  if (nextOnce > bounds.once + TIE || nextPerYear > bounds.perYear + TIE) return null;
  return [nextOnce, nextPerYear];
}

/** Conflict-free combinations within `bounds`, counted up to just past `limit`. */
function countCombinations(
  problem: OptimizeProblem,
  masks: boolean[][],
  bounds: Bounds,
  limit: number,
): number {
  let count = 0;
  const chosen: number[] = [];
  const visit = (from: number, once: number, perYear: number): void => {
    count++;
    if (count > limit) return;
    for (let i = from; i < problem.options.length && count <= limit; i++) {
      const sums = within(problem, bounds, once, perYear, i);
      if (sums === null || clashes(chosen, i, masks)) continue;
      chosen.push(i);
      visit(i + 1, sums[0], sums[1]);
      chosen.pop();
    }
  };
  visit(0, 0, 0);
  return count;
}

type Maker = (indices: readonly number[]) => Combination | null;

function combinationMaker(problem: OptimizeProblem): Maker {
  const { options, baseline, horizonYears } = problem;
  const bounds = boundsOf(problem);
  return (indices) => {
    const result = indices.length === 0 ? baseline : problem.evaluate(indices);
    if (result === null) return null;
    let costOnce = 0;
    let costPerYear = 0;
    for (const i of indices) {
      costOnce += options[i].costOnce;
      costPerYear += options[i].costPerYear;
    }
    const cost = { costOnce, costPerYear };
    return {
      indices: [...indices],
      ids: indices.map((i) => options[i].id),
      costOnce,
      costPerYear,
      reliability: result.reliability,
      loss: result.loss,
      return:
        baseline.loss && result.loss
          ? improvementReturn(baseline.loss, result.loss, cost, horizonYears)
          : null,
      affordable: costOnce <= bounds.once + TIE && costPerYear <= bounds.perYear + TIE,
    };
  };
}

/** Every conflict-free combination within `bounds`, the empty one first; yields after each evaluation. */
function* enumerate(
  problem: OptimizeProblem,
  masks: boolean[][],
  bounds: Bounds,
  make: Maker,
): Generator<number, Combination[]> {
  const out: Combination[] = [];
  const chosen: number[] = [];
  let evaluated = 0;
  function* visit(from: number, once: number, perYear: number): Generator<number, void> {
    const made = make(chosen);
    if (made) out.push(made);
    yield ++evaluated;
    for (let i = from; i < problem.options.length; i++) {
      const sums = within(problem, bounds, once, perYear, i);
      if (sums === null || clashes(chosen, i, masks)) continue;
      chosen.push(i);
      yield* visit(i + 1, sums[0], sums[1]);
      chosen.pop();
    }
  }
  yield* visit(0, 0, 0);
  return out;
}

/**
 * Greedy additions then single swaps, within the budget. Every combination evaluated on the way
 * is returned (the frontiers are drawn from them), the empty one first; yields after each
 * evaluation.
 */
function* greedy(
  problem: OptimizeProblem,
  masks: boolean[][],
  make: Maker,
): Generator<number, Combination[]> {
  const { goal, options } = problem;
  const seen = new Map<string, Combination | null>();
  function* visit(indices: number[]): Generator<number, Combination | null> {
    const sorted = [...indices].sort((a, b) => a - b);
    const key = sorted.join(',');
    if (!seen.has(key)) {
      seen.set(key, make(sorted));
      yield seen.size;
    }
    return seen.get(key) ?? null;
  }
  let current = (yield* visit([])) as Combination;
  for (;;) {
    let next: Combination | null = null;
    for (let i = 0; i < options.length; i++) {
      if (current.indices.includes(i) || clashes(current.indices, i, masks)) continue;
      const candidate = yield* visit([...current.indices, i]);
      if (!candidate?.affordable) continue;
      if (better(candidate, next ?? current, goal)) next = candidate;
    }
    if (next === null) break;
    current = next;
  }
  // Single swaps: one option out, another in, while that improves the answer.
  let improved = true;
  while (improved) {
    improved = false;
    for (const out of current.indices) {
      for (let i = 0; i < options.length && !improved; i++) {
        if (current.indices.includes(i)) continue;
        const kept = current.indices.filter((j) => j !== out);
        if (clashes(kept, i, masks)) continue;
        const candidate = yield* visit([...kept, i]);
        if (candidate?.affordable && better(candidate, current, goal)) {
          current = candidate;
          improved = true;
        }
      }
      if (improved) break;
    }
  }
  return [...seen.values()].filter((combination) => combination !== null);
}
