/**
 * A model's nodes and edges collected as columns while a reader reads them (the structure
 * builder from node lists, the plain reader straight from a file's text), and the node and edge
 * objects made from those columns for the code that asks for them.
 *
 * The exact analysis walks the columns ({@link ModelGraph}); the Monte Carlo compiler, traces,
 * money and the editor read `model.nodes`, which is made from the columns the first time it is
 * read. A million-node blueprint analysed exactly then never makes a million node objects.
 */
import {
  LANES,
  NODE_TYPES,
  STEP,
  type Distribution,
  type EdgeKind,
  type Lane,
  type ModelEdge,
  type ModelGraph,
  type ModelNode,
  type NodeType,
  type ObservedData,
  type Outcome,
} from './model';

/** Lane code → lane, and lane → code. */
const LANE_CODE: Record<Lane, number> = { customer: 0, frontstage: 1, backstage: 2, support: 3 };
/** Node type → its code in {@link ModelGraph.type}. */
export const TYPE_CODE: Record<NodeType, number> = {
  start: 0,
  end: 1,
  step: 2,
  decision: 3,
  parallel: 4,
  join: 5,
};

/** A typed array twice as long, holding `values`. */
function grown<T extends Uint8Array | Int32Array | Float64Array>(values: T, least: number): T {
  const larger = new (values.constructor as new (length: number) => T)(
    Math.max(least, values.length * 2, 16),
  );
  larger.set(values);
  return larger;
}

/** What a node carries besides its graph: names, lane and a step's optional quantities. */
export interface NodeDetails {
  ids: string[];
  /** Per node: its label, or undefined when it has none (its id then serves). */
  labels: (string | undefined)[];
  lanes: Uint8Array;
  hasRecovery: Uint8Array;
  observed: (ObservedData | undefined)[];
  duration: (Distribution | undefined)[];
  cost: (Distribution | undefined)[];
  recoveryDuration: (Distribution | undefined)[];
  recoveryCost: (Distribution | undefined)[];
  edgeIds: string[];
}

/**
 * Columns of a model being read. Nodes are added in index order with {@link addNode} (and a
 * step's quantities with {@link setStepQuantities}), edges with {@link addEdge}; the structure
 * builder then links them and fills the remaining columns (edge lists, blocks, thresholds).
 * The optional quantities are kept in plain arrays with one entry per node, undefined where
 * absent, so that every array stays packed.
 */
export class ModelBuilder {
  nodeCount = 0;
  edgeCount = 0;
  type: Uint8Array;
  reliability: Float64Array;
  catchRate: Float64Array;
  failureEnd: Uint8Array;
  lanes: Uint8Array;
  hasRecovery: Uint8Array;
  readonly ids: string[] = [];
  readonly labels: (string | undefined)[] = [];
  readonly observed: (ObservedData | undefined)[] = [];
  readonly duration: (Distribution | undefined)[] = [];
  readonly cost: (Distribution | undefined)[] = [];
  readonly recoveryDuration: (Distribution | undefined)[] = [];
  readonly recoveryCost: (Distribution | undefined)[] = [];
  source: Int32Array;
  target: Int32Array;
  failureKind: Uint8Array;
  probability: Float64Array;
  readonly edgeIds: string[] = [];

  /** `nodes` and `edges`: how many are expected (the columns grow past it as needed). */
  constructor(nodes = 16, edges = nodes) {
    this.type = new Uint8Array(nodes);
    this.reliability = new Float64Array(nodes);
    this.catchRate = new Float64Array(nodes);
    this.failureEnd = new Uint8Array(nodes);
    this.lanes = new Uint8Array(nodes);
    this.hasRecovery = new Uint8Array(nodes);
    this.source = new Int32Array(edges);
    this.target = new Int32Array(edges);
    this.failureKind = new Uint8Array(edges);
    this.probability = new Float64Array(edges);
  }

  /** Adds node `nodeCount` and returns its index. */
  addNode(
    id: string,
    type: NodeType,
    lane: Lane,
    label: string | undefined,
    reliability: number,
    catchRate: number,
    hasRecovery: boolean,
    outcome: Outcome,
  ): number {
    const v = this.nodeCount++;
    if (v === this.type.length) {
      const least = v + 1;
      this.type = grown(this.type, least);
      this.reliability = grown(this.reliability, least);
      this.catchRate = grown(this.catchRate, least);
      this.failureEnd = grown(this.failureEnd, least);
      this.lanes = grown(this.lanes, least);
      this.hasRecovery = grown(this.hasRecovery, least);
    }
    this.type[v] = TYPE_CODE[type];
    this.reliability[v] = reliability;
    this.catchRate[v] = catchRate;
    this.failureEnd[v] = outcome === 'failure' ? 1 : 0;
    this.lanes[v] = LANE_CODE[lane];
    this.hasRecovery[v] = hasRecovery ? 1 : 0;
    this.ids.push(id);
    this.labels.push(label);
    this.observed.push(undefined);
    this.duration.push(undefined);
    this.cost.push(undefined);
    this.recoveryDuration.push(undefined);
    this.recoveryCost.push(undefined);
    return v;
  }

  /** Gives the step added last its optional observed data, durations and costs. */
  setStepQuantities(
    observed: ObservedData | undefined,
    duration: Distribution | undefined,
    cost: Distribution | undefined,
    recoveryDuration: Distribution | undefined,
    recoveryCost: Distribution | undefined,
  ): void {
    const v = this.nodeCount - 1;
    this.observed[v] = observed;
    this.duration[v] = duration;
    this.cost[v] = cost;
    this.recoveryDuration[v] = recoveryDuration;
    this.recoveryCost[v] = recoveryCost;
  }

