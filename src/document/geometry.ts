/**
 * Canvas geometry shared by the store, the layout and the canvas: the fixed size of each kind
 * of node and the four lane bands of the service blueprint.
 *
 * Nothing here knows React. Lane bands are not stored in the file (the format has no place for
 * them); they are derived from where the nodes of each lane sit, growing downwards to hold their
 * lowest node. Commands that place nodes call {@link keepLanesApart} so that a band that grows
 * pushes the bands below it down instead of swallowing their nodes.
 */
import type { NodeSpec, Position } from '../sim/document';
import { LANES, type Lane, type NodeType } from '../sim/model';

/** Node sizes are fixed per type, so layout and lane fitting never wait for the DOM. */
export const NODE_SIZES: Readonly<Record<NodeType, { width: number; height: number }>> = {
  // Narrow enough that the courier's six step columns fit a laptop at a readable zoom; tall
  // enough for a label of four lines of 13 px above the figures.
  step: { width: 136, height: 88 },
  decision: { width: 64, height: 64 },
  parallel: { width: 16, height: 72 },
  join: { width: 16, height: 72 },
  start: { width: 44, height: 44 },
  end: { width: 44, height: 44 },
};

/** The lane a node without one belongs to (the engine's default). */
export const DEFAULT_LANE: Lane = 'backstage';

/** Smallest height of a band, in canvas pixels. */
export const LANE_MIN_HEIGHT = 160;
/** Free space kept above the first and below the last node of a band (captions sit below). */
export const LANE_PADDING = 36;
/** Vertical distance between two rows of nodes in a band, laid out automatically. */
export const ROW_HEIGHT = 120;

export interface LaneBand {
  lane: Lane;
  /** Canvas y of the band's top edge. */
  top: number;
  /** Canvas y of the band's bottom edge (the next band's top). */
  bottom: number;
}

/** The three lines of a service blueprint, each drawn between two bands. */
export const LANE_LINES = [
  { between: ['customer', 'frontstage'], name: 'interaction' },
  { between: ['frontstage', 'backstage'], name: 'visibility' },
  { between: ['backstage', 'support'], name: 'internalInteraction' },
] as const;
export type LaneLineName = (typeof LANE_LINES)[number]['name'];

export function nodeSize(type: NodeType): { width: number; height: number } {
  return NODE_SIZES[type];
}

export function laneOf(node: Pick<NodeSpec, 'lane'>): Lane {
  return node.lane ?? DEFAULT_LANE;
}

/** A node as geometry sees it. */
type Placed = Pick<NodeSpec, 'id' | 'type' | 'lane' | 'position'>;

/**
 * The four bands, top to bottom. The first band starts at y = 0 (or higher if a customer node
 * sits above it); each band is tall enough to hold its lowest node plus {@link LANE_PADDING},
 * and at least {@link LANE_MIN_HEIGHT}.
 *
 * @param positionOf - the position to use for a node (lets a drag in progress be measured).
 */
export function computeLaneBands(
  nodes: readonly Placed[],
  positionOf: (node: Placed) => Position | undefined = (node) => node.position,
): LaneBand[] {
  const lowest = new Map<Lane, number>();
  let highestCustomer = Infinity;
  for (const node of nodes) {
    const position = positionOf(node);
    if (!position) continue;
    const lane = laneOf(node);
    const bottom = position.y + NODE_SIZES[node.type].height;
    lowest.set(lane, Math.max(lowest.get(lane) ?? -Infinity, bottom));
    if (lane === 'customer') highestCustomer = Math.min(highestCustomer, position.y);
  }
  const bands: LaneBand[] = [];
  let top = Math.min(0, highestCustomer - LANE_PADDING);
  for (const lane of LANES) {
    const contentBottom = lowest.get(lane);
    const height = Math.max(
      LANE_MIN_HEIGHT,
      contentBottom === undefined ? 0 : contentBottom + LANE_PADDING - top,
    );
    bands.push({ lane, top, bottom: top + height });
    top += height;
  }
  return bands;
}

/** The lane whose band holds canvas height `y`; above the first band is customer, below the last is support. */
export function laneAtY(bands: readonly LaneBand[], y: number): Lane {
  for (const band of bands) {
    if (y < band.bottom) return band.lane;
  }
  return bands[bands.length - 1]?.lane ?? DEFAULT_LANE;
}

export function bandOf(bands: readonly LaneBand[], lane: Lane): LaneBand {
  const band = bands.find((b) => b.lane === lane);
  if (!band) throw new Error(`The lane "${lane}" has no band.`);
  return band;
}

/** The lane a node dropped with its top-left corner at `position` lands in (by its centre). */
export function laneForDrop(bands: readonly LaneBand[], type: NodeType, position: Position): Lane {
  return laneAtY(bands, position.y + NODE_SIZES[type].height / 2);
}

