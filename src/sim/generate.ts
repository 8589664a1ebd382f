/**
 * Valid blueprints of any size, made to order: the benchmark's 10,000-node case, the editor's
 * stress test and the property tests all build their models here.
 *
 * Generation has two halves. A {@link BlueprintPlan} describes a blueprint as a tree of
 * segments (steps, rework routes, retries, loops, decisions, parallel blocks, give-up exits);
 * {@link assembleBlueprint} turns any plan into nodes and edges that are valid by
 * construction. {@link generateBlueprint} draws a plan from a seed; the fast-check
 * arbitraries of the tests draw plans too, so both share one assembler and one set of
 * guarantees.
 */
import {
  BLUEPRINT_FORMAT,
  BLUEPRINT_VERSION,
  type BlueprintDocument,
  type EdgeSpec,
  type NodeSpec,
  type QuantitySpec,
  type StepNodeSpec,
} from './document';
import {
  LANES,
  type Distribution,
  type EdgeInput,
  type Lane,
  type ModelInput,
  type NodeInput,
} from './model';

/** A step in a plan. */
export interface PlannedStep {
  /** Probability, 0–1, that the step is done right. */
  reliability: number;
  /** Share, 0–1, of the step's failures caught by a recovery; leave out for no recovery. */
  catchRate?: number;
  lane?: Lane;
  label?: string;
  /** Minutes. */
  duration?: Distribution;
  /** Currency units. */
  cost?: Distribution;
  /** Minutes added when the recovery catches a failure. */
  recoveryDuration?: Distribution;
  /** Currency units added when the recovery catches a failure. */
  recoveryCost?: Distribution;
}

/** One route out of a {@link PlanSegment} `split` decision. */
export interface PlannedAlternative {
  /** Probability, 0–1, of taking this route; the routes of a split add up to 1. */
  probability: number;
  /** What happens on the route before it rejoins the others; may be empty. */
  segments: PlanSegment[];
}

/**
 * A piece of a blueprint, placed after whatever came before it in its sequence:
 * - `step`: one step.
 * - `rework`: a step whose uncaught failure is sent to a rework step; both routes go on to
 *   whatever follows.
 * - `retry`: a step whose uncaught failure is sent back to an earlier node of the same
 *   sequence (`back` = 0 retries the step itself, 1 the node before it, …).
 * - `loop`: a decision that sends the customer back to an earlier node of the same sequence
 *   (`back` = 0 asks the decision again, 1 returns to the node before it, …) with
 *   `probability` (0–1, below 1) and otherwise goes on.
 * - `split`: a decision between alternative routes that meet again at the next node.
 * - `block`: a parallel block whose branches meet at a join needing `k` of them (default all).
 * - `abandon`: a decision where the customer gives up (a failure end) with `probability`.
 *   Not allowed inside a parallel block, since ends cannot sit in one.
 *
 * A `back` larger than the nodes available wraps around, so every value is usable.
 */
export type PlanSegment =
  | { kind: 'step'; step: PlannedStep }
  | { kind: 'rework'; step: PlannedStep; rework: PlannedStep }
  | { kind: 'retry'; step: PlannedStep; back: number }
  | { kind: 'loop'; back: number; probability: number }
  | { kind: 'split'; alternatives: PlannedAlternative[] }
  | { kind: 'block'; branches: PlanSegment[][]; k?: number }
  | { kind: 'abandon'; probability: number };

/** A whole blueprint as a sequence of segments between its start and its success end. */
export interface BlueprintPlan {
  segments: PlanSegment[];
  /**
   * When true, a loop or retry may reach back only to nodes placed after the previous loop of
   * its sequence, so loops never overlap and every strongly connected part of the graph stays
   * small. Default false: loops may overlap and nest.
   */
  disjointLoops?: boolean;
}

/** How far back (in nodes of the same sequence) a loop or retry may reach. */
const LOOP_WINDOW = 8;

/** An edge whose source is known and whose target is the next node to be placed. */
interface Pending {
  source: string;
  kind?: 'failure';
  probability?: number;
}

interface Scope {
  /**
   * Nodes of this sequence that a loop may return to. Joins are left out: a block may be
   * entered only through its parallel.
   */
  nodes: string[];
  /** Index in `nodes` of the earliest node a loop may still return to. */
  floor: number;
}

class Assembler {
  readonly nodes: NodeInput[] = [];
  readonly edges: EdgeInput[] = [];
  private readonly counters = { s: 0, d: 0, p: 0, j: 0, f: 0, e: 0 };
  private lane: Lane = 'customer';

