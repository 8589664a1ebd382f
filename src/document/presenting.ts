/**
 * The guided walk of the presenting view (SPEC §8): the source's table told one slide at a
 * time. The question first ("ten steps, each done right 90–99 % of the time: how many customers
 * are served?"), then one step per slide with the product of the steps so far (0.99, 0.970,
 * 0.873, …), then R (0.765, about one customer in four meets a failure), then a scenario's
 * recovery (step 3 becomes 0.90 + 0.10 × 0.6 = 0.96, R 0.816) and the growth (+0.051, +6.67 %).
 *
 * Every figure comes from the engine: the steps and their values from the numbered formula's
 * factors, R and the scenario's figures from the exact analysis and comparison. A product of
 * the steps is R only for a blueprint in series (each factor of the formula one step); for any
 * other blueprint (decisions, parallel blocks, loops, failure routes) the walk still shows each
 * step with its reliability but no running product, says why, and ends at the exact R.
 *
 * Pure: no DOM, no React; the presenting view turns these slides into words.
 */
import { compareScenarios } from '../sim/exact/compare';
import { numberedFormula, type NumberedFormula } from '../sim/exact/formula-numbers';
import { ExactSolution } from '../sim/exact/solution';
import type { Model, ModelNode, NamedModel } from '../sim/model';
import type { Blueprint } from '../sim/parse';

/** One step of the walk, as the growing table shows it. */
export interface WalkStep {
  /** Id of the step. */
  id: string;
  /** The step's label (may be empty: the view names it). */
  label: string;
  /** Probability, 0–1, that a pass through the step goes on: r, or r + (1 − r)·c with a recovery. */
  reliability: number;
  /** The value as written in the formula: `0.90`, or `(0.90 + 0.10 × 0.6)` with a recovery. */
  text: string;
  /**
   * Probability, 0–1, that a customer gets through this step and every one before it: the
   * product so far. Null when the blueprint is not in series (the product would not be R).
   */
  served: number | null;
}

/** Why a walk shows no running product. */
export type InexactReason =
  /** Decisions or parallel blocks: a factor of R spans several steps, or a step is not on every route. */
  | 'branches'
  /** Loops or failure routes: R has no closed formula, and a product of steps is not R. */
  | 'loops';

/** A step a scenario changes, before and after. */
export interface ChangedStep {
  id: string;
  label: string;
  /** Probability, 0–1, of going on past the step in the baseline (with its recovery if any). */
  before: number;
  /** The same in the scenario. */
  after: number;
  /** The baseline's value as the formula writes it (`0.90`). */
  beforeText: string;
  /** The scenario's value as the formula writes it (`(0.90 + 0.10 × 0.6)`). */
  afterText: string;
}

/** A scenario's recovery and what it buys, from the exact comparison. */
export interface WalkRecovery {
  scenarioId: string;
  scenarioName: string;
  /** The steps the scenario changes, in the order the customer meets them. */
  changed: ChangedStep[];
  /** The scenario's formula with its numbers, or null when it has none. */
  formula: NumberedFormula | null;
  /** R of the scenario, probability 0–1. */
  reliability: number;
  /** R of the scenario − R of the baseline, probability (0.051 for the courier's step 3). */
  delta: number;
  /** {@link delta} / R of the baseline (0.0667 means +6.67 %). */
  growth: number;
  /** Expected failed customers per 10,000 in the scenario. */
  failuresPer10k: number;
}

/** One slide of the walk; `step` slides point into {@link PresentingWalk.steps}. */
export type Slide =
  | { kind: 'question' }
  /** The table up to and including `steps[index]`. */
  | { kind: 'step'; index: number }
  | { kind: 'result' }
  | { kind: 'recovery' }
  | { kind: 'growth' };

/** Everything the presenting view shows, and the slides in order. */
export interface PresentingWalk {
  /** The blueprint's title (may be empty). */
  title: string;
  /** The steps in the order the customer meets them. */
  steps: WalkStep[];
  /** Null when each step's running product is exact; otherwise why it is not shown. */
  inexact: InexactReason | null;
  /** Lowest and highest step reliability, 0–1, for the question; null without steps. */
  range: { lowest: number; highest: number } | null;
  /** The baseline's formula with its numbers, or null when it has none. */
  formula: NumberedFormula | null;
  /** Exact R of the baseline, probability 0–1. */
  reliability: number;
  /** Expected failed customers per 10,000 in the baseline. */
  failuresPer10k: number;
  /**
   * "About one customer in n meets a failure": 1 / (1 − R) rounded, at least 1; null when no
   * customer fails.
   */
  oneIn: number | null;
  /** The scenario told after R, or null when the blueprint has none. */
  recovery: WalkRecovery | null;
  slides: Slide[];
}

/** Values closer than this are the same number (the formula's and the model's arithmetic). */
const SAME = 1e-12;

/**
 * The guided walk of a validated blueprint.
 *
 * @param scenarioId The scenario to tell after R (the one on in what-if mode); when null,
 *   unknown or left out, the blueprint's first scenario. Without scenarios the walk ends at R.
 *
 * @example
 * const walk = presentingWalk(courier);
 * walk.steps.map((s) => s.served); // [0.99, 0.9702, 0.873…, …, 0.765…]
 * walk.recovery?.growth;           // 0.0667
 */
