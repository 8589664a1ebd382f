/**
 * Expressions in blueprint files: arithmetic over named parameters, such as `"catchRate * 0.9"`
 * or `"min(1, base + 0.02)"`.
 *
 * A blueprint file may come from anyone, so an expression is treated as untrusted input. It is
 * parsed once by a private mathjs instance (`expression-parser.ts`) and its syntax tree is
 * checked against an allow-list before anything is evaluated: numbers, `+ - * / ^`, unary
 * signs, parentheses, calls of {@link EXPRESSION_FUNCTIONS} and the names of known parameters.
 * Everything else (assignment, function definitions, property or index access, strings,
 * matrices, ranges, conditionals, comparisons, any other function, and anything longer than
 * {@link MAX_EXPRESSION_LENGTH} characters) is refused without being evaluated. Evaluation
 * then sees a scope holding only the parameters the expression names.
 *
 * mathjs reads names in Latin and Greek letters only; a name in any other script (`基础费率`,
 * `коэффициент`) is replaced by a plain stand-in before parsing and restored in everything the
 * check reports, so the allow-list sees exactly the same tree as for a Latin name.
 *
 * Parameters may themselves be expressions over other parameters; {@link resolveParameters}
 * evaluates them in dependency order and reports loops.
 *
 * This module does not import mathjs: the parser installs itself here when
 * `expression-parser.ts` is imported (see {@link installExpressionParser}). A plain number or a
 * plain name is judged here without it ({@link expressionNeedsParser}), which is all the example
 * blueprints use, so the app shows its first figures before the parser has arrived. Until it
 * has, an expression that needs it gets a problem saying so ({@link parserPending}); the app
 * waits for the parser before analysing such a blueprint, so no figure is ever computed from it.
 */
import { forbiddenConstructPhrase } from './diagnostics';
import {
  EXPRESSION_FUNCTIONS,
  MAX_EXPRESSION_LENGTH,
  type ExpressionProblem,
  type ForbiddenConstruct,
  type NonFiniteValue,
} from './expression-rules';

export {
  EXPRESSION_FUNCTIONS,
  MAX_EXPRESSION_LENGTH,
  expressionProblemCode,
  type ExpressionProblem,
  type ForbiddenConstruct,
  type NonFiniteValue,
} from './expression-rules';

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

/**
 * A node of the parser's syntax tree, as far as the allow-list reads it: its `type`
 * (`'OperatorNode'`, `'SymbolNode'`, …) and the fields of that type, read by `inspect`.
 */
export interface SyntaxNode {
  readonly type: string;
  /** Compiles the (checked) tree; `evaluate` sees only the scope it is given. */
  compile(): { evaluate(scope: Map<string, number>): unknown };
}

/** What `expression-parser.ts` provides: text → syntax tree, or an Error with its reason. */
export interface ExpressionParser {
  /** Parses an expression; throws an Error whose message says what is wrong and where. */
  parse(text: string): SyntaxNode;
}

let parser: ExpressionParser | null = null;
const parserListeners = new Set<(waited: boolean) => void>();
/** Whether some expression was answered {@link PENDING} before the parser was installed. */
let answeredWithoutParser = false;

/**
 * Gives this module its parser (done by importing `expression-parser.ts`) and tells whoever
 * waits for it ({@link onExpressionParserReady}). The first parser installed stays.
 */
export function installExpressionParser(installed: ExpressionParser): void {
  if (parser !== null) return;
  parser = installed;
  const listeners = [...parserListeners];
  parserListeners.clear();
  for (const listener of listeners) listener(answeredWithoutParser);
}

/** Whether the parser is installed, so that every expression can be checked. */
export function expressionParserReady(): boolean {
  return parser !== null;
}

/**
 * Calls `listener` once, when the parser is installed (never if it already is), with whether
 * some expression had to be answered without it meanwhile (what was computed from that answer
 * is then worth computing again). Returns a function that forgets the listener.
 */
