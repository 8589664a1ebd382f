/**
 * The playback schedule of the teaching mode: one traced customer's events turned into timed
 * token moves and marks, on a clock counted in steps (one step = the time a token takes along
 * one edge). The trace worker schedules customers and sends them packed ({@link packWalks}), so
 * the page only plays them.
 *
 * The trace walks a parallel block's branches one after the other; here every token keeps its
 * own clock, so branches that split together move together, and the block's token leaves the
 * join when its slowest branch has arrived. A node holds a token for {@link DWELL} of a step
 * before it leaves: a recovery or a failure shows there, in the middle of that dwell.
 *
 * Marks count what `runTrace` counts ({@link countMark}): applying all of a customer's marks
 * counts that customer exactly as its events do.
 */
import { EVENT, OUTCOME, type TraceBatch, type TraceCounts } from './trace-batch';

/** Steps a token stays at a node before it leaves. */
export const DWELL = 0.4;
/** Steps a customer's walk lasts after its end, while its last mark fades. */
export const TAIL = 0.6;

/** A token going along an edge from `start` to `end` (steps since the customer started). */
export interface TokenMove {
  token: number;
  /** Edge index in the model. */
  edge: number;
  start: number;
  end: number;
  /** Along a failure edge, after a failure not caught: the token is drawn red. */
  failure: boolean;
}

/**
 * Something that happens at a node: `arrive` (a visit), `recovered` (a failure caught),
 * `failed` (a failure not caught), `rework` (a failure sent back along its failure edge, drawn
 * with `failed`), `blockFailed` (a parallel block judged failed at its join), and the end:
 * `served`, `lost` (the customer's fail point) or `stopped` (the loop guard).
 */
export type MarkKind =
  'arrive' | 'recovered' | 'failed' | 'rework' | 'blockFailed' | 'served' | 'lost' | 'stopped';

export interface Mark {
  kind: MarkKind;
  /** Node index in the model. */
  node: number;
  /** Steps since the customer started. */
  at: number;
}

/** One customer's walk, ready to play. */
export interface CustomerWalk {
  customer: number;
  /** Moves, by start time. */
  moves: TokenMove[];
  /** Marks, by time. */
  marks: Mark[];
  /** Steps from the start to the end of the walk, its fading tail included. */
  duration: number;
  outcome: 'served' | 'lost' | 'stopped';
}

/** Customer `index` of `batch` (0 for its first) as a walk to play. */
export function scheduleCustomer(batch: TraceBatch, index: number): CustomerWalk {
  const clock = new Map<number, number>([[0, 0]]);
  const blocks = new Map<number, number[]>();
  const moves: TokenMove[] = [];
  const marks: Mark[] = [];
  let outcome: CustomerWalk['outcome'] = 'stopped';
  let last = 0;
  const leave = (token: number, edge: number, failure: boolean) => {
    const at = clock.get(token) ?? 0;
    if (edge < 0) return;
    moves.push({ token, edge, start: at + DWELL, end: at + DWELL + 1, failure });
    clock.set(token, at + DWELL + 1);
  };
  for (let i = batch.starts[index]; i < batch.starts[index + 1]; i++) {
    const token = batch.token[i];
    const node = batch.node[i];
    const edge = batch.edge[i];
    const now = clock.get(token) ?? 0;
    switch (batch.kind[i]) {
      case EVENT.arrive:
        marks.push({ kind: 'arrive', node, at: now });
        break;
      case EVENT.done:
      case EVENT.routed:
        leave(token, edge, false);
        break;
      case EVENT.recovered:
        marks.push({ kind: 'recovered', node, at: now + DWELL / 2 });
        leave(token, edge, false);
        break;
      case EVENT.failed:
        marks.push({ kind: edge >= 0 ? 'rework' : 'failed', node, at: now + DWELL / 2 });
        if (edge < 0) clock.set(token, now + DWELL / 2);
        leave(token, edge, true);
        break;
      case EVENT.split: {
        const branch = batch.extra[i];
        const list = blocks.get(token) ?? [];
        list.push(branch);
        blocks.set(token, list);
        clock.set(branch, now);
        leave(branch, edge, false);
        break;
      }
      case EVENT.joined: {
        const branches = blocks.get(token) ?? [];
        blocks.delete(token);
        const joined = Math.max(now, ...branches.map((b) => clock.get(b) ?? now));
        clock.set(token, joined);
        if (batch.extra[i] === 0) {
          marks.push({ kind: 'blockFailed', node, at: joined + DWELL / 2 });
        }
        leave(token, edge, false);
        break;
      }
      case EVENT.ended: {
        const code = batch.extra[i];
        outcome =
          code === OUTCOME.success ? 'served' : code === OUTCOME.failure ? 'lost' : 'stopped';
        const at = now + DWELL / 2;
        marks.push({ kind: outcome, node, at });
        last = at;
        break;
      }
      default:
        break;
    }
  }
  for (const move of moves) last = Math.max(last, move.end);
  moves.sort((a, b) => a.start - b.start);
  // A stable sort keeps a node's arrival before what happens there at the same time.
  marks.sort((a, b) => a.at - b.at);
  return {
    customer: batch.first + index,
    moves,
    marks,
    duration: last + TAIL,
    outcome,
  };
}

