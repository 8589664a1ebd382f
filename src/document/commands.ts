/**
 * The edits themselves, as pure functions from a document to a new document (or a refusal that
 * says why not). The action registry wraps them with labels, shortcuts and undo; tests call
 * them through the registry so that execute, undo and redo are checked together.
 *
 * Every function copies only what it changes and returns the very same document when nothing
 * changes, so a no-op edit records no undo step.
 */
import type {
  BlueprintDocument,
  ChangeSpec,
  EdgeSpec,
  NodeChangeSpec,
  NodeSpec,
  NumberOrExpression,
  ParameterSpec,
  Position,
  ScenarioSpec,
} from '../sim/document';
import {
  DOCUMENT_SHAPE,
  NODE_FIELD_REGISTRY,
  fieldApplies,
  isScenarioNodeField,
  type NodeFieldKey,
  type ScenarioNodeFieldKey,
} from '../sim/document';
import { isValidParameterName } from '../sim/expressions';
import type { EdgeKind, Lane, NodeType, Outcome } from '../sim/model';
import { applyScenario } from '../sim/scenario';
import { mapShapeExpressions } from '../sim/shape';
import {
  DEFAULT_LANE,
  LANE_PADDING,
  NODE_GAP,
  freePosition,
  overlaps,
  NODE_SIZES,
  bandOf,
  clampIntoBand,
  computeLaneBands,
  keepLanesApart,
  laneForDrop,
  laneOf,
} from './geometry';
import { IdAllocator, scenarioIdFor } from './ids';
import { isRefusal, type Refusal } from './refusals';
import type { ClipboardContent, Selection } from './selection';
import { setScenarioOptions } from './scenario-options';
import { nodeName, sameValue } from './values';

/** An edit's result: the new document, and optionally what to select afterwards. */
export interface Transition {
  document: BlueprintDocument;
  selection?: Selection;
  /** Turn what-if mode on for this scenario (or off with `null`) once the edit is recorded. */
  whatIfScenarioId?: string | null;
  /** Fit the canvas to the blueprint once the edit is recorded (after a layout). */
  fitView?: boolean;
  /**
   * How this change enters the undo history, when the command decides it for one run:
   * `record` (the default) is one undo step; `reset` starts a new history with this document
   * (the first blueprint of a session).
   */
  undo?: 'record' | 'reset';
  /**
   * The change opens another blueprint: selection and what-if mode start afresh, the view is
   * fitted, and a blueprint without positions is laid out.
   */
  opens?: boolean;
}

export type OpResult = Transition | Refusal;

function findNode(document: BlueprintDocument, id: string): NodeSpec | undefined {
  return document.nodes.find((n) => n.id === id);
}

function nodeMissing(id: string): Refusal {
  return { code: 'ED001', params: { id } };
}

function edgeMissing(id: string): Refusal {
  return { code: 'ED002', params: { id } };
}

function replaceNode(document: BlueprintDocument, next: NodeSpec): BlueprintDocument {
  return { ...document, nodes: document.nodes.map((n) => (n.id === next.id ? next : n)) };
}

function replaceEdge(document: BlueprintDocument, next: EdgeSpec): BlueprintDocument {
  return { ...document, edges: document.edges.map((e) => (e.id === next.id ? next : e)) };
}

/** Sets or clears (`undefined`) one key of an object, without leaving `undefined` keys behind. */
function withKey<T extends object, K extends string>(object: T, key: K, value: unknown): T {
  const copy = { ...object } as Record<string, unknown>;
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy as T;
}

// ---------------------------------------------------------------------------------------------
// Nodes

export interface AddNodeParams {
  type: NodeType;
  /** For ends: `failure` makes a failure end. */
  outcome?: Outcome;
  /** Top-left corner; the lane then follows from the band it lands in, unless `lane` is given. */
  position?: Position;
  lane?: Lane;
  label?: string;
  /**
   * Place the new node to the right of this one, in its lane, and connect them when allowed. A
   * node with one way out that is already taken (start → A → end, add B after A) gets the new
   * node spliced into that edge: start → A → B → end.
   */
  after?: string;
  /** Splice the new node into this edge (a node dropped onto it): source → new → target. */
  intoEdge?: string;
}

const ADD_GAP_X = 72;

/** Node types a customer passes through, so they can be spliced into an edge. */
const PASS_THROUGH: ReadonlySet<NodeType> = new Set(['step', 'decision', 'parallel', 'join']);

/** Node types with a single normal way out. */
const SINGLE_OUT: ReadonlySet<NodeType> = new Set(['start', 'step', 'join']);

/** A position for a node added without one: right of `after`, or right of its lane's last node. */
function defaultPosition(
  document: BlueprintDocument,
  type: NodeType,
  lane: Lane,
  after: NodeSpec | undefined,
): Position {
  const size = NODE_SIZES[type];
  if (after?.position) {
    const afterSize = NODE_SIZES[after.type];
    return {
      x: after.position.x + afterSize.width + ADD_GAP_X,
      y: after.position.y + afterSize.height / 2 - size.height / 2,
    };
  }
  const band = bandOf(computeLaneBands(document.nodes), lane);
  let right = -Infinity;
  for (const node of document.nodes) {
    if (laneOf(node) === lane && node.position) {
      right = Math.max(right, node.position.x + NODE_SIZES[node.type].width);
    }
  }
  return {
    x: right === -Infinity ? 0 : right + ADD_GAP_X,
    y: band.top + LANE_PADDING + (NODE_SIZES.step.height - size.height) / 2,
  };
}

/** The edge a node added after `after` is spliced into: its one normal way out, if taken. */
function edgeToSplitAfter(document: BlueprintDocument, after: NodeSpec): EdgeSpec | undefined {
  if (!SINGLE_OUT.has(after.type)) return undefined;
  const out = document.edges.filter((e) => e.source === after.id && e.kind !== 'failure');
  return out.length === 1 ? out[0] : undefined;
}

