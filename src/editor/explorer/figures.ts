/**
 * What the compound-failure explorer shows, from what the user typed or slid: R = pⁿ, the curve,
 * what each step needs for a target R, and the blueprint's place on the curve. React-free, so
 * every figure on the panel is tested here.
 *
 * Fields hold text, not numbers: a value typed out of range stays on screen with the sentence
 * that refuses it (the engine's refusal codes, put into the interface's language by the panel),
 * instead of being clamped to something the user did not ask for.
 */
import {
  compoundCurve,
  compoundReliability,
  MAX_COMPOUND_STEPS,
  MIN_COMPOUND_STEPS,
  requiredStepReliability,
  type CompoundPoint,
  type TeachingRefusalCode,
} from '../../sim/teaching';

/** Lowest step reliability on the explorer's slider (SPEC §8), probability. */
export const MIN_STEP_RELIABILITY = 0.8;
/** Highest step reliability on the explorer's slider, probability. */
export const MAX_STEP_RELIABILITY = 0.999;
/** The slider's step for the step reliability, probability. */
export const STEP_RELIABILITY_STEP = 0.001;
export { MAX_COMPOUND_STEPS, MIN_COMPOUND_STEPS };

/** Decimals of a required step reliability as first shown: 0.9895. */
export const REQUIREMENT_DECIMALS = 4;

/**
 * Why a field's text is not used: not a number at all, a number of steps outside 1–50 or not
 * whole, a step reliability outside the slider's 0.800–0.999, a target R outside (0, 1].
 */
export type ExplorerRefusalCode =
  'not-a-number' | TeachingRefusalCode | 'step-reliability-out-of-range';

/** A field's text read as a number, or why it cannot be. */
export type FieldValue =
  { ok: true; value: number } | { ok: false; code: ExplorerRefusalCode; text: string };

/** Reads a field's text as a number; empty or non-numeric text is refused. */
function readNumber(text: string): FieldValue {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  return Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, code: 'not-a-number', text: trimmed };
}

/** The number of steps n: a whole number 1–50 (the engine's own check). */
export function readSteps(text: string): FieldValue {
  const read = readNumber(text);
  if (!read.ok) return read;
  const checked = compoundReliability(1, read.value);
  return checked.ok ? read : { ok: false, code: checked.code, text: text.trim() };
}

/**
 * The reliability p of each step: 0.800–0.999, the slider's range. The engine would take any
 * probability; the explorer keeps to its slider so that the slider always shows the figure.
 */
export function readStepReliability(text: string): FieldValue {
  const read = readNumber(text);
  if (!read.ok) return read;
  return read.value >= MIN_STEP_RELIABILITY && read.value <= MAX_STEP_RELIABILITY
    ? read
    : { ok: false, code: 'step-reliability-out-of-range', text: text.trim() };
}

/** The target R: a probability above 0 and at most 1 (the engine's own check). */
export function readTarget(text: string): FieldValue {
  const read = readNumber(text);
  if (!read.ok) return read;
  const checked = requiredStepReliability(MIN_COMPOUND_STEPS, read.value);
  return checked.ok ? read : { ok: false, code: checked.code, text: text.trim() };
}

/** R = pⁿ and its curve for n = 1 … 50, for valid n and p. */
export interface ChainFigures {
  steps: number;
  stepReliability: number;
  /** pⁿ, probability 0–1. */
  reliability: number;
  /** R = pᵏ for k = 1 … {@link MAX_COMPOUND_STEPS}. */
  curve: CompoundPoint[];
}

/** The figures of a chain of n steps of reliability p, or null when either is refused. */
export function chainFigures(steps: FieldValue, p: FieldValue): ChainFigures | null {
  if (!steps.ok || !p.ok) return null;
  const reliability = compoundReliability(p.value, steps.value);
  const curve = compoundCurve(p.value, MAX_COMPOUND_STEPS);
  if (!reliability.ok || !curve.ok) return null;
  return {
    steps: steps.value,
    stepReliability: p.value,
    reliability: reliability.value,
    curve: curve.value,
  };
}

/** What each of n steps needs for a target R, written honestly about rounding. */
export interface Requirement {
  /** target^(1/n), probability 0–1, unrounded. */
  exact: number;
  /** {@link exact} rounded to {@link REQUIREMENT_DECIMALS} decimals: `0.9895`. */
  rounded: string;
  /**
   * True when a step at exactly {@link rounded} misses the target (0.9895¹⁰ = 0.89982 < 0.9):
   * the panel then says so and gives {@link atLeast} and {@link safe}.
   */
  roundedFallsShort: boolean;
  /** R that n steps at {@link rounded} give, probability 0–1. */
  roundedGives: number;
  /** {@link exact} rounded up to one more decimal: `0.98952`, never below the requirement. */
  atLeast: string;
  /** {@link exact} rounded up to {@link REQUIREMENT_DECIMALS} decimals: `0.9896`. */
  safe: string;
}

/** What each of n steps needs for the target R, or null when n or the target is refused. */
export function requirement(steps: FieldValue, target: FieldValue): Requirement | null {
  if (!steps.ok || !target.ok) return null;
  const needed = requiredStepReliability(steps.value, target.value);
  if (!needed.ok) return null;
  const exact = needed.value;
  const rounded = exact.toFixed(REQUIREMENT_DECIMALS);
  const roundedGives = Number(rounded) ** steps.value;
  return {
    exact,
    rounded,
    roundedFallsShort: roundedGives < target.value,
    roundedGives,
    atLeast: roundUp(exact, REQUIREMENT_DECIMALS + 1),
    safe: roundUp(exact, REQUIREMENT_DECIMALS),
  };
}

/**
 * `value` rounded up to `decimals` decimals, as text. A value that is already a round figure
 * but for floating-point noise (0.9000000000000001) is not pushed up a whole unit.
 */
export function roundUp(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  return Math.min(1, Math.ceil(value * scale - 1e-9) / scale).toFixed(decimals);
}

/**
 * The text a field gets from a figure of the blueprint: a number of steps as it is, a step
 * reliability with {@link REQUIREMENT_DECIMALS} decimals and no trailing zeros (0.9736).
 */
export function fieldText(value: number, kind: 'steps' | 'probability'): string {
  return kind === 'steps' ? String(value) : String(Number(value.toFixed(REQUIREMENT_DECIMALS)));
}

/**
 * Decimals to write a step reliability with: three as on the slider (0.950), more when the
 * value has them (0.9736), up to six, so that pⁿ written beside R is the p that gave it.
 */
export function stepReliabilityDecimals(p: number): number {
  const decimals = String(+p.toPrecision(12)).split('.')[1]?.length ?? 0;
  return Math.min(6, Math.max(3, decimals));
}
