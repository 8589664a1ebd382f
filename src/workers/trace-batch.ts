/**
 * Traced customers packed for the trip from a worker to the page, and counted.
 *
 * The teaching mode walks hundreds of customers a second: their events are packed in a handful
 * of typed arrays per batch instead of one object per event, and scheduled from there
 * (`trace-walks.ts`). {@link countCustomers} counts a batch the way `runTrace` counts its
 * customers, from the very same events: the reference the teaching counters are tested
 * against.
 */
import type { Tracer } from '../sim/trace';

/** Codes of the event kinds in {@link TraceBatch.kind}. */
export const EVENT = {
  arrive: 0,
  done: 1,
  recovered: 2,
  failed: 3,
  routed: 4,
  split: 5,
  joined: 6,
  ended: 7,
} as const;
export type EventCode = (typeof EVENT)[keyof typeof EVENT];

/** Codes of a customer's outcome, in the `extra` of an `ended` record. */
export const OUTCOME = { success: 0, failure: 1, stopped: 2 } as const;

/**
 * The events of customers `first` to `first + count - 1`, one record per event in trace order
 * (a `split` gives one record per branch). Customer `first + i` owns records `starts[i]` to
 * `starts[i + 1] - 1`.
 *
 * `extra` holds, by kind: the branch's token (`split`), 1 when the block passed (`joined`), the
 * {@link OUTCOME} code (`ended`), 0 otherwise. `edge` is the edge taken (-1 for none), or the
 * branch's first edge for `split`.
 */
export interface TraceBatch {
  /** Number of the first customer, from 1. */
  first: number;
  count: number;
  starts: Uint32Array;
  kind: Uint8Array;
  token: Int32Array;
  node: Int32Array;
  edge: Int32Array;
  extra: Int32Array;
}

/** Walks customers `first` to `first + count - 1` of `seed` and packs their events. */
export function traceBatch(tracer: Tracer, seed: number, first: number, count: number): TraceBatch {
  const starts = new Uint32Array(count + 1);
  const kind: number[] = [];
  const token: number[] = [];
  const node: number[] = [];
  const edge: number[] = [];
  const extra: number[] = [];
  const push = (k: EventCode, t: number, v: number, e: number, x: number) => {
    kind.push(k);
    token.push(t);
    node.push(v);
    edge.push(e);
    extra.push(x);
  };
  for (let i = 0; i < count; i++) {
    starts[i] = kind.length;
    for (const event of tracer.customer(seed, first + i)) {
      switch (event.kind) {
        case 'arrive':
          push(EVENT.arrive, event.token, event.node, -1, 0);
          break;
        case 'split':
          for (const branch of event.branches) {
            push(EVENT.split, event.token, event.node, branch.edge, branch.token);
          }
          break;
        case 'joined':
          push(EVENT.joined, event.token, event.node, event.edge, event.passed ? 1 : 0);
          break;
        case 'ended':
          push(EVENT.ended, event.token, event.node, -1, OUTCOME[event.outcome]);
          break;
        default:
          push(EVENT[event.kind], event.token, event.node, event.edge, 0);
      }
    }
  }
  starts[count] = kind.length;
  return {
    first,
    count,
    starts,
    kind: Uint8Array.from(kind),
    token: Int32Array.from(token),
    node: Int32Array.from(node),
    edge: Int32Array.from(edge),
    extra: Int32Array.from(extra),
  };
}

/** What the teaching mode counts, per node index, as `runTrace` counts it. */
export interface TraceCounts {
  /** Customers counted. */
  customers: number;
  successes: number;
  /** Customers who failed (at a step, a failure end or a join). */
  failures: number;
  /** Trials stopped by the loop guard. */
  stopped: number;
  /** Arrivals (visits) per node. */
  arrived: Float64Array;
  /** Failures caught by the step's recovery, per node. */
  recovered: Float64Array;
  /** Failures not caught, wherever they led, per node. */
  failed: Float64Array;
  /** Customers whose trial failed at the node. */
  failPoints: Float64Array;
}

/** Zero counts for a model of `nodes` nodes. */
export function emptyCounts(nodes: number): TraceCounts {
  return {
    customers: 0,
    successes: 0,
    failures: 0,
    stopped: 0,
    arrived: new Float64Array(nodes),
    recovered: new Float64Array(nodes),
    failed: new Float64Array(nodes),
    failPoints: new Float64Array(nodes),
  };
}

/**
 * Counts record `i` of `batch` into `counts`: an `ended` record counts its customer. Applying
 * every record of a customer counts that customer exactly as `runTrace` does.
 */
export function countRecord(counts: TraceCounts, batch: TraceBatch, i: number): void {
  const v = batch.node[i];
  switch (batch.kind[i]) {
    case EVENT.arrive:
      counts.arrived[v]++;
      break;
    case EVENT.recovered:
      counts.recovered[v]++;
      break;
    case EVENT.failed:
      counts.failed[v]++;
      break;
    case EVENT.ended:
      counts.customers++;
      if (batch.extra[i] === OUTCOME.success) counts.successes++;
      else if (batch.extra[i] === OUTCOME.failure) {
        counts.failures++;
        counts.failPoints[v]++;
      } else counts.stopped++;
      break;
    default:
      break;
  }
}

/** Counts customers `from` to `to - 1` (indices in the batch) into `counts`. */
export function countCustomers(
  counts: TraceCounts,
  batch: TraceBatch,
  from = 0,
  to = batch.count,
): TraceCounts {
  for (let i = batch.starts[from]; i < batch.starts[to]; i++) countRecord(counts, batch, i);
  return counts;
}
