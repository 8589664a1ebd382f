/**
 * Automatic layout into the lanes.
 *
 * A layout engine decides the columns and the order of the nodes (left to right); the rows are
 * then packed per lane by {@link placeInLanes}, so that every node lands in its own lane's band
 * whatever the engine would have done with the vertical axis. The app uses ELK's layered
 * algorithm behind the {@link LayoutEngine} interface; {@link quickLayout} does the same from a
 * simple longest-path layering in a few milliseconds, needs nothing outside this room (the
 * command line and file importers use it), gives a blueprint without positions something
 * sensible to show at once while ELK works, and is the fallback if ELK fails.
 */
import type { BlueprintDocument, NodeSpec, Position } from '../sim/document';
import { LANES, type Lane } from '../sim/model';
import {
  CAPTION_WIDTH,
  LANE_MIN_HEIGHT,
  LANE_PADDING,
  NODE_SIZES,
  ROW_HEIGHT,
  handOffAnchor,
  laneOf,
} from './geometry';

/** Lays a blueprint out: a position (top-left corner) for every node, each inside its band. */
export interface LayoutEngine {
  readonly name: string;
  layout(document: BlueprintDocument): Promise<Map<string, Position>>;
}

/** The quick layered layout as a {@link LayoutEngine}. */
export const quickLayoutEngine: LayoutEngine = {
  name: 'quick',
  layout: (document) => Promise.resolve(quickLayout(document)),
};

/** Where a layered layout put a node: its column (left edge, x) and an ordering key within it. */
export interface ColumnPlacement {
  x: number;
  order: number;
}

/** Canvas pixels between the bodies of two neighbouring columns' nodes (room for an arrow). */
export const COLUMN_GAP = 24;
/** Canvas pixels kept between the captions of two neighbouring columns. */
const CAPTION_GAP = 8;
/** The centre line of a row sits half the tallest node below the row's top. */
const ROW_CENTRE = Math.max(...Object.values(NODE_SIZES).map((s) => s.height)) / 2;

/**
 * Turns columns and orders into positions inside the lane bands: in each lane, nodes are taken
 * in order and each goes to the first row where it does not overlap the node before it in that
 * row; each band is then as tall as its rows need (at least {@link LANE_MIN_HEIGHT}), rows
 * centred in a band that has room to spare.
 */
export function placeInLanes(
  nodes: readonly NodeSpec[],
  columns: ReadonlyMap<string, ColumnPlacement>,
): Map<string, Position> {
  const byLane = new Map<Lane, NodeSpec[]>(LANES.map((lane) => [lane, []]));
  for (const node of nodes) byLane.get(laneOf(node))!.push(node);

  const positions = new Map<string, Position>();
  let top = 0;
  for (const lane of LANES) {
    const members = byLane.get(lane)!;
    members.sort((a, b) => {
      const pa = columns.get(a.id);
      const pb = columns.get(b.id);
      return (pa?.order ?? 0) - (pb?.order ?? 0) || (pa?.x ?? 0) - (pb?.x ?? 0);
    });
    // Each row keeps the horizontal intervals it holds; a node goes to the first row where it
    // overlaps none (nodes come in the engine's vertical order, not left to right). Columns
    // never overlap, so nodes of neighbouring columns share a row and one column's stack.
    const rows: { start: number; end: number }[][] = [];
    const relative = new Map<string, Position>();
    let contentTop = Infinity;
    let contentBottom = -Infinity;
    for (const node of members) {
      const size = NODE_SIZES[node.type];
      const x = columns.get(node.id)?.x ?? 0;
      const start = x;
      const end = x + size.width;
      let row = rows.findIndex((taken) => taken.every((t) => t.end <= start || t.start >= end));
      if (row === -1) {
        row = rows.length;
        rows.push([]);
      }
      rows[row].push({ start: x, end: x + size.width });
      const y = row * ROW_HEIGHT + ROW_CENTRE - size.height / 2;
      relative.set(node.id, { x, y });
      contentTop = Math.min(contentTop, y);
      contentBottom = Math.max(contentBottom, y + size.height);
    }
    if (members.length === 0) {
      top += LANE_MIN_HEIGHT;
      continue;
    }
    const extent = contentBottom - contentTop;
    const spare = Math.max(0, LANE_MIN_HEIGHT - (extent + 2 * LANE_PADDING));
    const offset = top + LANE_PADDING + spare / 2 - contentTop;
    for (const [id, p] of relative)
      positions.set(id, { x: Math.round(p.x), y: Math.round(p.y + offset) });
    top += Math.max(LANE_MIN_HEIGHT, extent + 2 * LANE_PADDING + spare);
  }
  return positions;
}

