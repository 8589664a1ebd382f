/**
 * Builds the indexed {@link Model} from numeric node and edge lists, checking every structural
 * rule of a blueprint on the way: edge counts per node type, reachability, loops that can be
 * left, and parallel blocks that are closed by their own join.
 */
import {
  diagnostic,
  type Diagnostic,
  type DiagnosticTarget,
  type EdgeRule,
  type NodeRef,
} from './diagnostics';
import { componentsOfGraph, stronglyConnectedComponents } from './exact/components';
import { defineLazy } from './lazy';
import { planOf } from './exact/plan';
import {
  DECISION,
  END,
  JOIN,
  NODE_TYPES,
  PARALLEL,
  START,
  STEP,
  type Block,
  type Branch,
  type EdgeInput,
  type Lane,
  type Model,
  type ModelGraph,
  type ModelInput,
  type NodeInput,
} from './model';
import {
  edgeObjects,
  LANE_CODE,
  ModelBuilder,
  nodeObjects,
  TYPE_CODE,
  type NodeDetails,
} from './model-builder';

/** Decision probabilities may be off by this much from a sum of 1 (rounding in files). */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

export { stronglyConnectedComponents };

export type BuildResult = { ok: true; model: Model } | { ok: false; diagnostics: Diagnostic[] };

const DEFAULT_LANE: Lane = 'backstage';

/** How a sentence names a node of the input: type, id and label. */
function ref(node: NodeInput): NodeRef {
  return node.label && node.label !== node.id
    ? { id: node.id, type: node.type, label: node.label }
    : { id: node.id, type: node.type };
}

/** A graph being linked and what its nodes carry besides (names, for problems). */
interface Linking {
  graph: ModelGraph;
  details: NodeDetails;
}

/** How a sentence names node v: type, id and label (a label equal to the id is not repeated). */
function refOf({ graph, details }: Linking, v: number): NodeRef {
  return nodeRef(details, graph.type, v);
}

/** How a sentence names node v of `details`, whose type codes are `types`. */
function nodeRef(details: NodeDetails, types: Uint8Array, v: number): NodeRef {
  const id = details.id(v);
  const label = details.label(v);
  const type = NODE_TYPES[types[v]];
  return label && label !== id ? { id, type, label } : { id, type };
}

/** The problem's target: node v. */
function nodeTarget({ details }: Linking, v: number): DiagnosticTarget {
  return { kind: 'node', id: details.id(v) };
}

function inUnitInterval(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}

/**
 * Index, check and link a blueprint's nodes and edges. Every problem found is returned at
 * once; a model is returned only when there is none.
 */
export function buildModel(input: ModelInput): BuildResult {
  const problems: Diagnostic[] = [];
  const indexOf = new Map<string, number>();
  const builder = new ModelBuilder(input.nodes.length, input.edges.length);
  for (const spec of input.nodes) {
    if (indexOf.has(spec.id)) {
      problems.push(
        diagnostic('duplicate-node-id', { id: spec.id }, { kind: 'node', id: spec.id }),
      );
      continue;
    }
    indexOf.set(spec.id, builder.nodeCount);
    addInputNode(builder, spec, problems);
  }
  // Ids are unique when the model builds, so node i is then input node i.
  return linkModel(builder, indexOf, (index) => input.nodes[index].k, input.edges, problems);
}

/**
 * The second half of {@link buildModel}, for readers that add the model's nodes themselves
 * (see `read/plain.ts`): links the nodes of `builder` (node i at index i, its id in `indexOf`,
 * values checked) by `edgeSpecs` and checks every structural rule. `joinThreshold` gives the
 * `k` a join asked for, if any; `problems` holds the problems found so far.
 */
export function linkModel(
  builder: ModelBuilder,
  indexOf: Map<string, number>,
  joinThreshold: (index: number) => number | undefined,
  edgeSpecs: readonly EdgeInput[],
  problems: Diagnostic[],
): BuildResult {
  const edgeIndexOf = new Map<string, number>();
  // Nodes with an edge to or from a missing node: their edge counts would be off only because
  // of that edge, so they are not checked (the missing node is reported instead).
  const danglingIn = new Set<number>();
  const danglingOut = new Set<number>();
  for (const spec of edgeSpecs) {
    // The problem's target is made only for a problem: most edges have none, and a million
    // of them would otherwise make a million objects for the collector.
    if (edgeIndexOf.has(spec.id) || indexOf.has(spec.id)) {
      problems.push(
        diagnostic('duplicate-edge-id', { id: spec.id }, { kind: 'edge', id: spec.id }),
      );
      continue;
    }
    const source = indexOf.get(spec.source);
    const targetNode = indexOf.get(spec.target);
    if (source === undefined || targetNode === undefined) {
      const missing = source === undefined ? spec.source : spec.target;
      if (source !== undefined) danglingOut.add(source);
      if (targetNode !== undefined) danglingIn.add(targetNode);
      problems.push(
        diagnostic(
          'edge-missing-node',
          { edge: spec.id, end: source === undefined ? 'source' : 'target', node: missing },
          { kind: 'edge', id: spec.id },
        ),
      );
      continue;
    }
    edgeIndexOf.set(spec.id, builder.edgeCount);
    addInputEdge(builder, spec, source, targetNode, problems);
  }
  return linkEdges(builder, indexOf, edgeIndexOf, joinThreshold, problems, {
    in: danglingIn,
    out: danglingOut,
  });
}