/** Keeps a node's top inside its band (it may stick out at the bottom: the band then grows). */
export function clampIntoBand(band: LaneBand, y: number): number {
  const minimum = band.top + Math.min(LANE_PADDING / 2, 16);
  return Math.max(y, minimum);
}

/**
 * After nodes were placed, shifts the nodes of every band that a band above it grew into, so
 * that each node stays in its own band. Bands only push downwards; a band that shrank leaves the
 * bands below where they were (the next band simply starts higher).
 *
 * Returns the same array when nothing moved, and keeps unchanged node objects, so the canvas
 * re-renders only what moved.
 *
 * @param before - the bands as they were before the command placed its nodes.
 */
export function keepLanesApart<N extends Placed>(before: readonly LaneBand[], nodes: N[]): N[] {
  const offsets = new Map<Lane, number>();
  const lowest = new Map<Lane, number>();
  let highestCustomer = Infinity;
  for (const node of nodes) {
    if (!node.position) continue;
    const lane = laneOf(node);
    lowest.set(
      lane,
      Math.max(lowest.get(lane) ?? -Infinity, node.position.y + NODE_SIZES[node.type].height),
    );
    if (lane === 'customer') highestCustomer = Math.min(highestCustomer, node.position.y);
  }
  let top = Math.min(0, highestCustomer - LANE_PADDING);
  let moved = false;
  for (const lane of LANES) {
    const previous = bandOf(before, lane);
    const offset = Math.max(0, top - previous.top);
    if (offset > 0) {
      offsets.set(lane, offset);
      moved = true;
    }
    const contentBottom = lowest.get(lane);
    const shiftedBottom = contentBottom === undefined ? undefined : contentBottom + offset;
    const height = Math.max(
      LANE_MIN_HEIGHT,
      shiftedBottom === undefined ? 0 : shiftedBottom + LANE_PADDING - top,
    );
    top += height;
  }
  if (!moved) return nodes;
  return nodes.map((node) => {
    const offset = offsets.get(laneOf(node));
    if (!offset || !node.position) return node;
    return { ...node, position: { ...node.position, y: node.position.y + offset } };
  });
}

/** The smallest rectangle around the given nodes, or null when none has a position. */
export function boundsOf(
  nodes: readonly Placed[],
): { x: number; y: number; width: number; height: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    if (!node.position) continue;
    const size = NODE_SIZES[node.type];
    minX = Math.min(minX, node.position.x);
    minY = Math.min(minY, node.position.y);
    maxX = Math.max(maxX, node.position.x + size.width);
    maxY = Math.max(maxY, node.position.y + size.height);
  }
  if (minX === Infinity) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Canvas pixels kept free between a node and its neighbours when the app places one. */
export const NODE_GAP = 24;

/** Whether two placed nodes' rectangles come closer than `gap` to each other. */
export function overlaps(
  a: { type: NodeType; position: Position },
  b: { type: NodeType; position: Position },
  gap = NODE_GAP,
): boolean {
  const sa = NODE_SIZES[a.type];
  const sb = NODE_SIZES[b.type];
  return (
    a.position.x < b.position.x + sb.width + gap &&
    b.position.x < a.position.x + sa.width + gap &&
    a.position.y < b.position.y + sb.height + gap &&
    b.position.y < a.position.y + sa.height + gap
  );
}

/**
 * The nearest place at or right of `desired` where a node of this type overlaps none of
 * `nodes`: it moves right past whatever is in the way, one obstacle at a time.
 */
export function freePosition(
  nodes: readonly Placed[],
  type: NodeType,
  desired: Position,
): Position {
  const placed = nodes.filter((n): n is Placed & { position: Position } => Boolean(n.position));
  let position = desired;
  // Each move clears at least one obstacle, so this ends within the number of nodes.
  for (let i = 0; i <= placed.length; i++) {
    const blocker = placed.find((n) => overlaps({ type, position }, n));
    if (!blocker) return position;
    position = {
      x: blocker.position!.x + NODE_SIZES[blocker.type].width + NODE_GAP,
      y: position.y,
    };
  }
  return position;
}

/**
 * Width of the caption under a decision, bar, start or end, in canvas pixels (`.fp-caption` in
 * canvas.css): such a node takes this much room in its column, so its neighbours keep clear.
 */
export const CAPTION_WIDTH = 100;

/** A side of a node, where an edge leaves or enters it. */
export type Side = 'left' | 'right' | 'top' | 'bottom';

/**
 * Where along its top and bottom a node takes hand-offs, as a share of its width from the left.
 * A step's failure handle sits at the bottom centre, so a step takes hand-offs right of it and
 * the two kinds of edge stay apart; other shapes have no failure handle and use their centre.
 */
export function handOffAnchor(type: NodeType): number {
  return type === 'step' ? 0.75 : 0.5;
}

type PlacedAt = Placed & { position: Position };

