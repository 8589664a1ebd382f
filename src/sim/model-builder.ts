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
  type Distribution,
  type EdgeKind,
  type Lane,
  type ModelEdge,
  type ModelGraph,
  type ModelNode,
  type NodeType,
  type ObservedData,
} from './model';

/** Lane → its code (its index in LANES). */
export const LANE_CODE: Readonly<Record<Lane, number>> = {
  customer: 0,
  frontstage: 1,
  backstage: 2,
  support: 3,
};
/** Node type → its code in {@link ModelGraph.type} (its index in NODE_TYPES). */
export const TYPE_CODE: Readonly<Record<NodeType, number>> = {
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

/**
 * What the nodes and edges carry besides the graph: ids, labels, lanes, recoveries and a step's
 * optional observed data, durations and costs. Names are made into strings when asked for.
 */
export interface NodeDetails {
  /** Node v's id. */
  id(v: number): string;
  /** Node v's label, or undefined when it has none (its id then serves). */
  label(v: number): string | undefined;
  /** Edge e's id. */
  edgeId(e: number): string;
  /** Every node's id, by index. */
  nodeIds(): string[];
  /** Every edge's id, by index. */
  edgeIds(): string[];
  lane(v: number): Lane;
  hasRecovery(v: number): boolean;
  observed(v: number): ObservedData | undefined;
  duration(v: number): Distribution | undefined;
  cost(v: number): Distribution | undefined;
  recoveryDuration(v: number): Distribution | undefined;
  recoveryCost(v: number): Distribution | undefined;
}

/** No entry: a node without the quantity, or an unnamed node's label. */
const NONE = -1;

/**
 * Columns of a model being read. Nodes are added in index order with {@link addNode} and named
 * with {@link nameNode}; a reader of a file's text instead gives each node's label with
 * {@link labelNodeInText} and every id at once with {@link nameInText} (the names stay ranges
 * of the text until asked for: a million ids and labels are then no strings for the
 * collector). A step's quantities are given with {@link setStepQuantities}. Edges are added
 * with {@link addEdge} and named with {@link nameEdge}, or with the ids in the text. The
 * structure builder then links them and fills the remaining columns (edge lists, blocks,
 * thresholds).
 *
 * Durations, costs and observed data are kept once each in a list, and per node by their index
 * in it: a reader that meets the same distribution over and over adds it once.
 */
export class ModelBuilder implements NodeDetails {
  nodeCount = 0;
  edgeCount = 0;
  type: Uint8Array;
  reliability: Float64Array;
  catchRate: Float64Array;
  failureEnd: Uint8Array;
  private lanes: Uint8Array;
  private recoveries: Uint8Array;
  /**
   * Per node: its observed data, duration, cost, recovery duration and recovery cost by their
   * index in the lists + 1, 0 for none. Written for the steps that have them only; the columns
   * of what few steps have are made when first needed.
   */
  private observedOf: Int32Array | null = null;
  private durationOf: Int32Array;
  private costOf: Int32Array;
  private recoveryDurationOf: Int32Array | null = null;
  private recoveryCostOf: Int32Array | null = null;
  private readonly quantities: Distribution[] = [];
  private readonly observations: ObservedData[] = [];
  /** Names given as strings. */
  private readonly ids: string[] = [];
  private readonly labels: (string | undefined)[] = [];
  private readonly edgeNames: string[] = [];
  /** Names given as ranges of {@link text}; a label's start is {@link NONE} when it has none. */
  private labelStart: Int32Array;
  private labelEnd: Int32Array;
  /**
   * Where the ids stand in the text, node v's at entry v, then edge e's at entry
   * `nodeCount + e` when the edges are named in the text too (see {@link nameInText}).
   */
  private idStarts: Int32Array | null = null;
  private idLengths: Int32Array | null = null;
  /** Whether the edges are named by ranges of the text (rather than strings). */
  private edgesInText = false;
  /** Labels written with escapes, decoded, by node. */
  private readonly decodedLabels = new Map<number, string>();
  source: Int32Array;
  target: Int32Array;
  failureKind: Uint8Array;
  probability: Float64Array;

  /**
   * `nodes` and `edges`: how many are expected (the columns grow past it as needed); `text`:
   * the text whose ranges name the nodes and edges, for a reader that names them in it.
   */
  constructor(
    nodes = 16,
    edges = nodes,
    private readonly text: string | null = null,
  ) {
    this.type = new Uint8Array(nodes);
    this.reliability = new Float64Array(nodes);
    this.catchRate = new Float64Array(nodes);
    this.failureEnd = new Uint8Array(nodes);
    this.lanes = new Uint8Array(nodes);
    this.recoveries = new Uint8Array(nodes);
    this.durationOf = new Int32Array(nodes);
    this.costOf = new Int32Array(nodes);
    const named = text === null ? 0 : nodes;
    this.labelStart = new Int32Array(named);
    this.labelEnd = new Int32Array(named);
    this.source = new Int32Array(edges);
    this.target = new Int32Array(edges);
    this.failureKind = new Uint8Array(edges);
    this.probability = new Float64Array(edges);
  }

  /**
   * Adds node `nodeCount`, not yet named, and returns its index: its type and lane by their
   * codes ({@link TYPE_CODE}, {@link LANE_CODE}), `failureEnd` 1 for an end whose outcome is
   * failure.
   */
  addNode(
    type: number,
    lane: number,
    reliability: number,
    catchRate: number,
    hasRecovery: boolean,
    failureEnd: number,
  ): number {
    const v = this.nodeCount++;
    if (v === this.type.length) this.growNodes(v + 1);
    this.type[v] = type;
    this.reliability[v] = reliability;
    this.catchRate[v] = catchRate;
    this.failureEnd[v] = failureEnd;
    this.lanes[v] = lane;
    this.recoveries[v] = hasRecovery ? 1 : 0;
    return v;
  }

  private growNodes(least: number): void {
    this.type = grown(this.type, least);
    this.reliability = grown(this.reliability, least);
    this.catchRate = grown(this.catchRate, least);
    this.failureEnd = grown(this.failureEnd, least);
    this.lanes = grown(this.lanes, least);
    this.recoveries = grown(this.recoveries, least);
    this.durationOf = grown(this.durationOf, least);
    this.costOf = grown(this.costOf, least);
    if (this.observedOf) this.observedOf = grown(this.observedOf, least);
    if (this.recoveryDurationOf) this.recoveryDurationOf = grown(this.recoveryDurationOf, least);
    if (this.recoveryCostOf) this.recoveryCostOf = grown(this.recoveryCostOf, least);
    if (this.text !== null) {
      this.labelStart = grown(this.labelStart, least);
      this.labelEnd = grown(this.labelEnd, least);
    }
  }

  /** Names the node added last. */
  nameNode(id: string, label: string | undefined): void {
    this.ids.push(id);
    this.labels.push(label);
  }

  /**
   * Gives the node added last its label by where it stands in the text (`labelStart`
   * {@link NONE} for none). `decodedLabel`: the label, when it was written with escapes.
   */
  labelNodeInText(labelStart: number, labelEnd: number, decodedLabel: string | undefined): void {
    const v = this.nodeCount - 1;
    this.labelStart[v] = labelStart;
    this.labelEnd[v] = labelEnd;
    if (decodedLabel !== undefined) this.decodedLabels.set(v, decodedLabel);
  }

  /** Keeps a duration or cost for steps to refer to, and returns its index. */
  addQuantity(quantity: Distribution): number {
    return this.quantities.push(quantity) - 1;
  }

  /** The index of a step's optional quantity (see {@link addQuantity}), or {@link NONE}. */
  quantityIndex(quantity: Distribution | undefined): number {
    return quantity ? this.addQuantity(quantity) : NONE;
  }

  /**
   * Gives the step added last its observed data (or none) and its durations and costs, by their
   * index from {@link addQuantity} ({@link NONE} for none).
   */
  setStepQuantities(
    observed: ObservedData | undefined,
    duration: number,
    cost: number,
    recoveryDuration: number,
    recoveryCost: number,
  ): void {
    const v = this.nodeCount - 1;
    if (observed) {
      this.observedOf ??= new Int32Array(this.type.length);
      this.observedOf[v] = this.observations.push(observed);
    }
    if (duration !== NONE) this.durationOf[v] = duration + 1;
    if (cost !== NONE) this.costOf[v] = cost + 1;
    if (recoveryDuration !== NONE) {
      this.recoveryDurationOf ??= new Int32Array(this.type.length);
      this.recoveryDurationOf[v] = recoveryDuration + 1;
    }
    if (recoveryCost !== NONE) {
      this.recoveryCostOf ??= new Int32Array(this.type.length);
      this.recoveryCostOf[v] = recoveryCost + 1;
    }
  }

  /** Adds edge `edgeCount`, not yet named, and returns its index. */
  addEdge(source: number, target: number, kind: EdgeKind, probability: number): number {
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
    return e;
  }

  /** Names the edge added last. */
  nameEdge(id: string): void {
    this.edgeNames.push(id);
  }

  /**
   * Names the nodes, and with `edges` the edges too, by where their ids stand in the text:
   * `starts` and `lengths` per entry, node v's at v, edge e's at `nodeCount + e`.
   */
  nameInText(starts: Int32Array, lengths: Int32Array, edges: boolean): void {
    this.idStarts = starts;
    this.idLengths = lengths;
    this.edgesInText = edges;
  }

  /** The id at `entry` of the ranges given by {@link nameInText}. */
  private idAt(entry: number): string {
    const start = this.idStarts![entry];
    return this.text!.slice(start, start + this.idLengths![entry]);
  }

  id(v: number): string {
    return this.idStarts === null ? this.ids[v] : this.idAt(v);
  }

  label(v: number): string | undefined {
    if (this.text === null) return this.labels[v];
    if (this.labelStart[v] === NONE) return undefined;
    return this.decodedLabels.get(v) ?? this.text.slice(this.labelStart[v], this.labelEnd[v]);
  }

  edgeId(e: number): string {
    return this.edgesInText ? this.idAt(this.nodeCount + e) : this.edgeNames[e];
  }

  nodeIds(): string[] {
    if (this.idStarts === null) return this.ids;
    const ids = new Array<string>(this.nodeCount);
    for (let v = 0; v < this.nodeCount; v++) ids[v] = this.id(v);
    return ids;
  }

  edgeIds(): string[] {
    if (!this.edgesInText) return this.edgeNames;
    const ids = new Array<string>(this.edgeCount);
    for (let e = 0; e < this.edgeCount; e++) ids[e] = this.edgeId(e);
    return ids;
  }

  lane(v: number): Lane {
    return LANES[this.lanes[v]];
  }

  hasRecovery(v: number): boolean {
    return this.recoveries[v] === 1;
  }

  observed(v: number): ObservedData | undefined {
    const at = this.observedOf ? this.observedOf[v] : 0;
    return at === 0 ? undefined : this.observations[at - 1];
  }

  duration(v: number): Distribution | undefined {
    return this.quantityAt(this.durationOf[v]);
  }

  cost(v: number): Distribution | undefined {
    return this.quantityAt(this.costOf[v]);
  }

  recoveryDuration(v: number): Distribution | undefined {
    return this.recoveryDurationOf ? this.quantityAt(this.recoveryDurationOf[v]) : undefined;
  }

  recoveryCost(v: number): Distribution | undefined {
    return this.recoveryCostOf ? this.quantityAt(this.recoveryCostOf[v]) : undefined;
  }

  /** The quantity of a column entry (its index + 1, 0 for none). */
  private quantityAt(at: number): Distribution | undefined {
    return at === 0 ? undefined : this.quantities[at - 1];
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
    return { graph, details: this };
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
function nodeObject(graph: ModelGraph, details: NodeDetails, v: number): ModelNode {
  const id = details.id(v);
  const node: ModelNode = {
    index: v,
    id,
    type: NODE_TYPES[graph.type[v]],
    lane: details.lane(v),
    label: details.label(v) ?? id,
    reliability: graph.reliability[v],
    catchRate: graph.catchRate[v],
    hasRecovery: details.hasRecovery(v),
    outcome: graph.failureEnd[v] ? 'failure' : 'success',
    k: graph.k[v],
    out: listOf(graph.out, graph.outStart[v], graph.outStart[v + 1]),
    failureEdge: graph.failureEdge[v],
    in: listOf(graph.in, graph.inStart[v], graph.inStart[v + 1]),
    block: graph.block[v],
    branch: graph.branch[v],
    ownBlock: graph.ownBlock[v],
  };
  const observed = details.observed(v);
  if (observed) node.observed = observed;
  const duration = details.duration(v);
  if (duration) node.duration = duration;
  const cost = details.cost(v);
  if (cost) node.cost = cost;
  const recoveryDuration = details.recoveryDuration(v);
  if (recoveryDuration) node.recoveryDuration = recoveryDuration;
  const recoveryCost = details.recoveryCost(v);
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
      id: details.edgeId(e),
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