/** Nodes whose incoming (`in`) or outgoing (`out`) edge counts are off by a missing node. */
interface DanglingEnds {
  in: ReadonlySet<number>;
  out: ReadonlySet<number>;
}

const NO_DANGLING_ENDS: DanglingEnds = { in: new Set(), out: new Set() };

/**
 * The last part of {@link linkModel}, for readers that also add the model's edges themselves
 * (ends resolved to node indices, edge i at index i, values checked): gives every node its
 * lists of edges and checks every structural rule. Without `indexOf` or `edgeIndexOf` (a reader
 * that resolved ids its own way), the model makes that map from the ids when first asked.
 */
export function linkEdges(
  builder: ModelBuilder,
  indexOf: Map<string, number> | null,
  edgeIndexOf: Map<string, number> | null,
  joinThreshold: (index: number) => number | undefined,
  problems: Diagnostic[],
  dangling: DanglingEnds = NO_DANGLING_ENDS,
): BuildResult {
  const linking = builder.finish();
  const { graph, details } = linking;
  const count = graph.nodeCount;
  attachEdgeLists(linking, problems);
  checkEdgeCounts(linking, dangling, problems);
  checkDecisionProbabilities(linking, problems);

  const starts: number[] = [];
  let successEnd = false;
  for (let v = 0; v < count; v++) {
    const type = graph.type[v];
    if (type === START) starts.push(v);
    else if (type === END && !graph.failureEnd[v]) successEnd = true;
  }
  if (starts.length !== 1) {
    problems.push(
      starts.length === 0
        ? diagnostic('no-start', {})
        : diagnostic('several-starts', {
            count: starts.length,
            ids: starts.map((v) => details.id(v)),
          }),
    );
  }
  if (!successEnd) problems.push(diagnostic('no-success-end', {}));
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  const start = starts[0];
  checkReachability(linking, start, problems);
  const { blocks, branchNodes } =
    problems.length === 0
      ? findBlocks(linking, problems)
      : { blocks: [], branchNodes: NO_BRANCH_NODES };
  if (problems.length === 0) assignJoinThresholds(linking, blocks, joinThreshold, problems);
  if (problems.length === 0) checkBlockEscapes(linking, blocks, branchNodes, problems);
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  const model = {} as Model;
  defineLazy(model, 'nodes', () => nodeObjects(graph, details));
  defineLazy(model, 'edges', () => edgeObjects(graph, details));
  model.graph = graph;
  model.start = start;
  model.blocks = blocks;
  if (indexOf) model.indexOf = indexOf;
  else defineLazy(model, 'indexOf', () => idMap(details.nodeIds()));
  if (edgeIndexOf) model.edgeIndexOf = edgeIndexOf;
  else defineLazy(model, 'edgeIndexOf', () => idMap(details.edgeIds()));
  // The exact analysis's plan depends on the graph only; making it here, once, finds the loops
  // too interlinked to solve before anything is promised, and the analysis reuses it.
  const plan = planOf(model);
  if (plan.refusedComponent >= 0) {
    const first = plan.componentStart[plan.refusedComponent];
    const v = plan.componentNodes[first];
    const states = plan.componentStart[plan.refusedComponent + 1] - first;
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'loop-too-interlinked',
          { node: refOf(linking, v), states },
          nodeTarget(linking, v),
        ),
      ],
    };
  }
  return { ok: true, model };
}

/** Id → index of ids listed by index. */
export function idMap(ids: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) map.set(ids[i], i);
  return map;
}

/**
 * Gives every node its incoming edges, its normal outgoing edges and its failure edge, in edge
 * order, as lists of all nodes side by side (see {@link ModelGraph.out}).
 */
function attachEdgeLists(linking: Linking, problems: Diagnostic[]): void {
  const { graph } = linking;
  const count = graph.nodeCount;
  const { inStart, outStart, source, target, failureKind, failureEdge } = graph;
  for (let e = 0; e < graph.edgeCount; e++) {
    inStart[target[e] + 1]++;
    const from = source[e];
    if (!failureKind[e]) outStart[from + 1]++;
    else if (failureEdge[from] >= 0) {
      problems.push(
        diagnostic(
          'second-failure-edge',
          { node: refOf(linking, from) },
          nodeTarget(linking, from),
        ),
      );
    } else {
      failureEdge[from] = e;
    }
  }
  for (let v = 0; v < count; v++) {
    inStart[v + 1] += inStart[v];
    outStart[v + 1] += outStart[v];
  }
  const incoming = new Int32Array(inStart[count]);
  const outgoing = new Int32Array(outStart[count]);
  const inFill = inStart.slice(0, count);
  const outFill = outStart.slice(0, count);
  for (let e = 0; e < graph.edgeCount; e++) {
    incoming[inFill[target[e]]++] = e;
    if (!failureKind[e]) outgoing[outFill[source[e]]++] = e;
  }
  graph.in = incoming;
  graph.out = outgoing;
}