  constructor(private readonly disjointLoops: boolean) {}

  private nextId(prefix: keyof Assembler['counters']): string {
    this.counters[prefix] += 1;
    return `${prefix}${this.counters[prefix]}`;
  }

  private add(node: NodeInput): string {
    this.nodes.push(node);
    return node.id;
  }

  edge(source: string, target: string, extra: Omit<Pending, 'source'> = {}): void {
    const edge: EdgeInput = { id: this.nextId('e'), source, target };
    if (extra.kind) edge.kind = extra.kind;
    if (extra.probability !== undefined) edge.probability = extra.probability;
    this.edges.push(edge);
  }

  connect(pending: Pending[], target: string): void {
    for (const { source, ...extra } of pending) this.edge(source, target, extra);
  }

  start(): string {
    return this.add({ id: 'start', type: 'start', lane: 'customer', label: 'Customer arrives' });
  }

  successEnd(): string {
    return this.add({ id: 'end', type: 'end', lane: 'customer', label: 'Customer served' });
  }

  step(planned: PlannedStep): string {
    const id = this.nextId('s');
    if (planned.lane) this.lane = planned.lane;
    const node: NodeInput = {
      id,
      type: 'step',
      lane: this.lane,
      label: planned.label ?? `Step ${id.slice(1)}`,
      reliability: planned.reliability,
    };
    if (planned.catchRate !== undefined) {
      node.recovery = { catch: planned.catchRate };
      if (planned.recoveryDuration) node.recovery.duration = planned.recoveryDuration;
      if (planned.recoveryCost) node.recovery.cost = planned.recoveryCost;
    }
    if (planned.duration) node.duration = planned.duration;
    if (planned.cost) node.cost = planned.cost;
    return this.add(node);
  }

  decision(label: string): string {
    return this.add({ id: this.nextId('d'), type: 'decision', lane: this.lane, label });
  }

  /** An earlier node of the scope (or `self`) for a loop reaching `back` nodes back. */
  private loopTarget(scope: Scope, back: number): string {
    const from = Math.max(scope.floor, scope.nodes.length - LOOP_WINDOW);
    const candidates = scope.nodes.length - from;
    const steps = Number.isInteger(back) && back >= 0 ? back % candidates : 0;
    const target = scope.nodes[scope.nodes.length - 1 - steps];
    if (this.disjointLoops) scope.floor = scope.nodes.length;
    return target;
  }

  sequence(segments: PlanSegment[], entry: Pending[], scope: Scope, inBlock: boolean): Pending[] {
    let pending = entry;
    for (const segment of segments) {
      switch (segment.kind) {
        case 'step': {
          const s = this.step(segment.step);
          this.connect(pending, s);
          scope.nodes.push(s);
          pending = [{ source: s }];
          break;
        }
        case 'rework': {
          const s = this.step(segment.step);
          this.connect(pending, s);
          scope.nodes.push(s);
          const rework = this.step({ label: `Rework after step ${s.slice(1)}`, ...segment.rework });
          this.edge(s, rework, { kind: 'failure' });
          scope.nodes.push(rework);
          pending = [{ source: s }, { source: rework }];
          break;
        }
        case 'retry': {
          const s = this.step(segment.step);
          this.connect(pending, s);
          scope.nodes.push(s);
          this.edge(s, this.loopTarget(scope, segment.back), { kind: 'failure' });
          pending = [{ source: s }];
          break;
        }
        case 'loop': {
          checkProbability(segment.probability, 'loop', true);
          const d = this.decision('Needs redoing?');
          this.connect(pending, d);
          scope.nodes.push(d);
          this.edge(d, this.loopTarget(scope, segment.back), {
            probability: segment.probability,
          });
          pending = [{ source: d, probability: 1 - segment.probability }];
          break;
        }
        case 'split': {
          if (segment.alternatives.length < 2) {
            throw new RangeError('A split needs at least two alternative routes.');
          }
          const d = this.decision('Which route?');
          this.connect(pending, d);
          scope.nodes.push(d);
          const lane = this.lane;
          pending = [];
          for (const alternative of segment.alternatives) {
            checkProbability(alternative.probability, 'route', false);
            this.lane = lane;
            const route = this.sequence(
              alternative.segments,
              [{ source: d, probability: alternative.probability }],
              { nodes: [], floor: 0 },
              inBlock,
            );
            pending.push(...route);
          }
          break;
        }
        case 'block': {
          const n = segment.branches.length;
          if (n < 2) throw new RangeError('A parallel block needs at least two branches.');
          const k = segment.k === undefined ? undefined : Math.min(n, Math.max(1, segment.k));
          const p = this.add({
            id: this.nextId('p'),
            type: 'parallel',
            lane: this.lane,
            label: 'Work in parallel',
          });
          this.connect(pending, p);
          scope.nodes.push(p);
          const lane = this.lane;
          const arrivals: Pending[] = [];
          for (const branch of segment.branches) {
            this.lane = lane;
            arrivals.push(...this.sequence(branch, [{ source: p }], { nodes: [], floor: 0 }, true));
          }
          this.lane = lane;
          const join: NodeInput = {
            id: this.nextId('j'),
            type: 'join',
            lane,
            label: k === undefined || k === n ? 'All branches done' : `${k} of ${n} branches done`,
          };
          if (k !== undefined) join.k = k;
          const j = this.add(join);
          this.connect(arrivals, j);
          pending = [{ source: j }];
          break;
        }
        case 'abandon': {
          if (inBlock) {
            throw new RangeError(
              'A give-up exit cannot sit inside a parallel block: ends must stay outside blocks.',
            );
          }
          checkProbability(segment.probability, 'give-up', true);
          const d = this.decision('Customer still willing?');
          this.connect(pending, d);
          scope.nodes.push(d);
          const f = this.add({
            id: this.nextId('f'),
            type: 'end',
            outcome: 'failure',
            lane: 'customer',
            label: 'Customer gives up',
          });
          this.edge(d, f, { probability: segment.probability });
          pending = [{ source: d, probability: 1 - segment.probability }];
          break;
        }
      }
    }
    return pending;
  }
}

