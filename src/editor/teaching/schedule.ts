/**
 * The playback schedule: one traced customer's events turned into timed token moves and marks,
 * on a clock counted in steps (one step = the time a token takes along one edge).
 *
 * The trace walks a parallel block's branches one after the other; here every token keeps its
 * own clock, so branches that split together move together, and the block's token leaves the
 * join when its slowest branch has arrived. A node holds a token for {@link DWELL} of a step
 * before it leaves: a recovery or a failure shows there, in the middle of that dwell.
 *
 * Marks that count (arrivals, recoveries, failures, the end) carry the index of their record in
 * the batch: applying a customer's marks applies every one of its counted records once.
 */
import { EVENT, OUTCOME, type TraceBatch } from '../../workers/trace-batch';

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
  /** Index of the record counted when the mark is reached, or -1 when it counts nothing. */
  record: number;
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
  /** The batch the marks' records belong to. */
  batch: TraceBatch;
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
        marks.push({ kind: 'arrive', node, at: now, record: i });
        break;
      case EVENT.done:
      case EVENT.routed:
        leave(token, edge, false);
        break;
      case EVENT.recovered:
        marks.push({ kind: 'recovered', node, at: now + DWELL / 2, record: i });
        leave(token, edge, false);
        break;
      case EVENT.failed:
        marks.push({ kind: edge >= 0 ? 'rework' : 'failed', node, at: now + DWELL / 2, record: i });
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
          marks.push({ kind: 'blockFailed', node, at: joined + DWELL / 2, record: -1 });
        }
        leave(token, edge, false);
        break;
      }
      case EVENT.ended: {
        const code = batch.extra[i];
        outcome =
          code === OUTCOME.success ? 'served' : code === OUTCOME.failure ? 'lost' : 'stopped';
        const at = now + DWELL / 2;
        marks.push({ kind: outcome, node, at, record: i });
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
    batch,
  };
}

/** Every customer of `batch` as walks, in order. */
export function scheduleBatch(batch: TraceBatch): CustomerWalk[] {
  const walks: CustomerWalk[] = [];
  for (let i = 0; i < batch.count; i++) walks.push(scheduleCustomer(batch, i));
  return walks;
}