/** Adds a node of the input to `builder`, checking its values. */
function addInputNode(builder: ModelBuilder, spec: NodeInput, problems: Diagnostic[]): void {
  const target = { kind: 'node', id: spec.id } as const;
  const isStep = spec.type === 'step';
  const reliability = isStep ? (spec.reliability ?? 1) : 1;
  if (!inUnitInterval(reliability)) {
    problems.push(diagnostic('reliability-range', { node: ref(spec), value: reliability }, target));
  }
  const recovery = isStep ? (spec.recovery ?? null) : null;
  const catchRate = recovery ? recovery.catch : 0;
  if (!inUnitInterval(catchRate)) {
    problems.push(diagnostic('catch-range', { node: ref(spec), value: catchRate }, target));
  }
  builder.addNode(
    TYPE_CODE[spec.type],
    LANE_CODE[spec.lane ?? DEFAULT_LANE],
    reliability,
    catchRate,
    recovery !== null,
    spec.type === 'end' && spec.outcome === 'failure' ? 1 : 0,
  );
  builder.nameNode(spec.id, spec.label);
  if (isStep) {
    builder.setStepQuantities(
      spec.observed,
      builder.quantityIndex(spec.duration),
      builder.quantityIndex(spec.cost),
      builder.quantityIndex(recovery?.duration),
      builder.quantityIndex(recovery?.cost),
    );
  }
}

/** The target of a problem of edge `id`. */
function edgeTarget(id: string): DiagnosticTarget {
  return { kind: 'edge', id };
}

/** Adds an edge of the input between nodes `source` and `target`, checking its values. */
function addInputEdge(
  builder: ModelBuilder,
  spec: EdgeInput,
  source: number,
  target: number,
  problems: Diagnostic[],
): void {
  // Problems' targets are made only for a problem (see linkModel).
  const fromType = builder.type[source];
  const kind = spec.kind ?? 'normal';
  if (kind === 'failure' && fromType !== STEP) {
    problems.push(
      diagnostic(
        'failure-edge-not-step',
        { edge: spec.id, from: nodeRef(builder, builder.type, source) },
        edgeTarget(spec.id),
      ),
    );
  }
  let probability = 1;
  if (fromType === DECISION && kind === 'normal') {
    if (spec.probability === undefined) {
      problems.push(
        diagnostic(
          'decision-edge-no-probability',
          { edge: spec.id, from: nodeRef(builder, builder.type, source) },
          edgeTarget(spec.id),
        ),
      );
    } else {
      probability = spec.probability;
      if (!inUnitInterval(probability)) {
        problems.push(
          diagnostic(
            'edge-probability-range',
            { edge: spec.id, value: probability },
            edgeTarget(spec.id),
          ),
        );
      }
    }
  } else if (spec.probability !== undefined) {
    problems.push(diagnostic('probability-not-allowed', { edge: spec.id }, edgeTarget(spec.id)));
  }
  builder.addEdge(source, target, kind, probability);
  builder.nameEdge(spec.id);
}

/** Allowed [min, max] of incoming and of normal outgoing edges, per node type code. */
const EDGE_COUNTS: readonly { in: [number, number]; out: [number, number] }[] = [
  /* start */ { in: [0, 0], out: [1, 1] },
  /* end */ { in: [1, Infinity], out: [0, 0] },
  /* step */ { in: [1, Infinity], out: [1, 1] },
  /* decision */ { in: [1, Infinity], out: [2, Infinity] },
  /* parallel */ { in: [1, Infinity], out: [2, Infinity] },
  /* join */ { in: [2, Infinity], out: [1, 1] },
];

function edgeRule([min, max]: [number, number]): EdgeRule {
  return { min, max: max === Infinity ? null : max };
}

function checkEdgeCounts(linking: Linking, dangling: DanglingEnds, problems: Diagnostic[]): void {
  const { graph } = linking;
  const { inStart, outStart } = graph;
  for (let v = 0; v < graph.nodeCount; v++) {
    const rule = EDGE_COUNTS[graph.type[v]];
    const outCount = outStart[v + 1] - outStart[v];
    const inCount = inStart[v + 1] - inStart[v];
    if ((inCount < rule.in[0] || inCount > rule.in[1]) && !dangling.in.has(v)) {
      problems.push(
        diagnostic(
          'incoming-count',
          { node: refOf(linking, v), count: inCount, rule: edgeRule(rule.in) },
          nodeTarget(linking, v),
        ),
      );
    }
    if ((outCount < rule.out[0] || outCount > rule.out[1]) && !dangling.out.has(v)) {
      problems.push(
        diagnostic(
          'outgoing-count',
          { node: refOf(linking, v), count: outCount, rule: edgeRule(rule.out) },
          nodeTarget(linking, v),
        ),
      );
    }
  }
}

function checkDecisionProbabilities(linking: Linking, problems: Diagnostic[]): void {
  const { graph } = linking;
  const { outStart, out, probability } = graph;
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.type[v] !== DECISION || outStart[v + 1] - outStart[v] < 2) continue;
    let sum = 0;
    for (let k = outStart[v]; k < outStart[v + 1]; k++) sum += probability[out[k]];
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      problems.push(
        diagnostic(
          'decision-sum',
          { node: refOf(linking, v), sum: +sum.toPrecision(12) },
          nodeTarget(linking, v),
        ),
      );
    }
  }
}

/** Probability, 0–1, that step v's failure is neither avoided nor caught. */
function uncaughtFailure(graph: ModelGraph, v: number): number {
  return (1 - graph.reliability[v]) * (1 - graph.catchRate[v]);
}

