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
import type {
  Block,
  Branch,
  EdgeInput,
  Lane,
  Model,
  ModelEdge,
  ModelInput,
  ModelNode,
  NodeInput,
  NodeType,
  Outcome,
} from './model';

/** Decision probabilities may be off by this much from a sum of 1 (rounding in files). */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

export { stronglyConnectedComponents };

export type BuildResult = { ok: true; model: Model } | { ok: false; diagnostics: Diagnostic[] };

const DEFAULT_LANE: Lane = 'backstage';

/** How a sentence names a node: type, id and label. */
function ref(node: NodeInput | ModelNode): NodeRef {
  // A model node without a label carries its id as label; do not name the id twice.
  return node.label && node.label !== node.id
    ? { id: node.id, type: node.type, label: node.label }
    : { id: node.id, type: node.type };
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
  const nodes: ModelNode[] = [];
  for (const spec of input.nodes) {
    if (indexOf.has(spec.id)) {
      problems.push(
        diagnostic('duplicate-node-id', { id: spec.id }, { kind: 'node', id: spec.id }),
      );
      continue;
    }
    indexOf.set(spec.id, nodes.length);
    nodes.push(toModelNode(spec, nodes.length, problems));
  }
  // Ids are unique when the model builds, so node i is then input node i.
  return linkModel(nodes, indexOf, (index) => input.nodes[index].k, input.edges, problems);
}

/**
 * The second half of {@link buildModel}, for readers that make the model's nodes themselves
 * (see `read/plain.ts`): links `nodes` (node i at index i, its id in `indexOf`, values checked)
 * by `edgeSpecs` and checks every structural rule. `joinThreshold` gives the `k` a join asked
 * for, if any; `problems` holds the problems found so far.
 */
export function linkModel(
  nodes: ModelNode[],
  indexOf: Map<string, number>,
  joinThreshold: (index: number) => number | undefined,
  edgeSpecs: readonly EdgeInput[],
  problems: Diagnostic[],
): BuildResult {
  const edgeIndexOf = new Map<string, number>();
  const edges: ModelEdge[] = [];
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
    edgeIndexOf.set(spec.id, edges.length);
    edges.push(toModelEdge(spec, edges.length, source, targetNode, nodes, problems));
  }
  return linkEdges(nodes, indexOf, edges, edgeIndexOf, joinThreshold, problems, {
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
 * The last part of {@link linkModel}, for readers that also make the model's edges themselves
 * (ends resolved to node indices, edge i at index i, values checked): gives every node its
 * lists of edges and checks every structural rule. Without `indexOf` or `edgeIndexOf` (a reader
 * that resolved ids its own way), the model makes that map from the ids when first asked.
 */
export function linkEdges(
  nodes: ModelNode[],
  indexOf: Map<string, number> | null,
  edges: ModelEdge[],
  edgeIndexOf: Map<string, number> | null,
  joinThreshold: (index: number) => number | undefined,
  problems: Diagnostic[],
  dangling: DanglingEnds = NO_DANGLING_ENDS,
): BuildResult {
  attachEdgeLists(nodes, edges, problems);
  checkEdgeCounts(nodes, dangling, problems);
  checkDecisionProbabilities(nodes, edges, problems);

  const starts = nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1) {
    problems.push(
      starts.length === 0
        ? diagnostic('no-start', {})
        : diagnostic('several-starts', { count: starts.length, ids: starts.map((n) => n.id) }),
    );
  }
  if (!nodes.some((n) => n.type === 'end' && n.outcome === 'success')) {
    problems.push(diagnostic('no-success-end', {}));
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  const start = starts[0].index;
  checkReachability(nodes, edges, start, problems);
  const blocks = problems.length === 0 ? findBlocks(nodes, edges, problems) : [];
  if (problems.length === 0) assignJoinThresholds(nodes, blocks, joinThreshold, problems);
  if (problems.length === 0) checkBlockEscapes(nodes, edges, blocks, problems);
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  const model = { nodes, edges, start, blocks } as Model;
  if (indexOf) model.indexOf = indexOf;
  else defineLazy(model, 'indexOf', () => idMap(nodes));
  if (edgeIndexOf) model.edgeIndexOf = edgeIndexOf;
  else defineLazy(model, 'edgeIndexOf', () => idMap(edges));
  // The exact analysis's plan depends on the graph only; making it here, once, finds the loops
  // too interlinked to solve before anything is promised, and the analysis reuses it.
  const plan = planOf(model);
  if (plan.refusedComponent >= 0) {
    const first = plan.componentStart[plan.refusedComponent];
    const node = nodes[plan.componentNodes[first]];
    const states = plan.componentStart[plan.refusedComponent + 1] - first;
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'loop-too-interlinked',
          { node: ref(node), states },
          { kind: 'node', id: node.id },
        ),
      ],
    };
  }
  return { ok: true, model };
}

