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
import { LANE_MIN_HEIGHT, LANE_PADDING, NODE_SIZES, ROW_HEIGHT, laneOf } from './geometry';

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

const COLUMN_WIDTH = NODE_SIZES.step.width + 64;
const ROW_GAP = 48;
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
    // overlaps none (nodes come in ELK's vertical order, not left to right, so any gap counts).
    const rows: { start: number; end: number }[][] = [];
    const relative = new Map<string, Position>();
    let contentTop = Infinity;
    let contentBottom = -Infinity;
    for (const node of members) {
      const size = NODE_SIZES[node.type];
      const x = columns.get(node.id)?.x ?? 0;
      const start = x - ROW_GAP;
      const end = x + size.width + ROW_GAP;
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
  const columns = new Map<string, ColumnPlacement>();
  for (const node of document.nodes) {
    const size = NODE_SIZES[node.type];
    columns.set(node.id, {
      x: column.get(node.id)! * COLUMN_WIDTH + (NODE_SIZES.step.width - size.width) / 2,
      order: order.get(node.id) ?? 0,
    });
  }
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
