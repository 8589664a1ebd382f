/**
 * Expressions in blueprint files: arithmetic over named parameters, such as `"catchRate * 0.9"`
 * or `"min(1, base + 0.02)"`.
 *
 * A blueprint file may come from anyone, so an expression is treated as untrusted input. It is
 * parsed once by a private mathjs instance and its syntax tree is checked against an allow-list
 * before anything is evaluated: numbers, `+ - * / ^`, unary signs, parentheses, calls of
 * {@link EXPRESSION_FUNCTIONS} and the names of known parameters. Everything else (assignment,
 * function definitions, property or index access, strings, matrices, ranges, conditionals,
 * comparisons, any other function, and anything longer than {@link MAX_EXPRESSION_LENGTH}
 * characters) is refused without being evaluated. Evaluation then sees a scope holding only the
 * parameters the expression names.
 *
 * Parameters may themselves be expressions over other parameters; {@link resolveParameters}
 * evaluates them in dependency order and reports loops.
 */
import {
  absDependencies,
  addDependencies,
  create,
  divideDependencies,
  expDependencies,
  logDependencies,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  roundDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  type MathNode,
} from 'mathjs';
import { forbiddenConstructPhrase, type DiagnosticCode } from './diagnostics';

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

const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(EXPRESSION_FUNCTIONS);

/** mathjs operator functions an expression may use, with how to name them in a message. */
const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'unaryMinus',
  'unaryPlus',
]);

/**
 * Names that could reach mathjs internals if they were ever resolved against the library
 * instead of the scope. They are refused as forbidden (not merely unknown) and can never be
 * parameter names.
 */
const DANGEROUS_NAMES: ReadonlySet<string> = new Set([
  'import',
  'evaluate',
  'parse',
  'compile',
  'createUnit',
  'simplify',
  'derivative',
  'resolve',
  'chain',
  'config',
  'typed',
  'reviver',
  'replacer',
  'parser',
  'help',
]);

/** Words mathjs reads as operators or constants, and names JavaScript objects treat specially. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'mod',
  'to',
  'in',
  'and',
  'or',
  'xor',
  'not',
  'end',
  'true',
  'false',
  'null',
  'undefined',
  'Infinity',
  'NaN',
  'constructor',
  'prototype',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
]);

// A private instance holding only what parsing and the allowed operations need. `predictable`
// keeps results real numbers (sqrt(-1) is NaN, not a complex number), so they can be rejected.
const math = create(
  {
    parseDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    minDependencies,
    maxDependencies,
    absDependencies,
    sqrtDependencies,
    expDependencies,
    logDependencies,
    roundDependencies,
  },
  { predictable: true, number: 'number' },
);

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
  /** Evaluation failed (for example a function called with the wrong number of arguments). */
  | { kind: 'evaluation'; detail: string }
  /** Evaluated to something other than a finite number (NaN, ±Infinity). */
  | { kind: 'not-finite'; value: NonFiniteValue }
  /** A parameter that depends, through other parameters, on itself. */
  | { kind: 'cycle'; names: string[] };

/** An expression that passed every check and can be evaluated as often as needed. */
export interface CheckedExpression {
  readonly text: string;
  /** The parameter names the expression uses, each once, in order of first use. */
  readonly parameters: readonly string[];
  /** Evaluates with the given parameter values; the result may be non-finite. */
  evaluate(values: ReadonlyMap<string, number>): number;
}

/** The outcome of {@link checkExpression}. */
export type CheckResult =
  { ok: true; expression: CheckedExpression } | { ok: false; problem: ExpressionProblem };

/** The outcome of evaluating an expression: a finite number, or why there is none. */
export type EvaluationResult =
  { ok: true; value: number } | { ok: false; problem: ExpressionProblem };

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

interface Inspection {
  forbidden: ForbiddenConstruct[];
  unknown: string[];
  used: string[];
}

function noteOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function noteForbidden(list: ForbiddenConstruct[], item: ForbiddenConstruct): void {
  const key = JSON.stringify(item);
  if (!list.some((known) => JSON.stringify(known) === key)) list.push(item);
}

function describeOperator(node: MathNode & { op?: string; fn?: unknown }): ForbiddenConstruct {
  const name = typeof node.fn === 'string' ? node.fn : '';
  if (['smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal'].includes(name)) {
    return { kind: 'comparison' };
  }
  return { kind: 'operator', operator: node.op ?? name };
}

