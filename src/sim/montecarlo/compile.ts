/**
 * Compiles a {@link Model} into the flat form the trial loop walks: typed arrays indexed by
 * node, with every probability turned into an integer threshold on a 32-bit random draw.
 *
 * A step is three bands of the draw u ∈ [0, 2³²): `u < pass` it passes, `u < caught` it fails
 * and is recovered, otherwise the failure is not caught. A decision is a list of cumulative
 * thresholds, one per outgoing edge. So each step or decision costs one draw and integer
 * comparisons, and the compiled model is plain data that can be posted to a worker once.
 *
 * Runs of plain steps (no recovery, no failure edge, no duration or cost, entered only from
 * the previous step) are fused into one "series": a series of independent steps ends at its
 * i-th step with probability r₁…rᵢ₋₁(1 − rᵢ), so one draw against cumulative thresholds picks
 * where it fails, or that it passes. Visits of the fused steps are rebuilt afterwards from how
 * many trials entered the series and where they failed.
 */
import type { Model, ModelNode } from '../model';
import { nodesOnCycles } from '../structure';
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

/** 2³²: a threshold equal to this is never reached by a 32-bit draw. */
export const DRAW_RANGE = 4294967296;

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
   * edges (cumulative threshold, target), parallel branches (-, entry node), series steps
   * (cumulative threshold of failing there, step).
   */
  tableStart: Int32Array;
  tableThreshold: Float64Array;
  tableTarget: Int32Array;
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
   * True when a trial could visit more nodes than the loop guard allows (the model has a
   * cycle, or that many nodes); otherwise the guard cannot trigger and is not counted.
   */
  guarded: boolean;
}

/** A trial that visits more nodes than this is stopped and counted apart (loop guard). */
export const TRIAL_VISIT_LIMIT = 10_000;

/** A probability, 0–1, as a threshold on a 32-bit draw. */
export function toThreshold(probability: number): number {
  const t = Math.round(probability * DRAW_RANGE);
  return t < 0 ? 0 : t > DRAW_RANGE ? DRAW_RANGE : t;
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
        op[v] = OP.decision;
        let total = 0;
        for (const e of node.out) total += edges[e].probability;
        let cumulative = 0;
        node.out.forEach((e, i) => {
          cumulative += edges[e].probability;
          const last = i === node.out.length - 1;
          thresholds.push(last ? DRAW_RANGE : toThreshold(total > 0 ? cumulative / total : 0));
          targets.push(edges[e].target);
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
    costFlags,
    distributions,
    timed,
    costed,
    blockDepth: model.blocks.reduce((deepest, block) => Math.max(deepest, block.depth + 1), 0),
    guarded: n > TRIAL_VISIT_LIMIT || hasCycle(model),
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

function hasCycle(model: Model): boolean {
  return nodesOnCycles(model.nodes, model.edges).some((flag) => flag === 1);
}
