/**
 * Compiles a {@link Model} into the flat form the trial loop walks: typed arrays indexed by
 * node, with every probability turned into a threshold on a 53-bit random draw.
 *
 * A draw is u + f: u a 32-bit whole number, f a fraction with 21 more random bits. A threshold
 * is p·2³² rounded to 21 bits after the point, so probabilities are kept to 2⁻⁵³ (a loop whose
 * exit probability is 2⁻⁴⁰ is left as often as it should be). The trial loop compares u alone
 * and draws f only when u is the whole part of the threshold, about once in 2³² comparisons:
 * the precision costs no time.
 *
 * A step is three bands of the draw: below `pass` it passes, below `caught` it fails and is
 * recovered, otherwise the failure is not caught. A decision with a few branches is a list of
 * cumulative thresholds, one per outgoing edge, scanned in order; a decision with many branches
 * is an alias table (Vose), so that choosing a branch costs the same whatever their number. So
 * each step or decision costs one draw (two for an alias table) and a few comparisons, and the
 * compiled model is plain data that can be posted to a worker once.
 *
 * Runs of plain steps (no recovery, no failure edge, no duration or cost, entered only from
 * the previous step) are fused into one "series": a series of independent steps ends at its
 * i-th step with probability r₁…rᵢ₋₁(1 − rᵢ), so one draw against cumulative thresholds picks
 * where it fails, or that it passes. Visits of the fused steps are rebuilt afterwards from how
 * many trials entered the series and where they failed.
 */
import type { Model, ModelNode } from '../model';
import { nodesOnCycles } from '../structure';
import { runawayVisitLimit } from './guard';
import {
  createDistributionTable,
  encodeDistribution,
  SLOT,
  SLOTS_PER_NODE,
  type DistributionTable,
} from './distributions';

/** What the trial loop does at a node. */
export const OP = {
  /** Start node: go on to the successor. */
  pass: 0,
  step: 1,
  /** First step of a fused run of plain steps. */
  series: 2,
  decision: 3,
  parallel: 4,
  successEnd: 5,
  failureEnd: 6,
  /** Joins are handled by their parallel; the loop never stands on one. */
  join: 7,
  /** A step fused into a series, never visited on its own. */
  fused: 8,
  /** A decision with many branches, sampled from its alias table. */
  aliasDecision: 9,
} as const;

/** Flags of the durations and costs a step carries (see {@link CompiledModel.costFlags}). */
export const HAS = {
  randomDuration: 1,
  randomCost: 2,
  randomRecoveryDuration: 4,
  randomRecoveryCost: 8,
  /** A duration or a cost, fixed or random, spent whenever the step is done. */
  stepExtras: 16,
  /** A duration or a cost spent when the recovery catches a failure. */
  recoveryExtras: 32,
} as const;

/** 2³²: the scale of thresholds; a threshold equal to this is never reached by a draw. */
export const DRAW_RANGE = 4294967296;

/** 2²¹: thresholds are kept to 1 / 2²¹ on the scale of {@link DRAW_RANGE} (53 bits in all). */
const FINE_STEPS = 2097152;

/** 2⁵³: a probability is kept to 1 / 2⁵³. */
const PROBABILITY_STEPS = 9007199254740992;

/**
 * Decisions with more branches than this are sampled from an alias table (two draws, O(1));
 * up to this many, scanning cumulative thresholds (one draw, a few comparisons) is faster.
 */
export const ALIAS_MIN_BRANCHES = 9;

