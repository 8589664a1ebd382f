/**
 * The maths of the compound-failure explorer (SPEC §8): how R falls as steps are chained, what
 * each step needs for a target R, and why perfecting one step cannot rescue a flawed system.
 *
 * Inputs outside their range are refused, not clamped: the explorer's sliders keep values in
 * range, so an out-of-range value is a typed-in or computed mistake, and silently answering a
 * different question (clamping 60 steps to 50) would teach the wrong figure. A refusal carries
 * a stable code for the interface and an English sentence; nothing here throws.
 */
import type { Analysis } from './exact/types';

/** Fewest steps the explorer chains. */
export const MIN_COMPOUND_STEPS = 1;
/** Most steps the explorer chains (its slider's end). */
export const MAX_COMPOUND_STEPS = 50;

/** Why an explorer question was refused. */
export type TeachingRefusalCode = 'steps-out-of-range' | 'probability-out-of-range';

/** A refused question: a stable code and a sentence naming the value. */
export interface TeachingRefusal {
  ok: false;
  code: TeachingRefusalCode;
  message: string;
}

/** An answer, or the reason there is none. */
export type TeachingResult<T> = { ok: true; value: T } | TeachingRefusal;

/** One point of the curve R = pⁿ. */
export interface CompoundPoint {
  /** Number of steps in series. */
  steps: number;
  /** System reliability pⁿ, probability 0–1. */
  reliability: number;
}

/** The single step whose perfection helps most, and what R would be then. */
export interface BestPerfectStep {
  /** Id of the step. */
  id: string;
  /** Its label. */
  label: string;
  /** The step's reliability today, probability 0–1. */
  stepReliability: number;
  /** R today, probability 0–1. */
  reliability: number;
  /** R with that step's reliability set to 1, probability 0–1. */
  perfectReliability: number;
  /** perfectReliability − reliability (probability). */
  gain: number;
}

/** Where a blueprint sits on the curve R = pⁿ. */
export interface CurvePlacement {
  /** Number of steps of the blueprint (each step counted once, whatever its visits). */
  steps: number;
  /** R of the blueprint, probability 0–1. */
  reliability: number;
  /**
   * The per-step reliability p̄ = R^(1/n) that gives the same R over the same number of steps
   * in series, probability 0–1. For a plain series this is the geometric mean of the step
   * reliabilities; with recoveries, decisions, loops or parallel blocks it is their equivalent.
   */
  meanStepReliability: number;
}

/**
 * R = pⁿ: the reliability, probability 0–1, of n steps in series, each done right with
 * probability p.
 *
 * @param p Reliability of each step, probability in (0, 1].
 * @param n Number of steps, an integer 1–50.
 *
 * @example
 * compoundReliability(0.95, 10); // { ok: true, value: 0.5987… }
 */
export function compoundReliability(p: number, n: number): TeachingResult<number> {
  const refused = checkSteps(n) ?? checkProbability(p, 'The step reliability');
  if (refused) return refused;
  return { ok: true, value: p ** n };
}

/**
 * The curve R = pⁿ for n = 1 … nMax, one point per step count, for the explorer's chart.
 *
 * @param p Reliability of each step, probability in (0, 1].
 * @param nMax Last number of steps, an integer 1–50.
 */
export function compoundCurve(p: number, nMax: number): TeachingResult<CompoundPoint[]> {
  const refused = checkSteps(nMax) ?? checkProbability(p, 'The step reliability');
  if (refused) return refused;
  const points: CompoundPoint[] = [];
  for (let steps = 1; steps <= nMax; steps++) points.push({ steps, reliability: p ** steps });
  return { ok: true, value: points };
}

/**
 * The reliability each of n steps in series needs for the system to reach a target R:
 * target^(1/n), probability 0–1. Ten steps for R ≥ 0.9 need 0.98952… each (the explorer shows
 * 0.9895; note that a step at exactly 0.9895 gives 0.89982, so a requirement rounded for display
 * should round up).
 *
 * @param n Number of steps, an integer 1–50.
 * @param target The system reliability wanted, probability in (0, 1].
 */
export function requiredStepReliability(n: number, target: number): TeachingResult<number> {
  const refused = checkSteps(n) ?? checkProbability(target, 'The target reliability');
  if (refused) return refused;
  return { ok: true, value: target ** (1 / n) };
}

/**
 * The source's lesson that perfecting one step cannot rescue a flawed system: the step whose
 * perfection (reliability 1) raises R most, and R then, beside R today. Read from the exact
 * analysis's improvement potential (R(r = 1) − R, an exact what-if of the solved chain), so it
 * holds for recoveries, decisions, rework loops, failure edges and parallel blocks alike.
 * Ties go to the first step in node order. Null for a blueprint without steps.
 *
 * @example
 * bestPerfectStep(analyze(courier)); // s3 "Customer fills in the waybill": 0.765 → 0.850
 */
export function bestPerfectStep(analysis: Analysis): BestPerfectStep | null {
  let best: Analysis['steps'][number] | null = null;
  for (const step of analysis.steps) {
    if (!best || step.improvementPotential > best.improvementPotential) best = step;
  }
  if (!best) return null;
  const reliability = analysis.reliability;
  return {
    id: best.id,
    label: best.label,
    stepReliability: best.reliability,
    reliability,
    perfectReliability: Math.min(1, reliability + best.improvementPotential),
    gain: best.improvementPotential,
  };
}

/**
 * The blueprint's place on the curve R = pⁿ: its number of steps n and the per-step reliability
 * p̄ = R^(1/n), so that R = p̄ⁿ. Null for a blueprint without steps. A blueprint with more than
 * {@link MAX_COMPOUND_STEPS} steps lies beyond the explorer's slider; the placement still holds.
 */
export function blueprintOnCurve(analysis: Analysis): CurvePlacement | null {
  const steps = analysis.steps.length;
  if (steps === 0) return null;
  const reliability = analysis.reliability;
  return { steps, reliability, meanStepReliability: reliability ** (1 / steps) };
}

function checkSteps(n: number): TeachingRefusal | null {
  if (Number.isInteger(n) && n >= MIN_COMPOUND_STEPS && n <= MAX_COMPOUND_STEPS) return null;
  return {
    ok: false,
    code: 'steps-out-of-range',
    message: `The number of steps must be a whole number from ${MIN_COMPOUND_STEPS} to ${MAX_COMPOUND_STEPS}; ${String(n)} is not.`,
  };
}

function checkProbability(p: number, what: string): TeachingRefusal | null {
  if (p > 0 && p <= 1) return null;
  return {
    ok: false,
    code: 'probability-out-of-range',
    message: `${what} must be a probability above 0 and at most 1; ${String(p)} is not.`,
  };
}