/** Codes of the mark kinds in {@link WalkBatch.marks}. */
export const MARK = {
  arrive: 0,
  recovered: 1,
  failed: 2,
  rework: 3,
  blockFailed: 4,
  served: 5,
  lost: 6,
  stopped: 7,
} as const satisfies Record<MarkKind, number>;
export type MarkCode = (typeof MARK)[MarkKind];

/** Numbers per move in {@link WalkBatch.moves}: token, edge, start, end, failure (1 or 0). */
export const MOVE_FIELDS = 5;
/** Numbers per mark in {@link WalkBatch.marks}: kind ({@link MARK}), node, at. */
export const MARK_FIELDS = 3;

/**
 * Customers `first` to `first + count - 1` as walks, packed in a few typed arrays: customer
 * `first + i` has moves `moveStarts[i]` to `moveStarts[i + 1] - 1` (by start time) and marks
 * `markStarts[i]` to `markStarts[i + 1] - 1` (by time), and lasts `durations[i]` steps.
 */
export interface WalkBatch {
  first: number;
  count: number;
  moveStarts: Uint32Array;
  moves: Float32Array;
  markStarts: Uint32Array;
  marks: Float32Array;
  durations: Float32Array;
}

/** Every customer of `batch` scheduled and packed. */
export function packWalks(batch: TraceBatch): WalkBatch {
  const walks: CustomerWalk[] = [];
  let moveCount = 0;
  let markCount = 0;
  for (let i = 0; i < batch.count; i++) {
    const walk = scheduleCustomer(batch, i);
    walks.push(walk);
    moveCount += walk.moves.length;
    markCount += walk.marks.length;
  }
  const moveStarts = new Uint32Array(batch.count + 1);
  const markStarts = new Uint32Array(batch.count + 1);
  const moves = new Float32Array(moveCount * MOVE_FIELDS);
  const marks = new Float32Array(markCount * MARK_FIELDS);
  const durations = new Float32Array(batch.count);
  let m = 0;
  let k = 0;
  walks.forEach((walk, i) => {
    moveStarts[i] = m;
    markStarts[i] = k;
    durations[i] = walk.duration;
    for (const move of walk.moves) {
      const at = m++ * MOVE_FIELDS;
      moves[at] = move.token;
      moves[at + 1] = move.edge;
      moves[at + 2] = move.start;
      moves[at + 3] = move.end;
      moves[at + 4] = move.failure ? 1 : 0;
    }
    for (const mark of walk.marks) {
      const at = k++ * MARK_FIELDS;
      marks[at] = MARK[mark.kind];
      marks[at + 1] = mark.node;
      marks[at + 2] = mark.at;
    }
  });
  moveStarts[batch.count] = m;
  markStarts[batch.count] = k;
  return {
    first: batch.first,
    count: batch.count,
    moveStarts,
    moves,
    markStarts,
    marks,
    durations,
  };
}

/** The buffers of a walk batch, to transfer rather than copy. */
export function walkBuffers(walks: WalkBatch): ArrayBuffer[] {
  return [walks.moveStarts, walks.moves, walks.markStarts, walks.marks, walks.durations].map(
    (array) => array.buffer as ArrayBuffer,
  );
}

/**
 * Counts a mark reached: an arrival, a failure caught or not, and the end of a customer (served,
 * lost at `node`, or stopped), as `runTrace` counts the events they come from.
 */
export function countMark(counts: TraceCounts, kind: number, node: number): void {
  switch (kind) {
    case MARK.arrive:
      counts.arrived[node]++;
      break;
    case MARK.recovered:
      counts.recovered[node]++;
      break;
    case MARK.failed:
    case MARK.rework:
      counts.failed[node]++;
      break;
    case MARK.served:
      counts.customers++;
      counts.successes++;
      break;
    case MARK.lost:
      counts.customers++;
      counts.failures++;
      counts.failPoints[node]++;
      break;
    case MARK.stopped:
      counts.customers++;
      counts.stopped++;
      break;
    default:
      break;
  }
}