/** A {@link Model} compiled for the trial loop. Structured-cloneable plain data. */
export interface CompiledModel {
  /** Node ids by index, to report results. */
  nodeIds: string[];
  nodeCount: number;
  /** The start node. */
  start: number;
  /** What to do at each node: one of {@link OP}. */
  op: Uint8Array;
  /** Normal successor (start, steps, series: after the last step, joins), or -1. */
  next: Int32Array;
  /** Steps: target of the failure edge, or -1. */
  failNext: Int32Array;
  /** Steps: draws below pass. Series: draws at or above pass get through every step. */
  passThreshold: Float64Array;
  /** Steps: draws below this (and not below pass) are failures caught by the recovery. */
  caughtThreshold: Float64Array;
  /** Series: number of steps fused. Parallels: index of their join. */
  span: Int32Array;
  /** Parallels: branches that must succeed (the join's k). */
  need: Int32Array;
  /**
   * Per node, the start of its rows in the shared table (node count + 1 entries): decision
   * edges (cumulative threshold, target), alias-table columns (probability 0–1 of keeping the
   * column's own branch, its target, the alias's target), parallel branches (-, entry node),
   * series steps (cumulative threshold of failing there, step).
   */
  tableStart: Int32Array;
  tableThreshold: Float64Array;
  tableTarget: Int32Array;
  /** Alias-table columns: the target taken when the column's own branch is not kept; else -1. */
  tableAlias: Int32Array;
  /** Per node, the {@link HAS} flags of its distributions. */
  costFlags: Uint8Array;
  distributions: DistributionTable;
  /** True when some step has a duration (trial times are recorded). */
  timed: boolean;
  /** True when some step has a cost (trial costs are recorded). */
  costed: boolean;
  /** Deepest nesting of parallel blocks (0 without blocks). */
  blockDepth: number;
  /**
   * The loop guard's runaway limit ({@link runawayVisitLimit}): a trial that visits more nodes
   * than this is stopped and counted apart.
   */
  visitLimit: number;
  /**
   * True when a trial could visit more nodes than {@link visitLimit} (the model has a cycle);
   * otherwise each node is visited at most once, the guard cannot trigger and is not counted.
   */
  guarded: boolean;
}

/**
 * A probability, 0–1, as a threshold on the 53-bit draw: p·2³² rounded to 1 / 2²¹, so that
 * a draw u + f (see the header) falls below it with probability p to within 2⁻⁵³.
 *
 * @returns a number from 0 to {@link DRAW_RANGE}, a whole multiple of 2⁻²¹.
 */
export function toThreshold(probability: number): number {
  if (!(probability > 0)) return 0;
  if (probability >= 1) return DRAW_RANGE;
  return Math.round(probability * PROBABILITY_STEPS) / FINE_STEPS;
}

/**
 * Steps that may be fused into a series: no recovery, no failure edge, and no duration or cost
 * (unless `timeAndCost` is false: then durations and costs are ignored). One flag per node.
 */
export function fusableSteps(model: Model, timeAndCost = true): Uint8Array {
  const flags = new Uint8Array(model.nodes.length);
  for (const node of model.nodes) {
    if (
      node.type === 'step' &&
      node.failureEdge < 0 &&
      !node.hasRecovery &&
      node.catchRate === 0 &&
      !(timeAndCost && hasTimeOrCost(node))
    ) {
      flags[node.index] = 1;
    }
  }
  return flags;
}

function hasTimeOrCost(node: ModelNode): boolean {
  return Boolean(node.duration || node.cost || node.recoveryDuration || node.recoveryCost);
}

/** Options of {@link compileModel}. */
export interface CompileOptions {
  /**
   * Which steps may be fused (one flag per node); default {@link fusableSteps}. Scenario
   * comparisons pass the steps fusable in every scenario, so that all scenarios consume their
   * random draws in the same order. An array of zeros turns fusion off.
   */
  fusable?: Uint8Array;
  /**
   * Sample durations and costs (default true). False simulates reliability only, which is
   * faster: steps with durations or costs can then be fused.
   */
  timeAndCost?: boolean;
}