function spansOverlap(a: PlacedAt, b: PlacedAt): boolean {
  const wa = NODE_SIZES[a.type].width;
  const wb = NODE_SIZES[b.type].width;
  return a.position.x < b.position.x + wb && b.position.x < a.position.x + wa;
}

/**
 * The sides an edge leaves and enters by. A hand-off (a normal edge to a node in another lane
 * that sits in the same column, wholly below or above the source; the node whose bottom it uses
 * must be a step, as the other shapes carry their caption there) leaves the source's bottom or
 * top and enters the target's top or bottom, as the actions of one stage are drawn in a service
 * blueprint. Every other normal edge leaves the right side; a failure edge leaves the bottom
 * centre of its step. Both enter the target's left side.
 */
export function edgeSides(
  source: PlacedAt,
  target: PlacedAt,
  kind: 'normal' | 'failure' = 'normal',
): { source: Side; target: Side } {
  if (kind === 'failure') return { source: 'bottom', target: 'left' };
  if (laneOf(source) !== laneOf(target) && spansOverlap(source, target)) {
    // Only a step has a free bottom: the other shapes carry their caption below them.
    if (
      source.type === 'step' &&
      target.position.y >= source.position.y + NODE_SIZES[source.type].height
    )
      return { source: 'bottom', target: 'top' };
    if (
      target.type === 'step' &&
      target.position.y + NODE_SIZES[target.type].height <= source.position.y
    )
      return { source: 'top', target: 'bottom' };
  }
  return { source: 'right', target: 'left' };
}

/** The point on a node's side where an edge of this kind attaches, in canvas pixels. */
export function anchorPoint(
  node: PlacedAt,
  side: Side,
  kind: 'normal' | 'failure' = 'normal',
): Position {
  const { width, height } = NODE_SIZES[node.type];
  const { x, y } = node.position;
  switch (side) {
    case 'left':
      return { x, y: y + height / 2 };
    case 'right':
      return { x: x + width, y: y + height / 2 };
    case 'top':
      return { x: x + width * handOffAnchor(node.type), y };
    case 'bottom':
      return {
        x: x + width * (kind === 'failure' ? 0.5 : handOffAnchor(node.type)),
        y: y + height,
      };
  }
}

/**
 * The polyline between two attachment points, in canvas pixels: the one shape rule that the
 * canvas, the SVG export and drop-to-split all use. Always four or five points, the second
 * segment being the long middle run where a label sits.
 *
 * - right → left: across to the middle, up or down, across (a straight line when level);
 * - bottom → top, top → bottom (a hand-off): down or up to the middle, across, on (a straight
 *   line when the anchors are above one another);
 * - bottom → left (a failure): down below both ends by {@link NODE_GAP}, across to
 *   {@link NODE_GAP} before the target, up or down to its middle, into its side.
 */
export function routeBetween(
  start: Position,
  startSide: Side,
  end: Position,
  endSide: Side,
): Position[] {
  if ((startSide === 'bottom' || startSide === 'top') && endSide !== 'left') {
    const middle = (start.y + end.y) / 2;
    return [start, { x: start.x, y: middle }, { x: end.x, y: middle }, end];
  }
  if (startSide === 'bottom') {
    const below = Math.max(start.y, end.y) + NODE_GAP;
    const before = end.x - NODE_GAP;
    return [start, { x: start.x, y: below }, { x: before, y: below }, { x: before, y: end.y }, end];
  }
  const middle = (start.x + end.x) / 2;
  return [start, { x: middle, y: start.y }, { x: middle, y: end.y }, end];
}

/**
 * The route an edge is drawn along, as a polyline in canvas pixels, by the rules of
 * {@link edgeSides} and {@link routeBetween}.
 */
export function edgeRoute(
  source: PlacedAt,
  target: PlacedAt,
  kind: 'normal' | 'failure' = 'normal',
): Position[] {
  const sides = edgeSides(source, target, kind);
  return routeBetween(
    anchorPoint(source, sides.source, kind),
    sides.source,
    anchorPoint(target, sides.target, kind),
    sides.target,
  );
}

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t =
    length === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The edge whose drawn route passes within `tolerance` canvas pixels of `point` (the closest
 * one), or null: where a node dropped at `point` splits an edge.
 */
export function edgeAt(
  document: {
    nodes: readonly Placed[];
    edges: readonly { id: string; source: string; target: string; kind?: 'normal' | 'failure' }[];
  },
  point: Position,
  tolerance = NODE_GAP,
): string | null {
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  let best: string | null = null;
  let bestDistance = tolerance;
  for (const edge of document.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source?.position || !target?.position) continue;
    const route = edgeRoute(
      source as Placed & { position: Position },
      target as Placed & { position: Position },
      edge.kind,
    );
    for (let i = 1; i < route.length; i++) {
      const distance = distanceToSegment(point, route[i - 1], route[i]);
      if (distance <= bestDistance) {
        best = edge.id;
        bestDistance = distance;
      }
    }
  }
  return best;
}