/** Whether a customer can actually take edge e: it has a positive probability. */
function edgeIsLive(graph: ModelGraph, e: number): boolean {
  const source = graph.source[e];
  if (graph.failureKind[e]) return uncaughtFailure(graph, source) > 0;
  if (graph.type[source] === STEP) return 1 - uncaughtFailure(graph, source) > 0;
  return graph.probability[e] > 0;
}

/** Whether the trial can end at node v: an end, or a step whose uncaught failure ends it. */
function endsTrial(graph: ModelGraph, v: number): boolean {
  const type = graph.type[v];
  return (
    type === END || (type === STEP && graph.failureEdge[v] < 0 && uncaughtFailure(graph, v) > 0)
  );
}

function checkReachability(linking: Linking, start: number, problems: Diagnostic[]): void {
  const { graph } = linking;
  const count = graph.nodeCount;
  const reached = new Uint8Array(count);
  const stack = new Int32Array(count);
  let pending = 0;
  stack[pending++] = start;
  reached[start] = 1;
  const flat = outgoing(graph);
  while (pending > 0) {
    const v = stack[--pending];
    for (let k = flat.first[v]; k < flat.first[v + 1]; k++) {
      const t = flat.targets[k];
      if (!reached[t]) {
        reached[t] = 1;
        stack[pending++] = t;
      }
    }
  }
  for (let v = 0; v < count; v++) {
    if (!reached[v]) {
      problems.push(diagnostic('unreachable', { node: refOf(linking, v) }, nodeTarget(linking, v)));
    }
  }

  // A node "escapes" when, with positive probability, the trial ends from it: it reaches an end
  // or a step whose uncaught failure ends the trial (or its branch). Search backwards from those.
  const structural = backwardClosure(graph, false);
  const live = backwardClosure(graph, true);
  let cyclic: Uint8Array | null = null;
  for (let v = 0; v < count; v++) {
    // Ending by failure is a way out for the probabilities, but a node from which no end can be
    // reached at all is a mistake in the drawing, whatever its steps' reliabilities.
    if (!reached[v] || (live[v] && structural[v])) continue;
    cyclic ??= cyclesOf(flat, count);
    if (cyclic[v] || structural[v]) {
      problems.push(
        diagnostic(
          structural[v] ? 'loop-never-left' : 'loop-without-end',
          { node: refOf(linking, v) },
          nodeTarget(linking, v),
        ),
      );
    } else {
      problems.push(
        diagnostic('no-end-reachable', { node: refOf(linking, v) }, nodeTarget(linking, v)),
      );
    }
  }
}

/** Every node's successors, normal edges first then the failure edge, as flat lists. */
interface FlatGraph {
  /** The successors of v are `targets[first[v] … first[v + 1] − 1]`. */
  first: Int32Array;
  targets: Int32Array;
}

function outgoing(graph: ModelGraph): FlatGraph {
  const count = graph.nodeCount;
  const { outStart, out, failureEdge, target } = graph;
  const first = new Int32Array(count + 1);
  for (let v = 0; v < count; v++) {
    first[v + 1] = first[v] + outStart[v + 1] - outStart[v] + (failureEdge[v] >= 0 ? 1 : 0);
  }
  const targets = new Int32Array(first[count]);
  let k = 0;
  for (let v = 0; v < count; v++) {
    for (let o = outStart[v]; o < outStart[v + 1]; o++) targets[k++] = target[out[o]];
    if (failureEdge[v] >= 0) targets[k++] = target[failureEdge[v]];
  }
  return { first, targets };
}

function cyclesOf(graph: FlatGraph, count: number): Uint8Array {
  const components = componentsOfGraph(count, graph.first, graph.targets);
  const onCycle = new Uint8Array(count);
  for (let c = 0; c < components.count; c++) {
    const from = components.start[c];
    const to = components.start[c + 1];
    if (to - from > 1) {
      for (let m = from; m < to; m++) onCycle[components.nodes[m]] = 1;
      continue;
    }
    const v = components.nodes[from];
    for (let k = graph.first[v]; k < graph.first[v + 1]; k++) {
      if (graph.targets[k] === v) onCycle[v] = 1;
    }
  }
  return onCycle;
}

/**
 * Marks the nodes from which an end (or, with `live`, an end or a step whose uncaught failure
 * ends the trial) can be reached: over every edge, or with `live` over the edges a customer can
 * take.
 */
function backwardClosure(graph: ModelGraph, live: boolean): Uint8Array {
  const count = graph.nodeCount;
  const marked = new Uint8Array(count);
  const stack = new Int32Array(count);
  let pending = 0;
  for (let v = 0; v < count; v++) {
    if (live ? endsTrial(graph, v) : graph.type[v] === END) {
      marked[v] = 1;
      stack[pending++] = v;
    }
  }
  const { inStart, source } = graph;
  const incoming = graph.in;
  while (pending > 0) {
    const v = stack[--pending];
    for (let k = inStart[v]; k < inStart[v + 1]; k++) {
      const e = incoming[k];
      const from = source[e];
      if (!marked[from] && (!live || edgeIsLive(graph, e))) {
        marked[from] = 1;
        stack[pending++] = from;
      }
    }
  }
  return marked;
}

/** Marks the nodes of a model that lie on a directed cycle (Tarjan's strongly connected components). */
export function nodesOnCycles(graph: ModelGraph): Uint8Array {
  return cyclesOf(outgoing(graph), graph.nodeCount);
}

