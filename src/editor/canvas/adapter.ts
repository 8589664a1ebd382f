/**
 * The one place where the blueprint document becomes React Flow nodes and edges.
 *
 * React Flow compares node and edge objects by identity to decide what to re-render, so the
 * adapter keeps the objects it made last time and hands the same object back for every node
 * whose inputs did not change: moving one node creates one new node object, not a thousand.
 * Nothing here is stored as truth; the document is.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { BlueprintDocument, EdgeSpec, NodeSpec, Position } from '../../sim/document';
import type { EdgeKind, NodeType } from '../../sim/model';
import {
  formatPercent,
  parameterValues,
  probabilityValue,
  reliabilityValue,
  sameValue,
} from '../../document/values';
import type { Selection } from '../../document/selection';
import { NODE_SIZES, edgeSides, laneOf, type Side } from '../../document/geometry';
import { PLAIN_NAMES, type FlowNames } from './names';

/** What a node component gets in `data`. */
export interface BlueprintNodeData extends Record<string, unknown> {
  spec: NodeSpec;
  /** Steps: probability, 0–1, that the step is done right; null if it cannot be evaluated. */
  reliability: number | null;
  /** Steps with a recovery: share, 0–1, of failures caught; null if none or not evaluable. */
  catchRate: number | null;
  hasRecovery: boolean;
  /** Whether the what-if scenario changes this node. */
  changed: boolean;
}

export type BlueprintFlowNode = Node<BlueprintNodeData, NodeType>;

/** What the edge component gets in `data`. */
export interface BlueprintEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  /** Whether the edge leaves a decision (and so carries a probability). */
  decision: boolean;
  /** Decision edges: probability, 0–1, or null when missing or not evaluable. */
  probability: number | null;
  /** Decision edges: the probability as a percentage (`"97%"`), or the raw text if not evaluable. */
  probabilityText: string | null;
  /** The edge's own label, if any. */
  text: string | null;
  changed: boolean;
}

export type BlueprintFlowEdge = Edge<BlueprintEdgeData, 'blueprint'>;

/**
 * Handle ids: every node has one target handle on its left and (but an end) a source handle on
 * its right, which the user connects with; steps add a failure source handle at the bottom
 * centre. The hand-off anchors on top and bottom are not for connecting: the adapter attaches
 * an edge to them when the geometry makes it a hand-off (see `edgeSides`).
 */
export const HANDLES = {
  in: 'in',
  out: 'out',
  failure: 'failure',
  /** Source, bottom: a hand-off to a node below (steps only). */
  down: 'down',
  /** Source, top: a hand-off to a step above. */
  up: 'up',
  /** Target, top: a hand-off from a step above. */
  fromAbove: 'from-above',
  /** Target, bottom: a hand-off from a node below (steps only). */
  fromBelow: 'from-below',
} as const;

const SOURCE_HANDLE: Record<Side, string> = {
  right: HANDLES.out,
  left: HANDLES.out,
  bottom: HANDLES.down,
  top: HANDLES.up,
};
const TARGET_HANDLE: Record<Side, string> = {
  left: HANDLES.in,
  right: HANDLES.in,
  top: HANDLES.fromAbove,
  bottom: HANDLES.fromBelow,
};

/** The handles an edge attaches to, from where its ends sit (live positions while dragging). */
export function edgeHandles(
  spec: EdgeSpec,
  source: NodeSpec | undefined,
  target: NodeSpec | undefined,
  positionOf: (node: NodeSpec) => Position | undefined,
): { sourceHandle: string; targetHandle: string } {
  if (spec.kind === 'failure') return { sourceHandle: HANDLES.failure, targetHandle: HANDLES.in };
  const from = source && positionOf(source);
  const to = target && positionOf(target);
  if (!source || !target || !from || !to) {
    return { sourceHandle: HANDLES.out, targetHandle: HANDLES.in };
  }
  const sides = edgeSides({ ...source, position: from }, { ...target, position: to });
  return { sourceHandle: SOURCE_HANDLE[sides.source], targetHandle: TARGET_HANDLE[sides.target] };
}