export function presentingWalk(blueprint: Blueprint, scenarioId?: string | null): PresentingWalk {
  const { model } = blueprint;
  const solved = new ExactSolution(model);
  const formula = numberedFormula(model);
  const series = formula ? seriesSteps(model, formula) : null;
  const steps = series ?? stepsInOrder(model).map((node) => unmultipliedStep(node));
  const inexact: InexactReason | null = series ? null : formula ? 'branches' : 'loops';

  const scenario =
    blueprint.scenarios.find((candidate) => candidate.id === scenarioId) ??
    blueprint.scenarios.at(0) ??
    null;
  const recovery = scenario ? recoveryOf(model, scenario) : null;

  const failure = solved.failureProbability;
  const slides: Slide[] = [];
  if (steps.length > 0) slides.push({ kind: 'question' });
  steps.forEach((_, index) => slides.push({ kind: 'step', index }));
  slides.push({ kind: 'result' });
  if (recovery) slides.push({ kind: 'recovery' }, { kind: 'growth' });

  const values = steps.map((step) => step.reliability);
  return {
    title: blueprint.document.title?.trim() ?? '',
    steps,
    inexact,
    // Folded rather than spread: a spread of more than about 120,000 values overflows the stack.
    range:
      steps.length > 0
        ? {
            lowest: values.reduce((low, value) => Math.min(low, value), Infinity),
            highest: values.reduce((high, value) => Math.max(high, value), -Infinity),
          }
        : null,
    formula,
    reliability: solved.reliability,
    failuresPer10k: failure * 10_000,
    oneIn: failure > 0 ? Math.max(1, Math.round(1 / failure)) : null,
    recovery,
    slides,
  };
}

/**
 * The steps of a blueprint in series, one per factor of its formula, with the product so far;
 * null when the formula is not one factor per step (a decision's weighted sum, a parallel block,
 * a step only some customers reach).
 */
function seriesSteps(model: Model, formula: NumberedFormula): WalkStep[] | null {
  const steps = model.nodes.filter((node) => node.type === 'step');
  if (formula.factors.length !== steps.length) return null;
  const seen = new Set<string>();
  const out: WalkStep[] = [];
  let served = 1;
  for (const factor of formula.factors) {
    if (factor.nodeIds.length !== 1) return null;
    const [id] = factor.nodeIds;
    const index = model.indexOf.get(id);
    const node = index === undefined ? undefined : model.nodes[index];
    if (!node || node.type !== 'step' || seen.has(id)) return null;
    if (Math.abs(factor.value - goesOn(node)) > SAME) return null;
    seen.add(id);
    served *= factor.value;
    out.push({ id, label: node.label, reliability: factor.value, text: factor.text, served });
  }
  return out;
}

/**
 * Every step in the order a customer first meets it: breadth first from the start along the
 * normal and failure edges, then any step no route reaches (a broken blueprint never gets here,
 * but the walk must still show every step).
 */
function stepsInOrder(model: Model): ModelNode[] {
  const order: number[] = [];
  const seen = new Set<number>([model.start]);
  const queue = [model.start];
  for (let head = 0; head < queue.length; head++) {
    const node = model.nodes[queue[head]];
    order.push(node.index);
    const next = node.failureEdge >= 0 ? [...node.out, node.failureEdge] : node.out;
    for (const edge of next) {
      const target = model.edges[edge].target;
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  for (const node of model.nodes) if (!seen.has(node.index)) order.push(node.index);
  return order.map((index) => model.nodes[index]).filter((node) => node.type === 'step');
}

function unmultipliedStep(node: ModelNode): WalkStep {
  return {
    id: node.id,
    label: node.label,
    reliability: goesOn(node),
    text: stepText(node),
    served: null,
  };
}

/** Probability, 0–1, that a pass through a step goes on: r + (1 − r)·c. */
function goesOn(node: ModelNode): number {
  return node.hasRecovery
    ? node.reliability + (1 - node.reliability) * node.catchRate
    : node.reliability;
}

/** A step's value as the formula writes it: `0.90`, or `(0.90 + 0.10 × 0.6)` with a recovery. */
function stepText(node: ModelNode): string {
  const r = reliabilityText(node.reliability);
  if (!node.hasRecovery) return r;
  return `(${r} + ${reliabilityText(1 - node.reliability)} × ${shortText(node.catchRate)})`;
}

/** Exact to 12 significant digits and no longer: `0.6`, `0.25`. */
function shortText(value: number): string {
  return String(+value.toPrecision(12));
}

/** {@link shortText} with at least two decimals, as the source's table writes a reliability. */
function reliabilityText(value: number): string {
  const short = shortText(value);
  if (short.includes('e')) return short;
  return (short.split('.')[1]?.length ?? 0) >= 2 ? short : value.toFixed(2);
}

function recoveryOf(baseline: Model, scenario: NamedModel): WalkRecovery {
  const [, row] = compareScenarios(baseline, [scenario]);
  const formula = numberedFormula(scenario.model, baseline);
  const changed: ChangedStep[] = [];
  for (const node of stepsInOrder(scenario.model)) {
    const index = baseline.indexOf.get(node.id);
    const before = index === undefined ? undefined : baseline.nodes[index];
    if (!before || before.type !== 'step') continue;
    const same =
      before.reliability === node.reliability &&
      before.hasRecovery === node.hasRecovery &&
      (!node.hasRecovery || before.catchRate === node.catchRate);
    if (same) continue;
    changed.push({
      id: node.id,
      label: node.label,
      before: goesOn(before),
      after: goesOn(node),
      beforeText: stepText(before),
      afterText: stepText(node),
    });
  }
  return {
    scenarioId: scenario.id,
    scenarioName: scenario.name,
    changed,
    formula,
    reliability: row.reliability,
    delta: row.delta,
    growth: row.growth,
    failuresPer10k: row.failuresPer10k,
  };
}