/** Walks the syntax tree, recording forbidden constructs and the names used. */
function inspect(node: MathNode, isParameter: (name: string) => boolean, into: Inspection): void {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as MathNode & { value: unknown }).value;
      if (typeof value === 'string') noteForbidden(into.forbidden, { kind: 'text-string' });
      else if (typeof value !== 'number')
        noteForbidden(into.forbidden, { kind: 'constant', value: String(value) });
      return;
    }
    case 'ParenthesisNode':
      inspect((node as MathNode & { content: MathNode }).content, isParameter, into);
      return;
    case 'OperatorNode': {
      const operator = node as MathNode & { fn: string; op: string; args: MathNode[] };
      if (!ALLOWED_OPERATORS.has(operator.fn)) {
        noteForbidden(into.forbidden, describeOperator(operator));
        return;
      }
      for (const arg of operator.args) inspect(arg, isParameter, into);
      return;
    }
    case 'FunctionNode': {
      const call = node as MathNode & { fn: MathNode & { name?: string }; args: MathNode[] };
      if (call.fn.type !== 'SymbolNode' || call.fn.name === undefined) {
        noteForbidden(into.forbidden, { kind: 'unnamed-call' });
        return;
      }
      if (!ALLOWED_FUNCTIONS.has(call.fn.name)) {
        noteForbidden(into.forbidden, { kind: 'function', name: call.fn.name });
        return;
      }
      for (const arg of call.args) inspect(arg, isParameter, into);
      return;
    }
    case 'SymbolNode': {
      const name = (node as MathNode & { name: string }).name;
      if (DANGEROUS_NAMES.has(name) || ALLOWED_FUNCTIONS.has(name)) {
        noteForbidden(into.forbidden, { kind: 'bare-name', name });
      } else if (isParameter(name)) {
        noteOnce(into.used, name);
      } else {
        noteOnce(into.unknown, name);
      }
      return;
    }
    case 'AssignmentNode':
      noteForbidden(into.forbidden, { kind: 'assignment' });
      return;
    case 'FunctionAssignmentNode':
      noteForbidden(into.forbidden, { kind: 'function-definition' });
      return;
    case 'AccessorNode':
    case 'IndexNode':
      noteForbidden(into.forbidden, { kind: 'access' });
      return;
    case 'ArrayNode':
      noteForbidden(into.forbidden, { kind: 'list' });
      return;
    case 'ObjectNode':
      noteForbidden(into.forbidden, { kind: 'object' });
      return;
    case 'RangeNode':
      noteForbidden(into.forbidden, { kind: 'range' });
      return;
    case 'ConditionalNode':
      noteForbidden(into.forbidden, { kind: 'conditional' });
      return;
    case 'RelationalNode':
      noteForbidden(into.forbidden, { kind: 'comparison' });
      return;
    case 'BlockNode':
      noteForbidden(into.forbidden, { kind: 'statements' });
      return;
    default:
      noteForbidden(into.forbidden, { kind: 'other', type: node.type });
  }
}

/**
 * Parses an expression and checks it against the allow-list, without evaluating anything.
 *
 * @param text - the expression as written in the file.
 * @param isParameter - whether a name is a parameter of the blueprint.
 */
export function checkExpression(text: string, isParameter: (name: string) => boolean): CheckResult {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, problem: { kind: 'too-long', length: text.length } };
  }
  if (text.trim() === '') {
    return { ok: false, problem: { kind: 'syntax', detail: 'it is empty', empty: true } };
  }
  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch (error) {
    return {
      ok: false,
      problem: { kind: 'syntax', detail: error instanceof Error ? error.message : String(error) },
    };
  }
  const inspection: Inspection = { forbidden: [], unknown: [], used: [] };
  inspect(tree, isParameter, inspection);
  if (inspection.forbidden.length > 0) {
    const found = inspection.forbidden;
    const constructs = found.map((construct) => forbiddenConstructPhrase(construct));
    return { ok: false, problem: { kind: 'forbidden', constructs, found } };
  }
  if (inspection.unknown.length > 0) {
    return { ok: false, problem: { kind: 'unknown-parameter', names: inspection.unknown } };
  }
  const compiled = tree.compile();
  const used = inspection.used;
  return {
    ok: true,
    expression: {
      text,
      parameters: used,
      evaluate(values) {
        // The scope holds the named parameters and nothing else.
        const scope = new Map<string, number>();
        for (const name of used) scope.set(name, values.get(name) ?? Number.NaN);
        const result: unknown = compiled.evaluate(scope);
        return typeof result === 'number' ? result : Number.NaN;
      },
    },
  };
}

function formatValue(value: number): NonFiniteValue {
  if (Number.isNaN(value)) return 'an undefined result (NaN)';
  return value > 0 ? 'infinity' : 'minus infinity';
}

