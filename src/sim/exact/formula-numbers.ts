/**
 * The formula of R written with its numbers, for teaching: the source's
 * `0.99 × 0.98 × 0.90 × … = 0.765`, and with the step-3 recovery
 * `0.99 × 0.98 × (0.90 + 0.10 × 0.6) × … = 0.816`.
 *
 * Built on {@link reliabilityFormulaDetails}, so it exists for exactly the blueprints that have
 * a formula (series steps, recoveries, decisions, parallel blocks; no loops, no failure edges).
 *
 * Numbers are written as the source writes them:
 * - a reliability and its complement 1 − r with at least two decimals (`0.90`, `0.10`), and as
 *   many more as the value needs to be exact (`0.995`), up to 12 significant digits;
 * - a catch rate and a decision's share of customers as short as exact (`0.6`, `0.25`);
 * - the result R with three decimals (`0.765`), the way the source and `failpoint analyze`
 *   round it; {@link NumberedFormula.value} keeps it unrounded.
 */
import type { Model } from '../model';
import {
  evaluateFormula,
  reliabilityFormulaDetails,
  type FormulaExpression,
  type FormulaVariable,
} from './formula';

/** One factor of the top-level product of R. */
export interface NumberedFactor {
  /** The factor as text with numbers, e.g. `0.90` or `(0.90 + 0.10 × 0.6)`. */
  text: string;
  /** Ids of the steps whose values appear in the factor, in model order (may be empty). */
  nodeIds: string[];
  /** The factor's value, probability 0–1. */
  value: number;
  /**
   * True when a baseline was given and this factor differs from it (a new recovery, another
   * reliability, another route): the factor a scenario changed, for the app to highlight.
   */
  changed: boolean;
}

/** R as a product of factors with their numbers. */
export interface NumberedFormula {
  /** The factors of the product, in the order the customer meets them. */
  factors: NumberedFactor[];
  /** System reliability R, probability 0–1, unrounded: the product of the factor values. */
  value: number;
  /** {@link value} with three decimals, as written after `=`. */
  valueText: string;
  /** The whole line, e.g. `0.99 × 0.98 × 0.90 × … = 0.765`. */
  text: string;
}

/** Decimals of the result R in {@link NumberedFormula.text}. */
export const RESULT_DECIMALS = 3;

/** Blocks with more branches than this are written as `P(≥ k of: …)`, as in the formula. */
const SPELLED_OUT_BRANCHES = 8;

/**
 * The formula of R with each step's value in place of its variable, as factors (with the step
 * ids they come from and their values) and as one line. Null when the blueprint has no formula
 * (loops, failure edges, or too deep a nesting; see {@link reliabilityFormulaDetails}).
 *
 * @param baseline The model to compare with (e.g. the baseline of a scenario): factors whose
 *   text is not among the baseline's factors for the same steps are marked `changed`.
 *
 * @example
 * numberedFormula(courier)?.text;
 * // '0.99 × 0.98 × 0.90 × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.765'
 */
export function numberedFormula(model: Model, baseline?: Model): NumberedFormula | null {
  const details = reliabilityFormulaDetails(model);
  if (!details) return null;
  const { expression, variables } = details;
  const byName = new Map(variables.map((v) => [v.name, v]));
  const values: Record<string, number> = {};
  for (const v of variables) values[v.name] = v.value;

  const parts = expression.kind === 'product' ? expression.factors : [expression];
  const before = baseline ? factorTexts(baseline) : null;
  const factors = parts.map((part): NumberedFactor => {
    const text = render(part, PRODUCT, byName);
    const nodeIds = stepsOf(part, byName, model);
    const key = nodeIds.join('\u0000');
    return {
      text,
      nodeIds,
      value: evaluateFormula(part, values),
      changed: before !== null && !(before.get(key)?.has(text) ?? false),
    };
  });
  const value = evaluateFormula(expression, values);
  const valueText = value.toFixed(RESULT_DECIMALS);
  return {
    factors,
    value,
    valueText,
    text: `${factors.map((f) => f.text).join(' × ')} = ${valueText}`,
  };
}