export interface AdapterInput {
  document: BlueprintDocument;
  selection: Selection;
  /** Live positions of nodes being dragged. */
  dragPositions: ReadonlyMap<string, Position> | null;
  /** Nodes and edges changed by the active what-if scenario. */
  changed: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  /** How nodes and edges are named for assistive technology (default: by their labels). */
  names?: FlowNames;
}

interface CachedNode {
  spec: NodeSpec;
  parameters: ReadonlyMap<string, number>;
  names: FlowNames;
  /** The readable name of an unlabelled node, which changes with its neighbours. */
  readable: string | undefined;
  flow: BlueprintFlowNode;
}

interface CachedEdge {
  spec: EdgeSpec;
  decision: boolean;
  parameters: ReadonlyMap<string, number>;
  flow: BlueprintFlowEdge;
}

/**
 * Converts documents to React Flow nodes and edges, reusing the objects of the previous call
 * for everything that did not change. One adapter per canvas.
 */
export class FlowAdapter {
  private nodes = new Map<string, CachedNode>();
  private edges = new Map<string, CachedEdge>();
  private parameterSource: BlueprintDocument['parameters'] | null = null;
  private parameterCache: ReadonlyMap<string, number> = new Map();

  private parametersOf(document: BlueprintDocument): ReadonlyMap<string, number> {
    if (document.parameters !== this.parameterSource || this.parameterSource === null) {
      const next = parameterValues(document);
      // Same values, same map: nodes with expressions need not be rebuilt.
      if (!sameValue(Object.fromEntries(next), Object.fromEntries(this.parameterCache))) {
        this.parameterCache = next;
      }
      this.parameterSource = document.parameters;
    }
    return this.parameterCache;
  }

  toNodes(input: AdapterInput): BlueprintFlowNode[] {
    const parameters = this.parametersOf(input.document);
    const names = input.names ?? PLAIN_NAMES;
    const nameOf = names.graphNames?.(input.document);
    const next = new Map<string, CachedNode>();
    const out: BlueprintFlowNode[] = [];
    for (const spec of input.document.nodes) {
      const cached = this.nodes.get(spec.id);
      const readable = spec.label?.trim() ? undefined : nameOf?.(spec.id);
      const position = input.dragPositions?.get(spec.id) ?? spec.position ?? ORIGIN;
      const selected = input.selection.nodes.has(spec.id);
      const changed = input.changed.nodes.has(spec.id);
      let flow: BlueprintFlowNode;
      if (
        cached &&
        cached.parameters === parameters &&
        cached.names === names &&
        cached.readable === readable &&
        (cached.spec === spec || sameValue(cached.spec, spec)) &&
        cached.flow.selected === selected &&
        cached.flow.data.changed === changed &&
        cached.flow.position.x === position.x &&
        cached.flow.position.y === position.y
      ) {
        flow = cached.flow;
      } else {
        flow = toFlowNode(spec, position, selected, changed, parameters, names, nameOf);
      }
      next.set(spec.id, { spec, parameters, names, readable, flow });
      out.push(flow);
    }
    this.nodes = next;
    return out;
  }