export function onExpressionParserReady(listener: (waited: boolean) => void): () => void {
  if (parser !== null) return () => undefined;
  const once = (waited: boolean) => listener(waited);
  parserListeners.add(once);
  return () => parserListeners.delete(once);
}

/**
 * Whether a problem only says that the parser has not arrived yet: the expression has not been
 * judged, and is once the parser is installed.
 */
export function parserPending(problem: ExpressionProblem): boolean {
  return problem.kind === 'evaluation' && problem.pending === true;
}

/** The problem of an expression asked about before the parser is installed. */
const PENDING: ExpressionProblem = {
  kind: 'evaluation',
  detail: 'the expression reader is still loading; the expression is checked once it has arrived',
  pending: true,
};

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

/** A name as a parameter name allows: a letter or _, then letters, marks, digits and _. */
const NAME_PATTERN = /^[\p{L}_][\p{L}\p{M}\p{N}_]*$/u;

/** Every name-like run of an expression, to find those mathjs cannot read. */
const NAME_RUN = /[\p{L}_][\p{L}\p{M}\p{N}_]*/gu;

const NON_ASCII = /\P{ASCII}/u;

/**
 * A name the parser reads as a symbol of itself: ASCII letters, digits and `_`, not starting
 * with a digit, and not one of {@link RESERVED_NAMES} (the words it reads as operators or
 * constants). An expression that is such a name alone, or a parameter name of this form, is
 * judged here exactly as the parser would judge it (a test holds the two together), so that a
 * blueprint whose expressions only name parameters, like the courier's `"catch": "catchRate"`,
 * never builds the mathjs instance: building it (the parser, its node types and the typed
 * functions they need) is the costliest step of a first analysis, on the way to the app's
 * first figure.
 */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isPlainName(text: string): boolean {
  return PLAIN_NAME.test(text) && !RESERVED_NAMES.has(text);
}

/**
 * A number written in decimal digits, with an optional fraction and exponent (`0.97`, `12`,
 * `2.5e-3`): the parser reads it as the number `Number` gives, so it is judged here alike (a
 * test holds the two together). Signs, hexadecimal and other forms go through the parser.
 */
const PLAIN_NUMBER = /^\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A number as a checked expression. */
function numberExpression(text: string): CheckedExpression {
  const value = Number(text);
  return { text, parameters: [], evaluate: () => value };
}

/**
 * Whether checking this expression needs the parser: false for a plain number (`0.97`,
 * `2.5e-3`), a plain name (`catchRate`), an empty text and one too long to be read, which are
 * judged without it; true for everything else (`catchRate * 0.9`, `-1`, `基础费率`).
 *
 * @example
 * expressionNeedsParser('catchRate') // → false
 * expressionNeedsParser('min(1, base + 0.02)') // → true
 */
export function expressionNeedsParser(text: string): boolean {
  return !(
    text.length > MAX_EXPRESSION_LENGTH ||
    text.trim() === '' ||
    isPlainName(text) ||
    PLAIN_NUMBER.test(text)
  );
}

/**
 * Keys of a blueprint whose text is never an expression: ids, labels, notes, choices, names.
 * Any other text is taken for an expression, so a key added later errs on the side of loading
 * the parser rather than of computing without it.
 */
const TEXT_KEYS: ReadonlySet<string> = new Set([
  'format',
  'title',
  'description',
  'notes',
  'id',
  'label',
  'lane',
  'type',
  'outcome',
  'source',
  'target',
  'kind',
  'dist',
  'node',
  'edge',
  'parameter',
  'name',
  'options',
  'currency',
]);

/**
 * Whether a blueprint (parsed JSON, checked or not) holds an expression that needs the parser
 * (see {@link expressionNeedsParser}). The app reads it before its first analysis, to wait for
 * the parser only when the blueprint it opens with needs it. The walk is iterative, so that a
 * deeply nested file cannot exhaust the call stack.
 */
