/**
 * What the expression language allows and how its problems are coded, without the parser: the
 * diagnostics catalogue reads these, and so they load without mathjs (the Monte Carlo workers
 * never evaluate an expression). The checks themselves live in `expressions.ts`.
 */
import type { DiagnosticCode } from './diagnostics';

/** Longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 500;

/** The functions an expression may call. */
export const EXPRESSION_FUNCTIONS = [
  'min',
  'max',
  'abs',
  'sqrt',
  'exp',
  'log',
  'pow',
  'round',
] as const;

/** Something an expression contains that the allow-list refuses. */
export type ForbiddenConstruct =
  | { kind: 'text-string' }
  /** A constant other than a number, such as `true` or `null`. */
  | { kind: 'constant'; value: string }
  | { kind: 'operator'; operator: string }
  | { kind: 'comparison' }
  | { kind: 'unnamed-call' }
  | { kind: 'function'; name: string }
  /** A function name or a dangerous name used as a value. */
  | { kind: 'bare-name'; name: string }
  | { kind: 'assignment' }
  | { kind: 'function-definition' }
  | { kind: 'access' }
  | { kind: 'list' }
  | { kind: 'object' }
  | { kind: 'range' }
  | { kind: 'conditional' }
  | { kind: 'statements' }
  /** Any other syntax node, by its parser type name. */
  | { kind: 'other'; type: string };

/** How a non-finite result is named (in English; the catalogues translate it). */
export type NonFiniteValue = 'infinity' | 'minus infinity' | 'an undefined result (NaN)';

/** Why an expression cannot be used. */
export type ExpressionProblem =
  /** Longer than {@link MAX_EXPRESSION_LENGTH}. */
  | { kind: 'too-long'; length: number }
  /**
   * Contains constructs outside the allow-list: `found` says which, `constructs` says the same
   * in English words.
   */
  | { kind: 'forbidden'; constructs: string[]; found: ForbiddenConstruct[] }
  /** Not a well-formed expression; `detail` is the parser's explanation (in English). */
  | { kind: 'syntax'; detail: string; empty?: true }
  /** Names parameters that the blueprint does not define. */
  | { kind: 'unknown-parameter'; names: string[] }
  /**
   * Evaluation failed (for example a function called with the wrong number of arguments), or,
   * with `pending`, could not be tried yet: the expression needs the parser, which has not
   * arrived (see `parserPending` in `expressions.ts`).
   */
  | { kind: 'evaluation'; detail: string; pending?: true }
  /** Evaluated to something other than a finite number (NaN, ±Infinity). */
  | { kind: 'not-finite'; value: NonFiniteValue }
  /**
   * A parameter that depends, through other parameters, on itself. `names` is the loop from
   * that parameter on, at most 20 (`MAX_CYCLE_NAMES` in `expressions.ts`) of them; `more` counts the members left
   * out of a longer loop.
   */
  | { kind: 'cycle'; names: string[]; more?: number };

/** The diagnostic code that reports a given expression problem. */
export function expressionProblemCode(problem: ExpressionProblem): DiagnosticCode {
  switch (problem.kind) {
    case 'too-long':
    case 'forbidden':
      return 'BP014';
    case 'unknown-parameter':
      return 'BP013';
    case 'syntax':
    case 'evaluation':
    case 'not-finite':
    case 'cycle':
      return 'BP015';
  }
}
