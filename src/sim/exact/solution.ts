/**
 * The numbers of the exact analysis for one model: per level, success-from-here g, failure-
 * from-here w (each computed directly, never as 1 − the other) and expected visits v; per
 * block, each branch's β and φ and the block's pass and fail probabilities. On top of these,
 * one primitive answers "what if this step's reliability or catch rate were x" exactly and
 * cheaply, as a rank-one update of the chain the step sits in, carried up through the blocks
 * that enclose it.
 */
import { DECISION, JOIN, NODE_TYPES, PARALLEL, START, STEP, type Model } from '../model';
import { blockOutcome, branchLeverages } from './kofn';
import type { BranchLeverage } from './kofn';
import {
  eliminationPattern,
  factorComponent,
  InescapableLoopError,
  inverseOnPattern,
  solveComponent,
  solveComponentTransposed,
  type ComponentFactors,
  type PatternInverse,
} from './markov';
import { planOf, TO_SUCCESS, transitionNode, type ExactPlan } from './plan';

/**
 * Chance, 0–1, of not coming back to a state through a loop target below which it counts as
 * rounding (the target leads back with certainty): if every way the changed row goes is such a
 * target, the what-if makes the loop impossible to leave and every customer reaching the step
 * would be stuck in it. A real way out, however improbable the row makes it, is never zero.
 */
const TRAPPED_ESCAPE = 1e-12;

/**
 * Below this probability of leaving a loop for good after a what-if, the what-if solves the
 * level again instead of updating it (the update would magnify rounding by its inverse).
 */
const RESOLVE_BELOW = 1e-3;

/** Modes of the linear maps of {@link ExactSolution.jumpFrom}. */
const JUMP_DERIVATIVE = 0;
const JUMP_CONSERVATIVE = 1;
const JUMP_GENERAL = 2;
/** A level whose map is not made yet. */
const UNKNOWN_JUMP = -2;
/** Entries kept of a level's map (see {@link ExactSolution.jumpMatrix}). */
const JUMP_ENTRIES = 5;

/** The pattern of the reusable factor views until they are pointed at a component. */
const PLACEHOLDER_PATTERN = eliminationPattern(1, [])!;

/** One state's row replaced in a what-if: its two transitions and any other way out. */
interface RowReplacement {
  state: number;
  /** New probability of the state's first transition. */
  first: number;
  /** New probability of the state's second transition. */
  second: number;
  /** Probability of leaving by neither transition (a mark, or customers stuck below). */
  otherExits: number;
}

/** A change of one step: either field left out keeps its current value. */
export interface StepChange {
  /** New probability, 0–1, that the step is done right. */
  reliability?: number;
  /** New share, 0–1, of the step's failures caught (setting it on a step without recovery adds one). */
  catchRate?: number;
}

/** What a change does to the whole blueprint. */
export interface ChangeEffect {
  /** New system reliability, probability 0–1. */
  reliability: number;
  /** New probability, 0–1, that a trial fails (computed directly, not as 1 − reliability). */
  failureProbability: number;
  /** New reliability − old, computed directly (no cancellation between the two). */
  reliabilityChange: number;
  /** New failure probability − old, computed directly. */
  failureChange: number;
}

/** Options of {@link ExactSolution}. */
export interface SolveOptions {
  /** Also compute expected visits (needed for everything but R and the failure probability). */
  visits?: boolean;
  /** A plan of a model with the same nodes and edges (any numbers), to skip rebuilding it. */
  plan?: ExactPlan;
  /**
   * Per node, the reliability to solve with instead of the model's (e.g. one draw of the
   * uncertain steps' reliabilities); entries of nodes other than steps are not read.
   */
  reliabilities?: Float64Array;
}

/** The solved chains of one model. */
export class ExactSolution {
  readonly model: Model;
  readonly plan: ExactPlan;
  /** System reliability R: probability, 0–1, that a trial reaches a success end. */
  readonly reliability: number;
  /** Probability, 0–1, that a trial fails, computed as a sum of failure absorptions. */
  readonly failureProbability: number;
  /** Per branch, by its level: probability, 0–1, that the branch reaches the join (β). */
  readonly branchSuccess: Float64Array;
  /** Per branch, by its level: probability, 0–1, that the branch fails (φ). */
  readonly branchFailure: Float64Array;
  /** Per block: probability, 0–1, that the join passes. */
  readonly blockPass: Float64Array;
  /** Per block: probability, 0–1, that the join fails. */
  readonly blockFail: Float64Array;
  readonly hasVisits: boolean;

