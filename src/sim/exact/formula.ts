/**
 * The formula of R in the step variables, for teaching: `r1·r2·(r3 + (1 − r3)·c3)·…`.
 *
 * Available for blueprints made of series steps, recoveries, decisions and parallel blocks
 * (no loops, no failure edges). A decision contributes a probability-weighted sum of its routes
 * up to the point where they meet again (its immediate post-dominator), so shared tails are
 * factored out instead of repeated; a k-of-n block contributes "at least k of its branches".
 */
import type { Model } from '../model';

/** Which quantity of a step a formula variable stands for. */
export type FormulaQuantity = 'reliability' | 'catchRate';

/** An expression tree of a reliability formula. */
export type FormulaExpression =
  | { kind: 'constant'; value: number }
  | { kind: 'variable'; name: string }
  /** Sum of the terms. */
  | { kind: 'sum'; terms: FormulaExpression[] }
  /** Product of the factors. */
  | { kind: 'product'; factors: FormulaExpression[] }
  /** 1 − of. */
  | { kind: 'complement'; of: FormulaExpression }
  /** Probability that at least k of the independent events `of` happen (a k-of-n block). */
  | { kind: 'atLeast'; k: number; of: FormulaExpression[] };

/** A variable of the formula and the step it belongs to. */
export interface FormulaVariable {
  /** `r1`, `c3`, …: r for reliability, c for catch rate, numbered by step order in the model. */
  name: string;
  /** Id of the step. */
  step: string;
  quantity: FormulaQuantity;
  /** The step's current value of the quantity, probability 0–1. */
  value: number;
}

/** The formula of R as text, as a tree, and with its variables. */
export interface ReliabilityFormula {
  /** E.g. `r1·r2·(r3 + (1 − r3)·c3)`; decisions weighted by their probabilities. */
  text: string;
  expression: FormulaExpression;
  variables: FormulaVariable[];
}

/**
 * Decisions and blocks nested deeper than this give no formula: nobody reads such a formula,
 * and a bound on the nesting bounds the depth of every walk over the expression tree (building,
 * rendering, evaluating), so none of them can exhaust the call stack.
 */
export const FORMULA_NESTING_LIMIT = 64;

/** Raised inside {@link reliabilityFormulaDetails} when the nesting passes the limit. */
class TooDeeplyNested extends Error {}

/** Blocks with more branches than this are written as `P(≥ k of: …)` rather than spelled out. */
const SPELLED_OUT_BRANCHES = 8;

/**
 * The formula of R in the step variables (`r1·r2·(r3 + (1 − r3)·c3)·…`), or null when the
 * blueprint has loops or failure edges and so has no finite formula of this kind, or nests
 * decisions and blocks more than {@link FORMULA_NESTING_LIMIT} deep.
 */
export function reliabilityFormula(model: Model): string | null {
  return reliabilityFormulaDetails(model)?.text ?? null;
}

/**
 * {@link reliabilityFormula} with its expression tree and the variables (name → step, current
 * value), for the app to lay out or evaluate. Null when not expressible.
 */
