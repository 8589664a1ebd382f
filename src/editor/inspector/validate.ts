/**
 * Inline validation for the inspector, with the engine's own rules: expressions are checked by
 * `sim/expressions` against the blueprint's parameters, probabilities must lie in [0, 1],
 * durations and costs cannot be negative, distributions must be well formed, observed data must
 * be whole numbers with successes ≤ trials. Problems come back as message references for the
 * current language.
 */
import type { DistributionSpec, NumberOrExpression, ParameterSpec } from '../../sim/document';
import {
  MAX_EXPRESSION_LENGTH,
  checkExpression,
  evaluateChecked,
  isValidParameterName,
  parserPending,
  resolveParameters,
  type ExpressionProblem,
} from '../../sim/expressions';
import { expressionProblemDetail, forbiddenConstructPhrase } from '../../sim/diagnostics';
import type { MessageRef } from '../actions/messages';
import { getLanguage } from '../i18n';

/** The parameters a value may use: every name, and the values of those that evaluate. */
export interface ValueContext {
  names: ReadonlySet<string>;
  values: ReadonlyMap<string, number>;
}

/** What range a value must fall in. */
export type ValueRange = 'probability' | 'nonNegative' | 'positive' | 'any';

export type ParsedText =
  { ok: true; value: NumberOrExpression | undefined } | { ok: false; problem: MessageRef };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
const PERCENT = /^([-+]?(\d+(\.\d*)?|\.\d+))\s*%$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;

/**
 * Reads what the user typed: nothing (→ `undefined`), a number (`0.97`, `97%` for a
 * probability, `0,97`), or else an expression kept as text.
 */
export function parseValueText(text: string, options: { percent?: boolean } = {}): ParsedText {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (NUMBER.test(trimmed)) return { ok: true, value: Number(trimmed) };
  if (DECIMAL_COMMA.test(trimmed)) return { ok: true, value: Number(trimmed.replace(',', '.')) };
  const percent = PERCENT.exec(trimmed);
  if (percent) {
    if (!options.percent)
      return { ok: false, problem: { key: 'editing.validation.percentNotHere' } };
    return { ok: true, value: Number((Number(percent[1]) / 100).toPrecision(12)) };
  }
  return { ok: true, value: trimmed };
}

/**
 * The message for an expression the engine would refuse. What the expression contains and the
 * parser's explanation are written in the interface language of the moment.
 */
export function expressionProblemMessage(problem: ExpressionProblem): MessageRef {
  const language = getLanguage();
  switch (problem.kind) {
    case 'too-long':
      return { key: 'editing.validation.tooLong', vars: { max: MAX_EXPRESSION_LENGTH } };
    case 'forbidden':
      return {
        key: 'editing.validation.forbidden',
        vars: {
          constructs: problem.found
            .map((construct) => forbiddenConstructPhrase(construct, language))
            .join(language === 'zh' ? '、' : ', '),
        },
      };
    case 'syntax':
      return {
        key: 'editing.validation.syntax',
        vars: { detail: expressionProblemDetail(problem, language) },
      };
    case 'unknown-parameter':
      return {
        key: 'editing.validation.unknownParameter',
        vars: { names: problem.names.join(', ') },
      };
    case 'evaluation':
      return {
        key: 'editing.validation.evaluation',
        vars: { detail: expressionProblemDetail(problem, language) },
      };
    case 'not-finite':
      return { key: 'editing.validation.notFinite' };
    case 'cycle':
      // A long loop comes cut to its first members; the arrow to "…" says it goes on.
      return {
        key: 'editing.validation.cycle',
        vars: { names: [...problem.names, ...(problem.more ? ['…'] : [])].join(' → ') },
      };
  }
}

function rangeProblem(value: number, range: ValueRange): MessageRef | null {
  if (!Number.isFinite(value)) return { key: 'editing.validation.notFinite' };
  switch (range) {
    case 'probability':
      return value < 0 || value > 1
        ? { key: 'editing.validation.probabilityRange', vars: { value } }
        : null;
    case 'nonNegative':
      return value < 0 ? { key: 'editing.validation.negative', vars: { value } } : null;
    case 'positive':
      return value <= 0 ? { key: 'editing.validation.positive', vars: { value } } : null;
    case 'any':
      return null;
  }
}

/**
 * The value a number or expression evaluates to, or its problem. An expression over a parameter
 * that has no value yet is not this field's problem (the parameter shows its own), so it passes
 * with value `null`.
 */