  /** Adds edge `edgeCount` and returns its index. */
  addEdge(id: string, source: number, target: number, kind: EdgeKind, probability: number): number {
    const e = this.edgeCount++;
    if (e === this.source.length) {
      const least = e + 1;
      this.source = grown(this.source, least);
      this.target = grown(this.target, least);
      this.failureKind = grown(this.failureKind, least);
      this.probability = grown(this.probability, least);
    }
    this.source[e] = source;
    this.target[e] = target;
    this.failureKind[e] = kind === 'failure' ? 1 : 0;
    this.probability[e] = probability;
    this.edgeIds.push(id);
    return e;
  }

  /** Whether node v is a step. */
  isStep(v: number): boolean {
    return this.type[v] === STEP;
  }

  /**
   * The graph of the nodes and edges added, its link columns (edge lists, blocks, thresholds)
   * not yet filled, and what else the nodes carry.
   */
  finish(): { graph: ModelGraph; details: NodeDetails } {
    const n = this.nodeCount;
    const m = this.edgeCount;
    const perNode = () => new Int32Array(n).fill(-1);
    const graph: ModelGraph = {
      nodeCount: n,
      edgeCount: m,
      type: this.type.subarray(0, n),
      reliability: this.reliability.subarray(0, n),
      catchRate: this.catchRate.subarray(0, n),
      failureEnd: this.failureEnd.subarray(0, n),
      k: new Int32Array(n),
      failureEdge: perNode(),
      outStart: new Int32Array(n + 1),
      out: new Int32Array(0),
      inStart: new Int32Array(n + 1),
      in: new Int32Array(0),
      block: perNode(),
      branch: perNode(),
      ownBlock: perNode(),
      source: this.source.subarray(0, m),
      target: this.target.subarray(0, m),
      failureKind: this.failureKind.subarray(0, m),
      probability: this.probability.subarray(0, m),
    };
    const details: NodeDetails = {
      ids: this.ids,
      labels: this.labels,
      lanes: this.lanes.subarray(0, n),
      hasRecovery: this.hasRecovery.subarray(0, n),
      observed: this.observed,
      duration: this.duration,
      cost: this.cost,
      recoveryDuration: this.recoveryDuration,
      recoveryCost: this.recoveryCost,
      edgeIds: this.edgeIds,
    };
    return { graph, details };
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

/** Node v of a linked graph as an object. */
export function nodeObject(graph: ModelGraph, details: NodeDetails, v: number): ModelNode {
  const id = details.ids[v];
  const node: ModelNode = {
    index: v,
    id,
    type: NODE_TYPES[graph.type[v]],
    lane: LANES[details.lanes[v]],
    label: details.labels[v] ?? id,
    reliability: graph.reliability[v],
    catchRate: graph.catchRate[v],
    hasRecovery: details.hasRecovery[v] === 1,
    outcome: graph.failureEnd[v] ? 'failure' : 'success',
    k: graph.k[v],
    out: listOf(graph.out, graph.outStart[v], graph.outStart[v + 1]),
    failureEdge: graph.failureEdge[v],
    in: listOf(graph.in, graph.inStart[v], graph.inStart[v + 1]),
    block: graph.block[v],
    branch: graph.branch[v],
    ownBlock: graph.ownBlock[v],
  };
  const observed = details.observed[v];
  if (observed) node.observed = observed;
  const duration = details.duration[v];
  if (duration) node.duration = duration;
  const cost = details.cost[v];
  if (cost) node.cost = cost;
  const recoveryDuration = details.recoveryDuration[v];
  if (recoveryDuration) node.recoveryDuration = recoveryDuration;
  const recoveryCost = details.recoveryCost[v];
  if (recoveryCost) node.recoveryCost = recoveryCost;
  return node;
}

/** Every node of a linked graph as an object, by index. */
export function nodeObjects(graph: ModelGraph, details: NodeDetails): ModelNode[] {
  const nodes = new Array<ModelNode>(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) nodes[v] = nodeObject(graph, details, v);
  return nodes;
}

/** Every edge of a graph as an object, by index. */
export function edgeObjects(graph: ModelGraph, details: NodeDetails): ModelEdge[] {
  const edges = new Array<ModelEdge>(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    edges[e] = {
      index: e,
      id: details.edgeIds[e],
      source: graph.source[e],
      target: graph.target[e],
      kind: graph.failureKind[e] ? 'failure' : 'normal',
      probability: graph.probability[e],
    };
  }
  return edges;
}

/**
 * The graph of a model whose nodes' reliabilities and catch rates and whose edges' probabilities
 * are those of `nodes` and `edges` (the same nodes and edges as `graph`'s, other numbers): the
 * link columns are shared, the number columns copied.
 */
export function graphWithNumbers(
  graph: ModelGraph,
  nodes: readonly ModelNode[],
  edges: readonly ModelEdge[],
): ModelGraph {
  const reliability = new Float64Array(graph.nodeCount);
  const catchRate = new Float64Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) {
    reliability[v] = nodes[v].reliability;
    catchRate[v] = nodes[v].catchRate;
  }
  const probability = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) probability[e] = edges[e].probability;
  return { ...graph, reliability, catchRate, probability };
}