/**
 * Makes room for a node spliced in at `position`: when it would overlap a node, everything
 * from its left edge rightwards moves right by its width and a gap, as a modeller's "make
 * space" does, so the flow keeps reading left to right.
 */
function makeSpace(
  nodes: readonly NodeSpec[],
  type: NodeType,
  position: Position,
  keep: string,
): NodeSpec[] {
  const crowded = nodes.some(
    (n) =>
      n.id !== keep &&
      n.position &&
      overlaps({ type, position }, n as NodeSpec & { position: Position }),
  );
  if (!crowded) return [...nodes];
  const shift = NODE_SIZES[type].width + ADD_GAP_X;
  return nodes.map((n) =>
    n.id !== keep && n.position && n.position.x >= position.x - NODE_GAP
      ? ({ ...n, position: { ...n.position, x: n.position.x + shift } } as NodeSpec)
      : n,
  );
}

export function addNode(document: BlueprintDocument, params: AddNodeParams): OpResult {
  const after = params.after === undefined ? undefined : findNode(document, params.after);
  if (params.after !== undefined && !after) return nodeMissing(params.after);
  const into =
    params.intoEdge === undefined
      ? undefined
      : document.edges.find((e) => e.id === params.intoEdge);
  if (params.intoEdge !== undefined && !into) return edgeMissing(params.intoEdge);
  if (params.type === 'start' && document.nodes.some((n) => n.type === 'start')) {
    return { code: 'ED013' };
  }
  // The edge the new node is spliced into, when it is one a customer passes through.
  const split = PASS_THROUGH.has(params.type)
    ? (into ?? (after ? edgeToSplitAfter(document, after) : undefined))
    : undefined;
  const from = after ?? (split ? findNode(document, split.source) : undefined);
  const bands = computeLaneBands(document.nodes);
  let lane: Lane;
  let position: Position;
  if (params.position) {
    lane = params.lane ?? laneForDrop(bands, params.type, params.position);
    position = { x: Math.round(params.position.x), y: Math.round(params.position.y) };
  } else {
    lane = params.lane ?? (from ? laneOf(from) : 'backstage');
    position = defaultPosition(document, params.type, lane, from);
  }
  position = { ...position, y: Math.round(clampIntoBand(bandOf(bands, lane), position.y)) };

  // Spliced in: the nodes downstream make room. Otherwise: the nearest free place to the right.
  const others = split
    ? makeSpace(document.nodes, params.type, position, split.source)
    : [...document.nodes];
  position = freePosition(others, params.type, position);

  const ids = new IdAllocator(new Set(document.nodes.map((n) => n.id)));
  const id = ids.node(params.type);
  const node = {
    id,
    type: params.type,
    lane,
    ...(params.label ? { label: params.label } : {}),
    ...(params.type === 'end' && params.outcome === 'failure' ? { outcome: 'failure' } : {}),
    position,
  } as NodeSpec;
  let next: BlueprintDocument = {
    ...document,
    nodes: keepLanesApart(bands, [...others, node]),
  };
  if (split) {
    // The edge keeps its id, kind, probability and label, and now ends at the new node; a new
    // edge carries the customer on to where the old one went (all of them, when the new node is
    // a decision: its one branch so far).
    const edgeIds = new IdAllocator(new Set(document.edges.map((e) => e.id)));
    const onward: EdgeSpec = {
      id: edgeIds.edge(),
      source: id,
      target: split.target,
      ...(params.type === 'decision' ? { probability: 1 } : {}),
    };
    next = {
      ...next,
      edges: [...next.edges.map((e) => (e.id === split.id ? { ...e, target: id } : e)), onward],
    };
  } else if (after) {
    // Connecting is a convenience: when the rules refuse it, the node is still added.
    const connected = connect(next, { source: after.id, target: id });
    if (!isRefusal(connected)) next = connected.document;
  }
  return { document: next, selection: { nodes: new Set([id]), edges: new Set() } };
}

/** The value a node field takes, from the node schemas (`QuantitySpec` for `duration`, …). */
export type NodeFieldValue<K extends NodeFieldKey> = NodeSpec extends infer N
  ? N extends unknown
    ? K extends keyof N
      ? Exclude<N[K], undefined>
      : never
    : never
  : never;

/**
 * Fields set through {@link setNodeField}: every node field of the registry but the position,
 * which moves with {@link moveNodes} (a move keeps lanes apart).
 */
export type NodeField = Exclude<NodeFieldKey, 'position'>;

/**
 * An edit of one field of a node, for every field of the registry. `undefined` (and `null`, for
 * a recovery) clears the field; empty text clears a text field.
 */
export type NodeFieldEdit = {
  [K in NodeField]: { id: string; field: K; value: NodeFieldValue<K> | undefined | null };
}[NodeField];

/** Whether a scenario may change this field (the others are structure, and belong to the baseline). */
export function isScenarioField(field: NodeField): field is ScenarioNodeFieldKey {
  return isScenarioNodeField(field);
}

export { fieldApplies };

/** Empty text clears a text field; `success`, the default outcome, is not written. */
function normalisedValue(edit: NodeFieldEdit): unknown {
  if (edit.value === null) return undefined;
  if (NODE_FIELD_REGISTRY.get(edit.field)?.kind === 'text' && typeof edit.value === 'string') {
    return edit.value.trim() === '' ? undefined : edit.value;
  }
  if (edit.field === 'outcome') return edit.value === 'failure' ? 'failure' : undefined;
  if (edit.field === 'recovery') return edit.value ?? undefined;
  return edit.value;
}

