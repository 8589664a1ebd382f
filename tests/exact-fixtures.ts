/**
 * Blueprints for the exact-analysis tests: a compact builder for hand-made cases, the courier
 * reference case, a fast-check arbitrary of random valid blueprints, and a dense reference
 * solver (plain Gaussian elimination over the whole graph) for blueprints without parallel
 * blocks, used as an independent check of the level-by-level solver.
 */
import fc from 'fast-check';
import type { EdgeInput, Model, ModelInput, NodeInput } from '../src/sim/model';
import { systemReliability } from '../src/sim/exact';
import { buildModel } from '../src/sim/structure';

/** `[source, target]`, or with a decision probability / failure kind. */
export type EdgeSpec = [string, string] | [string, string, { p?: number; failure?: boolean }];

/** A `ModelInput` from nodes and terse edges (ids `e0`, `e1`, …). */
export function blueprint(nodes: NodeInput[], edges: EdgeSpec[]): ModelInput {
  return {
    nodes,
    edges: edges.map(([source, target, options], n): EdgeInput => {
      const edge: EdgeInput = { id: `e${n}`, source, target };
      if (options?.p !== undefined) edge.probability = options.p;
      if (options?.failure) edge.kind = 'failure';
      return edge;
    }),
  };
}

/** Builds a model, failing loudly with the diagnostics when the input is not valid. */
export function modelOf(input: ModelInput): Model {
  const built = buildModel(input);
  if (!built.ok) {
    throw new Error(`Invalid test blueprint: ${built.diagnostics.map((d) => d.message).join(' ')}`);
  }
  return built.model;
}

export const start = (id = 'start'): NodeInput => ({ id, type: 'start' });
export const end = (id = 'end'): NodeInput => ({ id, type: 'end' });
export const failureEnd = (id: string): NodeInput => ({ id, type: 'end', outcome: 'failure' });
export const decision = (id: string): NodeInput => ({ id, type: 'decision' });
export const parallel = (id: string): NodeInput => ({ id, type: 'parallel' });
export const join = (id: string, k?: number): NodeInput =>
  k === undefined ? { id, type: 'join' } : { id, type: 'join', k };
export function step(id: string, reliability: number, catchRate?: number): NodeInput {
  const node: NodeInput = { id, type: 'step', reliability };
  if (catchRate !== undefined) node.recovery = { catch: catchRate };
  return node;
}

/** Steps `s1 … sN` in series between `start` and `end`. */
export function series(
  reliabilities: number[],
  recoveries: Record<number, number> = {},
): ModelInput {
  const nodes: NodeInput[] = [start()];
  const edges: EdgeSpec[] = [];
  let previous = 'start';
  reliabilities.forEach((r, i) => {
    const id = `s${i + 1}`;
    nodes.push(step(id, r, recoveries[i + 1]));
    edges.push([previous, id]);
    previous = id;
  });
  nodes.push(end());
  edges.push([previous, 'end']);
  return blueprint(nodes, edges);
}

/** `start → p → one step per branch (b1 … bN) → j (k) → end`: a parallel block. */
export function parallelBlock(reliabilities: number[], k?: number): ModelInput {
  return blueprint(
    [
      start(),
      parallel('p'),
      ...reliabilities.map((r, i) => step(`b${i + 1}`, r)),
      join('j', k),
      end(),
    ],
    [
      ['start', 'p'],
      ...reliabilities.map((_, i): [string, string] => ['p', `b${i + 1}`]),
      ...reliabilities.map((_, i): [string, string] => [`b${i + 1}`, 'j']),
      ['j', 'end'],
    ],
  );
}

/** The reference case of SPEC §1: ten steps in series. */
export const COURIER_RELIABILITIES = [0.99, 0.98, 0.9, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99];

/** The courier service, optionally with recoveries (step number → catch rate). */
export function courier(recoveries: Record<number, number> = {}): ModelInput {
  return series(COURIER_RELIABILITIES, recoveries);
}