/** Search states of a parallel node in {@link findBlocks}. */
const NOT_SEARCHED = 0;
const SEARCHING = 1;
const FOUND = 2;
const BROKEN = 3;

/** One block search in progress; searches of nested blocks are stacked on top of it. */
interface SearchFrame {
  parallel: number;
  /** Next branch (index into the parallel's outgoing edges) to search. */
  nextBranch: number;
  /** Whether a branch is being walked (between branches, false). */
  walking: boolean;
  /** Nodes of the current branch still to walk. */
  todo: number[];
  /** Marks the nodes walked in the current branch, and numbers the branch's walk. */
  stamp: number;
  /** The join the branches met first, or -1. */
  join: number;
  /** Every join met, in the order met, once a second one was: a block needs exactly one. */
  joins: number[] | null;
  size: number;
  /** A nested block whose search this one waits for, or -1. */
  waitingFor: number;
}

/**
 * The nodes each branch of a model's blocks holds outside nested blocks, in the order found
 * (a nested block is held as its parallel and join): those of branch i of the block of
 * parallel p are `nodes[start[w] … start[w + 1] − 1]` with w = `walkOf[outStart[p] + i]`.
 * Made by {@link findBlocks} for the checks that follow it, in lists for all branches.
 */
interface BranchNodes {
  start: Int32Array;
  nodes: Int32Array;
  walkOf: Int32Array;
}

const NO_BRANCH_NODES: BranchNodes = {
  start: new Int32Array(1),
  nodes: new Int32Array(0),
  walkOf: new Int32Array(0),
};

/**
 * Pairs every parallel node with its join and checks that each block is closed: every path
 * out of the parallel meets the join, branches are disjoint, and no edge enters or leaves the
 * block except through its parallel and join.
 *
 * Blocks nested to any depth are searched with an explicit stack, and a nested block is taken
 * into the branch that holds it as its parallel and join only, so the search is linear in the
 * size of the blueprint however deep the nesting. What the search keeps per node lives in
 * typed arrays, so a blueprint of tens of thousands of blocks makes no map or set per block.
 */
