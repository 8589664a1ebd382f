/**
 * Where tokens are and how they look: edge routes as measured polylines (the same routes the
 * canvas draws its edges along, `edgeRoute` of the document geometry), and one frame of the
 * teaching overlay drawn on a 2D canvas in flow coordinates.
 */
import { edgeRoute, nodeSize } from '../../document/geometry';
import type { BlueprintDocument, NodeSpec, Position } from '../../sim/document';
import type { Walking } from './player';
import { DWELL, MARK, MARK_FIELDS, MOVE_FIELDS, TAIL } from '../../workers/trace-walks';

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

/** The ring a mark draws, by mark code: colour, growth (canvas pixels), a tick for a catch. */
const RINGS: ({ colour: string; size: number; tick?: boolean } | null)[] = [];
RINGS[MARK.arrive] = null;
RINGS[MARK.failed] = { colour: COLOUR.failure, size: 30 };
RINGS[MARK.lost] = { colour: COLOUR.failure, size: 36 };
RINGS[MARK.blockFailed] = { colour: COLOUR.failure, size: 36 };
RINGS[MARK.rework] = { colour: COLOUR.failure, size: 24 };
RINGS[MARK.recovered] = { colour: COLOUR.recovered, size: 26, tick: true };
RINGS[MARK.served] = { colour: COLOUR.served, size: 30 };
RINGS[MARK.stopped] = { colour: COLOUR.stopped, size: 30 };

const point: Position = { x: 0, y: 0 };
/** Positions (x, y, x, y…) of the tokens drawn red in a frame, reused from frame to frame. */
const failing: number[] = [];

/**
 * The first of the `count` records from `from` (of `fields` numbers each, sorted on the number
 * at `offset`) whose number at `offset` is at least `value`.
 */
function firstAtLeast(
  data: Float32Array,
  fields: number,
  offset: number,
  from: number,
  to: number,
  value: number,
): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (data[middle * fields + offset] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Draws the walks at player time `now` (seconds) onto `ctx`, whose transform already maps
 * flow coordinates to the canvas. `zoom` keeps tokens at least a few screen pixels wide when
 * the view is zoomed far out. Each walk costs only the moves and marks around its present
 * moment (found by bisection), however long the walk.
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
    const { marks, markStarts } = walking.batch;
    const end = markStarts[walking.index + 1];
    const from = firstAtLeast(marks, MARK_FIELDS, 2, markStarts[walking.index], end, step - TAIL);
    for (let k = from; k < end; k++) {
      const at = marks[k * MARK_FIELDS + 2];
      if (at > step) break;
      const ring = RINGS[marks[k * MARK_FIELDS]];
      const centre = geometry.centres[marks[k * MARK_FIELDS + 1]];
      if (!ring || !centre) continue;
      const age = (step - at) / TAIL;
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
  // Tokens of one colour are drawn as one path: a few hundred dots cost two fills.
  failing.length = 0;
  ctx.beginPath();
  for (const walking of walks) {
    const step = (now - walking.started) / walking.stepSeconds;
    const { moves, moveStarts } = walking.batch;
    const end = moveStarts[walking.index + 1];
    // Moves last one step and are sorted by start: those still on screen started after this.
    const from = firstAtLeast(
      moves,
      MOVE_FIELDS,
      2,
      moveStarts[walking.index],
      end,
      step - 1 - DWELL,
    );
    for (let i = from; i < end; i++) {
      const base = i * MOVE_FIELDS;
      const start = moves[base + 2];
      if (start > step) break;
      const finish = moves[base + 3];
      // A token moving, or resting at the node it has just reached (until it leaves again).
      let t: number;
      if (step < finish) t = (step - start) / (finish - start);
      else if (step < finish + DWELL && !leftAgain(moves, i, end, step)) t = 1;
      else continue;
      const route = geometry.routes[moves[base + 1]];
      if (!route) continue;
      pointAlong(route, t, point);
      if (moves[base + 4]) failing.push(point.x, point.y);
      else {
        ctx.moveTo(point.x + radius, point.y);
        ctx.arc(point.x, point.y, radius, 0, Math.PI * 2);
      }
    }
  }
  ctx.fillStyle = COLOUR.token;
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  for (let i = 0; i < failing.length; i += 2) {
    ctx.moveTo(failing[i] + radius, failing[i + 1]);
    ctx.arc(failing[i], failing[i + 1], radius, 0, Math.PI * 2);
  }
  ctx.fillStyle = COLOUR.failure;
  ctx.fill();
  ctx.stroke();
  for (const walking of walks) {
    const step = (now - walking.started) / walking.stepSeconds;
    const { marks, markStarts, durations } = walking.batch;
    // The end: the customer's token rests at its end, green when served, fading out.
    const last = markStarts[walking.index + 1] - 1;
    const endsAt = marks[last * MARK_FIELDS + 2];
    if (last >= markStarts[walking.index] && step >= endsAt && step < durations[walking.index]) {
      const centre = geometry.centres[marks[last * MARK_FIELDS + 1]];
      const kind = marks[last * MARK_FIELDS];
      if (centre) {
        ctx.globalAlpha = Math.max(0, 1 - (step - endsAt) / TAIL);
        ctx.fillStyle =
          kind === MARK.served
            ? COLOUR.served
            : kind === MARK.stopped
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
function leftAgain(moves: Float32Array, i: number, end: number, step: number): boolean {
  const token = moves[i * MOVE_FIELDS];
  for (let j = i + 1; j < end && moves[j * MOVE_FIELDS + 2] <= step; j++) {
    if (moves[j * MOVE_FIELDS] === token) return true;
  }
  return false;
}