export function reliabilityFormulaDetails(model: Model): ReliabilityFormula | null {
  const { nodes, edges, blocks } = model;
  if (nodes.some((node) => node.failureEdge >= 0)) return null;

  // The graph with each block collapsed to parallel → join, plus a sink after every end.
  const sink = nodes.length;
  const successorsOf = (v: number): number[] => {
    const node = nodes[v];
    if (node.type === 'end') return [sink];
    if (node.type === 'parallel') return [blocks[node.ownBlock].join];
    return node.out.map((e) => edges[e].target);
  };
  const order = postOrderIfAcyclic(nodes.length, successorsOf);
  if (!order) return null;
  // Loops inside branches are not seen through the collapsed graph's parallel → join edges,
  // but every branch node is in the graph on its own, so the post-order covers them too.

  const immediatePostDominator = new Int32Array(nodes.length + 1).fill(-1);
  const depth = new Int32Array(nodes.length + 1);
  immediatePostDominator[sink] = sink;
  for (const v of order) {
    let dominator = -1;
    for (const w of successorsOf(v)) {
      dominator = dominator < 0 ? w : meet(dominator, w, immediatePostDominator, depth);
    }
    immediatePostDominator[v] = dominator;
    depth[v] = depth[dominator] + 1;
  }

  const variables: FormulaVariable[] = [];
  const stepTerm = new Map<number, FormulaExpression>();
  let ordinal = 0;
  for (const node of nodes) {
    if (node.type !== 'step') continue;
    ordinal++;
    const r = `r${ordinal}`;
    variables.push({ name: r, step: node.id, quantity: 'reliability', value: node.reliability });
    if (node.hasRecovery) {
      const c = `c${ordinal}`;
      variables.push({ name: c, step: node.id, quantity: 'catchRate', value: node.catchRate });
      stepTerm.set(
        node.index,
        sum([variable(r), product([{ kind: 'complement', of: variable(r) }, variable(c)])]),
      );
    } else {
      stepTerm.set(node.index, variable(r));
    }
  }

  const segment = (from: number, to: number, nesting: number): FormulaExpression => {
    if (nesting > FORMULA_NESTING_LIMIT) throw new TooDeeplyNested();
    const factors: FormulaExpression[] = [];
    let v = from;
    while (v !== to) {
      const node = nodes[v];
      switch (node.type) {
        case 'end':
          if (node.outcome === 'failure') return constant(0);
          v = sink;
          break;
        case 'step':
          factors.push(stepTerm.get(v)!);
          v = edges[node.out[0]].target;
          break;
        case 'decision': {
          const meetAt = immediatePostDominator[v];
          let total = 0;
          for (const e of node.out) total += edges[e].probability;
          factors.push(
            sum(
              node.out.map((e) =>
                product([
                  constant(edges[e].probability / total),
                  segment(edges[e].target, meetAt, nesting + 1),
                ]),
              ),
            ),
          );
          v = meetAt;
          break;
        }
        case 'parallel': {
          const block = blocks[node.ownBlock];
          factors.push(
            atLeastOf(
              block.k,
              block.branches.map((branch) => segment(branch.entry, block.join, nesting + 1)),
            ),
          );
          v = block.join;
          break;
        }
        case 'start':
        case 'join':
          v = edges[node.out[0]].target;
          break;
      }
    }
    return product(factors);
  };

  let expression: FormulaExpression;
  try {
    expression = segment(model.start, sink, 0);
  } catch (error) {
    if (error instanceof TooDeeplyNested) return null;
    throw error;
  }
  return { text: formatFormula(expression), expression, variables };
}

/**
 * Value of a formula for given variable values (e.g. from {@link FormulaVariable.value}).
 *
 * @throws When a variable has no value.
 */
export function evaluateFormula(
  expression: FormulaExpression,
  values: Readonly<Record<string, number>>,
): number {
  switch (expression.kind) {
    case 'constant':
      return expression.value;
    case 'variable': {
      const value = values[expression.name];
      if (value === undefined) {
        throw new Error(`The formula variable ${expression.name} has no value.`);
      }
      return value;
    }
    case 'sum':
      return expression.terms.reduce((acc, term) => acc + evaluateFormula(term, values), 0);
    case 'product':
      return expression.factors.reduce((acc, f) => acc * evaluateFormula(f, values), 1);
    case 'complement':
      return 1 - evaluateFormula(expression.of, values);
    case 'atLeast': {
      const p = expression.of.map((e) => evaluateFormula(e, values));
      let counts = [1];
      for (const x of p) {
        const next = new Array<number>(counts.length + 1).fill(0);
        counts.forEach((q, j) => {
          next[j] += q * (1 - x);
          next[j + 1] += q * x;
        });
        counts = next;
      }
      return counts.slice(expression.k).reduce((a, b) => a + b, 0);
    }
  }
}

/** Text of a formula with `·` for products and `−` for differences. */
export function formatFormula(expression: FormulaExpression): string {
  return render(expression, 0);
}

const SUM = 1;
const PRODUCT = 2;

function render(expression: FormulaExpression, context: number): string {
  switch (expression.kind) {
    case 'constant':
      return formatNumber(expression.value);
    case 'variable':
      return expression.name;
    case 'sum':
      return wrap(expression.terms.map((t) => render(t, SUM)).join(' + '), context > SUM);
    case 'product':
      return wrap(expression.factors.map((f) => render(f, PRODUCT)).join('·'), context > PRODUCT);
    case 'complement':
      return wrap(`1 − ${render(expression.of, PRODUCT)}`, context >= SUM);
    case 'atLeast':
      return render(spellOut(expression.k, expression.of), context);
  }
}

