/**
 * The trace of a trial: one customer walked through a {@link Model} node by node, as a stream
 * of events (see `events.ts`) that a reader, a test or an animation consumes as it comes.
 *
 * Customers are numbered from 1, and customer n draws from its own random stream, derived from
 * (seed, n): the same seed always gives the same customers, and any customer can be replayed
 * alone, without walking the ones before it.
 */
import type { Model, ModelNode } from '../model';
import { DIST, encodeDistribution, sampleSlot } from '../montecarlo/distributions';
import { createDistributionTable, type DistributionTable } from '../montecarlo/distributions';
import { runawayVisitLimit } from '../montecarlo/guard';
import { RandomStream } from '../random';
import {
  BEHAVIOURS,
  type BehaviourTable,
  type Move,
  type TraceContext,
  type Token,
} from './behaviours';
import type { TraceEvent, TraceOutcome } from './events';
import { CLOCK, QUANTITIES, type QuantityAmounts } from './quantities';

/**
 * The purpose the trace's random streams are derived with. It is far from the small numbers of
 * `STREAM_PURPOSE`, so a trace never replays the draws of a simulation with the same seed.
 */
export const TRACE_STREAM_PURPOSE = 0x74726163;

/** Most customers one trace can number: customer n uses stream n, a 32-bit index. */
export const MAX_TRACE_CUSTOMERS = 4294967295;

/**
 * The loop guard of SPEC §3 for `model`: a trial that would visit more nodes than this is
 * stopped and counted apart. The same limit as the Monte Carlo kernel's
 * ({@link runawayVisitLimit}): 100 visits per node of the blueprint, and at least 10,000.
 *
 * @returns visits.
 */
export function traceVisitLimit(model: Model): number {
  return runawayVisitLimit(model.nodes.length);
}

/** How one customer's trial ended: the value a customer's event stream returns. */
export interface CustomerOutcome {
  /** The customer's number, from 1. */
  customer: number;
  outcome: TraceOutcome;
  /**
   * Node index: the success end reached, the fail point (a step whose failure was not caught, a
   * failure end, or a join whose block failed), or where the loop guard stopped the trial.
   */
  node: number;
  /** Nodes visited (arrivals). */
  visits: number;
  /** What the trial spent, indexed like {@link QUANTITIES} (minutes, currency units). */
  totals: number[];
}

/** Options of {@link Tracer}. */
export interface TracerOptions {
  /**
   * The behaviours of the node types; default {@link BEHAVIOURS}. Tests swap one to check that
   * a wrong meaning of a trial would be caught.
   */
  behaviours?: BehaviourTable;
  /** Visits after which a trial is stopped; default {@link traceVisitLimit}. */
  visitLimit?: number;
}

// Distribution slots of the tracer's table: per node, per quantity, the step's then the
// recovery's distribution.
const PHASES = 2;
const PHASE = { step: 0, recovery: 1 } as const;

/**
 * Walks customers through one model. Keep one tracer per model; {@link Tracer.customer} gives
 * a customer's events, one at a time.
 *
 * @example
 * const tracer = new Tracer(model);
 * for (const event of tracer.customer(11, 1)) console.log(event.kind, event.nodeId, event.at);
 */
export class Tracer implements TraceContext {
  readonly model: Model;
  /** Visits after which a trial is stopped by the loop guard. */
  readonly visitLimit: number;
  /** Per quantity of {@link QUANTITIES}: whether some step or recovery of the model has it. */
  readonly quantified: readonly boolean[];

  private readonly behaviours: BehaviourTable;
  private readonly random = new RandomStream();
  private readonly distributions: DistributionTable;
  /** Per slot: 1 when its distribution needs a draw (fixed values do not). */
  private readonly drawn: Uint8Array;
  /** Per node and phase: 1 when the node spends something then. */
  private readonly spends: Uint8Array;
  private visits = 0;
  private lastToken = 0;