/** Id → index of nodes or edges listed by index. */
export function idMap(items: readonly { id: string }[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < items.length; i++) map.set(items[i].id, i);
  return map;
}

/**
 * Gives every node its incoming edges, its normal outgoing edges and its failure edge, in edge
 * order. Each list is made at its final length: most nodes have one edge in and one out, and a
 * list grown by pushing reserves room for sixteen or more, which across a million nodes is
 * hundreds of megabytes held by the model and scanned by every collection.
 */
function attachEdgeLists(nodes: ModelNode[], edges: ModelEdge[], problems: Diagnostic[]): void {
  const count = nodes.length;
  // Lists of all nodes side by side: node v's incoming edges are `incoming[inStart[v] …]`.
  const inStart = new Int32Array(count + 1);
  const outStart = new Int32Array(count + 1);
  for (const edge of edges) {
    inStart[edge.target + 1]++;
    const source = nodes[edge.source];
    if (edge.kind !== 'failure') outStart[edge.source + 1]++;
    else if (source.failureEdge >= 0) {
      problems.push(
        diagnostic('second-failure-edge', { node: ref(source) }, { kind: 'node', id: source.id }),
      );
    } else {
      source.failureEdge = edge.index;
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
  for (const edge of edges) {
    incoming[inFill[edge.target]++] = edge.index;
    if (edge.kind !== 'failure') outgoing[outFill[edge.source]++] = edge.index;
  }
  for (let v = 0; v < count; v++) {
    const node = nodes[v];
    node.in = listOf(incoming, inStart[v], inStart[v + 1]);
    node.out = listOf(outgoing, outStart[v], outStart[v + 1]);
  }
}

/** `values[from … to − 1]` as a list of exactly that length. */
function listOf(values: Int32Array, from: number, to: number): number[] {
  switch (to - from) {
    case 0:
      return [];
    case 1:
      return [values[from]];
    case 2:
      return [values[from], values[from + 1]];
    default:
      return Array.from(values.subarray(from, to));
  }
}

/**
 * Edge lists of a node not yet linked: shared by every such node, and frozen, so that nothing
 * can add to it by mistake; {@link attachEdgeLists} gives each node lists of its own.
 */
const NOT_LINKED: number[] = Object.freeze([]) as unknown as number[];

/**
 * A model node not yet linked to its edges, made in one place so that every node of every
 * model has the same layout (the solver's loops over nodes then stay monomorphic). The optional
 * values of a step (observed data, durations, costs) are added by the caller.
 */
export function newModelNode(
  index: number,
  id: string,
  type: NodeType,
  lane: Lane,
  label: string,
  reliability: number,
  catchRate: number,
  hasRecovery: boolean,
  outcome: Outcome,
): ModelNode {
  return {
    index,
    id,
    type,
    lane,
    label,
    reliability,
    catchRate,
    hasRecovery,
    outcome,
    k: 0,
    out: NOT_LINKED,
    failureEdge: -1,
    in: NOT_LINKED,
    block: -1,
    branch: -1,
    ownBlock: -1,
  };
}

function toModelNode(spec: NodeInput, index: number, problems: Diagnostic[]): ModelNode {
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
  const node = newModelNode(
    index,
    spec.id,
    spec.type,
    spec.lane ?? DEFAULT_LANE,
    spec.label ?? spec.id,
    reliability,
    catchRate,
    recovery !== null,
    spec.type === 'end' ? (spec.outcome ?? 'success') : 'success',
  );
  if (isStep) {
    if (spec.observed) node.observed = spec.observed;
    if (spec.duration) node.duration = spec.duration;
    if (spec.cost) node.cost = spec.cost;
    if (recovery?.duration) node.recoveryDuration = recovery.duration;
    if (recovery?.cost) node.recoveryCost = recovery.cost;
  }
  return node;
}

/** The target of a problem of edge `id`. */
function edgeTarget(id: string): DiagnosticTarget {
  return { kind: 'edge', id };
}

function toModelEdge(
  spec: EdgeInput,
  index: number,
  source: number,
  target: number,
  nodes: ModelNode[],
  problems: Diagnostic[],
): ModelEdge {
  // Problems' targets are made only for a problem (see linkModel).
  const from = nodes[source];
  const kind = spec.kind ?? 'normal';
  if (kind === 'failure' && from.type !== 'step') {
    problems.push(
      diagnostic('failure-edge-not-step', { edge: spec.id, from: ref(from) }, edgeTarget(spec.id)),
    );
  }
  let probability = 1;
  if (from.type === 'decision' && kind === 'normal') {
    if (spec.probability === undefined) {
      problems.push(
        diagnostic(
          'decision-edge-no-probability',
          { edge: spec.id, from: ref(from) },
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
  return { index, id: spec.id, source, target, kind, probability };
}

/** Allowed [min, max] of incoming and of normal outgoing edges per node type. */
const EDGE_COUNTS: Record<ModelNode['type'], { in: [number, number]; out: [number, number] }> = {
  start: { in: [0, 0], out: [1, 1] },
  end: { in: [1, Infinity], out: [0, 0] },
  step: { in: [1, Infinity], out: [1, 1] },
  decision: { in: [1, Infinity], out: [2, Infinity] },
  parallel: { in: [1, Infinity], out: [2, Infinity] },
  join: { in: [2, Infinity], out: [1, 1] },
};

function edgeRule([min, max]: [number, number]): EdgeRule {
  return { min, max: max === Infinity ? null : max };
}

function checkEdgeCounts(
  nodes: ModelNode[],
  dangling: { in: ReadonlySet<number>; out: ReadonlySet<number> },
  problems: Diagnostic[],
): void {
  for (const node of nodes) {
    const rule = EDGE_COUNTS[node.type];
    const outCount = node.out.length;
    const inCount = node.in.length;
    if (!dangling.in.has(node.index) && (inCount < rule.in[0] || inCount > rule.in[1])) {
      problems.push(
        diagnostic(
          'incoming-count',
          { node: ref(node), count: inCount, rule: edgeRule(rule.in) },
          { kind: 'node', id: node.id },
        ),
      );
    }
    if (!dangling.out.has(node.index) && (outCount < rule.out[0] || outCount > rule.out[1])) {
      problems.push(
        diagnostic(
          'outgoing-count',
          { node: ref(node), count: outCount, rule: edgeRule(rule.out) },
          { kind: 'node', id: node.id },
        ),
      );
    }
  }
}

function checkDecisionProbabilities(
  nodes: ModelNode[],
  edges: ModelEdge[],
  problems: Diagnostic[],
): void {
  for (const node of nodes) {
    if (node.type !== 'decision' || node.out.length < 2) continue;
    const sum = node.out.reduce((acc, e) => acc + edges[e].probability, 0);
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      problems.push(
        diagnostic(
          'decision-sum',
          { node: ref(node), sum: +sum.toPrecision(12) },
          { kind: 'node', id: node.id },
        ),
      );
    }
  }
}

/** Probability, 0–1, that a step's failure is neither avoided nor caught. */
function uncaughtFailure(node: ModelNode): number {
  return (1 - node.reliability) * (1 - node.catchRate);
}

/** Edges a customer can actually take: those with a positive probability. */
function edgeIsLive(edge: ModelEdge, nodes: ModelNode[]): boolean {
  const source = nodes[edge.source];
  if (edge.kind === 'failure') return uncaughtFailure(source) > 0;
  if (source.type === 'step') return 1 - uncaughtFailure(source) > 0;
  return edge.probability > 0;
}

function checkReachability(
  nodes: ModelNode[],
  edges: ModelEdge[],
  start: number,
  problems: Diagnostic[],
): void {
  const reached = new Uint8Array(nodes.length);
  const stack = [start];
  reached[start] = 1;
  const graph = outgoing(nodes, edges);
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let k = graph.first[v]; k < graph.first[v + 1]; k++) {
      const t = graph.targets[k];
      if (!reached[t]) {
        reached[t] = 1;
        stack.push(t);
      }
    }
  }
  for (const node of nodes) {
    if (!reached[node.index]) {
      problems.push(diagnostic('unreachable', { node: ref(node) }, { kind: 'node', id: node.id }));
    }
  }

  // A node "escapes" when, with positive probability, the trial ends from it: it reaches an end
  // or a step whose uncaught failure ends the trial (or its branch). Search backwards from those.
  const structural = backwardClosure(
    nodes,
    edges,
    () => true,
    (n) => n.type === 'end',
  );
  const live = backwardClosure(
    nodes,
    edges,
    (e) => edgeIsLive(e, nodes),
    (n) => n.type === 'end' || (n.type === 'step' && n.failureEdge < 0 && uncaughtFailure(n) > 0),
  );
  const cyclic = cyclesOf(graph, nodes.length);
  for (const node of nodes) {
    // Ending by failure is a way out for the probabilities, but a node from which no end can be
    // reached at all is a mistake in the drawing, whatever its steps' reliabilities.
    if (!reached[node.index] || (live[node.index] && structural[node.index])) continue;
    const where = { kind: 'node', id: node.id } as const;
    if (cyclic[node.index] || structural[node.index]) {
      problems.push(
        diagnostic(
          structural[node.index] ? 'loop-never-left' : 'loop-without-end',
          { node: ref(node) },
          where,
        ),
      );
    } else {
      problems.push(diagnostic('no-end-reachable', { node: ref(node) }, where));
    }
  }
}

/** Every node's successors, normal edges first then the failure edge, as flat lists. */
interface FlatGraph {
  /** The successors of v are `targets[first[v] … first[v + 1] − 1]`. */
  first: Int32Array;
  targets: Int32Array;
}

function outgoing(nodes: ModelNode[], edges: ModelEdge[]): FlatGraph {
  const first = new Int32Array(nodes.length + 1);
  for (let v = 0; v < nodes.length; v++) {
    const node = nodes[v];
    first[v + 1] = first[v] + node.out.length + (node.failureEdge >= 0 ? 1 : 0);
  }
  const targets = new Int32Array(first[nodes.length]);
  let k = 0;
  for (const node of nodes) {
    for (const e of node.out) targets[k++] = edges[e].target;
    if (node.failureEdge >= 0) targets[k++] = edges[node.failureEdge].target;
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

function backwardClosure(
  nodes: ModelNode[],
  edges: ModelEdge[],
  usable: (edge: ModelEdge) => boolean,
  isGoal: (node: ModelNode) => boolean,
): Uint8Array {
  const marked = new Uint8Array(nodes.length);
  const stack: number[] = [];
  for (const node of nodes) {
    if (isGoal(node)) {
      marked[node.index] = 1;
      stack.push(node.index);
    }
  }
  while (stack.length > 0) {
    const node = nodes[stack.pop()!];
    for (const e of node.in) {
      const edge = edges[e];
      if (!marked[edge.source] && usable(edge)) {
        marked[edge.source] = 1;
        stack.push(edge.source);
      }
    }
  }
  return marked;
}

/** Marks the nodes that lie on a directed cycle (Tarjan's strongly connected components). */
export function nodesOnCycles(nodes: ModelNode[], edges: ModelEdge[]): Uint8Array {
  return cyclesOf(outgoing(nodes, edges), nodes.length);
}

interface BlockSearch {
  join: number;
  branches: Branch[];
  /** Nodes of the block, nested blocks' included (its parallel and join excluded). */
  size: number;
}

/** One block search in progress; searches of nested blocks are stacked on top of it. */
interface SearchFrame {
  parallel: number;
  /** Next branch (index into the parallel's outgoing edges) to search. */
  nextBranch: number;
  /** Nodes of the current branch still to walk, or null between branches. */
  todo: number[] | null;
  /** Marks the nodes walked in the current branch. */
  stamp: number;
  branchNodes: number[];
  joins: Set<number>;
  branches: Branch[];
  size: number;
  /** A nested block whose search this one waits for, or -1. */
  waitingFor: number;
}

/**
 * Pairs every parallel node with its join and checks that each block is closed: every path
 * out of the parallel meets the join, branches are disjoint, and no edge enters or leaves the
 * block except through its parallel and join.
 *
 * Blocks nested to any depth are searched with an explicit stack, and a nested block is taken
 * into the branch that holds it as its parallel and join only, so the search is linear in the
 * size of the blueprint however deep the nesting.
 */
function findBlocks(nodes: ModelNode[], edges: ModelEdge[], problems: Diagnostic[]): Block[] {
  const found = new Map<number, BlockSearch | null>();
  const inProgress = new Set<number>();
  const at = (parallel: ModelNode) => ({ kind: 'node', id: parallel.id }) as const;

  // Per node: the stamp of the branch walk that last reached it, and the parallel whose
  // search took it in directly. Per parallel: the parallel whose branch took its block in,
  // and that branch's stamp. A node of a nested block counts as walked in a branch when the
  // block holding it was taken into that branch.
  const stampOf = new Int32Array(nodes.length).fill(-1);
  const claimedBy = new Int32Array(nodes.length).fill(-1);
  const absorber = new Int32Array(nodes.length).fill(-1);
  const absorbedStamp = new Int32Array(nodes.length).fill(-1);
  let stamps = 0;

  const walked = (frame: SearchFrame, v: number): boolean => {
    if (stampOf[v] === frame.stamp) return true;
    let q = claimedBy[v];
    if (q < 0 || q === frame.parallel) return false;
    while (absorber[q] >= 0 && absorber[q] !== frame.parallel) q = absorber[q];
    claimedBy[v] = q;
    return absorber[q] === frame.parallel && absorbedStamp[q] === frame.stamp;
  };

  const frames: SearchFrame[] = [];
  const begin = (p: number) => {
    inProgress.add(p);
    frames.push({
      parallel: p,
      nextBranch: 0,
      todo: null,
      stamp: -1,
      branchNodes: [],
      joins: new Set(),
      branches: [],
      size: 0,
      waitingFor: -1,
    });
  };
  const finish = (frame: SearchFrame, result: BlockSearch | null) => {
    frames.pop();
    inProgress.delete(frame.parallel);
    found.set(frame.parallel, result);
  };
  const takeIn = (frame: SearchFrame, inner: number, search: BlockSearch) => {
    absorber[inner] = frame.parallel;
    absorbedStamp[inner] = frame.stamp;
    stampOf[search.join] = frame.stamp;
    claimedBy[search.join] = frame.parallel;
    frame.branchNodes.push(search.join);
    frame.size += search.size + 1;
    for (const out of nodes[search.join].out) frame.todo!.push(edges[out].target);
  };

  /** Walks the top frame until it finishes or needs a nested search; false when broken. */
  const step = (frame: SearchFrame): boolean => {
    const p = frame.parallel;
    const parallel = nodes[p];
    if (frame.waitingFor >= 0) {
      const inner = found.get(frame.waitingFor);
      if (!inner) return false;
      takeIn(frame, frame.waitingFor, inner);
      frame.waitingFor = -1;
    }
    for (;;) {
      if (frame.todo === null) {
        if (frame.nextBranch === parallel.out.length) {
          const { joins } = frame;
          if (joins.size !== 1) {
            problems.push(
              joins.size === 0
                ? diagnostic('no-join', { parallel: ref(parallel) }, at(parallel))
                : diagnostic(
                    'several-joins',
                    { parallel: ref(parallel), joins: [...joins].map((j) => ref(nodes[j])) },
                    at(parallel),
                  ),
            );
            finish(frame, null);
            return true;
          }
          finish(frame, { join: [...joins][0], branches: frame.branches, size: frame.size });
          return true;
        }
        frame.todo = [edges[parallel.out[frame.nextBranch]].target];
        frame.stamp = stamps++;
        frame.branchNodes = [];
      }
      const todo = frame.todo;
      while (todo.length > 0) {
        const v = todo.pop()!;
        if (walked(frame, v)) continue;
        stampOf[v] = frame.stamp;
        const node = nodes[v];
        if (node.type === 'join') {
          frame.joins.add(v);
          continue;
        }
        if (v === p || node.type === 'end' || node.type === 'start') {
          problems.push(
            v === p
              ? diagnostic('branch-returns', { parallel: ref(parallel) }, at(parallel))
              : diagnostic(
                  'branch-escapes',
                  { parallel: ref(parallel), node: ref(node) },
                  at(parallel),
                ),
          );
          return false;
        }
        frame.branchNodes.push(v);
        claimedBy[v] = p;
        frame.size++;
        if (node.type === 'parallel') {
          if (found.has(v)) {
            const inner = found.get(v);
            if (!inner) return false;
            takeIn(frame, v, inner);
            continue;
          }
          if (inProgress.has(v)) {
            problems.push(diagnostic('parallel-reentered', { parallel: ref(node) }, at(node)));
            return false;
          }
          frame.waitingFor = v;
          begin(v);
          return true;
        }
        for (const out of node.out) todo.push(edges[out].target);
        if (node.failureEdge >= 0) todo.push(edges[node.failureEdge].target);
      }
      const entry = edges[parallel.out[frame.nextBranch]].target;
      frame.branches.push({
        edge: parallel.out[frame.nextBranch],
        entry,
        nodes: frame.branchNodes,
      });
      frame.nextBranch++;
      frame.todo = null;
    }
  };

  const parallels = nodes.filter((n) => n.type === 'parallel').map((n) => n.index);
  const results = new Map<number, BlockSearch>();
  for (const p of parallels) {
    if (!found.has(p)) {
      begin(p);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        if (!step(frame)) finish(frame, null);
      }
    }
    const result = found.get(p);
    if (result) results.set(p, result);
  }
  if (problems.length > 0) return [];

  const owner = new Map<number, number>();
  for (const [p, { join }] of results) {
    const other = owner.get(join);
    if (other !== undefined) {
      problems.push(
        diagnostic(
          'join-shared',
          { first: ref(nodes[other]), second: ref(nodes[p]), join: ref(nodes[join]) },
          { kind: 'node', id: nodes[join].id },
        ),
      );
    }
    owner.set(join, p);
  }
  for (const node of nodes) {
    if (node.type === 'join' && !owner.has(node.index)) {
      problems.push(
        diagnostic('join-without-parallel', { join: ref(node) }, { kind: 'node', id: node.id }),
      );
    }
  }

  for (const [p, { join, branches }] of results) {
    const parallel = nodes[p];
    const member = new Map<number, number>();
    for (let b = 0; b < branches.length; b++) {
      for (const v of branches[b].nodes) {
        const previous = member.get(v);
        if (previous !== undefined && previous !== b) {
          problems.push(
            diagnostic(
              'branches-merge',
              { parallel: ref(parallel), node: ref(nodes[v]) },
              { kind: 'node', id: parallel.id },
            ),
          );
          break;
        }
        member.set(v, b);
      }
    }
    for (const v of [...member.keys(), join]) {
      // A nested block's join is entered from inside that block; its own check covers it.
      if (v !== join && nodes[v].type === 'join') continue;
      for (const e of nodes[v].in) {
        const source = edges[e].source;
        if (source !== p && !member.has(source)) {
          problems.push(
            diagnostic(
              'block-entered',
              { edge: edges[e].id, parallel: ref(parallel) },
              { kind: 'edge', id: edges[e].id },
            ),
          );
        }
      }
    }
  }
  if (problems.length > 0) return [];

  // Innermost blocks have the fewest nodes; assigning in that order gives each node its
  // innermost block.
  const ordered = [...results.entries()].sort((a, b) => a[1].size - b[1].size || a[0] - b[0]);
  const blocks: Block[] = ordered.map(([p, { join, branches }], index) => ({
    index,
    parallel: p,
    join,
    k: 0,
    branches,
    parent: -1,
    depth: 0,
  }));
  for (const block of blocks) {
    nodes[block.parallel].ownBlock = block.index;
    nodes[block.join].ownBlock = block.index;
    block.branches.forEach((branch, b) => {
      for (const v of branch.nodes) {
        if (nodes[v].block < 0) {
          nodes[v].block = block.index;
          nodes[v].branch = b;
        }
      }
    });
  }
  for (const block of blocks) block.parent = nodes[block.parallel].block;
  // An enclosing block is larger, so it comes later: set depths from the outermost in.
  for (let b = blocks.length - 1; b >= 0; b--) {
    const parent = blocks[b].parent;
    blocks[b].depth = parent < 0 ? 0 : blocks[parent].depth + 1;
  }

  return blocks;
}

/** Sets each join's `k` (branches needed, default all) and each parallel's branch count. */
function assignJoinThresholds(
  nodes: ModelNode[],
  blocks: Block[],
  requested: (index: number) => number | undefined,
  problems: Diagnostic[],
): void {
  for (const block of blocks) {
    const n = block.branches.length;
    const join = nodes[block.join];
    const k = requested(block.join) ?? n;
    if (!Number.isInteger(k) || k < 1 || k > n) {
      problems.push(
        diagnostic(
          'join-threshold',
          { join: ref(join), k, branches: n },
          { kind: 'node', id: join.id },
        ),
      );
    }
    block.k = k;
    join.k = k;
    nodes[block.parallel].k = n;
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
  nodes: ModelNode[],
  edges: ModelEdge[],
  blocks: Block[],
  problems: Diagnostic[],
): void {
  if (blocks.length === 0) return;
  const canPass = new Uint8Array(blocks.length);
  const canFail = new Uint8Array(blocks.length);
  const endsTrialOrBranch = (v: number) => {
    const node = nodes[v];
    if (node.type === 'step') return node.failureEdge < 0 && uncaughtFailure(node) > 0;
    return node.type === 'parallel' && canFail[node.ownBlock] === 1;
  };
  const stuck: number[] = [];

  // Per node, its place in the level being searched (members from 0, the exit after them),
  // or -1; reset after each level. The level's links and both searches over them work in
  // buffers made once for the whole check, so that a blueprint of thousands of blocks does not
  // make a dozen small arrays per branch for the collector.
  const local = new Int32Array(nodes.length).fill(-1);
  // A level links each member at most once per outgoing edge (a parallel once, to its join).
  const linkCapacity = edges.length + nodes.length;
  const linkTo = new Int32Array(linkCapacity);
  const linkFrom = new Int32Array(linkCapacity);
  const predecessors = new Int32Array(linkCapacity);
  const first = new Int32Array(nodes.length + 2);
  const cursor = new Int32Array(nodes.length + 1);
  const todo = new Int32Array(nodes.length + 1);
  const toJoin = new Uint8Array(nodes.length + 1);
  const toFailure = new Uint8Array(nodes.length + 1);
  /**
   * The live transitions within the level entered last (members by place, the exit last), as
   * predecessor lists: those of place v are `predecessors[first[v] … first[v + 1] − 1]`.
   */
  const linkLevel = (members: number[], size: number) => {
    let links = 0;
    for (let m = 0; m < members.length; m++) {
      const node = nodes[members[m]];
      if (node.type === 'parallel') {
        const to = local[blocks[node.ownBlock].join];
        if (canPass[node.ownBlock] && to >= 0) {
          linkTo[links] = to;
          linkFrom[links++] = m;
        }
        continue;
      }
      for (let k = 0; k <= node.out.length; k++) {
        const e = k < node.out.length ? node.out[k] : node.failureEdge;
        if (e < 0) continue;
        const to = local[edges[e].target];
        if (to >= 0 && edgeIsLive(edges[e], nodes)) {
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
    members: number[],
    exitNode: number,
    size: number,
    isGoal: (v: number) => boolean,
    marked: Uint8Array,
  ) => {
    marked.fill(0, 0, size);
    let pending = 0;
    for (let m = 0; m < members.length; m++) {
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
  const enter = (members: number[], exitNode: number) => {
    for (let m = 0; m < members.length; m++) local[members[m]] = m;
    if (exitNode >= 0) local[exitNode] = members.length;
  };
  const leave = (members: number[], exitNode: number) => {
    for (const v of members) local[v] = -1;
    if (exitNode >= 0) local[exitNode] = -1;
  };
  /** Whether node v is marked in a search over the level entered last. */
  const reaches = (marked: Uint8Array, v: number) => local[v] >= 0 && marked[local[v]] === 1;

  for (const block of blocks) {
    let succeeding = 0;
    let failing = 0;
    for (const branch of block.branches) {
      const members = branch.nodes.filter((v) => nodes[v].block === block.index);
      const size = members.length + 1;
      enter(members, block.join);
      linkLevel(members, size);
      escapes(members, block.join, size, (v) => v === block.join, toJoin);
      escapes(members, block.join, size, endsTrialOrBranch, toFailure);
      if (reaches(toJoin, branch.entry)) succeeding++;
      if (reaches(toFailure, branch.entry)) failing++;
      for (let m = 0; m < members.length; m++) {
        if (!toJoin[m] && !toFailure[m]) stuck.push(members[m]);
      }
      leave(members, block.join);
    }
    canPass[block.index] = succeeding >= block.k ? 1 : 0;
    canFail[block.index] = failing >= block.branches.length - block.k + 1 ? 1 : 0;
  }
  const topLevel = nodes.filter((n) => n.block < 0).map((n) => n.index);
  enter(topLevel, -1);
  linkLevel(topLevel, topLevel.length);
  const out = toJoin;
  escapes(
    topLevel,
    -1,
    topLevel.length,
    (v) => nodes[v].type === 'end' || endsTrialOrBranch(v),
    out,
  );
  for (let m = 0; m < topLevel.length; m++) if (!out[m]) stuck.push(topLevel[m]);
  leave(topLevel, -1);

  for (const v of stuck) {
    const node = nodes[v];
    problems.push(
      diagnostic('loop-through-block', { node: ref(node) }, { kind: 'node', id: node.id }),
    );
  }
}