export function canSetNodeField(document: BlueprintDocument, edit: NodeFieldEdit): true | Refusal {
  const node = findNode(document, edit.id);
  if (!node) return nodeMissing(edit.id);
  if (!fieldApplies(edit.field, node.type)) {
    return {
      code: 'ED003',
      params: { field: edit.field, node: nodeName(node) },
    };
  }
  if (edit.field === 'k' && edit.value !== undefined && edit.value !== null) {
    if (!Number.isInteger(edit.value) || edit.value < 1) {
      return { code: 'ED004', params: { node: nodeName(node) } };
    }
  }
  return true;
}

/** Sets a field of a baseline node. A lane change moves the node into the new lane's band. */
export function setNodeField(document: BlueprintDocument, edit: NodeFieldEdit): OpResult {
  const check = canSetNodeField(document, edit);
  if (check !== true) return check;
  const node = findNode(document, edit.id)!;
  const value = normalisedValue(edit);
  if (sameValue((node as Record<string, unknown>)[edit.field], value)) return { document };
  if (edit.field === 'lane') {
    const lane = edit.value ?? DEFAULT_LANE;
    if (laneOf(node) === lane) return { document };
    const bands = computeLaneBands(document.nodes);
    let position = node.position;
    if (position) {
      const from = bandOf(bands, laneOf(node));
      const to = bandOf(bands, lane);
      position = {
        ...position,
        y: Math.round(clampIntoBand(to, to.top + (position.y - from.top))),
      };
    }
    const moved = { ...node, lane, ...(position ? { position } : {}) } as NodeSpec;
    const nodes = keepLanesApart(
      bands,
      document.nodes.map((n) => (n.id === node.id ? moved : n)),
    );
    return { document: { ...document, nodes } };
  }
  return { document: replaceNode(document, withKey(node, edit.field, value)) };
}

/** What a node can be turned into: a step, a decision, or an end of either outcome. */
export interface ChangeNodeTypeParams {
  id: string;
  type: 'step' | 'decision' | 'end';
  /** For ends: `failure` makes a failure end; left out, a success end. */
  outcome?: Outcome;
}

/**
 * The type a node switches to in one move (the context pad's "change type"): a step and a
 * decision swap, and so do a success end and a failure end. Other types have no counterpart.
 */
export function switchedType(node: NodeSpec): ChangeNodeTypeParams | undefined {
  switch (node.type) {
    case 'step':
      return { id: node.id, type: 'decision' };
    case 'decision':
      return { id: node.id, type: 'step' };
    case 'end':
      return node.outcome === 'failure'
        ? { id: node.id, type: 'end' }
        : { id: node.id, type: 'end', outcome: 'failure' };
    default:
      return undefined;
  }
}

/**
 * Whether a node of `type` added after `afterId` ends up connected to it: spliced into its one
 * way out, or as a new way out. An end has no way out; a step, start or join whose way out is
 * taken can only have a node it can pass through spliced in.
 */
export function canAppendAfter(
  document: BlueprintDocument,
  afterId: string,
  type: NodeType,
): true | Refusal {
  const after = findNode(document, afterId);
  if (!after) return nodeMissing(afterId);
  if (after.type === 'end') return { code: 'ED006', params: { node: nodeName(after) } };
  if (PASS_THROUGH.has(type) && edgeToSplitAfter(document, after)) return true;
  const taken = outgoing(document, after.id).some((e) => kindOf(e) === 'normal');
  if (SINGLE_OUT.has(after.type) && taken) {
    return after.type === 'step'
      ? { code: 'ED012', params: { node: nodeName(after) } }
      : { code: 'ED011', params: { node: nodeName(after) } };
  }
  return true;
}

/** Fields every node carries whatever its type: they survive a change of type. */
const COMMON_FIELDS = ['id', 'label', 'lane', 'position', 'notes'] as const;

/** The type a node would be shown as: a failure end counts apart from a success end. */
function shownType(node: NodeSpec): string {
  return node.type === 'end' && node.outcome === 'failure' ? 'failureEnd' : node.type;
}

/**
 * Whether a node may change type, and if not, why. Only changes that keep the edges meaningful
 * are offered: an end becomes a failure end (or back), a step a decision when it has no failure
 * edge (a decision cannot fail), a decision a step when it has at most one branch (a step has
 * one way out).
 */
export function canChangeNodeType(
  document: BlueprintDocument,
  params: ChangeNodeTypeParams,
): true | Refusal {
  const node = findNode(document, params.id);
  if (!node) return nodeMissing(params.id);
  if (node.type === params.type) return true;
  const pair = `${node.type}>${params.type}`;
  if (pair !== 'step>decision' && pair !== 'decision>step') {
    return {
      code: 'ED023',
      params: { node: nodeName(node), from: shownType(node), to: params.type },
    };
  }
  const out = outgoing(document, node.id);
  if (node.type === 'step' && out.some((e) => kindOf(e) === 'failure')) {
    return { code: 'ED024', params: { node: nodeName(node) } };
  }
  if (node.type === 'decision' && out.length > 1) {
    return { code: 'ED025', params: { node: nodeName(node), count: out.length } };
  }
  return true;
}

/**
 * Changes a node's type, keeping its id, label, lane, position and notes and dropping the fields
 * the new type has no use for (a step's reliability, recovery, duration and cost). A decision's
 * one branch gets probability 1, a step's way out loses its probability, and scenario changes
 * aimed at values the node no longer has are dropped with them.
 */