  /** Per transition: its probability. */
  private readonly probability: Float64Array;
  /** Per node: the reliability solved with (the model's, or the one given). */
  private readonly reliabilities: Float64Array;
  /** Per node: success-from-here within its level, probability 0–1. */
  private readonly success: Float64Array;
  /** Per node: failure-from-here within its level, probability 0–1. */
  private readonly failure: Float64Array;
  /** Per node: expected visits in one run of its level (when visits are requested). */
  private readonly visits: Float64Array;
  /**
   * LU factors of `I − Q` of every cyclic component, side by side: component c's pivots from
   * `componentStart[c]` in {@link pivots}, its slots from {@link slotStart}[c] in {@link ups} and
   * {@link lows}. {@link factorsOf} gives one component's.
   */
  private readonly pivots: Float64Array;
  private readonly ups: Float64Array;
  private readonly lows: Float64Array;
  private readonly slotStart: Int32Array;
  /** The factors {@link factorsOf} gives, and those of a what-if's solve, in scratch lists. */
  private readonly stored: ComponentFactors;
  private readonly changed: ComponentFactors;
  /** The entries of one component's inverse while {@link prepareReturns} reads them. */
  private readonly inverse: PatternInverse;
  /**
   * Entries of the component-local fundamental matrices N = (I − Q_CC)⁻¹ that the what-ifs
   * need, filled one cyclic component at a time on demand: per node i, N[i, i] (expected visits
   * to i starting from i); per transition i → t inside the component, N[t, i] (see
   * {@link visitsBackAt}).
   */
  private readonly returnsReady: Uint8Array;
  private readonly selfVisits: Float64Array;
  /**
   * Per slot of the cyclic components (numbered as {@link ups}): the fundamental matrix's entries
   * N[e, neighbour] (`inverseUpper`) and N[neighbour, e] (`inverseLower`); see
   * {@link visitsBackAt}.
   */
  private readonly inverseUpper: Float64Array;
  private readonly inverseLower: Float64Array;
  /** Per block, on demand: how the block responds to each of its branches. */
  private readonly leverages: (BranchLeverage[] | undefined)[];
  /** Scratch vectors as long as the largest component. */
  private readonly scratch: Float64Array[];
  /** Per mode, per level: where its linear map leads ({@link UNKNOWN_JUMP} until made). */
  private readonly jumpTarget: Int32Array[];
  /**
   * Per mode, per level: the 3 × 3 map on (success, failure, mark) changes. The mark only ever
   * scales by itself, so of the map [[a, b, 0], [c, d, 0], [0, 0, e]] the five entries
   * a, b, c, d, e are kept, in that order.
   */
  private readonly jumpMatrix: Float64Array[];
  /** One level's map (its five entries) while {@link jumpFrom} composes a run of them. */
  private readonly jumpStep = new Float64Array(JUMP_ENTRIES);
  /** The levels {@link jumpFrom} walks up through, innermost first. */
  private readonly jumpChain: number[] = [];
  private lastSuccess = 0;
  private lastFailure = 0;
  private lastMark = 0;
  private lastTrapped = false;

  /**
   * Solves every level of a validated model: innermost blocks first, each branch's β and φ,
   * each block's pass and fail probabilities, then the top level.
   *
   * @throws When a loop can never be left with the model's probabilities.
   */
  constructor(model: Model, options: SolveOptions = {}) {
    this.model = model;
    this.plan = options.plan ?? planOf(model);
    this.hasVisits = options.visits ?? false;
    const plan = this.plan;
    if (plan.refusedComponent >= 0) {
      const node = model.nodes[plan.componentNodes[plan.componentStart[plan.refusedComponent]]];
      throw new Error(
        `The loop through ${node.type} "${node.id}" is too large and too interlinked for the exact analysis; the blueprint should have been refused by validation.`,
      );
    }
    const nodeCount = model.graph.nodeCount;
    this.reliabilities = options.reliabilities ?? model.graph.reliability;
    this.probability = new Float64Array(plan.target.length);
    this.success = new Float64Array(nodeCount);
    this.failure = new Float64Array(nodeCount);
    this.visits = new Float64Array(this.hasVisits ? nodeCount : 0);
    const componentCount = plan.componentCyclic.length;
    const { componentPattern, componentCyclic, patterns } = plan;
    this.slotStart = new Int32Array(componentCount + 1);
    let largestSlots = 0;
    for (let c = 0; c < componentCount; c++) {
      const slots = componentCyclic[c] ? patterns[componentPattern[c]].neighbour.length : 0;
      this.slotStart[c + 1] = this.slotStart[c] + slots;
      largestSlots = Math.max(largestSlots, slots);
    }
    this.pivots = new Float64Array(plan.componentNodes.length);
    const returnSlots = this.hasVisits ? this.slotStart[componentCount] : 0;
    this.inverseUpper = new Float64Array(returnSlots);
    this.inverseLower = new Float64Array(returnSlots);
    this.ups = new Float64Array(this.slotStart[componentCount]);
    this.lows = new Float64Array(this.slotStart[componentCount]);
    this.stored = {
      pattern: PLACEHOLDER_PATTERN,
      pivot: this.pivots,
      pivotAt: 0,
      up: this.ups,
      low: this.lows,
      slotAt: 0,
    };
    this.returnsReady = new Uint8Array(componentCount);
    this.selfVisits = new Float64Array(this.hasVisits ? nodeCount : 0);

    this.leverages = new Array<BranchLeverage[] | undefined>(model.blocks.length);
    let largest = 0;
    for (let c = 0; c < componentCount; c++) {
      largest = Math.max(largest, plan.componentStart[c + 1] - plan.componentStart[c]);
    }
    this.scratch = [0, 1, 2].map(() => new Float64Array(largest));
    this.inverse = {
      diagonal: new Float64Array(largest),
      upper: new Float64Array(largestSlots),
      lower: new Float64Array(largestSlots),
    };
    this.changed = {
      pattern: PLACEHOLDER_PATTERN,
      pivot: new Float64Array(largest),
      pivotAt: 0,
      up: new Float64Array(largestSlots),
      low: new Float64Array(largestSlots),
      slotAt: 0,
    };
    const levels = this.hasVisits ? plan.levelCount : 0;
    this.jumpTarget = [0, 1, 2].map(() => new Int32Array(levels).fill(UNKNOWN_JUMP));
    this.jumpMatrix = [0, 1, 2].map(() => new Float64Array(levels * JUMP_ENTRIES));

    const blocks = model.blocks;
    const beta = new Float64Array(plan.levelCount);
    const phi = new Float64Array(plan.levelCount);
    this.branchSuccess = beta;
    this.branchFailure = phi;
    this.blockPass = new Float64Array(blocks.length);
    this.blockFail = new Float64Array(blocks.length);
    for (let b = 0; b < blocks.length; b++) {
      const first = plan.branchLevels[b];
      const n = blocks[b].branches.length;
      for (let level = first; level < first + n; level++) {
        this.solveLevel(level);
        const entry = plan.levelEntry[level];
        beta[level] = entry < 0 ? 1 : this.success[entry];
        phi[level] = entry < 0 ? 0 : this.failure[entry];
      }
      const outcome = blockOutcome(beta, phi, blocks[b].k, first, n);
      this.blockPass[b] = outcome.pass;
      this.blockFail[b] = outcome.fail;
    }
    this.solveLevel(0);
    // Sums of positive terms can overshoot 1 by a rounding unit.
    this.reliability = Math.min(1, this.success[model.start]);
    this.failureProbability = Math.min(1, this.failure[model.start]);
  }