export function evaluateValue(
  value: NumberOrExpression,
  context: ValueContext,
): { ok: true; value: number | null } | { ok: false; problem: MessageRef } {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { ok: true, value }
      : { ok: false, problem: { key: 'editing.validation.notFinite' } };
  }
  const checked = checkExpression(value, (name) => context.names.has(name));
  // Typed before the parser arrived: not judged yet, as the analysis waits for the parser.
  if (!checked.ok && parserPending(checked.problem)) return { ok: true, value: null };
  if (!checked.ok) return { ok: false, problem: expressionProblemMessage(checked.problem) };
  if (checked.expression.parameters.some((name) => !context.values.has(name))) {
    return { ok: true, value: null };
  }
  const result = evaluateChecked(checked.expression, context.values);
  return result.ok
    ? { ok: true, value: result.value }
    : { ok: false, problem: expressionProblemMessage(result.problem) };
}

/** The problem of a number or expression in a given range, or null when it is fine. */
export function validateValue(
  value: NumberOrExpression,
  context: ValueContext,
  range: ValueRange,
): MessageRef | null {
  const evaluated = evaluateValue(value, context);
  if (!evaluated.ok) return evaluated.problem;
  return evaluated.value === null ? null : rangeProblem(evaluated.value, range);
}

/** Observed data: whole numbers, 0 ≤ successes ≤ trials, at least one trial. */
export function validateObserved(successes: number, trials: number): MessageRef | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials)) {
    return { key: 'editing.validation.observedWhole' };
  }
  if (successes < 0 || trials < 0) return { key: 'editing.validation.observedNegative' };
  if (trials === 0) return { key: 'editing.validation.observedNoTrials' };
  if (successes > trials) return { key: 'editing.validation.observedTooMany' };
  return null;
}

/** A join's k: a whole number from 1 to its number of incoming branches. */
export function validateK(k: number, branches: number): MessageRef | null {
  if (!Number.isInteger(k)) return { key: 'editing.validation.kWhole' };
  if (k < 1 || (branches >= 1 && k > branches)) {
    return { key: 'editing.validation.kRange', vars: { max: Math.max(1, branches) } };
  }
  return null;
}

/**
 * How a distribution's parameters fit together (each parameter on its own is checked by
 * {@link validateValue}): uniform min ≤ max, triangular min < max with the mode between.
 */
export function validateDistribution(
  spec: DistributionSpec,
  context: ValueContext,
): MessageRef | null {
  const value = (v: NumberOrExpression): number | null => {
    const evaluated = evaluateValue(v, context);
    return evaluated.ok ? evaluated.value : null;
  };
  if (spec.dist === 'uniform') {
    const [min, max] = [value(spec.min), value(spec.max)];
    if (min !== null && max !== null && min > max) {
      return { key: 'editing.validation.uniformOrder', vars: { min, max } };
    }
  }
  if (spec.dist === 'triangular') {
    const [min, mode, max] = [value(spec.min), value(spec.mode), value(spec.max)];
    if (min !== null && max !== null && min >= max) {
      return { key: 'editing.validation.triangularOrder', vars: { min, max } };
    }
    if (min !== null && max !== null && mode !== null && (mode < min || mode > max)) {
      return { key: 'editing.validation.triangularMode', vars: { mode, min, max } };
    }
  }
  return null;
}

/** The range each distribution parameter must fall in. */
export const DISTRIBUTION_PARAMETER_RANGES: Readonly<Record<string, ValueRange>> = {
  value: 'nonNegative',
  min: 'nonNegative',
  max: 'nonNegative',
  mode: 'nonNegative',
  mean: 'any',
  sd: 'nonNegative',
  mu: 'any',
  sigma: 'nonNegative',
};

/** A parameter name: a plain identifier that is not taken by another parameter. */
export function validateParameterName(
  name: string,
  taken: ReadonlySet<string>,
  current?: string,
): MessageRef | null {
  if (!isValidParameterName(name))
    return { key: 'editing.validation.parameterName', vars: { name } };
  if (name !== current && taken.has(name)) {
    return { key: 'editing.validation.parameterTaken', vars: { name } };
  }
  return null;
}

/**
 * The problem a parameter would have with a new value, found the way the engine finds it: by
 * resolving all parameters with that value (so loops through other parameters are caught).
 */
export function parameterValueProblem(
  parameters: Readonly<Record<string, ParameterSpec>>,
  name: string,
  value: NumberOrExpression,
): MessageRef | null {
  const specs = new Map<string, number | string>();
  for (const [other, spec] of Object.entries(parameters)) specs.set(other, spec.value);
  specs.set(name, value);
  const resolved = resolveParameters(specs);
  const problem = resolved.problems.find((p) => p.name === name);
  if (problem && parserPending(problem.problem)) return null;
  if (problem) return expressionProblemMessage(problem.problem);
  const cycle = resolved.problems.find(
    (p) => p.problem.kind === 'cycle' && p.problem.names.includes(name),
  );
  return cycle ? expressionProblemMessage(cycle.problem) : null;
}
