/**
 * Many traced customers counted into the figures people read: the share served, where the
 * others failed, which recoveries caught failures, what a customer spent on average, and the
 * full event lists of the first few customers. The command line and the tests use this same
 * function, so what `failpoint trace` prints is what the tests check.
 */
import type { Model } from '../model';
import { isValidSeed, MAX_SEED } from '../random';
import type { TraceEvent, TraceOutcome } from './events';
import { QUANTITIES, type QuantityKey } from './quantities';
import { MAX_TRACE_CUSTOMERS, Tracer, type CustomerOutcome, type TracerOptions } from './trace';

/** Customers whose events a summary keeps, unless told otherwise. */
export const DEFAULT_SHOWN_CUSTOMERS = 5;

/** What {@link runTrace} walks. */
export interface TraceRunOptions extends TracerOptions {
  /** Customers to walk, a whole number from 1. */
  customers: number;
  /** Whole number from 0 to 2⁵³ − 1. */
  seed: number;
  /** Customers, from the first, whose events are kept; default {@link DEFAULT_SHOWN_CUSTOMERS}. */
  show?: number;
}

/** One customer with every event of the trial. */
export interface TracedCustomer {
  /** The customer's number, from 1. */
  customer: number;
  outcome: TraceOutcome;
  /** Id of the node where the trial ended: success end, fail point, or where it was stopped. */
  endedAt: string;
  events: TraceEvent[];
}

/** One quantity over the customers whose trial ended (not stopped). */
export interface QuantityMean {
  key: QuantityKey;
  unit: string;
  /** Mean per customer, in {@link unit}; NaN when no trial ended. */
  mean: number;
  /** Standard deviation per customer, in {@link unit}; NaN when no trial ended. */
  sd: number;
}

/** What {@link runTrace} counted. */
export interface TraceSummary {
  customers: number;
  seed: number;
  /** Customers served: their trial reached a success end. */
  successes: number;
  /** Customers who failed (at a step, a failure end or a join). */
  failures: number;
  /** Trials stopped by the loop guard, counted apart from successes and failures. */
  stopped: number;
  /** Share of customers served, 0–1: the estimate of R. */
  reliability: number;
  /** Standard error of {@link reliability}: √(R(1 − R)/n), a probability. */
  standardError: number;
  /** Fail point id → customers who failed there (only where some did). */
  failPoints: Record<string, number>;
  /** Step id → failures caught by its recovery (only where some were). */
  recoveries: Record<string, number>;
  /** Step id → failures not caught, wherever they led (only where some were). */
  uncaughtFailures: Record<string, number>;
  /** Node id → visits by all customers (only nodes visited). */
  visits: Record<string, number>;
  /** Mean time, cost… per customer, for the quantities the blueprint has. */
  quantities: QuantityMean[];
  /** The first customers, with their events. */
  shown: TracedCustomer[];
}

/**
 * Walks `options.customers` customers through `model` and counts what happened. Throws a
 * RangeError whose message names the option when the number of customers or the seed is out
 * of range.
 *
 * @example
 * const summary = runTrace(model, { customers: 100_000, seed: 11 });
 * summary.reliability; // ≈ systemReliability(model), within a few standard errors
 */
export function runTrace(model: Model, options: TraceRunOptions): TraceSummary {
  const { customers, seed } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_TRACE_CUSTOMERS) {
    throw new RangeError(
      `The number of customers must be a whole number from 1 to ${MAX_TRACE_CUSTOMERS}; ${customers} was given.`,
    );
  }
  if (!isValidSeed(seed)) {
    throw new RangeError(
      `The seed must be a whole number from 0 to ${MAX_SEED}; ${seed} was given.`,
    );
  }
  const show = Math.min(customers, options.show ?? DEFAULT_SHOWN_CUSTOMERS);
  const tracer = new Tracer(model, options);
  const n = model.nodes.length;
  const failPoints = new Float64Array(n);
  const recoveries = new Float64Array(n);
  const uncaught = new Float64Array(n);
  const visits = new Float64Array(n);
  const sums = QUANTITIES.map(() => 0);
  const squares = QUANTITIES.map(() => 0);
  const shown: TracedCustomer[] = [];
  let successes = 0;
  let stopped = 0;

  for (let customer = 1; customer <= customers; customer++) {
    const kept: TraceEvent[] | null = customer <= show ? [] : null;
    const events = tracer.customer(seed, customer);
    let step = events.next();
    while (!step.done) {
      const event = step.value;
      if (event.kind === 'arrive') visits[event.node]++;
      else if (event.kind === 'recovered') recoveries[event.node]++;
      else if (event.kind === 'failed') uncaught[event.node]++;
      kept?.push(event);
      step = events.next();
    }
    const ended: CustomerOutcome = step.value;
    if (ended.outcome === 'success') successes++;
    else if (ended.outcome === 'failure') failPoints[ended.node]++;
    else stopped++;
    if (ended.outcome !== 'stopped') {
      ended.totals.forEach((value, k) => {
        sums[k] += value;
        squares[k] += value * value;
      });
    }
    if (kept) {
      shown.push({
        customer,
        outcome: ended.outcome,
        endedAt: model.nodes[ended.node].id,
        events: kept,
      });
    }
  }

  const reliability = successes / customers;
  const ended = customers - stopped;
  return {
    customers,
    seed,
    successes,
    failures: ended - successes,
    stopped,
    reliability,
    standardError: Math.sqrt((reliability * (1 - reliability)) / customers),
    failPoints: byId(model, failPoints),
    recoveries: byId(model, recoveries),
    uncaughtFailures: byId(model, uncaught),
    visits: byId(model, visits),
    quantities: QUANTITIES.flatMap((quantity, k) => {
      if (!tracer.quantified[k]) return [];
      const mean = ended > 0 ? sums[k] / ended : NaN;
      const variance = ended > 0 ? Math.max(0, squares[k] / ended - mean * mean) : NaN;
      return [{ key: quantity.key, unit: quantity.unit, mean, sd: Math.sqrt(variance) }];
    }),
    shown,
  };
}

/**
 * Counts by node id, in an object without a prototype: a node may be called `__proto__` or
 * `constructor`, and a plain object would lose it or answer for it.
 */
function byId(model: Model, counts: Float64Array): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  model.nodes.forEach((node, v) => {
    if (counts[v] > 0) out[node.id] = counts[v];
  });
  return out;
}