function findBlocks(
  linking: Linking,
  problems: Diagnostic[],
): { blocks: Block[]; branchNodes: BranchNodes } {
  const { graph } = linking;
  const { outStart, out, target, failureEdge, inStart, source } = graph;
  const types = graph.type;
  const count = graph.nodeCount;
  const at = (parallel: number) => nodeTarget(linking, parallel);
  const ref = (v: number) => refOf(linking, v);

  // The parallels, numbered in node order: what the search keeps per parallel is listed by
  // that number (a few per cent of the nodes), not by node.
  const parallels: number[] = [];
  const numberOf = new Int32Array(count);
  for (let v = 0; v < count; v++) {
    if (types[v] === PARALLEL) {
      numberOf[v] = parallels.length;
      parallels.push(v);
    }
  }
  const parallelCount = parallels.length;
  // Per parallel: its search state and, once found, its block's join and size (nodes of the
  // block, nested blocks' included, its parallel and join excluded).
  const state = new Uint8Array(parallelCount);
  const joinOf = new Int32Array(parallelCount);
  const sizeOf = new Int32Array(parallelCount);
  // Per branch, by its place among its parallel's outgoing edges (`outStart[p] + b`): the
  // stamp of the walk that found it.
  const walkOf = new Int32Array(graph.edgeCount);
  // Per node: the stamp of the branch walk that last reached it, and the parallel whose
  // search took it in directly. Per parallel: the parallel whose branch took its block in,
  // and that branch's stamp. A node of a nested block counts as walked in a branch when the
  // block holding it was taken into that branch.
  const stampOf = new Int32Array(count).fill(-1);
  const claimedBy = new Int32Array(count).fill(-1);
  const absorber = new Int32Array(parallelCount).fill(-1);
  const absorbedStamp = new Int32Array(parallelCount).fill(-1);
  let stamps = 0;
  // Every node a branch walk holds, as (stamp, node) in the order found; sorted by stamp
  // once the search is done.
  let heldWalk = new Int32Array(Math.max(16, count));
  let heldNode = new Int32Array(Math.max(16, count));
  let held = 0;
  const hold = (stamp: number, v: number) => {
    if (held === heldWalk.length) {
      const wider = (values: Int32Array) => {
        const grown = new Int32Array(values.length * 2);
        grown.set(values);
        return grown;
      };
      heldWalk = wider(heldWalk);
      heldNode = wider(heldNode);
    }
    heldWalk[held] = stamp;
    heldNode[held++] = v;
  };

  const walked = (frame: SearchFrame, v: number): boolean => {
    if (stampOf[v] === frame.stamp) return true;
    let q = claimedBy[v];
    if (q < 0 || q === frame.parallel) return false;
    while (absorber[numberOf[q]] >= 0 && absorber[numberOf[q]] !== frame.parallel) {
      q = absorber[numberOf[q]];
    }
    claimedBy[v] = q;
    return absorber[numberOf[q]] === frame.parallel && absorbedStamp[numberOf[q]] === frame.stamp;
  };

  const frames: SearchFrame[] = [];
  const begin = (p: number) => {
    state[numberOf[p]] = SEARCHING;
    frames.push({
      parallel: p,
      nextBranch: 0,
      walking: false,
      todo: [],
      stamp: -1,
      join: -1,
      joins: null,
      size: 0,
      waitingFor: -1,
    });
  };
  const finish = (frame: SearchFrame, found: boolean) => {
    frames.pop();
    const p = frame.parallel;
    state[numberOf[p]] = found ? FOUND : BROKEN;
    if (!found) return;
    joinOf[numberOf[p]] = frame.join;
    sizeOf[numberOf[p]] = frame.size;
  };
  const takeIn = (frame: SearchFrame, inner: number) => {
    absorber[numberOf[inner]] = frame.parallel;
    absorbedStamp[numberOf[inner]] = frame.stamp;
    const join = joinOf[numberOf[inner]];
    stampOf[join] = frame.stamp;
    claimedBy[join] = frame.parallel;
    hold(frame.stamp, join);
    frame.size += sizeOf[numberOf[inner]] + 1;
    for (let o = outStart[join]; o < outStart[join + 1]; o++) frame.todo.push(target[out[o]]);
  };
  const meetJoin = (frame: SearchFrame, v: number) => {
    if (frame.join < 0) frame.join = v;
    else if (v !== frame.join) {
      frame.joins ??= [frame.join];
      if (!frame.joins.includes(v)) frame.joins.push(v);
    }
  };

  /** Walks the top frame until it finishes or needs a nested search; false when broken. */
  const step = (frame: SearchFrame): boolean => {
    const p = frame.parallel;
    const branchCount = outStart[p + 1] - outStart[p];
    if (frame.waitingFor >= 0) {
      if (state[numberOf[frame.waitingFor]] !== FOUND) return false;
      takeIn(frame, frame.waitingFor);
      frame.waitingFor = -1;
    }
    for (;;) {
      if (!frame.walking) {
        if (frame.nextBranch === branchCount) {
          if (frame.join < 0 || frame.joins !== null) {
            problems.push(
              frame.join < 0
                ? diagnostic('no-join', { parallel: ref(p) }, at(p))
                : diagnostic(
                    'several-joins',
                    { parallel: ref(p), joins: frame.joins!.map((j) => ref(j)) },
                    at(p),
                  ),
            );
            finish(frame, false);
            return true;
          }
          finish(frame, true);
          return true;
        }
        frame.walking = true;
        frame.todo.length = 0;
        frame.todo.push(target[out[outStart[p] + frame.nextBranch]]);
        frame.stamp = stamps++;
      }
      const todo = frame.todo;
      while (todo.length > 0) {
        const v = todo.pop()!;
        if (walked(frame, v)) continue;
        stampOf[v] = frame.stamp;
        const type = types[v];
        if (type === JOIN) {
          meetJoin(frame, v);
          continue;
        }
        if (v === p || type === END || type === START) {
          problems.push(
            v === p
              ? diagnostic('branch-returns', { parallel: ref(p) }, at(p))
              : diagnostic('branch-escapes', { parallel: ref(p), node: ref(v) }, at(p)),
          );
          return false;
        }
        hold(frame.stamp, v);
        claimedBy[v] = p;
        frame.size++;
        if (type === PARALLEL) {
          const vState = state[numberOf[v]];
          if (vState === FOUND) {
            takeIn(frame, v);
            continue;
          }
          if (vState === BROKEN) return false;
          if (vState === SEARCHING) {
            problems.push(diagnostic('parallel-reentered', { parallel: ref(v) }, at(v)));
            return false;
          }
          frame.waitingFor = v;
          begin(v);
          return true;
        }
        for (let o = outStart[v]; o < outStart[v + 1]; o++) todo.push(target[out[o]]);
        if (failureEdge[v] >= 0) todo.push(target[failureEdge[v]]);
      }
      walkOf[outStart[p] + frame.nextBranch] = frame.stamp;
      frame.nextBranch++;
      frame.walking = false;
    }
  };

  for (const p of parallels) {
    if (state[numberOf[p]] !== NOT_SEARCHED) continue;
    begin(p);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (!step(frame)) finish(frame, false);
    }
  }
  if (problems.length > 0) return { blocks: [], branchNodes: NO_BRANCH_NODES };
  const found = parallels.filter((p) => state[numberOf[p]] === FOUND);

  // The nodes held by each walk, side by side in the order found.
  const start = new Int32Array(stamps + 1);
  for (let h = 0; h < held; h++) start[heldWalk[h] + 1]++;
  for (let w = 0; w < stamps; w++) start[w + 1] += start[w];
  const nodes = new Int32Array(held);
  const fill = start.slice(0, stamps);
  for (let h = 0; h < held; h++) nodes[fill[heldWalk[h]]++] = heldNode[h];

  // Per join: the parallel whose block it closes.
  const owner = new Int32Array(count).fill(-1);
  for (const p of found) {
    const join = joinOf[numberOf[p]];
    const other = owner[join];
    if (other >= 0) {
      problems.push(
        diagnostic(
          'join-shared',
          { first: ref(other), second: ref(p), join: ref(join) },
          nodeTarget(linking, join),
        ),
      );
    }
    owner[join] = p;
  }
  for (let v = 0; v < count; v++) {
    if (types[v] === JOIN && owner[v] < 0) {
      problems.push(diagnostic('join-without-parallel', { join: ref(v) }, nodeTarget(linking, v)));
    }
  }

  // Per node: the block (by its parallel) whose branch checked it last, and that branch.
  const memberOf = new Int32Array(count).fill(-1);
  const memberBranch = new Int32Array(count);
  const members: number[] = [];
  for (const p of found) {
    const join = joinOf[numberOf[p]];
    members.length = 0;
    for (let b = 0; b < outStart[p + 1] - outStart[p]; b++) {
      const walk = walkOf[outStart[p] + b];
      for (let h = start[walk]; h < start[walk + 1]; h++) {
        const v = nodes[h];
        if (memberOf[v] === p && memberBranch[v] !== b) {
          problems.push(
            diagnostic(
              'branches-merge',
              { parallel: ref(p), node: ref(v) },
              nodeTarget(linking, p),
            ),
          );
          break;
        }
        if (memberOf[v] !== p) members.push(v);
        memberOf[v] = p;
        memberBranch[v] = b;
      }
    }
    members.push(join);
    for (const v of members) {
      // A nested block's join is entered from inside that block; its own check covers it.
      if (v !== join && types[v] === JOIN) continue;
      for (let k = inStart[v]; k < inStart[v + 1]; k++) {
        const e = graph.in[k];
        const from = source[e];
        if (from !== p && memberOf[from] !== p) {
          problems.push(
            diagnostic(
              'block-entered',
              { edge: linking.details.edgeId(e), parallel: ref(p) },
              edgeTarget(linking.details.edgeId(e)),
            ),
          );
        }
      }
    }
  }
  if (problems.length > 0) return { blocks: [], branchNodes: NO_BRANCH_NODES };

  // Innermost blocks have the fewest nodes; assigning in that order gives each node its
  // innermost block.
  const ordered = found.sort((a, b) => sizeOf[numberOf[a]] - sizeOf[numberOf[b]] || a - b);
  const blocks: Block[] = ordered.map((p, index) => {
    const branches = new Array<Branch>(outStart[p + 1] - outStart[p]);
    for (let b = 0; b < branches.length; b++) {
      const edge = out[outStart[p] + b];
      branches[b] = { edge, entry: target[edge] };
    }
    return { index, parallel: p, join: joinOf[numberOf[p]], k: 0, branches, parent: -1, depth: 0 };
  });
  for (const block of blocks) {
    graph.ownBlock[block.parallel] = block.index;
    graph.ownBlock[block.join] = block.index;
    const first = outStart[block.parallel];
    for (let b = 0; b < block.branches.length; b++) {
      const walk = walkOf[first + b];
      for (let h = start[walk]; h < start[walk + 1]; h++) {
        const v = nodes[h];
        if (graph.block[v] < 0) {
          graph.block[v] = block.index;
          graph.branch[v] = b;
        }
      }
    }
  }
  for (const block of blocks) block.parent = graph.block[block.parallel];
  // An enclosing block is larger, so it comes later: set depths from the outermost in.
  for (let b = blocks.length - 1; b >= 0; b--) {
    const parent = blocks[b].parent;
    blocks[b].depth = parent < 0 ? 0 : blocks[parent].depth + 1;
  }

  return { blocks, branchNodes: { start, nodes, walkOf } };
}