  /** Success-from-here of a non-end node within its level (its branch, or the whole trial). */
  successFrom(node: number): number {
    return this.success[node];
  }

  /** Failure-from-here of a non-end node within its level. */
  failureFrom(node: number): number {
    return this.failure[node];
  }

  /** Expected visits of a non-end node in one run of its level (one run of its branch). */
  visitsWithinLevel(node: number): number {
    this.requireVisits();
    return this.visits[node];
  }

  /**
   * Expected visits to a non-end node starting from that node, counting the start, within its
   * level: the diagonal entry of the fundamental matrix (1 for a node on no loop).
   */
  returnFactor(node: number): number {
    const component = this.plan.componentOf[node];
    if (!this.plan.componentCyclic[component]) return 1;
    this.prepareReturns(component);
    return this.selfVisits[node];
  }

  /**
   * Per node index, the probability (0–1) that a trial ends at that node: at success ends, at
   * failure ends, at steps whose uncaught failure ends the trial, and at top-level joins whose
   * block failed. Zero elsewhere. Sums to 1 over all nodes (R at success ends, the failure
   * probability at the rest).
   */
  outcomeByNode(): Float64Array {
    this.requireVisits();
    const { levelOf, rowStart, target } = this.plan;
    const { probability, visits } = this;
    const { graph } = this.model;
    const ending = new Float64Array(graph.nodeCount);
    for (let v = 0; v < levelOf.length; v++) {
      if (levelOf[v] !== 0 || visits[v] === 0) continue;
      for (let t = rowStart[v]; t < rowStart[v + 1]; t++) {
        if (target[t] < 0) {
          ending[transitionNode(graph, v, t - rowStart[v])] += visits[v] * probability[t];
        }
      }
    }
    return ending;
  }

  /**
   * The effect on the whole blueprint of changing one step's reliability and/or catch rate,
   * exact (a Sherman–Morrison update, not a re-analysis).
   */
  changeStep(step: number, change: StepChange): ChangeEffect {
    this.checkStep(step);
    const r2 = change.reliability ?? this.reliabilities[step];
    const c2 = change.catchRate ?? this.model.graph.catchRate[step];
    const id = this.model.nodes[step].id;
    checkProbability(r2, `the new reliability of step "${id}"`);
    checkProbability(c2, `the new catch rate of step "${id}"`);
    const reliabilityChange = this.reliabilityChange(step, r2, c2);
    return {
      reliability: this.reliability + reliabilityChange,
      failureProbability: this.failureProbability + this.lastFailure,
      reliabilityChange,
      failureChange: this.lastFailure,
    };
  }

  /**
   * R(step at reliability r2, catch rate c2) − R, exact; no checks, no allocation. The
   * matching change of the failure probability is left in `lastFailure`.
   */
  reliabilityChange(step: number, r2: number, c2: number): number {
    const uncaughtChange =
      (1 - r2) * (1 - c2) - (1 - this.reliabilities[step]) * (1 - this.model.graph.catchRate[step]);
    const pass = r2 + (1 - r2) * c2;
    const uncaught = (1 - r2) * (1 - c2);
    this.rowChange(step, -uncaughtChange, uncaughtChange, 0, false, pass, uncaught);
    this.carryUp(this.plan.levelOf[step], !this.lastTrapped, false);
    return this.lastSuccess;
  }

  /** Birnbaum importance ∂R/∂r of a step (probability per unit of reliability). */
  reliabilityDerivative(step: number): number {
    this.checkStep(step);
    return this.stepDerivative(step, 1 - this.model.graph.catchRate[step]);
  }