/** Compiles a validated model for the trial loop. */
export function compileModel(model: Model, options: CompileOptions = {}): CompiledModel {
  const { nodes, edges } = model;
  const n = nodes.length;
  const timeAndCost = options.timeAndCost ?? true;
  const fusable = options.fusable ?? fusableSteps(model, timeAndCost);

  const op = new Uint8Array(n);
  const next = new Int32Array(n).fill(-1);
  const failNext = new Int32Array(n).fill(-1);
  const passThreshold = new Float64Array(n);
  const caughtThreshold = new Float64Array(n);
  const span = new Int32Array(n);
  const need = new Int32Array(n);
  const tableStart = new Int32Array(n + 1);
  const thresholds: number[] = [];
  const targets: number[] = [];
  const aliases: number[] = [];
  const costFlags = new Uint8Array(n);
  const distributions = createDistributionTable(n);
  let timed = false;
  let costed = false;

  const successorOf = (node: ModelNode): number =>
    node.out.length > 0 ? edges[node.out[0]].target : -1;

  // A fusable step entered only from a fusable step's normal edge continues that step's series.
  const continuesSeries = (node: ModelNode): boolean => {
    if (!fusable[node.index] || node.in.length !== 1) return false;
    const edge = edges[node.in[0]];
    return edge.kind === 'normal' && fusable[edge.source] === 1 && edge.source !== node.index;
  };

  for (const node of nodes) {
    const v = node.index;
    tableStart[v] = thresholds.length;
    switch (node.type) {
      case 'start':
        op[v] = OP.pass;
        next[v] = successorOf(node);
        break;
      case 'end':
        op[v] = node.outcome === 'success' ? OP.successEnd : OP.failureEnd;
        break;
      case 'join':
        op[v] = OP.join;
        next[v] = successorOf(node);
        break;
      case 'decision': {
        let total = 0;
        for (const e of node.out) total += edges[e].probability;
        if (node.out.length >= ALIAS_MIN_BRANCHES && total > 0) {
          op[v] = OP.aliasDecision;
          const weights = node.out.map((e) => edges[e].probability / total);
          const table = aliasTable(weights);
          node.out.forEach((_, i) => {
            thresholds.push(table.keep[i]);
            targets.push(edges[node.out[i]].target);
            aliases.push(edges[node.out[table.alias[i]]].target);
          });
          break;
        }
        op[v] = OP.decision;
        let cumulative = 0;
        node.out.forEach((e, i) => {
          cumulative += edges[e].probability;
          const last = i === node.out.length - 1;
          thresholds.push(last ? DRAW_RANGE : toThreshold(total > 0 ? cumulative / total : 0));
          targets.push(edges[e].target);
          aliases.push(-1);
        });
        break;
      }
      case 'parallel': {
        op[v] = OP.parallel;
        const block = model.blocks[node.ownBlock];
        span[v] = block.join;
        need[v] = block.k;
        for (const branch of block.branches) {
          thresholds.push(0);
          targets.push(branch.entry);
          aliases.push(-1);
        }
        break;
      }
      case 'step': {
        if (continuesSeries(node)) {
          op[v] = OP.fused;
          next[v] = successorOf(node);
          break;
        }
        const members = fusable[v] ? seriesFrom(node) : [v];
        if (members.length > 1) {
          op[v] = OP.series;
          span[v] = members.length;
          next[v] = successorOf(nodes[members[members.length - 1]]);
          let reach = 1;
          let failed = 0;
          for (const m of members) {
            const r = nodes[m].reliability;
            failed += reach * (1 - r);
            reach *= r;
            thresholds.push(toThreshold(failed));
            targets.push(m);
            aliases.push(-1);
          }
          passThreshold[v] = toThreshold(failed);
          break;
        }
        op[v] = OP.step;
        next[v] = successorOf(node);
        failNext[v] = node.failureEdge >= 0 ? edges[node.failureEdge].target : -1;
        const r = node.reliability;
        const pass = toThreshold(r);
        passThreshold[v] = pass;
        if (node.hasRecovery && node.catchRate > 0) {
          const uncaught = (1 - r) * (1 - node.catchRate);
          caughtThreshold[v] = Math.max(pass, DRAW_RANGE - toThreshold(uncaught));
        } else {
          caughtThreshold[v] = pass;
        }
        if (!timeAndCost) break;
        const base = v * SLOTS_PER_NODE;
        let flags = 0;
        if (encodeDistribution(distributions, base + SLOT.duration, node.duration)) {
          flags |= HAS.randomDuration;
        }
        if (encodeDistribution(distributions, base + SLOT.cost, node.cost)) {
          flags |= HAS.randomCost;
        }
        if (
          encodeDistribution(distributions, base + SLOT.recoveryDuration, node.recoveryDuration)
        ) {
          flags |= HAS.randomRecoveryDuration;
        }
        if (encodeDistribution(distributions, base + SLOT.recoveryCost, node.recoveryCost)) {
          flags |= HAS.randomRecoveryCost;
        }
        if (node.duration || node.cost) flags |= HAS.stepExtras;
        if (node.recoveryDuration || node.recoveryCost) flags |= HAS.recoveryExtras;
        costFlags[v] = flags;
        if (node.duration || node.recoveryDuration) timed = true;
        if (node.cost || node.recoveryCost) costed = true;
        break;
      }
    }
  }
  tableStart[n] = thresholds.length;

  return {
    nodeIds: nodes.map((node) => node.id),
    nodeCount: n,
    start: model.start,
    op,
    next,
    failNext,
    passThreshold,
    caughtThreshold,
    span,
    need,
    tableStart,
    tableThreshold: Float64Array.from(thresholds),
    tableTarget: Int32Array.from(targets),
    tableAlias: Int32Array.from(aliases),
    costFlags,
    distributions,
    timed,
    costed,
    blockDepth: model.blocks.reduce((deepest, block) => Math.max(deepest, block.depth + 1), 0),
    visitLimit: runawayVisitLimit(n),
    // Without a cycle each node is visited at most once: fewer visits than the limit.
    guarded: hasCycle(model),
  };

  function seriesFrom(head: ModelNode): number[] {
    const members = [head.index];
    let current = head;
    for (;;) {
      const following = successorOf(current);
      if (following < 0 || following === head.index) break;
      const candidate = nodes[following];
      if (!continuesSeries(candidate)) break;
      members.push(following);
      current = candidate;
    }
    return members;
  }
}