/** How much room a node takes across its column: its body, or its caption when wider. */
export function footprint(type: NodeSpec['type']): number {
  const width = NODE_SIZES[type].width;
  return type === 'step' ? width : Math.max(width, CAPTION_WIDTH);
}

/**
 * Turns layers (0, 1, 2, … from the left, as a layered layout found them) into columns the way
 * a service blueprint is drawn: a node reached by a single normal edge from a node in another
 * lane (a hand-off) sits in that node's column, directly below or above it, when its own lane
 * and every lane the straight edge would cross are free there; everything else goes one column
 * right of its rightmost predecessor. Only a step hands off downwards and only a step is handed
 * off to upwards: the other shapes carry their caption below them. Columns are as wide as their widest node (or caption),
 * {@link COLUMN_GAP} apart; a node is centred in its column, and one handed off to is lined up
 * under its predecessor's hand-off point when it fits, so the edge between them is straight.
 *
 * @param layers - each node's layer; edges that do not go to a higher layer are loops back and
 *   do not place anything.
 * @param order - the ordering key within a column (for {@link placeInLanes}).
 */
export function stageColumns(
  document: Pick<BlueprintDocument, 'nodes' | 'edges'>,
  layers: ReadonlyMap<string, number>,
  order: ReadonlyMap<string, number>,
): Map<string, ColumnPlacement> {
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, { source: string; failure: boolean }[]>();
  for (const edge of document.edges) {
    const from = layers.get(edge.source);
    const to = layers.get(edge.target);
    if (from === undefined || to === undefined || to <= from) continue;
    if (!incoming.has(edge.target)) incoming.set(edge.target, []);
    incoming.get(edge.target)!.push({ source: edge.source, failure: edge.kind === 'failure' });
  }
  const sorted = [...document.nodes].sort(
    (a, b) =>
      (layers.get(a.id) ?? 0) - (layers.get(b.id) ?? 0) ||
      (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
  const column = new Map<string, number>();
  /** Cells (lane, column) holding a node or crossed by a hand-off. */
  const taken = new Set<string>();
  const cell = (lane: Lane, at: number) => `${lane}@${at}`;
  /** Nodes that already hand off downwards or upwards (one each way keeps the edges apart). */
  const handsOff = new Set<string>();
  const pulled = new Map<string, string>();
  for (const node of sorted) {
    const preds = incoming.get(node.id) ?? [];
    let at = 0;
    for (const p of preds) at = Math.max(at, (column.get(p.source) ?? 0) + 1);
    const lane = laneOf(node);
    if (preds.length === 1 && !preds[0].failure) {
      const source = byId.get(preds[0].source)!;
      const sourceLane = laneOf(source);
      const from = LANES.indexOf(sourceLane);
      const to = LANES.indexOf(lane);
      const shared = column.get(source.id) ?? 0;
      const direction = `${source.id}:${to > from ? 'down' : 'up'}`;
      const crossed = LANES.slice(Math.min(from, to), Math.max(from, to) + 1).filter(
        (l) => l !== sourceLane,
      );
      // Only a step has a free bottom (other shapes carry their caption there).
      const bottomFree = to > from ? source.type === 'step' : node.type === 'step';
      if (
        from !== to &&
        bottomFree &&
        !handsOff.has(direction) &&
        crossed.every((l) => !taken.has(cell(l, shared)))
      ) {
        at = shared;
        handsOff.add(direction);
        pulled.set(node.id, source.id);
        for (const l of crossed) taken.add(cell(l, shared));
      }
    }
    column.set(node.id, at);
    taken.add(cell(lane, at));
  }
  // Column widths, and the part of each column only captions use (it counts towards the gap).
  const widths: number[] = [];
  const bodies: number[] = [];
  for (const node of document.nodes) {
    const at = column.get(node.id)!;
    widths[at] = Math.max(widths[at] ?? 0, footprint(node.type));
    bodies[at] = Math.max(bodies[at] ?? 0, NODE_SIZES[node.type].width);
  }
  const left: number[] = [];
  let x = 0;
  for (let i = 0; i < widths.length; i++) {
    const width = widths[i] ?? 0;
    const slack = (width - (bodies[i] ?? 0)) / 2;
    if (i > 0) {
      const previous = widths[i - 1] ?? 0;
      const previousSlack = (previous - (bodies[i - 1] ?? 0)) / 2;
      x += Math.max(CAPTION_GAP, COLUMN_GAP - previousSlack - slack);
    }
    left[i] = x;
    x += width;
  }
  const x0 = new Map<string, number>();
  for (const node of document.nodes) {
    const at = column.get(node.id)!;
    x0.set(node.id, left[at] + ((widths[at] ?? 0) - NODE_SIZES[node.type].width) / 2);
  }
  // Line each hand-off up (sources before targets, so a chain of hand-offs lines up in turn):
  // move the target under the source's hand-off point, or else the source over the target's.
  const inColumn = (node: NodeSpec, x: number) => {
    const at = column.get(node.id)!;
    return x >= left[at] && x + NODE_SIZES[node.type].width <= left[at] + (widths[at] ?? 0);
  };
  const anchorX = (node: NodeSpec) =>
    x0.get(node.id)! + NODE_SIZES[node.type].width * handOffAnchor(node.type);
  for (const node of sorted) {
    const source = pulled.get(node.id);
    if (!source) continue;
    const from = byId.get(source)!;
    const target = anchorX(from) - NODE_SIZES[node.type].width * handOffAnchor(node.type);
    if (inColumn(node, target)) {
      x0.set(node.id, target);
      continue;
    }
    const moved = anchorX(node) - NODE_SIZES[from.type].width * handOffAnchor(from.type);
    if (!pulled.has(source) && inColumn(from, moved)) x0.set(source, moved);
  }
  const columns = new Map<string, ColumnPlacement>();
  for (const node of document.nodes) {
    columns.set(node.id, { x: x0.get(node.id)!, order: order.get(node.id) ?? 0 });
  }
  return columns;
}

/**
 * A fast layered layout: each node's column is the length of the longest path from the start
 * that reaches it without going around a loop; nodes are ordered by when a depth-first walk
 * from the start meets them. Linear in the size of the blueprint.
 */
export function quickLayout(document: BlueprintDocument): Map<string, Position> {
  const out = new Map<string, string[]>();
  for (const node of document.nodes) out.set(node.id, []);
  for (const edge of document.edges) {
    if (out.has(edge.source) && out.has(edge.target)) out.get(edge.source)!.push(edge.target);
  }
  // Depth-first walk (iterative: blueprints can be deep) to find back edges and a discovery order.
  const order = new Map<string, number>();
  const onPath = new Set<string>();
  const forward = new Map<string, string[]>();
  const starts = document.nodes.filter((n) => n.type === 'start').map((n) => n.id);
  const roots = [...starts, ...document.nodes.map((n) => n.id)];
  for (const root of roots) {
    if (order.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    order.set(root, order.size);
    onPath.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const targets = out.get(frame.id)!;
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (onPath.has(target)) continue; // a loop back: not used for columns
        if (!forward.has(frame.id)) forward.set(frame.id, []);
        forward.get(frame.id)!.push(target);
        if (!order.has(target)) {
          order.set(target, order.size);
          onPath.add(target);
          stack.push({ id: target, next: 0 });
        }
      } else {
        onPath.delete(frame.id);
        stack.pop();
      }
    }
  }
  // Longest path over the forward edges, in topological order (Kahn).
  const indegree = new Map<string, number>(document.nodes.map((n) => [n.id, 0]));
  for (const targets of forward.values()) {
    for (const t of targets) indegree.set(t, indegree.get(t)! + 1);
  }
  const column = new Map<string, number>(document.nodes.map((n) => [n.id, 0]));
  const queue = document.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const t of forward.get(id) ?? []) {
      column.set(t, Math.max(column.get(t)!, column.get(id)! + 1));
      const left = indegree.get(t)! - 1;
      indegree.set(t, left);
      if (left === 0) queue.push(t);
    }
  }
  const columns = stageColumns(document, column, order);
  return placeInLanes(document.nodes, columns);
}

/** Returns the document with the given positions (nodes not in the map keep theirs). */
export function withPositions(
  document: BlueprintDocument,
  positions: ReadonlyMap<string, Position>,
): BlueprintDocument {
  let changed = false;
  const nodes = document.nodes.map((node) => {
    const p = positions.get(node.id);
    if (!p || (node.position && node.position.x === p.x && node.position.y === p.y)) return node;
    changed = true;
    return { ...node, position: node.position?.notes ? { ...p, notes: node.position.notes } : p };
  });
  return changed ? { ...document, nodes } : document;
}

/** Whether some node has no position (such a file gets a layout when it is opened). */
export function needsLayout(document: BlueprintDocument): boolean {
  return document.nodes.some((node) => !node.position);
}