function checkProbability(value: number, what: string, belowOne: boolean): void {
  if (!(value >= 0 && (belowOne ? value < 1 : value <= 1))) {
    throw new RangeError(
      `The ${what} probability ${value} is out of range; it must be between 0 and 1${belowOne ? ', below 1 so the customer can go on' : ''}.`,
    );
  }
}

/**
 * Turns a plan into nodes and edges. Ids are readable and stable: `start`, `end`, steps
 * `s1, s2, …`, decisions `d…`, parallels `p…`, joins `j…`, failure ends `f…`, edges `e…`,
 * numbered in the order the plan lists them. Nodes come out in an order where every edge
 * that is not a loop goes from an earlier node to a later one.
 *
 * The result passes `buildModel` whenever the routes of every split add up to 1 and every
 * retried step can pass (reliability or catch rate above 0), so that each loop can be left;
 * out-of-range probabilities (a loop or give-up probability must be below 1), splits with fewer than two routes, blocks with fewer than two
 * branches and give-up exits inside blocks throw a `RangeError`.
 *
 * @example
 * assembleBlueprint({ segments: [{ kind: 'step', step: { reliability: 0.9 } }] });
 * // start → s1 → end
 */
export function assembleBlueprint(plan: BlueprintPlan): ModelInput {
  const assembler = new Assembler(plan.disjointLoops ?? false);
  const start = assembler.start();
  const pending = assembler.sequence(
    plan.segments,
    [{ source: start }],
    { nodes: [], floor: 0 },
    false,
  );
  assembler.connect(pending, assembler.successEnd());
  return { nodes: assembler.nodes, edges: assembler.edges };
}

/** Options of {@link generateBlueprint}. Every construct is on unless switched off. */
export interface GenerateOptions {
  /** Number of nodes, at least 2 (start and end); the blueprint has exactly this many. */
  nodes: number;
  /** Any whole number; the same seed and options always give the same blueprint. */
  seed: number;
  /** Decisions that send the customer back to an earlier node, and retries. Default true. */
  loops?: boolean;
  /** Failure edges: rework routes, and retries when `loops` is on. Default true. */
  failureEdges?: boolean;
  /** Parallel blocks, with k-of-n joins. Default true. */
  parallel?: boolean;
  /** Levels of parallel blocks inside each other, 1 or more. Default 2. */
  maxDepth?: number;
  /** Recoveries on some steps. Default true. */
  recoveries?: boolean;
  /** Decisions where the customer gives up (failure ends). Default true. */
  failureEnds?: boolean;
  /** Decisions between alternative routes. Default true. */
  decisions?: boolean;
  /** Durations (minutes) and costs on steps and recoveries. Default true. */
  timing?: boolean;
}