/** Sets each join's `k` (branches needed, default all) and each parallel's branch count. */
function assignJoinThresholds(
  linking: Linking,
  blocks: Block[],
  requested: (index: number) => number | undefined,
  problems: Diagnostic[],
): void {
  for (const block of blocks) {
    const n = block.branches.length;
    const join = block.join;
    const k = requested(join) ?? n;
    if (!Number.isInteger(k) || k < 1 || k > n) {
      problems.push(
        diagnostic(
          'join-threshold',
          { join: refOf(linking, join), k, branches: n },
          nodeTarget(linking, join),
        ),
      );
    }
    block.k = k;
    linking.graph.k[join] = k;
    linking.graph.k[block.parallel] = n;
  }
}

/**
 * The flat escape check treats a step that can fail as a way out, but inside a parallel block a
 * failure only ends its branch: the trial ends there only if the block can fail as a whole (at
 * least n − k + 1 branches can fail). This check works level by level, innermost blocks first,
 * treating each inner block as one node that passes or fails, and reports the nodes that are
 * caught in a loop nobody leaves.
 */
function checkBlockEscapes(
  linking: Linking,
  blocks: Block[],
  branchNodes: BranchNodes,
  problems: Diagnostic[],
): void {
  if (blocks.length === 0) return;
  const { graph } = linking;
  const { outStart, out, failureEdge, target, ownBlock } = graph;
  const types = graph.type;
  const count = graph.nodeCount;
  const canPass = new Uint8Array(blocks.length);
  const canFail = new Uint8Array(blocks.length);
  const endsTrialOrBranch = (v: number) => {
    const type = types[v];
    if (type === STEP) return failureEdge[v] < 0 && uncaughtFailure(graph, v) > 0;
    return type === PARALLEL && canFail[ownBlock[v]] === 1;
  };
  const stuck: number[] = [];

  // Per node, its place in the level being searched (members from 0, the exit after them),
  // or -1; reset after each level. The level's links and both searches over them work in
  // buffers made once for the whole check, so that a blueprint of thousands of blocks does not
  // make a dozen small arrays per branch for the collector.
  const local = new Int32Array(count).fill(-1);
  // A level links each member at most once per outgoing edge (a parallel once, to its join).
  const linkCapacity = graph.edgeCount + count;
  const linkTo = new Int32Array(linkCapacity);
  const linkFrom = new Int32Array(linkCapacity);
  const predecessors = new Int32Array(linkCapacity);
  const first = new Int32Array(count + 2);
  const cursor = new Int32Array(count + 1);
  const todo = new Int32Array(count + 1);
  const toJoin = new Uint8Array(count + 1);
  const toFailure = new Uint8Array(count + 1);
  /**
   * The live transitions within the level entered last (members by place, the exit last), as
   * predecessor lists: those of place v are `predecessors[first[v] … first[v + 1] − 1]`.
   */
  const linkLevel = (members: Int32Array, memberCount: number, size: number) => {
    let links = 0;
    for (let m = 0; m < memberCount; m++) {
      const v = members[m];
      if (types[v] === PARALLEL) {
        const to = local[blocks[ownBlock[v]].join];
        if (canPass[ownBlock[v]] && to >= 0) {
          linkTo[links] = to;
          linkFrom[links++] = m;
        }
        continue;
      }
      const last = outStart[v + 1];
      for (let k = outStart[v]; k <= last; k++) {
        const e = k < last ? out[k] : failureEdge[v];
        if (e < 0) continue;
        const to = local[target[e]];
        if (to >= 0 && edgeIsLive(graph, e)) {
          linkTo[links] = to;
          linkFrom[links++] = m;
        }
      }
    }
    first.fill(0, 0, size + 1);
    for (let k = 0; k < links; k++) first[linkTo[k] + 1]++;
    for (let v = 0; v < size; v++) {
      first[v + 1] += first[v];
      cursor[v] = first[v];
    }
    for (let k = 0; k < links; k++) predecessors[cursor[linkTo[k]]++] = linkFrom[k];
  };
  /**
   * Marks in `marked` which places of the level linked last can reach a goal within it: a
   * backward search over its live transitions.
   */
  const escapes = (
    members: Int32Array,
    memberCount: number,
    exitNode: number,
    size: number,
    isGoal: (v: number) => boolean,
    marked: Uint8Array,
  ) => {
    marked.fill(0, 0, size);
    let pending = 0;
    for (let m = 0; m < memberCount; m++) {
      if (isGoal(members[m])) {
        marked[m] = 1;
        todo[pending++] = m;
      }
    }
    if (exitNode >= 0 && isGoal(exitNode)) {
      marked[size - 1] = 1;
      todo[pending++] = size - 1;
    }
    while (pending > 0) {
      const v = todo[--pending];
      for (let k = first[v]; k < first[v + 1]; k++) {
        const u = predecessors[k];
        if (!marked[u]) {
          marked[u] = 1;
          todo[pending++] = u;
        }
      }
    }
  };
  const enter = (members: Int32Array, memberCount: number, exitNode: number) => {
    for (let m = 0; m < memberCount; m++) local[members[m]] = m;
    if (exitNode >= 0) local[exitNode] = memberCount;
  };
  const leave = (members: Int32Array, memberCount: number, exitNode: number) => {
    for (let m = 0; m < memberCount; m++) local[members[m]] = -1;
    if (exitNode >= 0) local[exitNode] = -1;
  };
  /** Whether node v is marked in a search over the level entered last. */
  const reaches = (marked: Uint8Array, v: number) => local[v] >= 0 && marked[local[v]] === 1;

  // The members of the level searched: a branch's own nodes, or the top level's.
  const members = new Int32Array(count);
  let memberCount: number;
  let join = -1;
  const isJoin = (v: number) => v === join;
  for (const block of blocks) {
    let succeeding = 0;
    let failing = 0;
    const first = outStart[block.parallel];
    join = block.join;
    for (let b = 0; b < block.branches.length; b++) {
      memberCount = 0;
      const walk = branchNodes.walkOf[first + b];
      for (let h = branchNodes.start[walk]; h < branchNodes.start[walk + 1]; h++) {
        const v = branchNodes.nodes[h];
        if (graph.block[v] === block.index) members[memberCount++] = v;
      }
      const size = memberCount + 1;
      enter(members, memberCount, block.join);
      linkLevel(members, memberCount, size);
      escapes(members, memberCount, block.join, size, isJoin, toJoin);
      escapes(members, memberCount, block.join, size, endsTrialOrBranch, toFailure);
      if (reaches(toJoin, block.branches[b].entry)) succeeding++;
      if (reaches(toFailure, block.branches[b].entry)) failing++;
      for (let m = 0; m < memberCount; m++) {
        if (!toJoin[m] && !toFailure[m]) stuck.push(members[m]);
      }
      leave(members, memberCount, block.join);
    }
    canPass[block.index] = succeeding >= block.k ? 1 : 0;
    canFail[block.index] = failing >= block.branches.length - block.k + 1 ? 1 : 0;
  }
  memberCount = 0;
  for (let v = 0; v < count; v++) if (graph.block[v] < 0) members[memberCount++] = v;
  enter(members, memberCount, -1);
  linkLevel(members, memberCount, memberCount);
  const leaves = toJoin;
  escapes(
    members,
    memberCount,
    -1,
    memberCount,
    (v) => types[v] === END || endsTrialOrBranch(v),
    leaves,
  );
  for (let m = 0; m < memberCount; m++) if (!leaves[m]) stuck.push(members[m]);
  leave(members, memberCount, -1);

  for (const v of stuck) {
    problems.push(
      diagnostic('loop-through-block', { node: refOf(linking, v) }, nodeTarget(linking, v)),
    );
  }
}