  /** ∂R/∂c of a step's catch rate (probability per unit of catch rate). */
  catchDerivative(step: number): number {
    this.checkStep(step);
    return this.stepDerivative(step, 1 - this.reliabilities[step]);
  }

  /**
   * A step's five figures of the full analysis, into `into[at … at + 4]`: the change of R with
   * the step made perfect (its potential), ∂R/∂r, ∂R/∂c, and the change of R with its
   * reliability `delta` lower and higher (the tornado, clamped to [0, 1]). The same figures,
   * bit for bit, as {@link reliabilityChange}, {@link reliabilityDerivative} and
   * {@link catchDerivative}, without their checks: `step` must be a step and visits computed.
   */
  stepFigures(step: number, delta: number, into: Float64Array, at: number): void {
    const r = this.reliabilities[step];
    const c = this.model.graph.catchRate[step];
    const level = this.plan.levelOf[step];
    for (let figure = 0; figure < 5; figure++) {
      if (figure === 1 || figure === 2) {
        // ∂R/∂r weighs the step's row change by 1 − c, ∂R/∂c by 1 − r.
        const weight = figure === 1 ? 1 - c : 1 - r;
        this.rowChange(step, weight, -weight, 0, true);
        this.carryUp(level, true, true);
      } else {
        const r2 =
          figure === 0 ? 1 : figure === 3 ? Math.max(0, r - delta) : Math.min(1, r + delta);
        const uncaughtChange = (1 - r2) * (1 - c) - (1 - r) * (1 - c);
        const pass = r2 + (1 - r2) * c;
        const uncaught = (1 - r2) * (1 - c);
        this.rowChange(step, -uncaughtChange, uncaughtChange, 0, false, pass, uncaught);
        this.carryUp(level, !this.lastTrapped, false);
      }
      into[at + figure] = this.lastSuccess;
    }
  }

  /**
   * Probability, 0–1, that a trial visits the node at least once. For a node inside a parallel
   * block this accounts for the block running several times when it sits on a loop.
   */
  visitProbability(node: number): number {
    this.requireVisits();
    const level = this.plan.levelOf[node];
    if (level < 0) {
      throw new Error(`Node "${this.model.nodes[node].id}" is an end; ends are not chain states.`);
    }
    const visits = this.visits[node];
    if (visits === 0) return 0;
    const hit = visits / this.returnFactor(node);
    if (level === 0) return hit;
    // Treat the node as an absorbing mark: the branch reaches its join or fails only when
    // the node was not visited first; carry that change up to the top level.
    this.lastSuccess = -hit * this.success[node];
    this.lastFailure = -hit * this.failure[node];
    this.lastMark = hit;
    this.lastTrapped = false;
    this.carryUp(level, false, false);
    return this.lastMark;
  }

  /**
   * {@link visitProbability} of every node that is not an end, into `into` by node index (the
   * entries of ends are left as they are): the same figures, without a walk up through the
   * blocks per node where one map leads from its level to the top.
   */
  visitProbabilities(into: Float64Array): void {
    this.requireVisits();
    const { levelOf, componentOf, componentCyclic } = this.plan;
    const { visits } = this;
    const marks = this.jumpMatrix[JUMP_GENERAL];
    for (let v = 0; v < levelOf.length; v++) {
      const level = levelOf[v];
      if (level < 0) continue;
      if (visits[v] === 0) {
        into[v] = 0;
        continue;
      }
      if (level !== 0 && this.jumpFrom(JUMP_GENERAL, level) === 0) {
        // The map to the top scales the mark alone by its fifth entry (see carryUp).
        const cyclic = componentCyclic[componentOf[v]] === 1;
        const hit = cyclic ? visits[v] / this.returnFactor(v) : visits[v];
        into[v] = marks[level * JUMP_ENTRIES + 4] * hit;
      } else {
        into[v] = this.visitProbability(v);
      }
    }
  }

  private stepDerivative(step: number, weight: number): number {
    this.rowChange(step, weight, -weight, 0, true);
    this.carryUp(this.plan.levelOf[step], true, true);
    return this.lastSuccess;
  }

  /** Throws unless node `step` is a step and visits were computed. */
  private checkStep(step: number): void {
    const { graph } = this.model;
    if (!(Number.isInteger(step) && step >= 0 && step < graph.nodeCount)) {
      throw new Error(`There is no node with index ${step} in this blueprint.`);
    }
    if (graph.type[step] !== STEP) {
      const node = this.model.nodes[step];
      throw new Error(
        `Node "${node.id}" is a ${NODE_TYPES[graph.type[step]]}, not a step; only steps have a reliability to change.`,
      );
    }
    this.requireVisits();
  }

  private requireVisits(): void {
    if (!this.hasVisits) {
      throw new Error('Expected visits were not computed; solve the model with { visits: true }.');
    }
  }

