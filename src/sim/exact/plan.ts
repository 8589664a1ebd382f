/**
 * The shape of the exact analysis: a blueprint cut into levels, each an absorbing Markov chain
 * small enough to solve on its own.
 *
 * The top level holds every node outside parallel blocks; each branch of each block is a level
 * of its own holding the nodes of that branch that are not inside a nested block. A nested
 * block appears in its enclosing level as two states: its `parallel`, which moves on to its
 * `join` with probability 1, and its `join`, which passes with the block's pass probability and
 * otherwise fails there. Within a level the states are split into strongly connected
 * components, so that only loops need a linear solve.
 *
 * Everything is stored in flat arrays indexed by node (every node but an end is a state of
 * exactly one level), so that a 10,000-node blueprint costs a handful of allocations.
 * A plan depends on the graph only, not on probabilities: it can be reused for any values of
 * reliabilities, catch rates and decision probabilities on the same graph.
 */
import { DECISION, END, JOIN, PARALLEL, START, STEP, type Model, type ModelGraph } from '../model';
import { componentsOfGraph } from './components';
import { eliminationPattern, slotCode, type EliminationPattern } from './markov';

/** Transition target code: the level ends in success (a success end, or the branch's join). */
export const TO_SUCCESS = -1;
/** Transition target code: the level ends in failure (a failed step, a failure end, a failed join). */
export const TO_FAILURE = -2;

/** A model cut into levels. Level 0 is the top level; node-indexed arrays use -1 for "none". */
export interface ExactPlan {
  model: Model;
  /** Number of levels. */
  levelCount: number;
  /** Per level: its block, or -1 for the top level. */
  levelBlock: Int32Array;
  /** Per level: its branch within {@link levelBlock}, or -1. */
  levelBranch: Int32Array;
  /** Per level: the node it starts at, or -1 for an empty branch. */
  levelEntry: Int32Array;
  /**
   * Per block: the level of its first branch; branch i of block b has level
   * `branchLevels[b] + i` (empty branches have one too), up to `branchLevels[b + 1]`.
   */
  branchLevels: Int32Array;
  /** Node → its level, or -1 for end nodes (absorbing outcomes, never states). */
  levelOf: Int32Array;
  /** Transitions of node v are `rowStart[v] … rowStart[v + 1] − 1`; ends have none. */
  rowStart: Int32Array;
  /** Per transition: the target node (a state of the same level), or a `TO_…` code. */
  target: Int32Array;
  /** Node → its strongly connected component, or -1 for ends. */
  componentOf: Int32Array;
  /** Node → its position within its component. */
  positionInComponent: Int32Array;
  /** Nodes of component c are `componentNodes[componentStart[c] … componentStart[c + 1] − 1]`. */
  componentStart: Int32Array;
  componentNodes: Int32Array;
  /** Per component: 1 when it holds a loop (several nodes, or one with a transition to itself). */
  componentCyclic: Uint8Array;
  /**
   * Components of level l, sinks first (reverse topological order), are
   * `levelComponents[levelComponentStart[l] … levelComponentStart[l + 1] − 1]`.
   */
  levelComponentStart: Int32Array;
  levelComponents: Int32Array;
  /**
   * Per component: how its loop is eliminated, as an index into {@link patterns}, when it is
   * cyclic and within reach; else -1.
   */
  componentPattern: Int32Array;
  /** The elimination patterns of the model's loops, each once (loops of one shape share one). */
  patterns: EliminationPattern[];
  /**
   * Per transition inside a cyclic component (not to itself): the slot code of its probability
   * in the component's pattern; else -1.
   */
  transitionSlot: Int32Array;
  /**
   * A cyclic component whose elimination would need more work than the exact analysis allows
   * (its pattern is null), or -1. Validation refuses such blueprints.
   */
  refusedComponent: number;
}

const plans = new WeakMap<Model, ExactPlan>();

/**
 * The plan of a model, made once per model object and then reused: validation makes it to
 * check that the analysis is within reach, and the analysis of the same model reuses it.
 */
export function planOf(model: Model): ExactPlan {
  let plan = plans.get(model);
  if (!plan) {
    plan = planExact(model);
    plans.set(model, plan);
  }
  return plan;
}