export function changeNodeType(
  document: BlueprintDocument,
  params: ChangeNodeTypeParams,
): OpResult {
  const check = canChangeNodeType(document, params);
  if (check !== true) return check;
  const node = findNode(document, params.id)!;
  if (node.type === 'end' && params.type === 'end') {
    return setNodeField(document, { id: node.id, field: 'outcome', value: params.outcome });
  }
  if (node.type === params.type) return { document };
  const kept: Record<string, unknown> = { type: params.type };
  for (const key of COMMON_FIELDS) {
    const value = (node as Record<string, unknown>)[key];
    if (value !== undefined) kept[key] = value;
  }
  const changed = kept as NodeSpec;
  const edges = document.edges.map((e) => {
    if (e.source !== node.id) return e;
    return params.type === 'decision'
      ? { ...e, probability: 1 }
      : withKey(e, 'probability', undefined);
  });
  // A scenario changes a step's values and a decision's probabilities: what the node (or its
  // way out) no longer has goes.
  const scenarios =
    params.type === 'step'
      ? dropScenarioChanges(
          document.scenarios,
          new Set(),
          new Set(outgoing(document, node.id).map((e) => e.id)),
        )
      : dropScenarioChanges(document.scenarios, new Set([node.id]), new Set());
  return {
    document: {
      ...replaceNode(document, changed),
      edges,
      ...(scenarios ? { scenarios } : {}),
    },
  };
}

/** Moves nodes (a whole drag at once). Each lands in the lane of the band under its centre. */
export function moveNodes(
  document: BlueprintDocument,
  positions: ReadonlyMap<string, Position>,
): OpResult {
  const bands = computeLaneBands(document.nodes);
  let changed = false;
  const nodes = document.nodes.map((node) => {
    const target = positions.get(node.id);
    if (!target) return node;
    const lane = laneForDrop(bands, node.type, target);
    const position = {
      x: Math.round(target.x),
      y: Math.round(clampIntoBand(bandOf(bands, lane), target.y)),
      ...(node.position?.notes ? { notes: node.position.notes } : {}),
    };
    if (
      node.position &&
      node.position.x === position.x &&
      node.position.y === position.y &&
      laneOf(node) === lane
    ) {
      return node;
    }
    changed = true;
    return { ...node, lane, position } as NodeSpec;
  });
  if (!changed) return { document };
  return { document: { ...document, nodes: keepLanesApart(bands, nodes) } };
}

// ---------------------------------------------------------------------------------------------
// Edges

export interface ConnectParams {
  source: string;
  target: string;
  kind?: EdgeKind;
}

function outgoing(document: BlueprintDocument, id: string): EdgeSpec[] {
  return document.edges.filter((e) => e.source === id);
}

function kindOf(edge: EdgeSpec): EdgeKind {
  return edge.kind ?? 'normal';
}

/** Whether a connection may be drawn, and if not, why (in words for the user). */
export function canConnect(document: BlueprintDocument, params: ConnectParams): true | Refusal {
  const source = findNode(document, params.source);
  const target = findNode(document, params.target);
  if (!source) return nodeMissing(params.source);
  if (!target) return nodeMissing(params.target);
  const kind = params.kind ?? 'normal';
  if (source.type === 'end') {
    return { code: 'ED006', params: { node: nodeName(source) } };
  }
  if (target.type === 'start') return { code: 'ED007' };
  if (source.id === target.id && kind === 'normal') {
    return { code: 'ED005', params: { node: nodeName(source) } };
  }
  const out = outgoing(document, source.id);
  if (out.some((e) => e.target === target.id && kindOf(e) === kind)) {
    return {
      code: 'ED008',
      params: { source: nodeName(source), target: nodeName(target) },
    };
  }
  if (kind === 'failure') {
    if (source.type !== 'step') {
      return { code: 'ED009', params: { node: nodeName(source) } };
    }
    if (out.some((e) => kindOf(e) === 'failure')) {
      return { code: 'ED010', params: { node: nodeName(source) } };
    }
    return true;
  }
  const normalOut = out.filter((e) => kindOf(e) === 'normal');
  if (normalOut.length > 0) {
    if (source.type === 'step') {
      return { code: 'ED012', params: { node: nodeName(source) } };
    }
    if (source.type === 'start' || source.type === 'join') {
      return { code: 'ED011', params: { node: nodeName(source) } };
    }
  }
  return true;
}

/** Probabilities 1/n each: the default when a decision gains or loses a branch. */
function evenSplit(edges: EdgeSpec[], count: number): EdgeSpec[] {
  return edges.map((e) => ({ ...e, probability: 1 / count }));
}

/**
 * Adds an edge. An edge out of a decision gets a probability, and the decision's edges are
 * split evenly so that they still add up to 1.
 */
export function connect(document: BlueprintDocument, params: ConnectParams): OpResult {
  const check = canConnect(document, params);
  if (check !== true) return check;
  const source = findNode(document, params.source)!;
  const ids = new IdAllocator(new Set(document.edges.map((e) => e.id)));
  const edge: EdgeSpec = {
    id: ids.edge(),
    source: params.source,
    target: params.target,
    ...(params.kind === 'failure' ? { kind: 'failure' as const } : {}),
  };
  let edges = [...document.edges, edge];
  if (source.type === 'decision') {
    const branches = edges.filter((e) => e.source === source.id);
    const split = new Map(evenSplit(branches, branches.length).map((e) => [e.id, e]));
    edges = edges.map((e) => split.get(e.id) ?? e);
  }
  return {
    document: { ...document, edges },
    selection: { nodes: new Set(), edges: new Set([edge.id]) },
  };
}

/**
 * Probabilities of a decision's remaining branches, scaled back to a sum of 1 after a branch
 * was removed (when they are all plain numbers; expressions are left for the user to adjust).
 */
function rebalanceDecision(edges: EdgeSpec[], decision: string): EdgeSpec[] {
  const branches = edges.filter((e) => e.source === decision);
  if (branches.length === 0) return edges;
  if (!branches.every((e) => typeof e.probability === 'number')) return edges;
  const total = branches.reduce((sum, e) => sum + (e.probability as number), 0);
  if (Math.abs(total - 1) < 1e-12) return edges;
  const scaled = new Map(
    branches.map((e) => [
      e.id,
      {
        ...e,
        probability: total > 0 ? (e.probability as number) / total : 1 / branches.length,
      },
    ]),
  );
  return edges.map((e) => scaled.get(e.id) ?? e);
}