  /**
   * Carries a change of one level's outcome (in lastSuccess / lastFailure / lastMark, at the
   * level's entry) up through the enclosing blocks to the top level.
   *
   * @param conservative The change only moves probability between success and failure (no
   *   mark, nobody stuck), so the block's response is exactly the pivotal probability.
   */
  private carryUp(level: number, conservative: boolean, derivative: boolean): void {
    const { levelBlock } = this.plan;
    while (level !== 0) {
      const mode = derivative ? JUMP_DERIVATIVE : conservative ? JUMP_CONSERVATIVE : JUMP_GENERAL;
      const to = this.jumpFrom(mode, level);
      if (to !== level) {
        const m = this.jumpMatrix[mode];
        const at = level * JUMP_ENTRIES;
        const dS = this.lastSuccess;
        const dF = this.lastFailure;
        this.lastSuccess = m[at] * dS + m[at + 1] * dF;
        this.lastFailure = m[at + 2] * dS + m[at + 3] * dF;
        this.lastMark = m[at + 4] * this.lastMark;
        this.lastTrapped = false;
        level = to;
        continue;
      }
      const block = levelBlock[level];
      const leverage = this.leverage(level);
      const dBeta = this.lastSuccess;
      const dPhi = this.lastFailure;
      let passChange: number;
      let failChange: number;
      if (conservative) {
        passChange = dBeta * leverage.pivotal;
        failChange = dPhi * leverage.pivotal;
      } else {
        passChange = dBeta * leverage.passIfSucceeds + dPhi * leverage.passIfFails;
        failChange = dBeta * leverage.failIfSucceeds + dPhi * leverage.failIfFails;
      }
      const join = this.model.blocks[block].join;
      this.rowChange(join, passChange, failChange, this.lastMark, derivative);
      conservative = conservative && !this.lastTrapped;
      level = this.plan.levelOf[join];
    }
  }

  /**
   * Where a change at the entry of `level` can be carried in one linear map, and that map.
   *
   * Passing a block's join is linear in the change of one branch, and so is the change of the
   * enclosing level's entry whenever the join's row change is: for infinitesimal changes, and
   * for a join on no loop of its level (no Sherman–Morrison denominator). A run of such levels
   * composes into one 3 × 3 map on (success, failure, mark) changes, all of whose coefficients
   * are non-negative products, made once per level and mode. A what-if deep inside nested
   * blocks then costs O(1) instead of O(depth). The map stops below a join on a loop, where
   * the exact update is not linear; `level` itself is returned when its own join is one.
   */
  private jumpFrom(mode: number, level: number): number {
    const targets = this.jumpTarget[mode];
    if (targets[level] !== UNKNOWN_JUMP) return targets[level];
    const { levelOf, componentOf, componentCyclic } = this.plan;
    // Walk up to level 0, a level already mapped, or a join that is not linear; then compose
    // the maps from there down, so no recursion follows the nesting.
    const chain = this.jumpChain;
    chain.length = 0;
    let top = level;
    while (
      top !== 0 &&
      targets[top] === UNKNOWN_JUMP &&
      (mode === JUMP_DERIVATIVE || !componentCyclic[componentOf[this.joinOf(top)]])
    ) {
      chain.push(top);
      top = levelOf[this.joinOf(top)];
    }
    if (top !== 0 && targets[top] === UNKNOWN_JUMP) targets[top] = top;
    const matrices = this.jumpMatrix[mode];
    const step = this.jumpStep;
    for (let c = chain.length - 1; c >= 0; c--) {
      const l = chain[c];
      this.levelStep(mode, l, step);
      const parent = levelOf[this.joinOf(l)];
      const at = l * JUMP_ENTRIES;
      if (parent === 0 || targets[parent] === parent) {
        matrices.set(step, at);
        targets[l] = parent;
      } else {
        // The parent's map after this level's: the 2 × 2 parts multiply, and so do the marks'.
        const p = parent * JUMP_ENTRIES;
        matrices[at] = matrices[p] * step[0] + matrices[p + 1] * step[2];
        matrices[at + 1] = matrices[p] * step[1] + matrices[p + 1] * step[3];
        matrices[at + 2] = matrices[p + 2] * step[0] + matrices[p + 3] * step[2];
        matrices[at + 3] = matrices[p + 2] * step[1] + matrices[p + 3] * step[3];
        matrices[at + 4] = matrices[p + 4] * step[4];
        targets[l] = targets[parent];
      }
    }
    return targets[level];
  }

  /** The join closing the block of branch level `level`. */
  private joinOf(level: number): number {
    return this.model.blocks[this.plan.levelBlock[level]].join;
  }

  /** The linear map of one level's change to its parent level's entry (see {@link jumpFrom}). */
  private levelStep(mode: number, level: number, into: Float64Array): void {
    const leverage = this.leverage(level);
    const join = this.model.blocks[this.plan.levelBlock[level]].join;
    // (pass, fail) changes of the join from (success, failure) changes of the branch.
    const passFromS = mode === JUMP_GENERAL ? leverage.passIfSucceeds : leverage.pivotal;
    const passFromF = mode === JUMP_GENERAL ? leverage.passIfFails : 0;
    const failFromS = mode === JUMP_GENERAL ? leverage.failIfSucceeds : 0;
    const failFromF = mode === JUMP_GENERAL ? leverage.failIfFails : leverage.pivotal;
    // Success and failure from each of the join's two transitions.
    const { rowStart, target } = this.plan;
    const slot = rowStart[join];
    const to0 = target[slot];
    const to1 = target[slot + 1];
    const s0 = to0 >= 0 ? this.success[to0] : to0 === TO_SUCCESS ? 1 : 0;
    const s1 = to1 >= 0 ? this.success[to1] : to1 === TO_SUCCESS ? 1 : 0;
    const f0 = to0 >= 0 ? this.failure[to0] : to0 === TO_SUCCESS ? 0 : 1;
    const f1 = to1 >= 0 ? this.failure[to1] : to1 === TO_SUCCESS ? 0 : 1;
    const visits = this.visits[join];
    into[0] = visits * (s0 * passFromS + s1 * failFromS);
    into[1] = visits * (s0 * passFromF + s1 * failFromF);
    into[2] = visits * (f0 * passFromS + f1 * failFromS);
    into[3] = visits * (f0 * passFromF + f1 * failFromF);
    into[4] = visits;
  }