/**
 * A small, fast, seedable generator (mulberry32): uniform numbers in [0, 1). Generation has to
 * be reproducible from a seed alone, so it cannot use `Math.random`.
 */
function seededUniform(seed: number): () => number {
  // Fold the bits above 32 in, so that seeds 2^32 apart still differ.
  let state = (seed >>> 0) ^ (Math.floor(seed / 4294967296) >>> 0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Planner {
  private readonly uniform: () => number;
  private readonly options: Required<Omit<GenerateOptions, 'nodes' | 'seed'>>;
  /** Mean probability, 0–1, that a step's failure goes uncaught, scaled to the size. */
  private readonly failureScale: number;
  private lane: Lane = 'customer';

  constructor(options: GenerateOptions) {
    this.uniform = seededUniform(options.seed);
    this.options = {
      loops: options.loops ?? true,
      failureEdges: options.failureEdges ?? true,
      parallel: options.parallel ?? true,
      maxDepth: options.maxDepth ?? 2,
      recoveries: options.recoveries ?? true,
      failureEnds: options.failureEnds ?? true,
      decisions: options.decisions ?? true,
      timing: options.timing ?? true,
    };
    // Keep the expected number of failures per trial near 1 whatever the size, so R stays a
    // readable figure (a few tenths) instead of vanishing on large blueprints.
    this.failureScale = Math.min(0.05, 1.5 / options.nodes);
  }

  private integer(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  private chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Splits `total` into `parts` non-negative whole numbers, at random. */
  private partition(total: number, parts: number): number[] {
    const cuts = Array.from({ length: parts - 1 }, () => this.integer(0, total)).sort(
      (a, b) => a - b,
    );
    return [...cuts, total].map((cut, i) => cut - (i === 0 ? 0 : cuts[i - 1]));
  }

  /** Whole percentages adding up to exactly 100, the first route the most likely. */
  private routeProbabilities(count: number): number[] {
    const weights = Array.from({ length: count }, (_, i) => (i === 0 ? 12 : this.integer(1, 6)));
    const total = weights.reduce((a, b) => a + b, 0);
    const percents = weights.map((w) => Math.max(1, Math.round((100 * w) / total)));
    percents[0] = 100 - percents.slice(1).reduce((a, b) => a + b, 0);
    return percents.map((p) => p / 100);
  }

  private nextLane(): Lane {
    if (this.chance(0.4)) this.lane = LANES[this.integer(0, LANES.length - 1)];
    return this.lane;
  }

  private distribution(scale: number): Distribution {
    const round = (x: number) => Math.round(x * 10) / 10;
    switch (this.integer(0, 5)) {
      case 0:
        return { kind: 'fixed', value: round(scale) };
      case 1:
        return { kind: 'uniform', min: round(scale * 0.5), max: round(scale * 1.5) };
      case 2:
        return {
          kind: 'triangular',
          min: round(scale * 0.5),
          mode: round(scale),
          max: round(scale * 3),
        };
      case 3:
        return { kind: 'normal', mean: round(scale), sd: round(scale * 0.2) };
      case 4:
        return { kind: 'lognormal', mu: Math.round(Math.log(scale) * 100) / 100, sigma: 0.4 };
      default:
        return { kind: 'exponential', mean: round(scale) };
    }
  }

  step(): PlannedStep {
    const uncaught = this.failureScale * (0.2 + 1.6 * this.uniform());
    const step: PlannedStep = {
      reliability: Number((1 - uncaught).toFixed(6)),
      lane: this.nextLane(),
    };
    if (this.options.recoveries && this.chance(0.15)) {
      step.catchRate = this.integer(30, 90) / 100;
      if (this.options.timing) {
        step.recoveryDuration = { kind: 'fixed', value: this.integer(1, 10) };
        step.recoveryCost = { kind: 'fixed', value: this.integer(1, 20) / 2 };
      }
    }
    if (this.options.timing) {
      step.duration = this.distribution(this.integer(2, 30));
      step.cost = this.chance(0.7)
        ? { kind: 'fixed', value: this.integer(0, 40) / 4 }
        : { kind: 'uniform', min: 1, max: this.integer(2, 20) };
    }
    return step;
  }

  /** Segments using exactly `budget` nodes. */
  sequence(budget: number, depth: number, inBlock: boolean): PlanSegment[] {
    const o = this.options;
    const segments: PlanSegment[] = [];
    let left = budget;
    // Nodes placed in this sequence since its last loop: how far back the next loop may reach
    // without overlapping the previous one or turning into a loop on itself.
    let placed = 0;
    while (left > 0) {
      const roll = this.uniform();
      if (o.parallel && depth < o.maxDepth && left >= 6 && roll < 0.08) {
        const size = Math.min(left, depth === 0 ? this.integer(8, 60) : this.integer(6, 20));
        const count = this.integer(2, Math.min(4, size - 2));
        const branches = this.partition(size - 2, count).map((b) =>
          this.sequence(b, depth + 1, true),
        );
        const k = this.chance(0.5) ? undefined : this.integer(1, count);
        segments.push(
          k === undefined ? { kind: 'block', branches } : { kind: 'block', branches, k },
        );
        left -= size;
        placed += 1;
      } else if (o.decisions && left >= 3 && roll < 0.18) {
        const size = Math.min(left, this.integer(3, 12));
        const count = size >= 5 && this.chance(0.3) ? 3 : 2;
        const budgets = this.partition(size - 1, count);
        const probabilities = this.routeProbabilities(count);
        segments.push({
          kind: 'split',
          alternatives: budgets.map((b, i) => ({
            probability: probabilities[i],
            segments: this.sequence(b, depth, inBlock),
          })),
        });
        left -= size;
        placed += 1;
      } else if (o.loops && placed >= 1 && roll < 0.26) {
        segments.push({
          kind: 'loop',
          back: this.integer(1, Math.min(6, placed)),
          probability: this.integer(2, 12) / 100,
        });
        left -= 1;
        placed = 0;
      } else if (o.loops && o.failureEdges && roll < 0.3) {
        segments.push({
          kind: 'retry',
          step: this.step(),
          back: this.integer(0, Math.min(4, placed)),
        });
        left -= 1;
        placed = 0;
      } else if (o.failureEdges && left >= 2 && roll < 0.37) {
        segments.push({ kind: 'rework', step: this.step(), rework: this.step() });
        left -= 2;
        placed += 2;
      } else if (o.failureEnds && !inBlock && left >= 2 && roll < 0.4) {
        const probability = (this.failureScale * this.integer(1, 4)) / 2;
        segments.push({ kind: 'abandon', probability: Number(probability.toPrecision(3)) });
        // The give-up decision and its failure end.
        left -= 2;
        placed += 1;
      } else {
        segments.push({ kind: 'step', step: this.step() });
        left -= 1;
        placed += 1;
      }
    }
    return segments;
  }
}

/**
 * A valid blueprint of exactly `options.nodes` nodes, drawn deterministically from
 * `options.seed`: series steps with recoveries, durations and costs; decisions between
 * routes; rework loops back to a recent node with small probability (always leavable);
 * failure edges to rework steps and retries within the same sequence; give-up decisions to
 * failure ends; and parallel blocks nested up to `maxDepth` levels with k-of-n joins.
 * Loops never overlap, so the graph's strongly connected parts stay small even at 10,000
 * nodes. Step reliabilities scale with the size so that R stays a readable figure.
 *
 * @example
 * const input = generateBlueprint({ nodes: 10_000, seed: 42 });
 * buildModel(input).ok; // true
 */
export function generateBlueprint(options: GenerateOptions): ModelInput {
  if (!Number.isInteger(options.nodes) || options.nodes < 2) {
    throw new RangeError(
      `A generated blueprint needs a whole number of nodes, at least 2 (a start and an end); ${options.nodes} was asked for.`,
    );
  }
  if (!Number.isFinite(options.seed)) {
    throw new RangeError(`The seed must be a finite number; ${options.seed} was given.`);
  }
  if (
    options.maxDepth !== undefined &&
    !(Number.isInteger(options.maxDepth) && options.maxDepth >= 1)
  ) {
    throw new RangeError(
      `The nesting depth of parallel blocks must be a whole number from 1; ${options.maxDepth} was given.`,
    );
  }
  const planner = new Planner(options);
  return assembleBlueprint({
    segments: planner.sequence(options.nodes - 2, 0, false),
    disjointLoops: true,
  });
}

/** Canvas layout of {@link toBlueprintDocument}, in canvas pixels. */
export const GENERATED_LAYOUT = {
  /** Horizontal distance between successive ranks of nodes. */
  columnWidth: 200,
  /** Height of each lane band; bands run customer, frontstage, backstage, support from the top. */
  laneHeight: 160,
} as const;

/**
 * Column of every node: the length of the longest path to it from the start, once the edges
 * that close loops (found by a depth-first search) are set aside.
 */
function columns(input: ModelInput): number[] {
  const index = new Map(input.nodes.map((n, i) => [n.id, i]));
  const successors: number[][] = input.nodes.map(() => []);
  for (const edge of input.edges) {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s !== undefined && t !== undefined) successors[s].push(t);
  }
  const state = new Uint8Array(input.nodes.length); // 0 new, 1 on the path, 2 done
  const forward: number[][] = input.nodes.map(() => []);
  const postorder: number[] = [];
  const starts = input.nodes.map((n, i) => (n.type === 'start' ? i : -1)).filter((i) => i >= 0);
  const roots = [...starts, ...input.nodes.map((_, i) => i)];
  for (const root of roots) {
    if (state[root]) continue;
    state[root] = 1;
    const stack = [{ v: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next < successors[frame.v].length) {
        const w = successors[frame.v][frame.next++];
        if (state[w] === 1) continue; // closes a loop
        forward[frame.v].push(w);
        if (state[w] === 0) {
          state[w] = 1;
          stack.push({ v: w, next: 0 });
        }
      } else {
        state[frame.v] = 2;
        postorder.push(frame.v);
        stack.pop();
      }
    }
  }
  const column = new Array<number>(input.nodes.length).fill(0);
  for (let i = postorder.length - 1; i >= 0; i--) {
    const v = postorder[i];
    for (const w of forward[v]) column[w] = Math.max(column[w], column[v] + 1);
  }
  return column;
}

function toQuantitySpec(distribution: Distribution): QuantitySpec {
  const { kind, ...parameters } = distribution;
  return kind === 'fixed' ? distribution.value : ({ dist: kind, ...parameters } as QuantitySpec);
}

/**
 * The blueprint file (SPEC §2) of a numeric model input, with every node placed on the canvas:
 * columns from left to right along the flow (loops set aside), rows in the node's lane band,
 * nodes sharing a column and a lane stacked inside the band.
 *
 * @example
 * const document = toBlueprintDocument(generateBlueprint({ nodes: 1000, seed: 7 }), 'Stress test');
 * JSON.stringify(document); // a valid `*.blueprint.json`
 */
export function toBlueprintDocument(
  input: ModelInput,
  title: string,
  description?: string,
): BlueprintDocument {
  const column = columns(input);
  const { columnWidth, laneHeight } = GENERATED_LAYOUT;
  const taken = new Map<string, number>();
  const nodes = input.nodes.map((node, i): NodeSpec => {
    const lane = node.lane ?? 'backstage';
    const cell = `${column[i]}:${lane}`;
    const slot = taken.get(cell) ?? 0;
    taken.set(cell, slot + 1);
    const position = {
      x: column[i] * columnWidth + Math.floor(slot / 3) * 40,
      y: LANES.indexOf(lane) * laneHeight + 30 + (slot % 3) * 45,
    };
    const base = { id: node.id, lane, ...(node.label ? { label: node.label } : {}), position };
    switch (node.type) {
      case 'start':
      case 'decision':
      case 'parallel':
        return { ...base, type: node.type };
      case 'join':
        return node.k === undefined
          ? { ...base, type: 'join' }
          : { ...base, type: 'join', k: node.k };
      case 'end':
        return { ...base, type: 'end', outcome: node.outcome ?? 'success' };
      case 'step': {
        const step: StepNodeSpec = {
          ...base,
          type: 'step',
          reliability: node.observed
            ? { successes: node.observed.successes, trials: node.observed.trials }
            : (node.reliability ?? 1),
        };
        if (node.recovery) {
          step.recovery = { catch: node.recovery.catch };
          if (node.recovery.duration)
            step.recovery.duration = toQuantitySpec(node.recovery.duration);
          if (node.recovery.cost) step.recovery.cost = toQuantitySpec(node.recovery.cost);
        }
        if (node.duration) step.duration = toQuantitySpec(node.duration);
        if (node.cost) step.cost = toQuantitySpec(node.cost);
        return step;
      }
    }
  });
  const edges = input.edges.map((edge): EdgeSpec => {
    const spec: EdgeSpec = { id: edge.id, source: edge.source, target: edge.target };
    if (edge.kind === 'failure') spec.kind = 'failure';
    if (edge.probability !== undefined) spec.probability = edge.probability;
    return spec;
  });
  const document: BlueprintDocument = {
    format: BLUEPRINT_FORMAT,
    version: BLUEPRINT_VERSION,
    title,
    nodes,
    edges,
  };
  if (description !== undefined) document.description = description;
  return document;
}