/**
 * Where transition `k` of node `v`'s row leads in the graph: the node reached, or for a
 * failure that has no edge (a step's uncaught failure, a join's failed block) `v` itself.
 * For a transition to a `TO_…` code, that is the node where the level ends: the end reached,
 * the branch's join, or the fail point.
 */
export function transitionNode(graph: ModelGraph, v: number, k: number): number {
  const type = graph.type[v];
  if (k === 1 && (type === STEP || type === JOIN)) {
    const failure = type === STEP ? graph.failureEdge[v] : -1;
    return failure >= 0 ? graph.target[failure] : v;
  }
  return graph.target[graph.out[graph.outStart[v] + k]];
}

/** Cuts a validated model into levels. Cost: linear in nodes + edges. */
export function planExact(model: Model): ExactPlan {
  const { graph, blocks } = model;
  const nodeCount = graph.nodeCount;
  const { type, outStart, out, failureEdge, ownBlock } = graph;
  const edgeTarget = graph.target;

  // A block's branches have consecutive levels.
  const branchLevels = new Int32Array(blocks.length + 1);
  let levelCount = 1;
  for (let b = 0; b < blocks.length; b++) {
    branchLevels[b] = levelCount;
    levelCount += blocks[b].branches.length;
  }
  branchLevels[blocks.length] = levelCount;
  const levelBlock = new Int32Array(levelCount).fill(-1);
  const levelBranch = new Int32Array(levelCount).fill(-1);
  const levelEntry = new Int32Array(levelCount).fill(-1);
  const closingJoin = new Int32Array(levelCount).fill(-1);
  levelEntry[0] = model.start;
  blocks.forEach((block, b) => {
    block.branches.forEach((branch, i) => {
      const level = branchLevels[b] + i;
      levelBlock[level] = b;
      levelBranch[level] = i;
      closingJoin[level] = block.join;
      levelEntry[level] = branch.entry === block.join ? -1 : branch.entry;
    });
  });

  const levelOf = new Int32Array(nodeCount).fill(-1);
  const rowStart = new Int32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) {
    if (type[v] !== END) {
      const block = graph.block[v];
      levelOf[v] = block < 0 ? 0 : branchLevels[block] + graph.branch[v];
    }
    rowStart[v + 1] = rowStart[v] + transitionCount(type[v], outStart[v + 1] - outStart[v]);
  }
  const target = new Int32Array(rowStart[nodeCount]);

  const place = (slot: number, level: number, to: number) => {
    if (type[to] === END) {
      target[slot] = graph.failureEnd[to] ? TO_FAILURE : TO_SUCCESS;
    } else if (to === closingJoin[level]) {
      target[slot] = TO_SUCCESS;
    } else if (levelOf[to] !== level) {
      throw new Error(
        `Node "${model.nodes[to].id}" is reached from outside its parallel block; the model was not validated.`,
      );
    } else {
      target[slot] = to;
    }
  };

  for (let v = 0; v < nodeCount; v++) {
    const level = levelOf[v];
    const slot = rowStart[v];
    const first = outStart[v];
    switch (type[v]) {
      case START:
        place(slot, level, edgeTarget[out[first]]);
        break;
      case STEP:
        place(slot, level, edgeTarget[out[first]]);
        if (failureEdge[v] >= 0) place(slot + 1, level, edgeTarget[failureEdge[v]]);
        else target[slot + 1] = TO_FAILURE;
        break;
      case DECISION:
        for (let n = first; n < outStart[v + 1]; n++)
          place(slot + n - first, level, edgeTarget[out[n]]);
        break;
      case PARALLEL:
        target[slot] = blocks[ownBlock[v]].join;
        break;
      case JOIN:
        place(slot, level, edgeTarget[out[first]]);
        target[slot + 1] = TO_FAILURE;
        break;
    }
  }

  // Transitions never leave a level, so components of the whole graph are components of
  // levels, and the global reverse topological order is one within each level.
  // Successors within levels as flat lists (transitions to a state), so that neither this nor
  // the component search makes an object per node.
  const successorStart = new Int32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) {
    let count = 0;
    for (let t = rowStart[v]; t < rowStart[v + 1]; t++) if (target[t] >= 0) count++;
    successorStart[v + 1] = successorStart[v] + count;
  }
  const successors = new Int32Array(successorStart[nodeCount]);
  for (let v = 0, k = 0; v < nodeCount; v++) {
    for (let t = rowStart[v]; t < rowStart[v + 1]; t++)
      if (target[t] >= 0) successors[k++] = target[t];
  }
  const found = componentsOfGraph(nodeCount, successorStart, successors);

  const componentOf = new Int32Array(nodeCount).fill(-1);
  const positionInComponent = new Int32Array(nodeCount);
  const componentStart = new Int32Array(found.count + 1);
  const componentNodes = new Int32Array(nodeCount);
  const componentCyclic = new Uint8Array(found.count);
  const perLevel = new Int32Array(levelCount + 1);
  let components = 0;
  let filled = 0;
  const componentLevel = new Int32Array(found.count);
  for (let f = 0; f < found.count; f++) {
    const from = found.start[f];
    const size = found.start[f + 1] - from;
    const first = found.nodes[from];
    if (levelOf[first] < 0) continue;
    const c = components++;
    componentStart[c] = filled;
    for (let position = 0; position < size; position++) {
      const v = found.nodes[from + position];
      componentOf[v] = c;
      positionInComponent[v] = position;
      componentNodes[filled++] = v;
    }
    let selfLoop = false;
    for (let k = successorStart[first]; k < successorStart[first + 1]; k++) {
      if (successors[k] === first) selfLoop = true;
    }
    componentCyclic[c] = size > 1 || selfLoop ? 1 : 0;
    componentLevel[c] = levelOf[first];
    perLevel[levelOf[first] + 1]++;
  }
  componentStart[components] = filled;
  for (let l = 0; l < levelCount; l++) perLevel[l + 1] += perLevel[l];
  const levelComponentStart = perLevel.slice();
  const levelComponents = new Int32Array(components);
  const cursor = perLevel.slice(0, levelCount);
  for (let c = 0; c < components; c++) levelComponents[cursor[componentLevel[c]]++] = c;

  const componentPattern = new Int32Array(components).fill(-1);
  const patterns: EliminationPattern[] = [];
  const patternIndex = new Map<EliminationPattern, number>();
  const transitionSlot = new Int32Array(target.length).fill(-1);
  let refusedComponent = -1;
  const links: number[] = [];
  for (let c = 0; c < components; c++) {
    if (!componentCyclic[c]) continue;
    links.length = 0;
    for (let m = componentStart[c]; m < componentStart[c + 1]; m++) {
      const v = componentNodes[m];
      for (let t = rowStart[v]; t < rowStart[v + 1]; t++) {
        const to = target[t];
        if (to >= 0 && to !== v && componentOf[to] === c) {
          links.push(positionInComponent[v], positionInComponent[to]);
        }
      }
    }
    const pattern = eliminationPattern(componentStart[c + 1] - componentStart[c], links);
    if (!pattern) {
      if (refusedComponent < 0) refusedComponent = c;
      continue;
    }
    let index = patternIndex.get(pattern);
    if (index === undefined) {
      index = patterns.length;
      patterns.push(pattern);
      patternIndex.set(pattern, index);
    }
    componentPattern[c] = index;
    for (let m = componentStart[c]; m < componentStart[c + 1]; m++) {
      const v = componentNodes[m];
      for (let t = rowStart[v]; t < rowStart[v + 1]; t++) {
        const to = target[t];
        if (to >= 0 && to !== v && componentOf[to] === c) {
          transitionSlot[t] = slotCode(pattern, positionInComponent[v], positionInComponent[to]);
        }
      }
    }
  }

  return {
    model,
    levelCount,
    levelBlock,
    levelBranch,
    levelEntry,
    branchLevels,
    levelOf,
    rowStart,
    target,
    componentOf,
    positionInComponent,
    componentStart: componentStart.subarray(0, components + 1),
    componentNodes: componentNodes.subarray(0, filled),
    componentCyclic: componentCyclic.subarray(0, components),
    levelComponentStart,
    levelComponents,
    componentPattern,
    patterns,
    transitionSlot,
    refusedComponent,
  };
}

/** Transitions of a node of type code `type` with `outCount` normal outgoing edges. */
function transitionCount(type: number, outCount: number): number {
  switch (type) {
    case STEP:
    case JOIN:
      return 2;
    case DECISION:
      return outCount;
    case END:
      return 0;
    default:
      return 1;
  }
}