/**
 * Compiles several versions of one blueprint (a baseline and its scenarios) so that every
 * trial consumes its random draws in the same order under each: steps are fused only where
 * they are fusable in all versions. Throws when the models do not share their nodes.
 */
export function compileScenarioModels(
  models: readonly Model[],
  options: { timeAndCost?: boolean } = {},
): CompiledModel[] {
  if (models.length === 0) return [];
  const timeAndCost = options.timeAndCost ?? true;
  const first = models[0];
  const fusable = fusableSteps(first, timeAndCost);
  for (const model of models.slice(1)) {
    const sameNodes =
      model.nodes.length === first.nodes.length &&
      model.nodes.every((node, i) => node.id === first.nodes[i].id);
    if (!sameNodes) {
      throw new Error(
        'Scenarios can be compared only when they keep the nodes of the baseline; these models have different nodes.',
      );
    }
    const flags = fusableSteps(model, timeAndCost);
    for (let v = 0; v < fusable.length; v++) fusable[v] &= flags[v];
  }
  return models.map((model) => compileModel(model, { fusable, timeAndCost }));
}

/** An alias table: column i keeps its own branch with probability `keep[i]`, else `alias[i]`. */
export interface AliasTable {
  /** Per column, probability 0–1 of keeping the column's own branch. */
  keep: Float64Array;
  /** Per column, the branch taken otherwise. */
  alias: Int32Array;
}

/**
 * Vose's alias table of `weights` (probabilities summing to 1): choosing a column uniformly and
 * then keeping it with probability `keep[column]`, or taking its alias, picks branch i with
 * probability `weights[i]`. Built in O(n); columns left over when rounding has made the
 * worklists uneven are kept whole, as their weight is 1 up to rounding.
 */
export function aliasTable(weights: readonly number[]): AliasTable {
  const n = weights.length;
  const keep = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let smallCount = 0;
  let largeCount = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = weights[i] * n;
    alias[i] = i;
    if (scaled[i] < 1) small[smallCount++] = i;
    else large[largeCount++] = i;
  }
  while (smallCount > 0 && largeCount > 0) {
    const less = small[--smallCount];
    const more = large[largeCount - 1];
    keep[less] = scaled[less];
    alias[less] = more;
    // The larger column gives what the smaller one lacks; it may become small in turn.
    scaled[more] = scaled[more] + scaled[less] - 1;
    if (scaled[more] < 1) {
      largeCount--;
      small[smallCount++] = more;
    }
  }
  while (largeCount > 0) keep[large[--largeCount]] = 1;
  while (smallCount > 0) keep[small[--smallCount]] = 1;
  return { keep, alias };
}

function hasCycle(model: Model): boolean {
  return nodesOnCycles(model.graph).some((flag) => flag === 1);
}