/** A copy of an input with one step's reliability and/or catch rate replaced. */
export function withStep(
  input: ModelInput,
  id: string,
  change: { reliability?: number; catchRate?: number },
): ModelInput {
  return {
    nodes: input.nodes.map((node) => {
      if (node.id !== id) return node;
      const copy: NodeInput = { ...node };
      if (change.reliability !== undefined) copy.reliability = change.reliability;
      if (change.catchRate !== undefined) {
        copy.recovery = { ...(node.recovery ?? {}), catch: change.catchRate };
      }
      return copy;
    }),
    edges: input.edges,
  };
}

// ---------------------------------------------------------------------------------------------
// Random valid blueprints

/** A piece of a random blueprint, placed after whatever comes before it. */
export type Segment =
  | { kind: 'step'; r: number; c?: number }
  /** A step whose uncaught failure goes to a rework step; both go on to what follows. */
  | { kind: 'rework'; r: number; c?: number; rework: number }
  /** A step whose uncaught failure goes back to an earlier node of its sequence (or itself). */
  | { kind: 'retry'; r: number; back: number }
  /** A decision going back to an earlier node of its sequence with probability q. */
  | { kind: 'loop'; q: number; back: number }
  | { kind: 'split'; routes: { weight: number; segments: Segment[] }[] }
  | { kind: 'block'; branches: Segment[][]; k: number }
  /** A decision where the customer gives up (a failure end) with probability p. */
  | { kind: 'abandon'; p: number };

/** What the random blueprints may contain. */
export interface RandomOptions {
  loops?: boolean;
  failureEdges?: boolean;
  blocks?: boolean;
  decisions?: boolean;
  recoveries?: boolean;
  failureEnds?: boolean;
}

const reliabilityArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 700, max: 1000 }).map((r) => r / 1000) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0.5, 1) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
);
/** Reliabilities of retried steps stay at 0.1 or more, so a tornado at −0.05 keeps the loop escapable. */
const retryReliabilityArb = fc.integer({ min: 100, max: 1000 }).map((r) => r / 1000);
const catchArb = fc.integer({ min: 0, max: 100 }).map((c) => c / 100);

function segmentsArb(options: Required<RandomOptions>, depth: number, inBlock: boolean) {
  const choices: fc.Arbitrary<Segment>[] = [];
  const withCatch = options.recoveries
    ? fc.option(catchArb, { nil: undefined, freq: 3 })
    : fc.constant(undefined);
  choices.push(
    fc
      .record({ r: reliabilityArb, c: withCatch })
      .map(({ r, c }): Segment => (c === undefined ? { kind: 'step', r } : { kind: 'step', r, c })),
  );
  if (options.failureEdges) {
    choices.push(
      fc
        .record({ r: reliabilityArb, c: withCatch, rework: reliabilityArb })
        .map(({ r, c, rework }): Segment =>
          c === undefined ? { kind: 'rework', r, rework } : { kind: 'rework', r, c, rework },
        ),
    );
  }
  if (options.failureEdges && options.loops) {
    choices.push(
      fc
        .record({ r: retryReliabilityArb, back: fc.nat(5) })
        .map((s): Segment => ({ kind: 'retry', ...s })),
    );
  }
  if (options.loops) {
    choices.push(
      fc
        .record({
          q: fc.integer({ min: 1, max: 90 }).map((q) => q / 100),
          back: fc.nat(5),
        })
        .map((s): Segment => ({ kind: 'loop', ...s })),
    );
  }
  if (options.failureEnds && !inBlock) {
    choices.push(
      fc.integer({ min: 1, max: 50 }).map((p): Segment => ({ kind: 'abandon', p: p / 100 })),
    );
  }
  if (depth > 0 && options.decisions) {
    const inner = segmentsArb(options, depth - 1, inBlock);
    choices.push(
      fc
        .array(fc.record({ weight: fc.integer({ min: 1, max: 9 }), segments: inner }), {
          minLength: 2,
          maxLength: 3,
        })
        .map((routes): Segment => ({ kind: 'split', routes })),
    );
  }
  if (depth > 0 && options.blocks) {
    const inner = segmentsArb(options, depth - 1, true);
    choices.push(
      fc.array(inner, { minLength: 2, maxLength: 3 }).chain((branches) =>
        fc.integer({ min: 1, max: branches.length }).map((k): Segment => ({
          kind: 'block',
          branches,
          k,
        })),
      ),
    );
  }
  return fc.array(fc.oneof(...choices), { minLength: 0, maxLength: depth > 1 ? 4 : 3 });
}

