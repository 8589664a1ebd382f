/**
 * Blueprints of the shapes people draw, at any size, for the growth table of `npm run bench`
 * and the scale tests of the exact analysis: a chain, a long rework loop, a wide k-of-n block
 * and deeply nested parallel blocks. Each comes with the closed form of its R where one exists,
 * so a test can check the figure and not only the time.
 */
import type { EdgeInput, ModelInput, NodeInput } from '../src/sim/model';

/** A blueprint and, when the shape has one, its R in closed form (probability, 0–1). */
export interface Shape {
  input: ModelInput;
  /** Number of nodes of the blueprint. */
  nodes: number;
  /** R computed by a closed form, independently of the exact analysis. */
  expected: number;
}

class Builder {
  readonly nodes: NodeInput[] = [];
  readonly edges: EdgeInput[] = [];
  node(node: NodeInput): string {
    this.nodes.push(node);
    return node.id;
  }
  edge(source: string, target: string, extra: Partial<EdgeInput> = {}): void {
    this.edges.push({ id: `e${this.edges.length}`, source, target, ...extra });
  }
  shape(expected: number): Shape {
    return { input: { nodes: this.nodes, edges: this.edges }, nodes: this.nodes.length, expected };
  }
}

/** start → `steps` steps of reliability `reliability` → end. R = reliabilityⁿ. */
export function chainShape(steps: number, reliability = 0.99999): Shape {
  const b = new Builder();
  let previous = b.node({ id: 'start', type: 'start' });
  for (let i = 0; i < steps; i++) {
    const id = b.node({ id: `s${i}`, type: 'step', reliability });
    b.edge(previous, id);
    previous = id;
  }
  b.edge(previous, b.node({ id: 'end', type: 'end' }));
  return b.shape(reliability ** steps);
}

/**
 * A rework loop: `steps` steps in a row, then a check that lets the customer out with
 * probability `exit` and sends the work back to the first step otherwise. One pass succeeds with
 * p = reliabilityⁿ, so R = p·exit / (1 − p·(1 − exit)).
 *
 * With `reworkEvery` > 0, every that many steps a step also has a recovery (catch 0.5) whose
 * failure edge sends the work back a few steps: a chain with many short back edges as well as
 * the long one. R then has no simple closed form and `expected` is NaN.
 */
export function reworkLoopShape(
  steps: number,
  options: { reliability?: number; exit?: number; reworkEvery?: number } = {},
): Shape {
  const reliability = options.reliability ?? 0.99999;
  const exit = options.exit ?? 0.5;
  const every = options.reworkEvery ?? 0;
  const b = new Builder();
  const start = b.node({ id: 'start', type: 'start' });
  let previous = start;
  for (let i = 0; i < steps; i++) {
    const rework = every > 0 && i % every === every - 1;
    const id = b.node({
      id: `s${i}`,
      type: 'step',
      reliability,
      ...(rework ? { recovery: { catch: 0.5 } } : {}),
    });
    b.edge(previous, id);
    if (rework) b.edge(id, `s${Math.max(0, i - 3)}`, { kind: 'failure' });
    previous = id;
  }
  const check = b.node({ id: 'check', type: 'decision' });
  b.edge(previous, check);
  b.edge(check, b.node({ id: 'end', type: 'end' }), { probability: exit });
  b.edge(check, 's0', { probability: 1 - exit });
  const pass = reliability ** steps;
  return b.shape(every > 0 ? NaN : (pass * exit) / (1 - pass * (1 - exit)));
}

/**
 * A parallel block of `branches` one-step branches of reliability `reliability` whose join
 * needs `k` of them. R is the binomial tail P(Bin(n, r) ≥ k), summed here term by term.
 */
export function kOfNShape(branches: number, k: number, reliability = 0.999): Shape {
  const b = new Builder();
  const start = b.node({ id: 'start', type: 'start' });
  const parallel = b.node({ id: 'fork', type: 'parallel' });
  const join = b.node({ id: 'join', type: 'join', k });
  b.edge(start, parallel);
  for (let i = 0; i < branches; i++) {
    const id = b.node({ id: `b${i}`, type: 'step', reliability });
    b.edge(parallel, id);
    b.edge(id, join);
  }
  b.edge(join, b.node({ id: 'end', type: 'end' }));
  return b.shape(binomialTail(branches, k, reliability));
}

/**
 * P(Bin(n, p) ≥ k) as P(at most n − k failures), summed from no failure up. Each term is
 * carried as its logarithm (log pⁿ, then the log of the ratio of neighbouring terms), so it
 * neither underflows for large n nor loses more than a few rounding units per thousand terms.
 */
export function binomialTail(n: number, k: number, p: number): number {
  const logRatio = Math.log1p(-p) - Math.log(p);
  let logTerm = n * Math.log(p);
  let sum = 0;
  for (let f = 0; f <= n - k; f++) {
    sum += Math.exp(logTerm);
    logTerm += Math.log((n - f) / (f + 1)) + logRatio;
  }
  return sum;
}

/** P(Bin(n, p) = j), from the logarithms of its factors. */
export function binomialPoint(n: number, j: number, p: number): number {
  let logChoose = 0;
  for (let i = 1; i <= j; i++) logChoose += Math.log((n - j + i) / i);
  return Math.exp(logChoose + j * Math.log(p) + (n - j) * Math.log1p(-p));
}

/**
 * `depth` parallel blocks nested in one another: each block has a branch holding the next
 * block and a branch holding one step of reliability `reliability`, and needs both; the
 * innermost block has two such steps. R = reliability^(depth + 1).
 */
export function nestedShape(depth: number, reliability = 0.99999): Shape {
  const b = new Builder();
  const start = b.node({ id: 'start', type: 'start' });
  const forks: string[] = [];
  const joins: string[] = [];
  for (let level = 0; level < depth; level++) {
    forks.push(b.node({ id: `fork${level}`, type: 'parallel' }));
    joins.push(b.node({ id: `join${level}`, type: 'join' }));
  }
  b.edge(start, forks[0]);
  for (let level = 0; level < depth; level++) {
    const side = b.node({ id: `side${level}`, type: 'step', reliability });
    b.edge(forks[level], side);
    b.edge(side, joins[level]);
    if (level + 1 < depth) {
      b.edge(forks[level], forks[level + 1]);
      b.edge(joins[level + 1], joins[level]);
    } else {
      const inner = b.node({ id: 'inner', type: 'step', reliability });
      b.edge(forks[level], inner);
      b.edge(inner, joins[level]);
    }
  }
  b.edge(joins[0], b.node({ id: 'end', type: 'end' }));
  return b.shape(reliability ** (depth + 1));
}