function dropScenarioChanges(
  scenarios: ScenarioSpec[] | undefined,
  nodes: ReadonlySet<string>,
  edges: ReadonlySet<string>,
): ScenarioSpec[] | undefined {
  if (!scenarios) return scenarios;
  let changed = false;
  const next = scenarios.map((s) => {
    const changes = s.changes.filter(
      (c) => !('node' in c && nodes.has(c.node)) && !('edge' in c && edges.has(c.edge)),
    );
    if (changes.length === s.changes.length) return s;
    changed = true;
    return { ...s, changes };
  });
  return changed ? next : scenarios;
}

/**
 * Deletes nodes (with every edge touching them) and edges. Decisions that lose a branch have
 * their remaining probabilities scaled back to 1; scenario changes aimed at deleted elements
 * are dropped with them.
 */
export function deleteElements(
  document: BlueprintDocument,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string>,
): OpResult {
  const nodes = new Set(nodeIds);
  const removedEdges = new Set(edgeIds);
  for (const edge of document.edges) {
    if (nodes.has(edge.source) || nodes.has(edge.target)) removedEdges.add(edge.id);
  }
  const keptNodes = document.nodes.filter((n) => !nodes.has(n.id));
  const touchedDecisions = new Set<string>();
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  let edges = document.edges.filter((e) => {
    if (!removedEdges.has(e.id)) return true;
    if (byId.get(e.source)?.type === 'decision' && !nodes.has(e.source))
      touchedDecisions.add(e.source);
    return false;
  });
  if (keptNodes.length === document.nodes.length && edges.length === document.edges.length) {
    return { document };
  }
  for (const decision of touchedDecisions) edges = rebalanceDecision(edges, decision);
  const scenarios = dropScenarioChanges(document.scenarios, nodes, removedEdges);
  return {
    document: {
      ...document,
      nodes: keptNodes,
      edges,
      ...(scenarios ? { scenarios } : {}),
    },
    selection: { nodes: new Set(), edges: new Set() },
  };
}

/** Sets the probability of an edge leaving a decision. With two branches, the other gets the rest. */
export function setEdgeProbability(
  document: BlueprintDocument,
  id: string,
  probability: NumberOrExpression,
): OpResult {
  const edge = document.edges.find((e) => e.id === id);
  if (!edge) return edgeMissing(id);
  const source = findNode(document, edge.source);
  if (source?.type !== 'decision') {
    return { code: 'ED014' };
  }
  if (sameValue(edge.probability, probability)) return { document };
  let next = replaceEdge(document, { ...edge, probability });
  const siblings = next.edges.filter((e) => e.source === edge.source && e.id !== id);
  if (
    siblings.length === 1 &&
    typeof probability === 'number' &&
    probability >= 0 &&
    probability <= 1
  ) {
    const other = siblings[0];
    if (typeof other.probability === 'number' || other.probability === undefined) {
      next = replaceEdge(next, { ...other, probability: complement(probability) });
    }
  }
  return { document: next };
}

/** 1 − p without the float noise that makes 1 − 0.97 print as 0.030000000000000027. */
function complement(p: number): number {
  return Number((1 - p).toPrecision(12));
}

/** Makes an edge out of a step its failure edge, or a normal edge again. */
export function setEdgeKind(document: BlueprintDocument, id: string, kind: EdgeKind): OpResult {
  const edge = document.edges.find((e) => e.id === id);
  if (!edge) return edgeMissing(id);
  if (kindOf(edge) === kind) return { document };
  const source = findNode(document, edge.source);
  if (!source) return nodeMissing(edge.source);
  if (kind === 'failure' && source.type !== 'step') {
    return { code: 'ED009', params: { node: nodeName(source) } };
  }
  const others = outgoing(document, source.id).filter((e) => e.id !== id);
  if (others.some((e) => kindOf(e) === kind)) {
    return kind === 'failure'
      ? { code: 'ED010', params: { node: nodeName(source) } }
      : { code: 'ED012', params: { node: nodeName(source) } };
  }
  if (kind === 'normal' && source.id === edge.target) {
    return { code: 'ED005', params: { node: nodeName(source) } };
  }
  const next: EdgeSpec = withKey(edge, 'kind', kind === 'failure' ? 'failure' : undefined);
  return { document: replaceEdge(document, next) };
}

export function setEdgeText(
  document: BlueprintDocument,
  id: string,
  field: 'label' | 'notes',
  value: string,
): OpResult {
  const edge = document.edges.find((e) => e.id === id);
  if (!edge) return edgeMissing(id);
  const normalised = value.trim() === '' ? undefined : value;
  if (edge[field] === normalised) return { document };
  return { document: replaceEdge(document, withKey(edge, field, normalised)) };
}

// ---------------------------------------------------------------------------------------------
// Clipboard

/** The selected nodes and the edges among them (an edge to a node left behind is not copied). */
export function copySelection(
  document: BlueprintDocument,
  selection: Selection,
): ClipboardContent | null {
  if (selection.nodes.size === 0) return null;
  const nodes = document.nodes.filter((n) => selection.nodes.has(n.id));
  const edges = document.edges.filter(
    (e) => selection.nodes.has(e.source) && selection.nodes.has(e.target),
  );
  return { nodes, edges };
}