  /**
   * Rank-one update of one state's row (a step or a join; both have two transitions): the
   * probabilities of its first and second transition change by `change0` and `change1`, and a
   * new absorbing outcome "mark" gets `markChange`. Leaves in lastSuccess / lastFailure /
   * lastMark the resulting change at the level's entry.
   *
   * With N the level's fundamental matrix and d the row change, the new success-from-entry is
   * g_entry + N[entry, i] · (d·g + δ_success) / (1 − d·N[·, i]) (Sherman–Morrison), where
   * N[entry, i] is the expected number of visits to i. The denominator equals N[i, i] times the
   * new probability of leaving i for good, which is summed here from the new row instead of
   * being formed as 1 − d·N[·, i]: a reliability changed to nearly 0 on a retried step then keeps
   * its digits. N[t, i] is non-zero only for t in i's own component. With `derivative` the
   * change is infinitesimal and the denominator is 1.
   */
  private rowChange(
    state: number,
    change0: number,
    change1: number,
    markChange: number,
    derivative: boolean,
    new0 = this.probability[this.plan.rowStart[state]] + change0,
    new1 = this.probability[this.plan.rowStart[state] + 1] + change1,
  ): void {
    const { success, failure } = this;
    const { componentOf, componentCyclic, rowStart, target } = this.plan;
    const slot = rowStart[state];
    const to0 = target[slot];
    const to1 = target[slot + 1];
    let successNumerator = 0;
    let failureNumerator = 0;
    if (to0 >= 0) {
      successNumerator += change0 * success[to0];
      failureNumerator += change0 * failure[to0];
    } else if (to0 === TO_SUCCESS) successNumerator += change0;
    else failureNumerator += change0;
    if (to1 >= 0) {
      successNumerator += change1 * success[to1];
      failureNumerator += change1 * failure[to1];
    } else if (to1 === TO_SUCCESS) successNumerator += change1;
    else failureNumerator += change1;

    const visits = this.visits[state];
    const component = componentOf[state];
    this.lastTrapped = false;
    let escape = 1;
    if (!derivative && componentCyclic[component]) {
      this.prepareReturns(component);
      const stay = this.selfVisits[state];
      // Probability of never coming back to the state once the row is changed.
      const lost = -(change0 + change1 + markChange);
      const otherExits = markChange + (lost > 0 ? lost : 0);
      let leave = otherExits;
      let viaLoop = 0;
      // Whether some way the changed row goes can lead out of the loop: a chance of not coming
      // back that is more than rounding. Judged per target, whatever the row's probability of
      // taking it (a tiny probability of a real way out still lets every customer out).
      let wayOut = false;
      for (let k = 0; k < 2; k++) {
        const to = k === 0 ? to0 : to1;
        const q = k === 0 ? new0 : new1;
        if (to < 0 || componentOf[to] !== component) leave += q;
        else if (to !== state) {
          const notBack = (stay - this.visitsBackAt(slot + k, component)) / stay;
          if (q > 0 && notBack > TRAPPED_ESCAPE) {
            viaLoop += q * notBack;
            wayOut = true;
          }
        }
      }
      if (leave <= 0 && !wayOut) {
        // The changed row returns to the state with certainty: whoever reaches it stays.
        const hit = visits / stay;
        this.lastSuccess = -hit * success[state];
        this.lastFailure = -hit * failure[state];
        this.lastMark = 0;
        this.lastTrapped = true;
        return;
      }
      const leaving = leave + viaLoop;
      if (leaving < RESOLVE_BELOW) {
        // Customers now leave the loop only rarely, and every update formula would magnify
        // rounding by 1/leaving: solve the level again with the new row instead.
        const level = this.plan.levelOf[state];
        const entry = this.plan.levelEntry[level];
        const newSuccess = new Float64Array(this.success.length);
        const newFailure = new Float64Array(this.failure.length);
        this.backwardPass(level, newSuccess, newFailure, {
          state,
          first: new0,
          second: new1,
          otherExits,
        });
        this.lastSuccess = newSuccess[entry] - success[entry];
        this.lastFailure = newFailure[entry] - failure[entry];
        this.lastMark = (visits / stay) * (markChange / leaving);
        return;
      }
      escape = stay * leaving;
      if (escape < 0.5) {
        // Leaving has become much less likely, so d·g / escape would magnify rounding. Use
        // ΔR = P(reach state) · (new − old success-from-state) instead, with the new value
        // summed over the new row, returns to the state left out.
        const hit = visits / stay;
        const g = success[state];
        const w = failure[state];
        let newSuccess = 0;
        let newFailure = 0;
        for (let k = 0; k < 2; k++) {
          const to = k === 0 ? to0 : to1;
          const q = k === 0 ? new0 : new1;
          if (to === TO_SUCCESS) newSuccess += q;
          else if (to < 0) newFailure += q;
          else if (componentOf[to] !== component) {
            newSuccess += q * success[to];
            newFailure += q * failure[to];
          } else if (to !== state) {
            const back = this.visitsBackAt(slot + k, component) / stay;
            newSuccess += q * Math.max(0, success[to] - back * g);
            newFailure += q * Math.max(0, failure[to] - back * w);
          }
        }
        this.lastSuccess = hit * (newSuccess / leaving - g);
        this.lastFailure = hit * (newFailure / leaving - w);
        this.lastMark = (hit * markChange) / leaving;
        return;
      }
    }
    const scale = visits / escape;
    this.lastSuccess = scale * successNumerator;
    this.lastFailure = scale * failureNumerator;
    this.lastMark = scale * markChange;
  }

