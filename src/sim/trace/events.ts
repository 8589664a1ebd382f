/**
 * The events of a traced customer, in the order the trace produces them.
 *
 * A customer is followed as tokens: token 0 is the customer, and a parallel block gives each of
 * its branches a token of its own (numbered on from the highest so far) that ends at the
 * block's join. The trace walks branches one after the other, but every event carries `at`, the
 * minutes elapsed on its token's clock since the customer started, so an animation can play the
 * branches at once by ordering events on `at`. A token's events are in time order; a branch's
 * clock starts at its `split` event's `at`.
 *
 * Every event names its node by index (in `model.nodes`) and id; an event that leaves a node
 * names the edge taken by index (in `model.edges`) and id, or -1 and null when the token goes
 * nowhere from there.
 */
import type { QuantityAmounts } from './quantities';

/** What every event has. */
export interface TraceEventBase {
  /** The token: 0 for the customer, another number for each branch of a parallel block. */
  token: number;
  /** Index of the node in `model.nodes`. */
  node: number;
  nodeId: string;
  /**
   * Minutes since the customer started, on this token's clock (0 throughout when the blueprint
   * has no durations).
   */
  at: number;
}

/** An event that leaves its node along an edge (or along none). */
export interface LeavingEvent extends TraceEventBase {
  /** Index of the edge taken in `model.edges`, or -1 when the token goes nowhere. */
  edge: number;
  edgeId: string | null;
}

/** The token arrives at a node (a visit; loops visit a node more than once). */
export interface ArriveEvent extends TraceEventBase {
  kind: 'arrive';
}

/**
 * The node is passed: a step done right, or the start. `spent` holds what the step spent, by
 * quantity, when it spent anything; `at` is after its duration.
 */
export interface DoneEvent extends LeavingEvent {
  kind: 'done';
  spent?: QuantityAmounts;
}

/**
 * A step failed and its recovery caught the failure: the customer goes on as if the step had
 * been done right. `spent` is the step's own spending, `recoverySpent` the recovery's.
 */
export interface RecoveredEvent extends LeavingEvent {
  kind: 'recovered';
  spent?: QuantityAmounts;
  recoverySpent?: QuantityAmounts;
}

/**
 * A step failed and the failure was not caught. With a failure edge the token follows it
 * (`edge`, a rework or another route); without one it stops here: the customer fails at this
 * step, or inside a parallel block the branch fails.
 */
export interface FailedEvent extends LeavingEvent {
  kind: 'failed';
  spent?: QuantityAmounts;
}

/** A decision sent the token along one of its edges, taken with `probability` (0–1). */
export interface RoutedEvent extends LeavingEvent {
  kind: 'routed';
  probability: number;
}

/** A parallel node opened its block: one new token per branch, all starting at `at`. */
export interface SplitEvent extends TraceEventBase {
  kind: 'split';
  branches: { token: number; edge: number; edgeId: string }[];
}

/**
 * Every branch of a block has ended and the block is judged at its join (`node`): it passes
 * when at least `needed` of its `branches` branches reached the join without failing. The
 * event belongs to the token that opened the block; `at` is the end of the longest branch. A
 * block that passes leaves along the join's edge; one that fails fails the customer, or the
 * enclosing branch inside another block.
 */
export interface JoinedEvent extends LeavingEvent {
  kind: 'joined';
  passed: boolean;
  /** Branches that reached the join without failing. */
  reached: number;
  /** Branches needed (the join's k). */
  needed: number;
  branches: number;
}

/** How a customer's trial ended. */
export type TraceOutcome = 'success' | 'failure' | 'stopped';

/**
 * The customer's trial is over, always the last event: at a success end (`success`), at its
 * fail point (`failure`: a step whose failure was not caught, a failure end, or a join whose
 * block failed), or stopped by the loop guard after `visits` visits (`stopped`, at the node it
 * was about to visit). `totals` holds what the whole trial spent, by quantity.
 */
export interface EndedEvent extends TraceEventBase {
  kind: 'ended';
  outcome: TraceOutcome;
  /** Nodes visited by the trial: its arrivals, every branch token's included. */
  visits: number;
  totals: QuantityAmounts;
}

/** One event of a traced customer. */
export type TraceEvent =
  | ArriveEvent
  | DoneEvent
  | RecoveredEvent
  | FailedEvent
  | RoutedEvent
  | SplitEvent
  | JoinedEvent
  | EndedEvent;

/** The kinds of {@link TraceEvent}. */
export type TraceEventKind = TraceEvent['kind'];