  toEdges(input: AdapterInput): BlueprintFlowEdge[] {
    const parameters = this.parametersOf(input.document);
    const names = input.names ?? PLAIN_NAMES;
    const nameOf = names.graphNames?.(input.document);
    const nodes = new Map<string, NodeSpec>();
    for (const node of input.document.nodes) nodes.set(node.id, node);
    const next = new Map<string, CachedEdge>();
    const out: BlueprintFlowEdge[] = [];
    for (const spec of input.document.edges) {
      const cached = this.edges.get(spec.id);
      const decision = nodes.get(spec.source)?.type === 'decision';
      const selected = input.selection.edges.has(spec.id);
      const changed = input.changed.edges.has(spec.id);
      let flow: BlueprintFlowEdge;
      if (
        cached &&
        cached.parameters === parameters &&
        cached.decision === decision &&
        (cached.spec === spec || sameValue(cached.spec, spec)) &&
        cached.flow.selected === selected &&
        cached.flow.data!.changed === changed
      ) {
        flow = cached.flow;
      } else {
        flow = toFlowEdge(spec, decision, selected, changed, parameters);
      }
      // Where the ends sit decides the handles (a hand-off leaves the bottom or top).
      const handles = edgeHandles(
        spec,
        nodes.get(spec.source),
        nodes.get(spec.target),
        (node) => input.dragPositions?.get(node.id) ?? node.position,
      );
      if (
        flow.sourceHandle !== handles.sourceHandle ||
        flow.targetHandle !== handles.targetHandle
      ) {
        flow = { ...flow, ...handles };
      }
      // The name tells the labels of both ends, which change without the edge changing.
      const ariaLabel = names.edge(
        spec,
        flow.data!,
        nodes.get(spec.source),
        nodes.get(spec.target),
        nameOf,
      );
      if (flow.ariaLabel !== ariaLabel || flow.domAttributes !== names.edgeAttributes) {
        flow = { ...flow, ariaLabel, domAttributes: names.edgeAttributes };
      }
      next.set(spec.id, { spec, decision, parameters, flow });
      out.push(flow);
    }
    this.edges = next;
    return out;
  }
}

const ORIGIN: Position = { x: 0, y: 0 };

/** One node, fresh. Sizes are fixed per type and given as measured, so nothing waits on the DOM. */
export function toFlowNode(
  spec: NodeSpec,
  position: Position,
  selected: boolean,
  changed: boolean,
  parameters: ReadonlyMap<string, number>,
  names: FlowNames = PLAIN_NAMES,
  nameOf?: (id: string) => string,
): BlueprintFlowNode {
  const size = NODE_SIZES[spec.type];
  const isStep = spec.type === 'step';
  const recovery = isStep ? spec.recovery : undefined;
  const reliability = isStep ? reliabilityValue(spec.reliability, parameters) : null;
  const catchRate = recovery ? probabilityValue(recovery.catch, parameters) : null;
  return {
    id: spec.id,
    type: spec.type,
    position: { x: position.x, y: position.y },
    selected,
    width: size.width,
    height: size.height,
    measured: { width: size.width, height: size.height },
    // What the node is and what its card shows: lets assistive technology, and tests, find it.
    ariaLabel: names.node(spec, { reliability, catchRate }, nameOf),
    domAttributes: names.nodeAttributes,
    className: `fp-lane-${laneOf(spec)}`,
    data: {
      spec,
      reliability,
      catchRate,
      hasRecovery: Boolean(recovery),
      changed,
    },
  };
}

/** Arrow colours; the edge strokes use the same colours in canvas.css. */
export const EDGE_COLORS = { normal: '#64748b', failure: '#dc2626', selected: '#2563eb' } as const;

/** One edge, fresh: failure edges leave from the step's failure handle. */
export function toFlowEdge(
  spec: EdgeSpec,
  decision: boolean,
  selected: boolean,
  changed: boolean,
  parameters: ReadonlyMap<string, number>,
): BlueprintFlowEdge {
  const kind: EdgeKind = spec.kind ?? 'normal';
  const probability = decision ? probabilityValue(spec.probability, parameters) : null;
  let probabilityText: string | null = null;
  if (decision) {
    if (probability !== null) probabilityText = formatPercent(probability, 1);
    else if (spec.probability !== undefined) probabilityText = String(spec.probability);
  }
  return {
    id: spec.id,
    type: 'blueprint',
    source: spec.source,
    target: spec.target,
    sourceHandle: kind === 'failure' ? HANDLES.failure : HANDLES.out,
    targetHandle: HANDLES.in,
    selected,
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 16,
      height: 16,
      color: selected
        ? EDGE_COLORS.selected
        : kind === 'failure'
          ? EDGE_COLORS.failure
          : EDGE_COLORS.normal,
    },
    data: {
      kind,
      decision,
      probability,
      probabilityText,
      text: spec.label ?? null,
      changed,
    },
  };
}