export function documentNeedsExpressionParser(document: unknown): boolean {
  const pending: { key: string; value: unknown }[] = [{ key: '', value: document }];
  while (pending.length > 0) {
    const { key, value } = pending.pop()!;
    if (typeof value === 'string') {
      if (!TEXT_KEYS.has(key) && expressionNeedsParser(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push({ key, value: item });
    } else if (typeof value === 'object' && value !== null) {
      for (const [inner, item] of Object.entries(value)) pending.push({ key: inner, value: item });
    }
  }
  return false;
}

/** A lone parameter name as a checked expression: its value is the parameter's. */
function parameterExpression(name: string): CheckedExpression {
  return {
    text: name,
    parameters: [name],
    evaluate: (values) => values.get(name) ?? Number.NaN,
  };
}

/** Where a stand-in replaced a name: its place in the text mathjs reads, and in the original. */
interface Replacement {
  at: number;
  length: number;
  originalAt: number;
  originalLength: number;
}

/**
 * An expression as mathjs reads it: every name with a letter outside ASCII replaced by a
 * stand-in of ASCII letters and digits that the text does not otherwise contain.
 */
interface Encoded {
  text: string;
  /** Stand-in → the name it replaces. */
  originals: ReadonlyMap<string, string>;
  /** The name → its stand-in. */
  standIns: ReadonlyMap<string, string>;
  replacements: readonly Replacement[];
  /** Matches every stand-in, to restore names in a parser's message. */
  pattern: RegExp | null;
}

function encodeNames(text: string): Encoded {
  const none: Encoded = {
    text,
    originals: new Map(),
    standIns: new Map(),
    replacements: [],
    pattern: null,
  };
  if (!NON_ASCII.test(text)) return none;
  // A prefix the text does not contain cannot collide with a name the text already uses.
  let prefix = 'u_';
  while (text.includes(prefix)) prefix = `u${prefix}`;
  const originals = new Map<string, string>();
  const standIns = new Map<string, string>();
  const replacements: Replacement[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(NAME_RUN)) {
    const name = match[0];
    if (!NON_ASCII.test(name)) continue;
    let standIn = standIns.get(name);
    if (standIn === undefined) {
      standIn = `${prefix}${standIns.size}`;
      standIns.set(name, standIn);
      originals.set(standIn, name);
    }
    out += text.slice(last, match.index);
    replacements.push({
      at: out.length,
      length: standIn.length,
      originalAt: match.index,
      originalLength: name.length,
    });
    out += standIn;
    last = match.index + name.length;
  }
  if (replacements.length === 0) return none;
  out += text.slice(last);
  return {
    text: out,
    originals,
    standIns,
    replacements,
    pattern: new RegExp(`${prefix}\\d+`, 'g'),
  };
}

/** A name as the file writes it. */
function originalName(encoded: Encoded, name: string): string {
  return encoded.originals.get(name) ?? name;
}

/**
 * A parser's message about the encoded text, told about the original: names restored and
 * `(char N)` counted in the original text.
 */
function originalMessage(encoded: Encoded, message: string): string {
  if (encoded.pattern === null) return message;
  return message
    .replace(/\(char (\d+)\)/g, (_, char: string) => {
      const at = Number(char) - 1;
      let shift = 0;
      for (const r of encoded.replacements) {
        if (at < r.at) break;
        if (at < r.at + r.length) return `(char ${r.originalAt + 1})`;
        shift += r.originalLength - r.length;
      }
      return `(char ${at + shift + 1})`;
    })
    .replace(encoded.pattern, (standIn) => originalName(encoded, standIn));
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

function describeOperator(node: SyntaxNode & { op?: string; fn?: unknown }): ForbiddenConstruct {
  const name = typeof node.fn === 'string' ? node.fn : '';
  if (['smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal'].includes(name)) {
    return { kind: 'comparison' };
  }
  return { kind: 'operator', operator: node.op ?? name };
}

/**
 * Walks the syntax tree, recording forbidden constructs and the names used (as the file writes
 * them: `original` restores a stand-in).
 */
function inspect(
  node: SyntaxNode,
  isParameter: (name: string) => boolean,
  into: Inspection,
  original: (name: string) => string,
): void {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as SyntaxNode & { value: unknown }).value;
      if (typeof value === 'string') noteForbidden(into.forbidden, { kind: 'text-string' });
      else if (typeof value !== 'number')
        noteForbidden(into.forbidden, { kind: 'constant', value: String(value) });
      return;
    }
    case 'ParenthesisNode':
      inspect((node as SyntaxNode & { content: SyntaxNode }).content, isParameter, into, original);
      return;
    case 'OperatorNode': {
      const operator = node as SyntaxNode & { fn: string; op: string; args: SyntaxNode[] };
      if (!ALLOWED_OPERATORS.has(operator.fn)) {
        noteForbidden(into.forbidden, describeOperator(operator));
        return;
      }
      for (const arg of operator.args) inspect(arg, isParameter, into, original);
      return;
    }
    case 'FunctionNode': {
      const call = node as SyntaxNode & { fn: SyntaxNode & { name?: string }; args: SyntaxNode[] };
      if (call.fn.type !== 'SymbolNode' || call.fn.name === undefined) {
        noteForbidden(into.forbidden, { kind: 'unnamed-call' });
        return;
      }
      if (!ALLOWED_FUNCTIONS.has(call.fn.name)) {
        noteForbidden(into.forbidden, { kind: 'function', name: original(call.fn.name) });
        return;
      }
      for (const arg of call.args) inspect(arg, isParameter, into, original);
      return;
    }
    case 'SymbolNode': {
      const name = original((node as SyntaxNode & { name: string }).name);
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
  if (PLAIN_NUMBER.test(text)) return { ok: true, expression: numberExpression(text) };
  if (isPlainName(text)) {
    // The parser reads a plain name as a symbol of itself, which `inspect` judges so.
    if (DANGEROUS_NAMES.has(text) || ALLOWED_FUNCTIONS.has(text)) {
      const found: ForbiddenConstruct[] = [{ kind: 'bare-name', name: text }];
      const constructs = found.map((construct) => forbiddenConstructPhrase(construct));
      return { ok: false, problem: { kind: 'forbidden', constructs, found } };
    }
    if (isParameter(text)) return { ok: true, expression: parameterExpression(text) };
    return { ok: false, problem: { kind: 'unknown-parameter', names: [text] } };
  }
  if (parser === null) {
    answeredWithoutParser = true;
    return { ok: false, problem: PENDING };
  }
  const encoded = encodeNames(text);
  let tree: SyntaxNode;
  try {
    tree = parser.parse(encoded.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { kind: 'syntax', detail: originalMessage(encoded, message) } };
  }
  const inspection: Inspection = { forbidden: [], unknown: [], used: [] };
  inspect(tree, isParameter, inspection, (name) => originalName(encoded, name));
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
  const scopeNames = used.map((name) => encoded.standIns.get(name) ?? name);
  return {
    ok: true,
    expression: {
      text,
      parameters: used,
      evaluate(values) {
        // The scope holds the named parameters and nothing else.
        const scope = new Map<string, number>();
        used.forEach((name, i) => scope.set(scopeNames[i], values.get(name) ?? Number.NaN));
        let result: unknown;
        try {
          result = compiled.evaluate(scope);
        } catch (error) {
          if (!(error instanceof Error)) throw error;
          throw new Error(originalMessage(encoded, error.message), { cause: error });
        }
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
 * Whether a string can name a parameter: a single identifier of letters of any script, their
 * marks, digits and `_`, not starting with a digit, at most 64 characters, and not a function
 * name, an operator word or a reserved word.
 *
 * @example
 * isValidParameterName('基础费率') // → true
 * isValidParameterName('mod') // → false
 */
export function isValidParameterName(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  const known = nameVerdicts.get(name);
  if (known !== undefined) return known;
  const verdict = checkParameterName(name);
  // Bounded, so that a file of many different names cannot grow it without end.
  if (nameVerdicts.size >= 4096) nameVerdicts.clear();
  nameVerdicts.set(name, verdict);
  return verdict;
}

/** Names already judged: validation asks about every parameter more than once. */
const nameVerdicts = new Map<string, boolean>();

function checkParameterName(name: string): boolean {
  if (RESERVED_NAMES.has(name) || DANGEROUS_NAMES.has(name) || ALLOWED_FUNCTIONS.has(name)) {
    return false;
  }
  if (!NAME_PATTERN.test(name)) return false;
  // A name with a letter outside ASCII is read through a stand-in (see `encodeNames`); any other
  // is a plain name, which the parser reads as a symbol of itself.
  return NON_ASCII.test(name) || isPlainName(name);
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

  // Depth-first evaluation in dependency order, with an explicit stack so that a long chain of
  // parameters cannot exhaust the call stack. `onPath` maps each name on the current path to
  // its depth there; meeting such a name again closes a loop.
  const done = new Set<string>();
  const failed = new Set(problems.map((p) => p.name));
  const onPath = new Map<string, number>();
  const path: { name: string; expression: CheckedExpression; next: number; ready: boolean }[] = [];

  /** Whether `name` already has its value (true), cannot get one (false) or must be visited. */
  const settled = (name: string): boolean | null => {
    if (values.has(name)) return true;
    if (failed.has(name) || blocked.has(name) || done.has(name)) return false;
    return checked.has(name) ? null : false;
  };

  const closeLoop = (from: number): void => {
    const loop = path.slice(from).map((frame) => frame.name);
    loop.forEach((member, at) => {
      if (failed.has(member)) return;
      failed.add(member);
      problems.push({ name: member, problem: cycleProblem(loop, at) });
    });
  };

  for (const root of checked.keys()) {
    if (settled(root) !== null) continue;
    path.push({ name: root, expression: checked.get(root)!, next: 0, ready: true });
    onPath.set(root, 0);
    while (path.length > 0) {
      const frame = path[path.length - 1];
      if (frame.next < frame.expression.parameters.length) {
        const used = frame.expression.parameters[frame.next++];
        const depth = onPath.get(used);
        if (depth !== undefined) {
          if (!failed.has(used)) closeLoop(depth);
          frame.ready = false;
          continue;
        }
        const state = settled(used);
        if (state === null) {
          onPath.set(used, path.length);
          path.push({ name: used, expression: checked.get(used)!, next: 0, ready: true });
        } else if (!state) {
          frame.ready = false;
        }
        continue;
      }
      path.pop();
      onPath.delete(frame.name);
      done.add(frame.name);
      let ok = false;
      if (!failed.has(frame.name) && !frame.ready) blocked.add(frame.name);
      else if (!failed.has(frame.name)) {
        const result = evaluateChecked(frame.expression, values);
        if (result.ok) {
          values.set(frame.name, result.value);
          ok = true;
        } else {
          failed.add(frame.name);
          problems.push({ name: frame.name, problem: result.problem });
        }
      }
      if (!ok && path.length > 0) path[path.length - 1].ready = false;
    }
  }
  return { values, problems, blocked };
}

/** Most members of a parameter loop a problem lists. */
export const MAX_CYCLE_NAMES = 20;

/**
 * The loop as seen from its member at `at`, so each member's message starts with itself; a long loop is
 * cut to its first {@link MAX_CYCLE_NAMES} members, so that a loop through thousands of
 * parameters gives problems of bounded size.
 */
function cycleProblem(loop: readonly string[], at: number): ExpressionProblem {
  const names: string[] = [];
  for (let i = 0; i < Math.min(loop.length, MAX_CYCLE_NAMES); i++) {
    names.push(loop[(at + i) % loop.length]);
  }
  return names.length < loop.length
    ? { kind: 'cycle', names, more: loop.length - names.length }
    : { kind: 'cycle', names };
}
