/**
 * Where tokens are and how they look: edge routes as measured polylines (the same routes the
 * canvas draws its edges along, `edgeRoute` of the document geometry), and one frame of the
 * teaching overlay drawn on a 2D canvas in flow coordinates.
 */
import { edgeRoute, nodeSize } from '../../document/geometry';
import type { BlueprintDocument, NodeSpec, Position } from '../../sim/document';
import type { Walking } from './player';
import { DWELL, TAIL, type MarkKind } from './schedule';

/** A route as a polyline with its cumulative lengths, canvas pixels. */
export interface Route {
  points: Position[];
  /** Length from the first point to point i. */
  lengths: number[];
  length: number;
}

/** The blueprint's shape by model index: a route per edge, a centre per node. */
export interface Geometry {
  routes: (Route | null)[];
  centres: (Position | null)[];
}

/** A polyline measured for sampling. */
export function measure(points: Position[]): Route {
  const lengths = [0];
  for (let i = 1; i < points.length; i++) {
    lengths.push(
      lengths[i - 1] + Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y),
    );
  }
  return { points, lengths, length: lengths[lengths.length - 1] };
}

/** The point a share `t` (0–1) of the way along `route`. */
export function pointAlong(route: Route, t: number, out: Position = { x: 0, y: 0 }): Position {
  const target = Math.max(0, Math.min(1, t)) * route.length;
  const { points, lengths } = route;
  let i = 1;
  while (i < points.length - 1 && lengths[i] < target) i++;
  const span = lengths[i] - lengths[i - 1];
  const f = span > 0 ? (target - lengths[i - 1]) / span : 0;
  out.x = points[i - 1].x + (points[i].x - points[i - 1].x) * f;
  out.y = points[i - 1].y + (points[i].y - points[i - 1].y) * f;
  return out;
}

/**
 * The geometry of the model whose nodes and edges are `nodeIds` and `edgeIds` (model order),
 * drawn from `document` with the positions on screen (`positions`, by node id, where the canvas
 * has placed a node; the document's own position otherwise).
 */
export function blueprintGeometry(
  document: Pick<BlueprintDocument, 'nodes' | 'edges'>,
  nodeIds: readonly string[],
  edgeIds: readonly string[],
  positions: ReadonlyMap<string, Position>,
): Geometry {
  const placed = new Map<string, Pick<NodeSpec, 'id' | 'type' | 'lane'> & { position: Position }>();
  for (const node of document.nodes) {
    const position = positions.get(node.id) ?? node.position;
    if (position) placed.set(node.id, { ...node, position });
  }
  const edges = new Map(document.edges.map((e) => [e.id, e]));
  return {
    routes: edgeIds.map((id) => {
      const edge = edges.get(id);
      const source = edge && placed.get(edge.source);
      const target = edge && placed.get(edge.target);
      return edge && source && target ? measure(edgeRoute(source, target, edge.kind)) : null;
    }),
    centres: nodeIds.map((id) => {
      const node = placed.get(id);
      if (!node) return null;
      const size = nodeSize(node.type);
      return { x: node.position.x + size.width / 2, y: node.position.y + size.height / 2 };
    }),
  };
}

const COLOUR = {
  token: '#2563eb',
  failure: '#dc2626',
  recovered: '#d97706',
  served: '#16a34a',
  stopped: '#64748b',
} as const;

/** Radius of a token, canvas pixels at zoom 1. */
const TOKEN_RADIUS = 6;

const RING: Partial<Record<MarkKind, { colour: string; size: number; tick?: boolean }>> = {
  failed: { colour: COLOUR.failure, size: 30 },
  lost: { colour: COLOUR.failure, size: 36 },
  blockFailed: { colour: COLOUR.failure, size: 36 },
  rework: { colour: COLOUR.failure, size: 24 },
  recovered: { colour: COLOUR.recovered, size: 26, tick: true },
  served: { colour: COLOUR.served, size: 30 },
  stopped: { colour: COLOUR.stopped, size: 30 },
};

const point: Position = { x: 0, y: 0 };

/**
 * Draws the walks at player time `now` (seconds) onto `ctx`, whose transform already maps
 * flow coordinates to the canvas. `zoom` keeps tokens at least a few screen pixels wide when
 * the view is zoomed far out.
 */
export function drawWalks(
  ctx: CanvasRenderingContext2D,
  walks: readonly Walking[],
  now: number,
  geometry: Geometry,
  zoom: number,
): void {
  const radius = Math.max(TOKEN_RADIUS, 3 / zoom);
  ctx.lineWidth = Math.max(2, 1.5 / zoom);
  // Rings first, tokens on top.
  for (const walking of walks) {
    const step = (now - walking.started) / walking.stepSeconds;
    for (const mark of walking.walk.marks) {
      if (mark.at > step) break;
      const age = (step - mark.at) / TAIL;
      const ring = RING[mark.kind];
      const centre = geometry.centres[mark.node];
      if (!ring || !centre || age >= 1) continue;
      ctx.globalAlpha = 1 - age;
      ctx.strokeStyle = ring.colour;
      ctx.beginPath();
      ctx.arc(centre.x, centre.y, 8 + ring.size * age, 0, Math.PI * 2);
      ctx.stroke();
      if (ring.tick) {
        ctx.beginPath();
        ctx.moveTo(centre.x - 6, centre.y);
        ctx.lineTo(centre.x - 1, centre.y + 5);
        ctx.lineTo(centre.x + 8, centre.y - 6);
        ctx.stroke();
      }
    }
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = '#ffffff';
  for (const walking of walks) {
    const step = (now - walking.started) / walking.stepSeconds;
    const { moves, marks } = walking.walk;
    for (let i = 0; i < moves.length; i++) {
      const move = moves[i];
      if (move.start > step) break;
      // A token moving, or resting at the node it has just reached (until it leaves again).
      let t: number;
      if (step < move.end) t = (step - move.start) / (move.end - move.start);
      else if (step < move.end + DWELL && !leftAgain(moves, i, step)) t = 1;
      else continue;
      const route = geometry.routes[move.edge];
      if (!route) continue;
      pointAlong(route, t, point);
      ctx.fillStyle = move.failure ? COLOUR.failure : COLOUR.token;
      ctx.beginPath();
      ctx.arc(point.x, point.y, radius, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
    // The end: the customer's token rests at its end, green when served.
    const last = marks[marks.length - 1];
    if (last && step >= last.at) {
      const centre = geometry.centres[last.node];
      if (centre) {
        ctx.globalAlpha = Math.max(0, 1 - (step - last.at) / TAIL);
        ctx.fillStyle =
          last.kind === 'served'
            ? COLOUR.served
            : last.kind === 'stopped'
              ? COLOUR.stopped
              : COLOUR.failure;
        ctx.beginPath();
        ctx.arc(centre.x, centre.y, radius * 1.2, 0, Math.PI * 2);
        ctx.fill();
        ctx.stroke();
        ctx.globalAlpha = 1;
      }
    }
  }
}

/** Whether the token of move `i` has already started another move at `step`. */
function leftAgain(moves: readonly { token: number; start: number }[], i: number, step: number) {
  const token = moves[i].token;
  for (let j = i + 1; j < moves.length && moves[j].start <= step; j++) {
    if (moves[j].token === token) return true;
  }
  return false;
}