/** Evaluates a checked expression, turning errors and non-finite results into problems. */
export function evaluateChecked(
  expression: CheckedExpression,
  values: ReadonlyMap<string, number>,
): EvaluationResult {
  let value: number;
  try {
    value = expression.evaluate(values);
  } catch (error) {
    return {
      ok: false,
      problem: {
        kind: 'evaluation',
        detail: error instanceof Error ? error.message : String(error),
      },
    };
  }
  if (!Number.isFinite(value)) {
    return { ok: false, problem: { kind: 'not-finite', value: formatValue(value) } };
  }
  return { ok: true, value };
}

/**
 * Checks and evaluates an expression against known parameter values. Nothing is evaluated, and
 * no parameter value is read, unless the expression passes the allow-list.
 *
 * @example
 * evaluateExpression('min(1, base + 0.02)', new Map([['base', 0.97]])) // { ok: true, value: 0.99 }
 */
export function evaluateExpression(
  text: string,
  parameters: ReadonlyMap<string, number>,
): EvaluationResult {
  const checked = checkExpression(text, (name) => parameters.has(name));
  if (!checked.ok) return checked;
  return evaluateChecked(checked.expression, parameters);
}

/**
 * Whether a string can name a parameter: a single identifier that mathjs reads as a name (letters,
 * digits and `_`, not starting with a digit), at most 64 characters, and not a function name, an
 * operator word or a reserved word.
 */
export function isValidParameterName(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  if (RESERVED_NAMES.has(name) || DANGEROUS_NAMES.has(name) || ALLOWED_FUNCTIONS.has(name)) {
    return false;
  }
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) return false;
  try {
    const tree = math.parse(name);
    return tree.type === 'SymbolNode' && (tree as MathNode & { name: string }).name === name;
  } catch {
    return false;
  }
}

/** A parameter that could not be given a value, and why. */
export interface ParameterProblem {
  name: string;
  problem: ExpressionProblem;
}

/** The outcome of {@link resolveParameters}. */
export interface ResolvedParameters {
  /** Every parameter that evaluated to a finite number. */
  values: Map<string, number>;
  /** One entry per parameter that failed for a reason of its own. */
  problems: ParameterProblem[];
  /**
   * Parameters without a value only because a parameter they use has none; they get no problem
   * of their own, so that one mistake is reported once.
   */
  blocked: Set<string>;
}

/**
 * Gives every parameter its value. Values may be numbers or expressions over other parameters;
 * they are evaluated in dependency order, and parameters that depend on themselves through a
 * chain of others are reported as a cycle.
 *
 * @param specs - parameter name → value as written in the file.
 */
export function resolveParameters(specs: ReadonlyMap<string, number | string>): ResolvedParameters {
  const values = new Map<string, number>();
  const problems: ParameterProblem[] = [];
  const blocked = new Set<string>();
  const checked = new Map<string, CheckedExpression>();

  for (const [name, spec] of specs) {
    if (typeof spec === 'number') {
      if (Number.isFinite(spec)) values.set(name, spec);
      else problems.push({ name, problem: { kind: 'not-finite', value: formatValue(spec) } });
      continue;
    }
    const result = checkExpression(spec, (other) => specs.has(other));
    if (result.ok) checked.set(name, result.expression);
    else problems.push({ name, problem: result.problem });
  }

  // Depth-first evaluation in dependency order; `state` marks names on the current path.
  const state = new Map<string, 'visiting' | 'done'>();
  const failed = new Set(problems.map((p) => p.name));
  const visit = (name: string, path: string[]): boolean => {
    if (values.has(name)) return true;
    if (failed.has(name) || blocked.has(name)) return false;
    const expression = checked.get(name);
    if (!expression) return false;
    if (state.get(name) === 'visiting') {
      const loop = path.slice(path.indexOf(name));
      for (const member of loop) {
        if (!failed.has(member)) {
          failed.add(member);
          problems.push({ name: member, problem: { kind: 'cycle', names: rotate(loop, member) } });
        }
      }
      return false;
    }
    if (state.get(name) === 'done') return values.has(name);
    state.set(name, 'visiting');
    let ready = true;
    for (const used of expression.parameters) {
      if (!visit(used, [...path, name])) ready = false;
    }
    state.set(name, 'done');
    if (failed.has(name)) return false;
    if (!ready) {
      blocked.add(name);
      return false;
    }
    const result = evaluateChecked(expression, values);
    if (result.ok) {
      values.set(name, result.value);
      return true;
    }
    failed.add(name);
    problems.push({ name, problem: result.problem });
    return false;
  };
  for (const name of checked.keys()) visit(name, []);
  return { values, problems, blocked };
}

/** The loop as seen from `first`, so each member's message starts with itself. */
function rotate(loop: string[], first: string): string[] {
  const at = loop.indexOf(first);
  return [...loop.slice(at), ...loop.slice(0, at)];
}