/** Step ids (joined) → texts of the baseline's factors over those steps. */
function factorTexts(baseline: Model): Map<string, Set<string>> | null {
  const formula = numberedFormula(baseline);
  const texts = new Map<string, Set<string>>();
  for (const f of formula?.factors ?? []) {
    const key = f.nodeIds.join('\u0000');
    const set = texts.get(key) ?? new Set<string>();
    set.add(f.text);
    texts.set(key, set);
  }
  return texts;
}

function stepsOf(
  expression: FormulaExpression,
  byName: ReadonlyMap<string, FormulaVariable>,
  model: Model,
): string[] {
  const found = new Set<string>();
  const visit = (e: FormulaExpression): void => {
    switch (e.kind) {
      case 'variable': {
        const v = byName.get(e.name);
        if (v) found.add(v.step);
        break;
      }
      case 'sum':
        e.terms.forEach(visit);
        break;
      case 'product':
        e.factors.forEach(visit);
        break;
      case 'complement':
        visit(e.of);
        break;
      case 'atLeast':
        e.of.forEach(visit);
        break;
      case 'constant':
        break;
    }
  };
  visit(expression);
  const index = (id: string) => model.indexOf.get(id) ?? 0;
  return [...found].sort((a, b) => index(a) - index(b));
}

const TOP = 0;
const SUM = 1;
const PRODUCT = 2;

/**
 * Text of an expression with numbers. A complement of a step variable is written as its value
 * (`0.10`, not `(1 − 0.90)`), as the source does; any other complement keeps `1 − (…)`.
 */
function render(
  e: FormulaExpression,
  context: number,
  byName: ReadonlyMap<string, FormulaVariable>,
): string {
  switch (e.kind) {
    case 'constant':
      return shortNumber(e.value);
    case 'variable': {
      const v = byName.get(e.name);
      return v ? variableNumber(v, v.value) : e.name;
    }
    case 'sum':
      return wrap(e.terms.map((t) => render(t, SUM, byName)).join(' + '), context > SUM);
    case 'product':
      return wrap(e.factors.map((f) => render(f, PRODUCT, byName)).join(' × '), context > PRODUCT);
    case 'complement': {
      if (e.of.kind === 'variable') {
        const v = byName.get(e.of.name);
        if (v) return variableNumber(v, 1 - v.value);
      }
      if (e.of.kind === 'constant') return shortNumber(1 - e.of.value);
      return wrap(`1 − ${render(e.of, PRODUCT, byName)}`, context >= SUM);
    }
    case 'atLeast':
      return renderAtLeast(e.k, e.of, context, byName);
  }
}

/** "At least k of" as arithmetic: 1 − ∏(1 − x) for k = 1, else the sum over the outcomes. */
function renderAtLeast(
  k: number,
  events: FormulaExpression[],
  context: number,
  byName: ReadonlyMap<string, FormulaVariable>,
): string {
  const not = (x: FormulaExpression): FormulaExpression =>
    x.kind === 'complement' ? x.of : { kind: 'complement', of: x };
  if (k === 1) {
    const none: FormulaExpression = { kind: 'product', factors: events.map(not) };
    return render({ kind: 'complement', of: none }, context, byName);
  }
  const n = events.length;
  if (n > SPELLED_OUT_BRANCHES) {
    return `P(≥ ${k} of: ${events.map((x) => render(x, TOP, byName)).join('; ')})`;
  }
  const terms: FormulaExpression[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let count = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) count++;
    if (count < k) continue;
    terms.push({ kind: 'product', factors: events.map((x, i) => (mask & (1 << i) ? x : not(x))) });
  }
  return render({ kind: 'sum', terms }, context, byName);
}

function wrap(text: string, parenthesise: boolean): string {
  return parenthesise ? `(${text})` : text;
}

/** A step's reliability (or its complement) with at least two decimals; a catch rate short. */
function variableNumber(v: FormulaVariable, value: number): string {
  return v.quantity === 'reliability' ? reliabilityNumber(value) : shortNumber(value);
}

/** Exact to 12 significant digits and as short as that allows: `0.6`, `0.25`. */
function shortNumber(value: number): string {
  return String(+value.toPrecision(12));
}

/** {@link shortNumber} padded to at least two decimals: `0.90`, `0.10`, `1.00`, `0.995`. */
function reliabilityNumber(value: number): string {
  const short = shortNumber(value);
  if (short.includes('e')) return short;
  const decimals = short.split('.')[1]?.length ?? 0;
  return decimals >= 2 ? short : value.toFixed(2);
}