  constructor(model: Model, options: TracerOptions = {}) {
    this.model = model;
    this.behaviours = options.behaviours ?? BEHAVIOURS;
    this.visitLimit = options.visitLimit ?? traceVisitLimit(model);
    const n = model.nodes.length;
    const q = QUANTITIES.length;
    this.distributions = createDistributionTable(n * q * PHASES);
    this.drawn = new Uint8Array(n * q * PHASES);
    this.spends = new Uint8Array(n * PHASES);
    const quantified = QUANTITIES.map(() => false);
    for (const node of model.nodes) {
      QUANTITIES.forEach((quantity, k) => {
        const step = quantity.ofStep(node);
        const recovery = node.hasRecovery ? quantity.ofRecovery(node) : undefined;
        for (const [phase, distribution] of [
          [PHASE.step, step],
          [PHASE.recovery, recovery],
        ] as const) {
          if (!distribution) continue;
          const slot = this.slot(node.index, k, phase);
          this.drawn[slot] = encodeDistribution(this.distributions, slot, distribution) ? 1 : 0;
          this.spends[node.index * PHASES + phase] = 1;
          quantified[k] = true;
        }
      });
    }
    this.quantified = quantified;
  }

  /**
   * The events of customer number `customer` (from 1) for `seed` (0 to 2⁵³ − 1), one at a
   * time; the generator returns how the trial ended. The last event is always `ended`.
   *
   * One tracer walks one customer at a time: finish (or drop) a customer's events before
   * starting the next.
   */
  *customer(seed: number, customer: number): Generator<TraceEvent, CustomerOutcome, void> {
    this.random.seed(seed, customer, TRACE_STREAM_PURPOSE);
    this.visits = 0;
    this.lastToken = 0;
    const token: Token = { id: 0, totals: QUANTITIES.map(() => 0), closing: -1 };
    const move = yield* this.walk(token, this.model.start);
    const { outcome, node } = this.finalOutcome(move);
    const where = this.model.nodes[node];
    yield {
      kind: 'ended',
      token: 0,
      node,
      nodeId: where.id,
      at: token.totals[CLOCK],
      outcome,
      visits: this.visits,
      totals: this.amounts(token.totals),
    };
    return { customer, outcome, node, visits: this.visits, totals: token.totals };
  }

  /** Walks `token` from `entry` until its branch reaches its join or the trial ends. */
  *walk(token: Token, entry: number): Generator<TraceEvent, Move, void> {
    const { nodes, edges } = this.model;
    let v = entry;
    for (;;) {
      if (this.visits >= this.visitLimit) return { kind: 'stopped', node: v };
      this.visits++;
      const node = nodes[v];
      yield { kind: 'arrive', token: token.id, node: v, nodeId: node.id, at: token.totals[CLOCK] };
      const move = yield* this.behaviours[node.type].enter(this, token, node);
      if (move.kind !== 'go') return move;
      v = edges[move.edge].target;
    }
  }

  uniform(): number {
    return this.random.nextUnit();
  }

  spend(token: Token, node: ModelNode, what: 'step' | 'recovery'): QuantityAmounts | undefined {
    const phase = PHASE[what];
    if (!this.spends[node.index * PHASES + phase]) return undefined;
    const amounts: QuantityAmounts = {};
    const table = this.distributions;
    for (let k = 0; k < QUANTITIES.length; k++) {
      const slot = this.slot(node.index, k, phase);
      if (table.kind[slot] === DIST.none) continue;
      const value = this.drawn[slot]
        ? sampleSlot(table, slot, this.random.nextUnit())
        : table.constant[slot];
      token.totals[k] += value;
      amounts[QUANTITIES[k].key] = value;
    }
    return amounts;
  }

  branchToken(parent: Token, join: number): Token {
    return { id: ++this.lastToken, totals: parent.totals.slice(), closing: join };
  }

  /** Totals by key, for the quantities the model has. */
  amounts(totals: readonly number[]): QuantityAmounts {
    const amounts: QuantityAmounts = {};
    QUANTITIES.forEach((quantity, k) => {
      if (this.quantified[k]) amounts[quantity.key] = totals[k];
    });
    return amounts;
  }

  private slot(node: number, quantity: number, phase: number): number {
    return (node * QUANTITIES.length + quantity) * PHASES + phase;
  }

  private finalOutcome(move: Move): { outcome: TraceOutcome; node: number } {
    switch (move.kind) {
      case 'success':
      case 'failure':
      case 'stopped':
        return { outcome: move.kind, node: move.node };
      default:
        throw new Error(
          'The trace left the blueprint without reaching an end, which a valid blueprint does not allow.',
        );
    }
  }
}

/**
 * The events of one customer, number `customer` (from 1), for `seed`: a shorthand for
 * `new Tracer(model).customer(seed, customer)`.
 */
export function traceCustomer(
  model: Model,
  seed: number,
  customer: number,
  options: TracerOptions = {},
): Generator<TraceEvent, CustomerOutcome, void> {
  return new Tracer(model, options).customer(seed, customer);
}
