/**
 * The resolved model: a validated blueprint with every expression evaluated to a number and
 * its graph indexed, ready for the exact analysis and the Monte Carlo compiler.
 *
 * The blueprint document (see `document.ts`) is what users write and what the editor edits;
 * a {@link Model} is derived from it by `parseBlueprint` / `resolveScenario` and never edited.
 * Nodes and edges are addressed by index (their position in the arrays) so that the engine can
 * work with typed arrays; `id` is kept for messages and results.
 */

/** The four bands of a service blueprint, top to bottom. */
export const LANES = ['customer', 'frontstage', 'backstage', 'support'] as const;
export type Lane = (typeof LANES)[number];

export const NODE_TYPES = ['start', 'end', 'step', 'decision', 'parallel', 'join'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export type Outcome = 'success' | 'failure';
export type EdgeKind = 'normal' | 'failure';

/**
 * A resolved probability distribution of a duration (minutes) or a cost (currency units).
 * Samplers clamp draws at 0: neither time nor cost can be negative.
 */
export type Distribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  /** `mu` and `sigma` are the mean and standard deviation of the logarithm. */
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'exponential'; mean: number };

/** Observed performance of a step: its reliability is `successes / trials`. */
export interface ObservedData {
  successes: number;
  trials: number;
}

/** A node as the structure builder receives it: numbers only, no expressions. */
export interface NodeInput {
  id: string;
  type: NodeType;
  lane?: Lane;
  label?: string;
  /** Steps: probability, 0–1, that the step is done right. Default 1. */
  reliability?: number;
  /** Steps: the observed data the reliability came from, if it was given that way. */
  observed?: ObservedData;
  /** Steps: share, 0–1, of the step's failures caught and recovered. */
  recovery?: { catch: number; duration?: Distribution; cost?: Distribution } | null;
  /** Steps: minutes. */
  duration?: Distribution;
  /** Steps: currency units. */
  cost?: Distribution;
  /** Joins: branches that must succeed. Default: all branches of the block. */
  k?: number;
  /** Ends. Default `success`. */
  outcome?: Outcome;
}

/** An edge as the structure builder receives it. */
export interface EdgeInput {
  id: string;
  source: string;
  target: string;
  kind?: EdgeKind;
  /** Decision edges: probability, 0–1, of taking this edge. */
  probability?: number;
}

export interface ModelInput {
  nodes: NodeInput[];
  edges: EdgeInput[];
}

export interface ModelNode {
  index: number;
  id: string;
  type: NodeType;
  lane: Lane;
  label: string;
  /** Probability, 0–1, that the node is passed without failure (1 for everything but steps). */
  reliability: number;
  /** Probability, 0–1, that a failure of this step is caught (0 without a recovery). */
  catchRate: number;
  hasRecovery: boolean;
  observed?: ObservedData;
  duration?: Distribution;
  cost?: Distribution;
  recoveryDuration?: Distribution;
  recoveryCost?: Distribution;
  /** Ends only. */
  outcome: Outcome;
  /** Joins: branches needed; parallels: the number of branches of their block. */
  k: number;
  /** Indices of the normal outgoing edges (one for start, step, join; ≥ 2 for decision, parallel). */
  out: number[];
  /** Index of the failure edge (steps only), or -1. */
  failureEdge: number;
  /** Indices of all incoming edges. */
  in: number[];
  /**
   * Innermost parallel block that contains this node, or -1 at top level. A block's own
   * `parallel` and `join` nodes belong to the enclosing block, not to their own.
   */
  block: number;
  /** Branch of {@link block} that contains this node, or -1 at top level. */
  branch: number;
  /** Parallel nodes: the block they open; join nodes: the block they close; otherwise -1. */
  ownBlock: number;
}

export interface ModelEdge {
  index: number;
  id: string;
  source: number;
  target: number;
  kind: EdgeKind;
  /** Probability, 0–1, of taking this edge when its source routes (1 unless a decision edge). */
  probability: number;
}

export interface Branch {
  /** The edge leaving the block's parallel node. */
  edge: number;
  /** First node of the branch, or the join itself for an empty branch. */
  entry: number;
}

export interface Block {
  index: number;
  parallel: number;
  join: number;
  /** Branches that must reach the join for the block to pass. */
  k: number;
  branches: Branch[];
  /** Enclosing block, or -1 when the block sits at top level. */
  parent: number;
  /** 0 for a top-level block. */
  depth: number;
}

/** A model under a name: a scenario of a blueprint, or the baseline of a comparison. */
export interface NamedModel {
  id: string;
  name: string;
  model: Model;
}

/**
 * Node type codes of {@link ModelGraph.type}: each type's index in {@link NODE_TYPES}.
 */
export const START = 0;
export const END = 1;
export const STEP = 2;
export const DECISION = 3;
export const PARALLEL = 4;
export const JOIN = 5;

/**
 * The numbers and links of a model as columns, one entry per node or per edge: what the
 * structure checks and the exact analysis walk. A million-node blueprint then lives in a few
 * dozen typed arrays, which the garbage collector never has to go through, instead of millions
 * of small objects. Every column holds exactly `nodeCount` (or `edgeCount`) entries; the meaning
 * of each is that of the {@link ModelNode} or {@link ModelEdge} member of the same name.
 */
export interface ModelGraph {
  nodeCount: number;
  edgeCount: number;
  /** Per node: its type's code ({@link START} … {@link JOIN}). */
  type: Uint8Array;
  reliability: Float64Array;
  catchRate: Float64Array;
  /** Per node: 1 for an end whose outcome is failure. */
  failureEnd: Uint8Array;
  k: Int32Array;
  failureEdge: Int32Array;
  /** The normal outgoing edges of node v are `out[outStart[v] … outStart[v + 1] − 1]`. */
  outStart: Int32Array;
  out: Int32Array;
  /** The incoming edges of node v are `in[inStart[v] … inStart[v + 1] − 1]`. */
  inStart: Int32Array;
  in: Int32Array;
  block: Int32Array;
  branch: Int32Array;
  ownBlock: Int32Array;
  /** Per edge: its source node. */
  source: Int32Array;
  /** Per edge: its target node. */
  target: Int32Array;
  /** Per edge: 1 for a failure edge. */
  failureKind: Uint8Array;
  /** Per edge: the probability of taking it when its source routes. */
  probability: Float64Array;
}

export interface Model {
  /**
   * The nodes as objects, made from {@link graph} and the nodes' names and quantities when
   * first read (the exact analysis never reads them).
   */
  nodes: ModelNode[];
  /** The edges as objects, made when first read (see {@link nodes}). */
  edges: ModelEdge[];
  graph: ModelGraph;
  indexOf: ReadonlyMap<string, number>;
  edgeIndexOf: ReadonlyMap<string, number>;
  start: number;
  /** Parallel blocks, innermost first: every block comes before the block that encloses it. */
  blocks: Block[];
}