/** Pastes copied nodes with fresh ids, shifted by `offset`, keeping the edges among them. */
export function paste(
  document: BlueprintDocument,
  clipboard: ClipboardContent,
  offset: Position,
): OpResult {
  const hasStart = document.nodes.some((n) => n.type === 'start');
  const copied = clipboard.nodes.filter((n) => n.type !== 'start' || !hasStart);
  if (copied.length === 0) return { code: 'ED015' };
  const nodeIds = new IdAllocator(new Set(document.nodes.map((n) => n.id)));
  const edgeIds = new IdAllocator(new Set(document.edges.map((e) => e.id)));
  const renamed = new Map<string, string>();
  const bands = computeLaneBands(document.nodes);
  const nodes: NodeSpec[] = copied.map((node) => {
    const id = nodeIds.node(node.type);
    renamed.set(node.id, id);
    const position = node.position
      ? { x: node.position.x + offset.x, y: node.position.y + offset.y }
      : undefined;
    return { ...node, id, ...(position ? { position } : {}) } as NodeSpec;
  });
  const edges: EdgeSpec[] = clipboard.edges
    .filter((e) => renamed.has(e.source) && renamed.has(e.target))
    .map((e) => ({
      ...e,
      id: edgeIds.edge(),
      source: renamed.get(e.source)!,
      target: renamed.get(e.target)!,
    }));
  return {
    document: {
      ...document,
      nodes: keepLanesApart(bands, [...document.nodes, ...nodes]),
      edges: [...document.edges, ...edges],
    },
    selection: { nodes: new Set(nodes.map((n) => n.id)), edges: new Set(edges.map((e) => e.id)) },
  };
}

// ---------------------------------------------------------------------------------------------
// Blueprint properties and parameters

export function setDocumentText(
  document: BlueprintDocument,
  field: 'title' | 'description' | 'notes',
  value: string,
): OpResult {
  // An emptied description or notes leaves the file without the key; a title stays a string.
  const normalised = field !== 'title' && value.trim() === '' ? undefined : value;
  if (document[field] === normalised) return { document };
  return { document: withKey(document, field, normalised) };
}

function parameterNames(document: BlueprintDocument): Set<string> {
  return new Set(Object.keys(document.parameters ?? {}));
}

export function addParameter(
  document: BlueprintDocument,
  params: { name?: string; value?: NumberOrExpression; label?: string },
): OpResult {
  const taken = parameterNames(document);
  const name = params.name ?? new IdAllocator(new Set(taken)).allocate('parameter');
  if (!isValidParameterName(name)) return { code: 'ED016', params: { name } };
  if (taken.has(name)) return { code: 'ED017', params: { name } };
  const spec: ParameterSpec = {
    value: params.value ?? 1,
    ...(params.label ? { label: params.label } : {}),
  };
  return { document: { ...document, parameters: { ...document.parameters, [name]: spec } } };
}

export function setParameter(
  document: BlueprintDocument,
  params: { name: string; value?: NumberOrExpression; label?: string },
): OpResult {
  const current = document.parameters?.[params.name];
  if (!current || !Object.hasOwn(document.parameters!, params.name)) {
    return { code: 'ED018', params: { name: params.name } };
  }
  let next: ParameterSpec = current;
  if (params.value !== undefined) next = { ...next, value: params.value };
  if (params.label !== undefined)
    next = withKey(next, 'label', params.label.trim() === '' ? undefined : params.label);
  if (sameValue(next, current)) return { document };
  return { document: { ...document, parameters: { ...document.parameters, [params.name]: next } } };
}

