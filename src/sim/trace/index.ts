/**
 * The trace of a trial: customers walked through a blueprint one node at a time, as streams of
 * events. It is the reference meaning of a trial (SPEC §2), written for reading rather than
 * speed: the Monte Carlo kernel is tested against it, both against the exact analysis, and the
 * teaching mode animates customers from its events.
 *
 * - {@link Tracer} / {@link traceCustomer}: one customer's events, incrementally.
 * - {@link runTrace}: many customers counted (served, fail points, recoveries, loop-guard stops).
 * - {@link BEHAVIOURS}: what happens at each type of node.
 * - {@link QUANTITIES}: what a trial spends (time, cost) and how parallel branches combine it.
 */
export {
  Tracer,
  traceCustomer,
  traceVisitLimit,
  TRACE_STREAM_PURPOSE,
  MAX_TRACE_CUSTOMERS,
  type CustomerOutcome,
  type TracerOptions,
} from './trace';
export {
  runTrace,
  DEFAULT_SHOWN_CUSTOMERS,
  type TraceRunOptions,
  type TraceSummary,
  type TracedCustomer,
  type QuantityMean,
} from './summary';
export {
  BEHAVIOURS,
  leaving,
  type BehaviourTable,
  type NodeBehaviour,
  type Move,
  type Token,
  type TraceContext,
} from './behaviours';
export {
  QUANTITIES,
  CLOCK,
  combineBranches,
  type QuantityDescriptor,
  type QuantityKey,
  type QuantityAmounts,
  type BranchAggregation,
} from './quantities';
export type {
  TraceEvent,
  TraceEventKind,
  TraceEventBase,
  TraceOutcome,
  LeavingEvent,
  ArriveEvent,
  DoneEvent,
  RecoveredEvent,
  FailedEvent,
  RoutedEvent,
  SplitEvent,
  JoinedEvent,
  EndedEvent,
} from './events';