  private leverage(level: number): BranchLeverage {
    const block = this.plan.levelBlock[level];
    let found = this.leverages[block];
    if (!found) {
      // Every branch of a block at once: together they cost little more than one of them.
      found = branchLeverages(
        this.branchSuccess,
        this.branchFailure,
        this.model.blocks[block].k,
        this.plan.branchLevels[block],
        this.model.blocks[block].branches.length,
      );
      this.leverages[block] = found;
    }
    return found[this.plan.levelBranch[level]];
  }

  /**
   * Fills {@link selfVisits} and the inverse's entries on the slots of one cyclic component
   * from its fundamental matrix on the elimination pattern (as costly as the factorisation).
   */
  private prepareReturns(component: number): void {
    if (this.returnsReady[component]) return;
    const { componentStart, componentNodes, positionInComponent, componentPattern, patterns } =
      this.plan;
    const inverse = inverseOnPattern(this.factorsOf(component), this.inverse);
    for (let m = componentStart[component]; m < componentStart[component + 1]; m++) {
      const i = componentNodes[m];
      this.selfVisits[i] = inverse.diagonal[positionInComponent[i]];
    }
    const slots = patterns[componentPattern[component]].neighbour.length;
    const at = this.slotStart[component];
    for (let n = 0; n < slots; n++) {
      this.inverseUpper[at + n] = inverse.upper[n];
      this.inverseLower[at + n] = inverse.lower[n];
    }
    this.returnsReady[component] = 1;
  }

  /**
   * Expected visits to state i starting from `to`, N[to, i], for transition t: i → to between
   * two states of cyclic component c (prepared).
   */
  private visitsBackAt(t: number, c: number): number {
    // The slot of i → to holds N[i, to] and N[to, i]; the update needs N[to, i].
    const code = this.plan.transitionSlot[t];
    const at = this.slotStart[c] + (code >> 1);
    return code & 1 ? this.inverseUpper[at] : this.inverseLower[at];
  }

  private fillProbabilities(level: number): void {
    const { graph } = this.model;
    const { type, catchRate, outStart, out, ownBlock } = graph;
    const edgeProbability = graph.probability;
    const { probability, reliabilities } = this;
    const { levelComponentStart, levelComponents, componentStart, componentNodes, rowStart } =
      this.plan;
    for (let k = levelComponentStart[level]; k < levelComponentStart[level + 1]; k++) {
      const c = levelComponents[k];
      for (let m = componentStart[c]; m < componentStart[c + 1]; m++) {
        const v = componentNodes[m];
        const slot = rowStart[v];
        switch (type[v]) {
          case START:
          case PARALLEL:
            probability[slot] = 1;
            break;
          case STEP: {
            const r = reliabilities[v];
            const c = catchRate[v];
            probability[slot] = r + (1 - r) * c;
            probability[slot + 1] = (1 - r) * (1 - c);
            break;
          }
          case DECISION: {
            // Files may round decision probabilities (sum within 1e-9 of 1); rescale them so
            // that success and failure add up to one exactly.
            const first = outStart[v];
            const last = outStart[v + 1];
            let sum = 0;
            for (let n = first; n < last; n++) sum += edgeProbability[out[n]];
            for (let n = first; n < last; n++) {
              probability[slot + n - first] = edgeProbability[out[n]] / sum;
            }
            break;
          }
          case JOIN:
            probability[slot] = this.blockPass[ownBlock[v]];
            probability[slot + 1] = this.blockFail[ownBlock[v]];
            break;
        }
      }
    }
  }

  private solveLevel(level: number): void {
    this.fillProbabilities(level);
    this.backwardPass(level, this.success, this.failure, null);
    if (this.hasVisits) this.solveVisits(level);
  }