/** Writes "at least k of" as plain arithmetic, or keeps the compact form for large blocks. */
function spellOut(k: number, events: FormulaExpression[]): FormulaExpression {
  const n = events.length;
  if (k === 1) {
    return { kind: 'complement', of: product(events.map((e) => complementOf(e))) };
  }
  if (n > SPELLED_OUT_BRANCHES) {
    return {
      kind: 'variable',
      name: `P(≥ ${k} of: ${events.map((e) => render(e, 0)).join('; ')})`,
    };
  }
  const terms: FormulaExpression[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let count = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) count++;
    if (count < k) continue;
    terms.push(product(events.map((e, i) => (mask & (1 << i) ? e : complementOf(e)))));
  }
  return sum(terms);
}

function complementOf(expression: FormulaExpression): FormulaExpression {
  if (expression.kind === 'complement') return expression.of;
  if (expression.kind === 'constant') return constant(1 - expression.value);
  return { kind: 'complement', of: expression };
}

function wrap(text: string, parenthesise: boolean): string {
  return parenthesise ? `(${text})` : text;
}

function formatNumber(value: number): string {
  return String(+value.toPrecision(12));
}

function constant(value: number): FormulaExpression {
  return { kind: 'constant', value };
}

function variable(name: string): FormulaExpression {
  return { kind: 'variable', name };
}

/** A product with nested products flattened, constants multiplied together and 1s dropped. */
function product(factors: FormulaExpression[]): FormulaExpression {
  const flat: FormulaExpression[] = [];
  let scale = 1;
  const add = (f: FormulaExpression) => {
    if (f.kind === 'product') f.factors.forEach(add);
    else if (f.kind === 'constant') scale *= f.value;
    else flat.push(f);
  };
  factors.forEach(add);
  if (scale === 0) return constant(0);
  if (scale !== 1) flat.unshift(constant(scale));
  if (flat.length === 0) return constant(1);
  return flat.length === 1 ? flat[0] : { kind: 'product', factors: flat };
}

/** A sum with nested sums flattened, constants added together and 0s dropped. */
function sum(terms: FormulaExpression[]): FormulaExpression {
  const flat: FormulaExpression[] = [];
  let offset = 0;
  const add = (t: FormulaExpression) => {
    if (t.kind === 'sum') t.terms.forEach(add);
    else if (t.kind === 'constant') offset += t.value;
    else flat.push(t);
  };
  terms.forEach(add);
  if (offset !== 0) flat.push(constant(offset));
  if (flat.length === 0) return constant(0);
  return flat.length === 1 ? flat[0] : { kind: 'sum', terms: flat };
}

/** "At least k of" with certain branches (constant 1) and impossible ones (0) taken out. */
function atLeastOf(k: number, events: FormulaExpression[]): FormulaExpression {
  let needed = k;
  const open: FormulaExpression[] = [];
  for (const e of events) {
    if (e.kind === 'constant' && e.value === 1) needed--;
    else if (!(e.kind === 'constant' && e.value === 0)) open.push(e);
  }
  if (needed <= 0) return constant(1);
  if (needed > open.length) return constant(0);
  if (needed === open.length) return product(open);
  return { kind: 'atLeast', k: needed, of: open };
}

/** Nodes in post-order of a depth-first search (successors before the node), or null on a cycle. */
function postOrderIfAcyclic(count: number, successorsOf: (v: number) => number[]): number[] | null {
  const state = new Uint8Array(count); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  for (let root = 0; root < count; root++) {
    if (state[root]) continue;
    const stack: { v: number; next: number[]; i: number }[] = [
      { v: root, next: successorsOf(root), i: 0 },
    ];
    state[root] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (w >= count || state[w] === 2) continue;
        if (state[w] === 1) return null;
        state[w] = 1;
        stack.push({ v: w, next: successorsOf(w), i: 0 });
      } else {
        state[frame.v] = 2;
        order.push(frame.v);
        stack.pop();
      }
    }
  }
  return order;
}

/** Nearest common post-dominator of a and b, walking up the post-dominator tree. */
function meet(a: number, b: number, parent: Int32Array, depth: Int32Array): number {
  while (a !== b) {
    if (depth[a] >= depth[b]) a = parent[a];
    else b = parent[b];
  }
  return a;
}
