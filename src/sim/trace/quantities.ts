/**
 * What a customer spends on the way through a blueprint, as a list of quantities. Each one says
 * where a step and its recovery give it a value and how the branches of a parallel block
 * combine, so adding a quantity (money lost, waiting time) is one more entry here and nothing
 * else in the trace changes.
 */
import type { Distribution, ModelNode } from '../model';

/**
 * How the branches of a parallel block combine a quantity. Along one path every quantity adds
 * up; across branches, which run at the same time, `longest` takes the branch that spent the
 * most (time: the block lasts as long as its longest branch) and `sum` adds every branch (cost:
 * every branch is paid for).
 */
export type BranchAggregation = 'sum' | 'longest';

/** One quantity a trial accumulates. */
export interface QuantityDescriptor {
  /** Name in events and results. */
  key: string;
  /** Unit, for people: "minutes", "currency units". */
  unit: string;
  /** How the branches of a parallel block combine (see {@link BranchAggregation}). */
  acrossBranches: BranchAggregation;
  /**
   * True for the quantity that is the customer's clock: the time stamps of trace events are
   * its running total. Exactly one quantity is the clock.
   */
  clock: boolean;
  /** What a step spends each time it is done, right or wrong; undefined when nothing. */
  ofStep(node: ModelNode): Distribution | undefined;
  /** What a step's recovery spends when it catches a failure; undefined when nothing. */
  ofRecovery(node: ModelNode): Distribution | undefined;
}

/**
 * The quantities of a trial: its time (minutes; a parallel block takes its longest branch) and
 * its cost (currency units; the sum over every branch), as SPEC §2 defines them.
 */
export const QUANTITIES = [
  {
    key: 'time',
    unit: 'minutes',
    acrossBranches: 'longest',
    clock: true,
    ofStep: (node) => node.duration,
    ofRecovery: (node) => node.recoveryDuration,
  },
  {
    key: 'cost',
    unit: 'currency units',
    acrossBranches: 'sum',
    clock: false,
    ofStep: (node) => node.cost,
    ofRecovery: (node) => node.recoveryCost,
  },
] as const satisfies readonly QuantityDescriptor[];

/** The name of a quantity of {@link QUANTITIES}: `time`, `cost`. */
export type QuantityKey = (typeof QUANTITIES)[number]['key'];

/** Values of some quantities, by key (minutes for time, currency units for cost). */
export type QuantityAmounts = Partial<Record<QuantityKey, number>>;

/** Index in {@link QUANTITIES} of the clock quantity (time). */
export const CLOCK = QUANTITIES.findIndex((quantity) => quantity.clock);

/**
 * Combines the branches of a parallel block into `into`, the running totals of the token that
 * opened it: `start` holds those totals when the block opened, `branches` the totals of each
 * branch's token when it ended (each branch started from `start`). Totals are indexed like
 * {@link QUANTITIES}.
 */
export function combineBranches(
  into: number[],
  start: readonly number[],
  branches: readonly (readonly number[])[],
): void {
  QUANTITIES.forEach((quantity, q) => {
    let combined = start[q];
    for (const totals of branches) {
      if (quantity.acrossBranches === 'sum') combined += totals[q] - start[q];
      else if (totals[q] > combined) combined = totals[q];
    }
    into[q] = combined;
  });
}