  /**
   * Backward pass over one level, components from the sinks: success-from-here and failure-
   * from-here, each a sum of non-negative terms. With `change`, one state's row is replaced
   * (a what-if) and the factors are not kept.
   */
  private backwardPass(
    level: number,
    success: Float64Array,
    failure: Float64Array,
    change: RowReplacement | null,
  ): void {
    const { probability } = this;
    const {
      levelComponentStart,
      levelComponents,
      componentStart,
      componentNodes,
      componentCyclic,
      componentOf,
      componentPattern,
      patterns,
      rowStart,
      target,
      transitionSlot,
    } = this.plan;
    const changed = change ? rowStart[change.state] : -1;
    const valueOf = (t: number) =>
      t === changed ? change!.first : t === changed + 1 ? change!.second : probability[t];

    for (let k = levelComponentStart[level]; k < levelComponentStart[level + 1]; k++) {
      const c = levelComponents[k];
      const first = componentStart[c];
      if (!componentCyclic[c]) {
        const i = componentNodes[first];
        let g = 0;
        let w = 0;
        for (let t = rowStart[i]; t < rowStart[i + 1]; t++) {
          const p = changed < 0 ? probability[t] : valueOf(t);
          const to = target[t];
          if (to >= 0) {
            g += p * success[to];
            w += p * failure[to];
          } else if (to === TO_SUCCESS) g += p;
          else w += p;
        }
        success[i] = g;
        failure[i] = w;
        continue;
      }
      const m = componentStart[c + 1] - first;
      // The model's factors are kept; a what-if's are worked in scratch lists.
      const factors = change ? this.changed : this.factorsOf(c);
      const { up, low, slotAt } = factors;
      const slots = patterns[componentPattern[c]].neighbour.length;
      up.fill(0, slotAt, slotAt + slots);
      low.fill(0, slotAt, slotAt + slots);
      if (change) factors.pattern = patterns[componentPattern[c]];
      const [exits, g, w] = this.scratch;
      exits.fill(0, 0, m);
      g.fill(0, 0, m);
      w.fill(0, 0, m);
      for (let position = 0; position < m; position++) {
        const i = componentNodes[first + position];
        if (change && i === change.state) exits[position] += change.otherExits;
        for (let t = rowStart[i]; t < rowStart[i + 1]; t++) {
          const p = changed < 0 ? probability[t] : valueOf(t);
          const to = target[t];
          if (to >= 0 && componentOf[to] === c) {
            if (to !== i) {
              const code = transitionSlot[t];
              if (code & 1) low[slotAt + (code >> 1)] += p;
              else up[slotAt + (code >> 1)] += p;
            }
            continue;
          }
          exits[position] += p;
          if (to >= 0) {
            g[position] += p * success[to];
            w[position] += p * failure[to];
          } else if (to === TO_SUCCESS) g[position] += p;
          else w[position] += p;
        }
      }
      this.factor(factors, exits, c);
      solveComponent(factors, g);
      solveComponent(factors, w);
      for (let position = 0; position < m; position++) {
        success[componentNodes[first + position]] = g[position];
        failure[componentNodes[first + position]] = w[position];
      }
    }
  }

  /** The kept factors of cyclic component c (a view reused by every call). */
  private factorsOf(c: number): ComponentFactors {
    const factors = this.stored;
    factors.pattern = this.plan.patterns[this.plan.componentPattern[c]];
    factors.pivotAt = this.plan.componentStart[c];
    factors.slotAt = this.slotStart[c];
    return factors;
  }

  private factor(factors: ComponentFactors, exits: Float64Array, component: number): void {
    const { componentStart, componentNodes } = this.plan;
    try {
      factorComponent(factors, exits);
    } catch (error) {
      if (!(error instanceof InescapableLoopError)) throw error;
      const node = this.model.nodes[componentNodes[componentStart[component] + error.position]];
      throw new Error(
        `A customer can go round the loop through ${node.type} "${node.id}" forever: with these probabilities every way out of it is closed, so the reliability is undefined.`,
        { cause: error },
      );
    }
  }

  /**
   * Forward pass: expected visits v = e_entry + vQ, component by component from the sources.
   * `visits` first collects each node's arrivals from earlier components, then holds its visits.
   */
  private solveVisits(level: number): void {
    const { probability, visits } = this;
    const {
      levelEntry,
      levelComponentStart,
      levelComponents,
      componentStart,
      componentNodes,
      componentCyclic,
      componentOf,
      rowStart,
      target,
    } = this.plan;
    const entry = levelEntry[level];
    if (entry < 0) return;
    visits[entry] = 1;
    for (let k = levelComponentStart[level + 1] - 1; k >= levelComponentStart[level]; k--) {
      const c = levelComponents[k];
      const first = componentStart[c];
      if (!componentCyclic[c]) {
        const i = componentNodes[first];
        const v = visits[i];
        if (v === 0) continue;
        for (let t = rowStart[i]; t < rowStart[i + 1]; t++) {
          const to = target[t];
          if (to >= 0) visits[to] += v * probability[t];
        }
        continue;
      }
      const m = componentStart[c + 1] - first;
      const rhs = this.scratch[0];
      let any = false;
      for (let position = 0; position < m; position++) {
        rhs[position] = visits[componentNodes[first + position]];
        if (rhs[position] !== 0) any = true;
      }
      if (!any) continue;
      solveComponentTransposed(this.factorsOf(c), rhs);
      for (let position = 0; position < m; position++) {
        const i = componentNodes[first + position];
        const v = rhs[position];
        visits[i] = v;
        for (let t = rowStart[i]; t < rowStart[i + 1]; t++) {
          const to = target[t];
          if (to >= 0 && componentOf[to] !== c) visits[to] += v * probability[t];
        }
      }
    }
  }
}

function checkProbability(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(
      `${capitalize(what)} is ${value}; it must be a probability between 0 and 1.`,
    );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