/** Random valid blueprints (every construct on unless switched off). */
export function randomBlueprint(options: RandomOptions = {}): fc.Arbitrary<ModelInput> {
  const settings: Required<RandomOptions> = {
    loops: true,
    failureEdges: true,
    blocks: true,
    decisions: true,
    recoveries: true,
    failureEnds: true,
    ...options,
  };
  return segmentsArb(settings, 2, false)
    .filter((segments) => segments.length > 0)
    .map(assemble);
}

interface Exit {
  source: string;
  probability?: number;
  failure?: boolean;
}

/** Turns segments into nodes and edges; valid by construction. */
export function assemble(segments: Segment[]): ModelInput {
  const nodes: NodeInput[] = [start()];
  const edges: EdgeInput[] = [];
  let counter = 0;
  const fresh = (prefix: string) => `${prefix}${++counter}`;
  const link = (exits: Exit[], target: string) => {
    for (const exit of exits) {
      const edge: EdgeInput = { id: fresh('e'), source: exit.source, target };
      if (exit.probability !== undefined) edge.probability = exit.probability;
      if (exit.failure) edge.kind = 'failure';
      edges.push(edge);
    }
  };
  const addStep = (r: number, c?: number) => {
    const id = fresh('s');
    nodes.push(step(id, r, c));
    return id;
  };

  const sequence = (list: Segment[], entry: Exit[]): Exit[] => {
    let open = entry;
    const placed: string[] = [];
    const earlier = (back: number) => placed[placed.length - 1 - (back % placed.length)];
    for (const segment of list) {
      switch (segment.kind) {
        case 'step': {
          const id = addStep(segment.r, segment.c);
          link(open, id);
          placed.push(id);
          open = [{ source: id }];
          break;
        }
        case 'rework': {
          const id = addStep(segment.r, segment.c);
          link(open, id);
          placed.push(id);
          const rework = addStep(segment.rework);
          link([{ source: id, failure: true }], rework);
          open = [{ source: id }, { source: rework }];
          break;
        }
        case 'retry': {
          const id = addStep(segment.r);
          link(open, id);
          placed.push(id);
          link([{ source: id, failure: true }], earlier(segment.back));
          open = [{ source: id }];
          break;
        }
        case 'loop': {
          const id = fresh('d');
          nodes.push(decision(id));
          link(open, id);
          placed.push(id);
          link([{ source: id, probability: segment.q }], earlier(segment.back));
          open = [{ source: id, probability: 1 - segment.q }];
          break;
        }
        case 'abandon': {
          const id = fresh('d');
          const gone = fresh('x');
          nodes.push(decision(id), failureEnd(gone));
          link(open, id);
          placed.push(id);
          link([{ source: id, probability: segment.p }], gone);
          open = [{ source: id, probability: 1 - segment.p }];
          break;
        }
        case 'split': {
          const id = fresh('d');
          nodes.push(decision(id));
          link(open, id);
          placed.push(id);
          const total = segment.routes.reduce((acc, r) => acc + r.weight, 0);
          open = segment.routes.flatMap((route) =>
            sequence(route.segments, [{ source: id, probability: route.weight / total }]),
          );
          break;
        }
        case 'block': {
          const p = fresh('p');
          const j = fresh('j');
          nodes.push(parallel(p), join(j, segment.k));
          link(open, p);
          placed.push(p);
          for (const branch of segment.branches) link(sequence(branch, [{ source: p }]), j);
          open = [{ source: j }];
          break;
        }
      }
    }
    return open;
  };

  const open = sequence(segments, [{ source: 'start' }]);
  nodes.push(end());
  link(open, 'end');
  return { nodes, edges };
}

