/**
 * System reliability and single-step what-ifs, the fast entry points of the exact analysis.
 */
import type { Model } from '../model';
import type { ExactPlan } from './plan';
import { ExactSolution, type ChangeEffect, type StepChange } from './solution';

/**
 * System reliability R of a blueprint: the probability, 0–1, that one customer reaches a
 * success end, exact to rounding (about 1e-15) for series, decisions, rework loops, failure
 * edges and k-of-n parallel blocks.
 *
 * Cost: linear in nodes and edges, plus a small solve per loop. The model is read, never
 * kept, so callers may pass a fresh or updated model on every call (e.g. one per Beta draw).
 * Evaluating many models of one graph (same nodes and edges, other numbers), pass a
 * {@link planExact} of that graph made once to skip the structural part; and to solve with
 * other reliabilities on the same model, `reliabilities` per node (steps' entries are read).
 *
 * @example
 * const built = buildModel(input);
 * if (built.ok) console.log(systemReliability(built.model)); // 0.7652...
 *
 * @throws When a loop can never be left with the model's probabilities (the sentence names a
 *   node on it).
 */
export function systemReliability(
  model: Model,
  plan?: ExactPlan,
  reliabilities?: Float64Array,
): number {
  return new ExactSolution(model, { plan, reliabilities }).reliability;
}

/**
 * R and the failure probability (both probabilities, 0–1) of a blueprint, each computed
 * directly: the failure probability is a sum of failure absorptions, so a tiny failure
 * probability keeps its precision instead of being lost in 1 − R.
 */
export function reliabilityAndFailure(model: Model): {
  reliability: number;
  failureProbability: number;
} {
  const solution = new ExactSolution(model);
  return { reliability: solution.reliability, failureProbability: solution.failureProbability };
}

/**
 * System reliability R (probability, 0–1) if one step had another reliability and/or catch
 * rate, computed exactly as a rank-one update of the solved chain rather than a re-analysis.
 *
 * @param step The step's node index or id.
 * @throws When the node is missing or not a step, or a value is not a probability.
 */
export function reliabilityWith(model: Model, step: number | string, change: StepChange): number {
  return stepChangeEffect(model, step, change).reliability;
}

/**
 * Everything a change of one step does: new R, new failure probability, and both differences
 * computed directly (probabilities, 0–1).
 */
export function stepChangeEffect(
  model: Model,
  step: number | string,
  change: StepChange,
): ChangeEffect {
  const index = resolveNode(model, step);
  return new ExactSolution(model, { visits: true }).changeStep(index, change);
}

/** Node index of a node given by index or id. */
export function resolveNode(model: Model, node: number | string): number {
  if (typeof node === 'number') {
    if (!Number.isInteger(node) || node < 0 || node >= model.nodes.length) {
      throw new RangeError(`There is no node with index ${node} in this blueprint.`);
    }
    return node;
  }
  const index = model.indexOf.get(node);
  if (index === undefined) throw new RangeError(`There is no node "${node}" in this blueprint.`);
  return index;
}