/** Matches a parameter name as a whole name (parameter names are plain identifiers). */
function namePattern(name: string): RegExp {
  // Letters, marks (combining vowels of Hindi, Thai, …), digits and _ continue a name.
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])${name}(?![\\p{L}\\p{M}\\p{N}_])`, 'gu');
}

/** Replaces a parameter name wherever an expression uses it (whole names only). */
export function renameInExpression(text: string, from: string, to: string): string {
  return text.replace(namePattern(from), to);
}

/**
 * Applies `rewrite` to every expression of a document: parameter values, node and edge fields,
 * scenario changes. Which strings are expressions is decided by the file format's shape (see
 * `sim/shape.ts`), so labels, notes, ids and references are never touched.
 */
function rewriteExpressions(
  document: BlueprintDocument,
  rewrite: (expression: string) => string,
): BlueprintDocument {
  return mapShapeExpressions(DOCUMENT_SHAPE, document, rewrite);
}

/** Renames a parameter and every use of it in expressions and scenario changes. */
export function renameParameter(document: BlueprintDocument, from: string, to: string): OpResult {
  const parameters = document.parameters ?? {};
  if (!Object.hasOwn(parameters, from)) return { code: 'ED018', params: { name: from } };
  if (from === to) return { document };
  if (!isValidParameterName(to)) return { code: 'ED016', params: { name: to } };
  if (Object.hasOwn(parameters, to)) return { code: 'ED017', params: { name: to } };
  const renamed = rewriteExpressions(document, (text) => renameInExpression(text, from, to));
  const renamedParameters: Record<string, ParameterSpec> = {};
  for (const [name, spec] of Object.entries(renamed.parameters ?? {})) {
    renamedParameters[name === from ? to : name] = spec;
  }
  // A scenario's parameter change names the parameter itself: a reference, not an expression.
  const scenarios = renamed.scenarios?.map((s) => {
    const changes = s.changes.map((c): ChangeSpec =>
      'parameter' in c && c.parameter === from ? { ...c, parameter: to } : c,
    );
    return changes.every((c, i) => c === s.changes[i]) ? s : { ...s, changes };
  });
  return {
    document: {
      ...renamed,
      parameters: renamedParameters,
      ...(scenarios ? { scenarios } : {}),
    },
  };
}

/** Where a parameter is used: the count of values whose expression names it. */
export function parameterUses(document: BlueprintDocument, name: string): number {
  let uses = 0;
  const pattern = namePattern(name);
  const probe = (text: string) => {
    pattern.lastIndex = 0;
    if (pattern.test(text)) uses += 1;
    return text;
  };
  const { [name]: _itself, ...others } = document.parameters ?? {};
  rewriteExpressions({ ...document, parameters: others }, probe);
  for (const s of document.scenarios ?? []) {
    for (const c of s.changes) if ('parameter' in c && c.parameter === name) uses += 1;
  }
  return uses;
}

/** Removes a parameter; refused while an expression or scenario still uses it. */
export function removeParameter(document: BlueprintDocument, name: string): OpResult {
  const parameters = document.parameters ?? {};
  if (!Object.hasOwn(parameters, name)) return { code: 'ED018', params: { name } };
  const uses = parameterUses(document, name);
  if (uses > 0) return { code: 'ED019', params: { name, count: uses } };
  const rest = { ...parameters };
  delete rest[name];
  return { document: { ...document, parameters: rest } };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

function findScenario(document: BlueprintDocument, id: string): ScenarioSpec | undefined {
  return document.scenarios?.find((s) => s.id === id);
}

function scenarioMissing(id: string): Refusal {
  return { code: 'ED021', params: { id } };
}

function replaceScenario(document: BlueprintDocument, next: ScenarioSpec): BlueprintDocument {
  return {
    ...document,
    scenarios: (document.scenarios ?? []).map((s) => (s.id === next.id ? next : s)),
  };
}

export function createScenario(
  document: BlueprintDocument,
  params: {
    name: string;
    id?: string;
    changes?: ChangeSpec[];
    description?: string;
    /** Ids of the blueprint's improvement options the scenario is built from. */
    options?: string[];
  },
): OpResult & { id?: string } {
  const taken = new Set((document.scenarios ?? []).map((s) => s.id));
  if (params.id !== undefined && taken.has(params.id)) {
    return { code: 'ED020', params: { id: params.id } };
  }
  const id = params.id ?? scenarioIdFor(params.name, taken);
  const scenario: ScenarioSpec = {
    id,
    name: params.name,
    ...(params.description ? { description: params.description } : {}),
    ...(params.options && params.options.length > 0 ? { options: params.options } : {}),
    changes: params.changes ?? [],
  };
  return { document: { ...document, scenarios: [...(document.scenarios ?? []), scenario] }, id };
}

export function setScenarioText(
  document: BlueprintDocument,
  id: string,
  field: 'name' | 'description',
  value: string,
): OpResult {
  const scenario = findScenario(document, id);
  if (!scenario) return scenarioMissing(id);
  const normalised = field === 'description' && value.trim() === '' ? undefined : value;
  if (scenario[field] === normalised) return { document };
  return { document: replaceScenario(document, withKey(scenario, field, normalised)) };
}

export function deleteScenario(document: BlueprintDocument, id: string): OpResult {
  if (!findScenario(document, id)) return scenarioMissing(id);
  return { document: { ...document, scenarios: document.scenarios!.filter((s) => s.id !== id) } };
}

export function setScenarioChanges(
  document: BlueprintDocument,
  id: string,
  changes: ChangeSpec[],
): OpResult {
  const scenario = findScenario(document, id);
  if (!scenario) return scenarioMissing(id);
  if (sameValue(scenario.changes, changes)) return { document };
  return { document: replaceScenario(document, { ...scenario, changes }) };
}

/** Makes a scenario's changes part of the baseline; the scenario itself is then removed. */
export function applyScenarioToBaseline(document: BlueprintDocument, id: string): OpResult {
  const scenario = findScenario(document, id);
  if (!scenario) return scenarioMissing(id);
  const applied = applyScenario(document, scenario);
  return {
    document: { ...applied, scenarios: (applied.scenarios ?? []).filter((s) => s.id !== id) },
  };
}

/**
 * What-if mode: records a change of a node's value into a scenario instead of the baseline.
 * A value equal to the baseline's removes the change, so the scenario lists real changes only.
 */
export function recordNodeChange(
  document: BlueprintDocument,
  scenarioId: string,
  nodeId: string,
  field: ScenarioNodeFieldKey,
  value: unknown,
): OpResult {
  const scenario = findScenario(document, scenarioId);
  if (!scenario) return scenarioMissing(scenarioId);
  const node = findNode(document, nodeId);
  if (!node) return nodeMissing(nodeId);
  if (node.type !== 'step') {
    return { code: 'ED003', params: { field, node: nodeName(node) } };
  }
  const baseline = (node as Record<string, unknown>)[field];
  const recorded = field === 'recovery' && value === undefined ? null : value;
  if (recorded === undefined) return { code: 'ED022' };
  const index = scenario.changes.findIndex((c) => 'node' in c && c.node === nodeId);
  const existing = index >= 0 ? (scenario.changes[index] as NodeChangeSpec) : undefined;
  const isBaseline = sameValue(baseline, recorded) || (recorded === null && baseline === undefined);
  const set: NodeChangeSpec['set'] = withKey(
    existing?.set ?? {},
    field,
    isBaseline ? undefined : recorded,
  );
  const meaningful = Object.keys(set).some((k) => k !== 'notes');
  const changes = [...scenario.changes];
  if (!meaningful) {
    if (index < 0) return { document };
    changes.splice(index, 1);
  } else if (index >= 0) {
    changes[index] = { ...existing!, set };
  } else {
    changes.push({ node: nodeId, set });
  }
  return setScenarioChanges(document, scenarioId, changes);
}

/** What-if mode: records edge probabilities (one or two edges) into a scenario. */
export function recordEdgeChanges(
  document: BlueprintDocument,
  scenarioId: string,
  probabilities: ReadonlyMap<string, NumberOrExpression>,
): OpResult {
  const scenario = findScenario(document, scenarioId);
  if (!scenario) return scenarioMissing(scenarioId);
  let changes = [...scenario.changes];
  for (const [edgeId, probability] of probabilities) {
    const edge = document.edges.find((e) => e.id === edgeId);
    if (!edge) return edgeMissing(edgeId);
    changes = changes.filter((c) => !('edge' in c && c.edge === edgeId));
    if (!sameValue(edge.probability, probability)) {
      changes.push({ edge: edgeId, set: { probability } });
    }
  }
  return setScenarioChanges(document, scenarioId, changes);
}

/**
 * What-if mode: sets an edge's probability in a scenario. The edit is worked out on the
 * scenario's view of the blueprint (so the other edge of a two-way decision follows, as it does
 * in the baseline), then every probability it changed is recorded into the scenario.
 */
export function recordEdgeProbability(
  document: BlueprintDocument,
  scenarioId: string,
  edgeId: string,
  probability: NumberOrExpression,
): OpResult {
  const scenario = findScenario(document, scenarioId);
  if (!scenario) return scenarioMissing(scenarioId);
  const effective = applyScenario(document, scenario);
  const result = setEdgeProbability(effective, edgeId, probability);
  if (isRefusal(result)) return result;
  const changed = new Map(
    result.document.edges
      .filter((e, i) => e !== effective.edges[i] && e.probability !== undefined)
      .map((e) => [e.id, e.probability!]),
  );
  return recordEdgeChanges(document, scenarioId, changed);
}

/** What-if mode: records a parameter's value into a scenario. */
export function recordParameterChange(
  document: BlueprintDocument,
  scenarioId: string,
  name: string,
  value: NumberOrExpression,
): OpResult {
  const scenario = findScenario(document, scenarioId);
  if (!scenario) return scenarioMissing(scenarioId);
  const current = document.parameters?.[name];
  if (!current || !Object.hasOwn(document.parameters!, name)) {
    return { code: 'ED018', params: { name } };
  }
  const changes = scenario.changes.filter((c) => !('parameter' in c && c.parameter === name));
  if (!sameValue(current.value, value)) changes.push({ parameter: name, value });
  return setScenarioChanges(document, scenarioId, changes);
}

/** One thing a scenario changes: a field of a node, or an edge's probability. */
export type ScenarioFieldTarget = { node: string; field: string } | { edge: string };

/**
 * Takes one field of a node (or an edge's probability) out of a scenario, so that the scenario
 * uses the baseline's value again. A node change left with nothing to set is removed.
 */
export function resetScenarioField(
  document: BlueprintDocument,
  scenarioId: string,
  target: ScenarioFieldTarget,
): OpResult {
  const scenario = findScenario(document, scenarioId);
  if (!scenario) return scenarioMissing(scenarioId);
  const changes = scenario.changes.flatMap((change): ChangeSpec[] => {
    if ('edge' in target) return 'edge' in change && change.edge === target.edge ? [] : [change];
    if (!('node' in change) || change.node !== target.node) return [change];
    const set = withKey(change.set, target.field, undefined);
    return Object.keys(set).some((k) => k !== 'notes') ? [{ ...change, set }] : [];
  });
  return setScenarioChanges(document, scenarioId, changes);
}

/**
 * Saves a scenario as the form edits it: creates it when it has no `id`, otherwise renames it
 * and replaces its changes; the options ticked replace the ones it is built from (an existing
 * scenario keeps its own when `options` is not given). Refused when an option is unknown or two
 * of them change the same thing. One command, so one undo step.
 */
export function saveScenario(
  document: BlueprintDocument,
  params: {
    id?: string;
    name: string;
    changes: ChangeSpec[];
    description?: string;
    /** Ids of the improvement options the scenario is built from. */
    options?: string[];
  },
): OpResult & { id?: string } {
  const { options, ...text } = params;
  if (params.id === undefined) {
    const created = createScenario(document, text);
    if (isRefusal(created) || options === undefined || created.id === undefined) return created;
    const built = setScenarioOptions(created.document, created.id, options);
    return isRefusal(built) ? built : { ...built, id: created.id };
  }
  const { id } = params;
  return composeCommands(document, [
    (d) => setScenarioText(d, id, 'name', params.name),
    (d) =>
      params.description === undefined
        ? { document: d }
        : setScenarioText(d, id, 'description', params.description),
    (d) => setScenarioChanges(d, id, params.changes),
    (d) => (options === undefined ? { document: d } : setScenarioOptions(d, id, options)),
  ]);
}

/**
 * Runs commands one after the other, each on the document the previous one left: the result is
 * one transition (one undo step) or the first refusal, in which case nothing is changed. What
 * to select, fit or switch to afterwards comes from the last command that said so.
 */
export function composeCommands(
  document: BlueprintDocument,
  commands: readonly ((document: BlueprintDocument) => OpResult)[],
): OpResult {
  let result: Transition = { document };
  for (const command of commands) {
    const next = command(result.document);
    if (isRefusal(next)) return next;
    result = mergeTransitions(result, next);
  }
  return result;
}

/** The transition of `first` followed by `second`. */
export function mergeTransitions(first: Transition, second: Transition): Transition {
  const merged: Transition = { ...first, document: second.document };
  if (second.selection !== undefined) merged.selection = second.selection;
  if (second.whatIfScenarioId !== undefined) merged.whatIfScenarioId = second.whatIfScenarioId;
  if (second.fitView) merged.fitView = true;
  if (second.undo === 'reset' || first.undo === 'reset') merged.undo = 'reset';
  if (second.opens || first.opens) merged.opens = true;
  return merged;
}

/** The fields of a node that the active scenario changes (for "changed in scenario" marks). */
export function scenarioChangedFields(
  scenario: ScenarioSpec | undefined,
  nodeId: string,
): ReadonlySet<string> {
  const fields = new Set<string>();
  for (const change of scenario?.changes ?? []) {
    if ('node' in change && change.node === nodeId) {
      for (const key of Object.keys(change.set)) if (key !== 'notes') fields.add(key);
    }
  }
  return fields;
}
