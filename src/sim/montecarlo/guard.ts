/**
 * The loop guard of SPEC §3, shared by the Monte Carlo kernel and the trace so that both stop
 * the same trials.
 *
 * A trial in a blueprint without cycles visits each node at most once, so only a loop can make
 * a trial long. The limit grows with the blueprint (100 visits per node) so that a long service,
 * a 10,000-step chain or a 4,000-step rework loop taken a few dozen times, is never taken for a
 * runaway loop; the floor of 10,000 keeps small blueprints from stopping a loop that is merely
 * slow to exit.
 */

/** Visits allowed per node of the blueprint before a trial counts as a runaway loop. */
export const VISITS_PER_NODE = 100;

/** The smallest runaway limit, whatever the size of the blueprint (visits). */
export const MIN_VISIT_LIMIT = 10_000;

/**
 * The runaway limit of a blueprint of `nodeCount` nodes: a trial that visits more nodes than
 * this is stopped and counted apart from successes and failures.
 *
 * @param nodeCount nodes of the blueprint (every kind: start, steps, decisions, ends, …).
 * @returns visits, max(10,000, 100 × `nodeCount`).
 */
export function runawayVisitLimit(nodeCount: number): number {
  return Math.max(MIN_VISIT_LIMIT, VISITS_PER_NODE * nodeCount);
}