// ---------------------------------------------------------------------------------------------
// Dense reference solver (no parallel blocks)

/** R, expected visits and visit probabilities by brute force over the whole graph. */
export interface DenseReference {
  reliability: number;
  visits: Map<string, number>;
  visitProbability(id: string): number;
}

/**
 * Solves a block-free model as one dense absorbing chain with Gaussian elimination and partial
 * pivoting: independent of the level/component solver under test.
 */
export function denseReference(model: Model): DenseReference {
  const { nodes, edges } = model;
  if (model.blocks.length > 0) throw new Error('The dense reference handles no parallel blocks.');
  const states = nodes.filter((n) => n.type !== 'end').map((n) => n.index);
  const local = new Map(states.map((v, i) => [v, i]));
  const m = states.length;
  const Q = states.map(() => new Array<number>(m).fill(0));
  const success = new Array<number>(m).fill(0);
  const add = (i: number, to: number, p: number) => {
    const node = nodes[to];
    if (node.type === 'end') {
      if (node.outcome === 'success') success[i] += p;
    } else Q[i][local.get(to)!] += p;
  };
  states.forEach((v, i) => {
    const node = nodes[v];
    if (node.type === 'step') {
      const pass = node.reliability + (1 - node.reliability) * node.catchRate;
      add(i, edges[node.out[0]].target, pass);
      if (node.failureEdge >= 0) add(i, edges[node.failureEdge].target, 1 - pass);
    } else if (node.type === 'decision') {
      for (const e of node.out) add(i, edges[e].target, edges[e].probability);
    } else {
      add(i, edges[node.out[0]].target, 1);
    }
  });
  const A = Q.map((row, i) => row.map((q, j) => (i === j ? 1 : 0) - q));
  const solve = (matrix: number[][], rhs: number[]): number[] => {
    const a = matrix.map((row, i) => [...row, rhs[i]]);
    for (let k = 0; k < m; k++) {
      let best = k;
      for (let i = k + 1; i < m; i++) if (Math.abs(a[i][k]) > Math.abs(a[best][k])) best = i;
      [a[k], a[best]] = [a[best], a[k]];
      for (let i = k + 1; i < m; i++) {
        const f = a[i][k] / a[k][k];
        for (let j = k; j <= m; j++) a[i][j] -= f * a[k][j];
      }
    }
    const x = new Array<number>(m).fill(0);
    for (let i = m - 1; i >= 0; i--) {
      let s = a[i][m];
      for (let j = i + 1; j < m; j++) s -= a[i][j] * x[j];
      x[i] = s / a[i][i];
    }
    return x;
  };
  const s = local.get(model.start)!;
  const g = solve(A, success);
  const transpose = A.map((_, i) => A.map((row) => row[i]));
  const unit = new Array<number>(m).fill(0);
  unit[s] = 1;
  const v = solve(transpose, unit);
  return {
    reliability: g[s],
    visits: new Map(states.map((node, i) => [nodes[node].id, v[i]])),
    visitProbability(id: string) {
      // Make the node absorbing and measure the probability of being absorbed there.
      const u = local.get(model.indexOf.get(id)!)!;
      const B = A.map((row, i) => (i === u ? row.map((_, j) => (j === u ? 1 : 0)) : row));
      const hit = new Array<number>(m).fill(0);
      hit[u] = 1;
      return solve(B, hit)[s];
    },
  };
}

/** R of an input by a full analysis, or null when it has a loop that can never be left. */
export function reanalyzed(input: ModelInput): number | null {
  const built = buildModel(input);
  if (!built.ok) return null;
  try {
    return systemReliability(built.model);
  } catch (error) {
    if (error instanceof Error && /forever/.test(error.message)) return null;
    throw error;
  }
}
