/**
 * The trace of a trial: each behaviour on tiny blueprints whose events are certain (reliability
 * 1 or 0, decisions with probability 1 or 0, joins with k), then the meaning checked
 * statistically against the exact analysis on every example and on generated blueprints, and
 * the Monte Carlo kernel against both, fail point by fail point. Seeds are fixed, so every
 * statistical check is deterministic; its bound (4.5 standard errors) is wide enough for those
 * seeds and narrow enough to catch a wrong meaning, which the last tests show by swapping one
 * behaviour for a wrong one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/sim/exact';
import { generateBlueprint } from '../src/sim/generate';
import type { Model, ModelInput } from '../src/sim/model';
import { simulate } from '../src/sim/montecarlo';
import { parseBlueprint } from '../src/sim/parse';
import { buildModel } from '../src/sim/structure';
import {
  BEHAVIOURS,
  combineBranches,
  leaving,
  runTrace,
  traceCustomer,
  Tracer,
  traceVisitLimit,
  type BehaviourTable,
  type TraceContext,
  type TraceEvent,
  type TraceSummary,
} from '../src/sim/trace';
import { arbitraryBlueprintInput } from './arbitraries';

/** Standard errors allowed between an estimate and what it estimates. */
const Z = 4.5;

function model(input: ModelInput): Model {
  const built = buildModel(input);
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  return built.model;
}

function events(m: Model, seed = 1, customer = 1): TraceEvent[] {
  return [...traceCustomer(m, seed, customer)];
}

/** The events as short strings, for exact sequences: `kind node [edge] [@at]`. */
function compact(list: TraceEvent[]): string[] {
  return list.map((e) => {
    let text = `${e.token}:${e.kind} ${e.nodeId}`;
    if ('edgeId' in e) text += ` ${e.edgeId ?? '-'}`;
    if (e.at > 0) text += ` @${e.at}`;
    return text;
  });
}

type Edge = ModelInput['edges'][number];
const edge = (source: string, target: string, extra: Partial<Edge> = {}): Edge => ({
  id: `${source}-${target}`,
  source,
  target,
  ...extra,
});

interface Example {
  name: string;
  model: Model;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.blueprint.json'))) {
    const parsed = parseBlueprint(readFileSync(`examples/${file}`, 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.diagnostics[0].message}`);
    out.push({ name: file, model: parsed.blueprint.model });
    for (const scenario of parsed.blueprint.scenarios) {
      out.push({ name: `${file} / ${scenario.id}`, model: scenario.model });
    }
  }
  return out;
}

function example(file: string, scenario?: string): Model {
  const found = examples().find((e) => e.name === (scenario ? `${file} / ${scenario}` : file));
  if (!found) throw new Error(`No example ${file} ${scenario ?? ''}`);
  return found.model;
}

/** (estimate − truth) / standard error, for a share of `n` customers and a probability. */
function zScore(count: number, n: number, probability: number): number {
  const share = count / n;
  const se = Math.sqrt((probability * (1 - probability)) / n);
  if (se === 0) return share === probability ? 0 : Infinity;
  return (share - probability) / se;
}

/**
 * The check the trace must pass against the exact analysis: R, and the probability of failing
 * at each fail point, each within {@link Z} standard errors. Returns the largest |z| found.
 */
function worstDisagreement(summary: TraceSummary, m: Model): number {
  const exact = analyze(m, { tornadoDelta: 0 });
  const n = summary.customers;
  let worst = Math.abs(zScore(summary.successes, n, exact.reliability));
  for (const [id, probability] of Object.entries(exact.failPoints)) {
    worst = Math.max(worst, Math.abs(zScore(summary.failPoints[id] ?? 0, n, probability)));
  }
  for (const id of Object.keys(summary.failPoints)) {
    if (!(id in exact.failPoints)) worst = Infinity;
  }
  return worst;
}

describe('behaviours, one node type at a time', () => {
  it('start and steps done right: arrive and done at each node, time stamps after each duration', () => {
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 's1',
          type: 'step',
          reliability: 1,
          duration: { kind: 'fixed', value: 5 },
          cost: { kind: 'fixed', value: 2 },
        },
        { id: 's2', type: 'step', reliability: 1, duration: { kind: 'fixed', value: 3 } },
        { id: 'end', type: 'end' },
      ],
      edges: [edge('start', 's1'), edge('s1', 's2'), edge('s2', 'end')],
    });
    const list = events(m);
    expect(compact(list)).toEqual([
      '0:arrive start',
      '0:done start start-s1',
      '0:arrive s1',
      '0:done s1 s1-s2 @5',
      '0:arrive s2 @5',
      '0:done s2 s2-end @8',
      '0:arrive end @8',
      '0:ended end @8',
    ]);
    expect(list[3]).toMatchObject({ kind: 'done', spent: { time: 5, cost: 2 } });
    expect(list[5]).toMatchObject({ kind: 'done', spent: { time: 3 } });
    expect(list.at(-1)).toEqual({
      kind: 'ended',
      token: 0,
      node: 3,
      nodeId: 'end',
      at: 8,
      outcome: 'success',
      visits: 4,
      totals: { time: 8, cost: 2 },
    });
  });

  it('a step that always fails, without recovery or failure edge, is the fail point', () => {
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 's1', type: 'step', reliability: 0 },
        { id: 's2', type: 'step', reliability: 1 },
        { id: 'end', type: 'end' },
      ],
      edges: [edge('start', 's1'), edge('s1', 's2'), edge('s2', 'end')],
    });
    for (const customer of [1, 2, 3]) {
      expect(compact(events(m, 5, customer))).toEqual([
        '0:arrive start',
        '0:done start start-s1',
        '0:arrive s1',
        '0:failed s1 -',
        '0:ended s1',
      ]);
    }
    const summary = runTrace(m, { customers: 50, seed: 5 });
    expect(summary).toMatchObject({ successes: 0, failures: 50, stopped: 0, reliability: 0 });
    expect(summary.failPoints).toEqual({ s1: 50 });
    expect(summary.uncaughtFailures).toEqual({ s1: 50 });
    expect(summary.visits).toEqual({ start: 50, s1: 50 });
  });

  it('keeps nodes called __proto__ and constructor in its tables', () => {
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: '__proto__', type: 'step', reliability: 0 },
        { id: 'constructor', type: 'end' },
      ],
      edges: [edge('start', '__proto__'), edge('__proto__', 'constructor')],
    });
    const summary = runTrace(m, { customers: 10, seed: 1 });
    expect(Object.keys(summary.failPoints)).toEqual(['__proto__']);
    expect(summary.failPoints['__proto__']).toBe(10);
    expect(JSON.parse(JSON.stringify(summary.visits))).toEqual(
      JSON.parse('{"start": 10, "__proto__": 10}'),
    );
  });

  it('a recovery that catches every failure: recovered, with the recovery spent, and on', () => {
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 's1',
          type: 'step',
          reliability: 0,
          duration: { kind: 'fixed', value: 4 },
          recovery: {
            catch: 1,
            duration: { kind: 'fixed', value: 10 },
            cost: { kind: 'fixed', value: 7 },
          },
        },
        { id: 'end', type: 'end' },
      ],
      edges: [edge('start', 's1'), edge('s1', 'end')],
    });
    const list = events(m);
    expect(compact(list)).toEqual([
      '0:arrive start',
      '0:done start start-s1',
      '0:arrive s1',
      '0:recovered s1 s1-end @14',
      '0:arrive end @14',
      '0:ended end @14',
    ]);
    expect(list[3]).toMatchObject({ spent: { time: 4 }, recoverySpent: { time: 10, cost: 7 } });
    const summary = runTrace(m, { customers: 20, seed: 2 });
    expect(summary.successes).toBe(20);
    expect(summary.recoveries).toEqual({ s1: 20 });
    expect(summary.quantities).toEqual([
      { key: 'time', unit: 'minutes', mean: 14, sd: 0 },
      { key: 'cost', unit: 'currency units', mean: 7, sd: 0 },
    ]);
  });

  it('a recovery with catch 0 never catches: the failure edge is followed to the rework', () => {
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 's1', type: 'step', reliability: 0, recovery: { catch: 0 } },
        { id: 'rework', type: 'step', reliability: 1 },
        { id: 'end', type: 'end' },
      ],
      edges: [
        edge('start', 's1'),
        edge('s1', 'end'),
        edge('s1', 'rework', { kind: 'failure' }),
        edge('rework', 'end'),
      ],
    });
    expect(compact(events(m))).toEqual([
      '0:arrive start',
      '0:done start start-s1',
      '0:arrive s1',
      '0:failed s1 s1-rework',
      '0:arrive rework',
      '0:done rework rework-end',
      '0:arrive end',
      '0:ended end',
    ]);
  });

  it('a decision takes the edge of probability 1 and names it; a failure end fails there', () => {
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'd', type: 'decision' },
        { id: 'gives-up', type: 'end', outcome: 'failure' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        edge('start', 'd'),
        edge('d', 'end', { probability: 0 }),
        edge('d', 'gives-up', { probability: 1 }),
      ],
    });
    for (const customer of [1, 7, 99]) {
      const list = events(m, 3, customer);
      expect(compact(list)).toEqual([
        '0:arrive start',
        '0:done start start-d',
        '0:arrive d',
        '0:routed d d-gives-up',
        '0:arrive gives-up',
        '0:ended gives-up',
      ]);
      expect(list[3]).toMatchObject({ kind: 'routed', probability: 1 });
      expect(list.at(-1)).toMatchObject({ outcome: 'failure' });
    }
  });

  /** start → p → (a | b | c) → j(k) → end, with the given reliabilities and fixed durations. */
  function block(k: number, reliabilities: number[], durations = [10, 30, 20]): Model {
    const branches = ['a', 'b', 'c'];
    return model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'p', type: 'parallel' },
        ...branches.map((id, i) => ({
          id,
          type: 'step' as const,
          reliability: reliabilities[i],
          duration: { kind: 'fixed' as const, value: durations[i] },
          cost: { kind: 'fixed' as const, value: i + 1 },
        })),
        { id: 'j', type: 'join', k },
        { id: 'end', type: 'end' },
      ],
      edges: [
        edge('start', 'p'),
        ...branches.flatMap((id) => [edge('p', id), edge(id, 'j')]),
        edge('j', 'end'),
      ],
    });
  }

  it('a parallel block splits into one token per branch and joins when k branches reached it', () => {
    const list = events(block(2, [1, 0, 1]));
    expect(compact(list)).toEqual([
      '0:arrive start',
      '0:done start start-p',
      '0:arrive p',
      '0:split p',
      '1:arrive a',
      '1:done a a-j @10',
      '1:arrive j @10',
      '2:arrive b',
      '2:failed b - @30',
      '3:arrive c',
      '3:done c c-j @20',
      '3:arrive j @20',
      '0:joined j j-end @30',
      '0:arrive end @30',
      '0:ended end @30',
    ]);
    expect(list[3]).toMatchObject({
      kind: 'split',
      branches: [
        { token: 1, edgeId: 'p-a' },
        { token: 2, edgeId: 'p-b' },
        { token: 3, edgeId: 'p-c' },
      ],
    });
    expect(list[12]).toMatchObject({ passed: true, reached: 2, needed: 2, branches: 3 });
    // Time is the longest branch (the failed one too), cost the sum of every branch.
    expect(list.at(-1)).toMatchObject({ outcome: 'success', totals: { time: 30, cost: 6 } });
  });

  it('a block with fewer than k branches at its join fails the customer there', () => {
    const list = events(block(3, [1, 0, 1]));
    expect(compact(list).slice(-2)).toEqual(['0:joined j - @30', '0:ended j @30']);
    expect(list.at(-2)).toMatchObject({ passed: false, reached: 2, needed: 3 });
    expect(list.at(-1)).toMatchObject({ outcome: 'failure' });
    const summary = runTrace(block(3, [1, 0, 1]), { customers: 10, seed: 1 });
    expect(summary.failPoints).toEqual({ j: 10 });
    expect(summary.uncaughtFailures).toEqual({ b: 10 });
  });

  it('a failed inner block fails its branch, and the outer join judges', () => {
    // start → P → (x | p2 → (y | z) → j2(k=2)) → J(k) → end, with z always failing.
    const nested = (k: number) =>
      model({
        nodes: [
          { id: 'start', type: 'start' },
          { id: 'P', type: 'parallel' },
          { id: 'x', type: 'step', reliability: 1 },
          { id: 'p2', type: 'parallel' },
          { id: 'y', type: 'step', reliability: 1 },
          { id: 'z', type: 'step', reliability: 0 },
          { id: 'j2', type: 'join', k: 2 },
          { id: 'J', type: 'join', k },
          { id: 'end', type: 'end' },
        ],
        edges: [
          edge('start', 'P'),
          edge('P', 'x'),
          edge('P', 'p2'),
          edge('x', 'J'),
          edge('p2', 'y'),
          edge('p2', 'z'),
          edge('y', 'j2'),
          edge('z', 'j2'),
          edge('j2', 'J'),
          edge('J', 'end'),
        ],
      });
    expect(compact(events(nested(2)))).toEqual([
      '0:arrive start',
      '0:done start start-P',
      '0:arrive P',
      '0:split P',
      '1:arrive x',
      '1:done x x-J',
      '1:arrive J',
      '2:arrive p2',
      '2:split p2',
      '3:arrive y',
      '3:done y y-j2',
      '3:arrive j2',
      '4:arrive z',
      '4:failed z -',
      '2:joined j2 -',
      '0:joined J -',
      '0:ended J',
    ]);
    expect(compact(events(nested(1))).slice(-4)).toEqual([
      '2:joined j2 -',
      '0:joined J J-end',
      '0:arrive end',
      '0:ended end',
    ]);
  });

  it('the loop guard stops a runaway trial and counts it apart', () => {
    // A check that sends the customer back to s1 nine times in ten.
    const m = model({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 's1', type: 'step', reliability: 1 },
        { id: 'check', type: 'decision' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        edge('start', 's1'),
        edge('s1', 'check'),
        edge('check', 's1', { probability: 0.9 }),
        edge('check', 'end', { probability: 0.1 }),
      ],
    });
    expect(traceVisitLimit(m)).toBe(10_000);
    expect(traceVisitLimit({ ...m, nodes: Array.from({ length: 250 }, () => m.nodes[0]) })).toBe(
      25_000,
    );
    const summary = runTrace(m, { customers: 2000, seed: 4, visitLimit: 40, show: 100 });
    // Leaving within 19 loops has probability 1 − 0.9¹⁹ ≈ 0.865; the others are stopped.
    expect(summary.successes + summary.stopped).toBe(2000);
    expect(summary.failures).toBe(0);
    expect(Math.abs(zScore(summary.stopped, 2000, 0.9 ** 19))).toBeLessThan(Z);
    const stopped = summary.shown.find((c) => c.outcome === 'stopped');
    expect(stopped).toBeDefined();
    const list = stopped!.events;
    expect(list.filter((e) => e.kind === 'arrive')).toHaveLength(40);
    expect(list.at(-1)).toMatchObject({ kind: 'ended', outcome: 'stopped', visits: 40 });
  });
});

describe('customers and their streams', () => {
  const bank = () => example('bank-loan.blueprint.json');

  it('replays any customer alone, exactly as in a run', () => {
    const summary = runTrace(bank(), { customers: 8, seed: 11, show: 8 });
    expect(summary.shown.map((c) => c.customer)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const shown of summary.shown) {
      expect(events(bank(), 11, shown.customer)).toEqual(shown.events);
    }
    expect(events(bank(), 12, 1)).not.toEqual(summary.shown[0].events);
    expect(runTrace(bank(), { customers: 8, seed: 11, show: 8 })).toEqual(summary);
  });

  it('stamps events in time order per token, branches from their split, and ends on the totals', () => {
    const m = bank();
    const tracer = new Tracer(m);
    for (let customer = 1; customer <= 200; customer++) {
      const last = new Map<number, number>();
      const list = [...tracer.customer(3, customer)];
      for (const e of list) {
        expect(e.at).toBeGreaterThanOrEqual(last.get(e.token) ?? 0);
        last.set(e.token, e.at);
        expect(m.nodes[e.node].id).toBe(e.nodeId);
        if ('edge' in e && e.edge >= 0) {
          expect(m.edges[e.edge].id).toBe(e.edgeId);
          expect(m.edges[e.edge].source).toBe(e.node);
        }
        if (e.kind === 'split') for (const b of e.branches) last.set(b.token, e.at);
      }
      const ended = list.at(-1)!;
      expect(ended.kind).toBe('ended');
      if (ended.kind === 'ended') expect(ended.totals.time).toBe(ended.at);
      expect(list.filter((e) => e.kind === 'ended')).toHaveLength(1);
    }
  });

  it('refuses a number of customers or a seed out of range with a sentence', () => {
    expect(() => runTrace(bank(), { customers: 0, seed: 1 })).toThrow(/number of customers/);
    expect(() => runTrace(bank(), { customers: 10, seed: -1 })).toThrow(/seed must be/);
  });

  it('combines branch totals by each quantity’s rule: longest time, summed cost', () => {
    const into = [0, 0];
    combineBranches(
      into,
      [10, 1],
      [
        [25, 3],
        [40, 2],
        [12, 1],
      ],
    );
    expect(into).toEqual([40, 1 + 2 + 1 + 0]);
  });
});

describe('the trace agrees with the exact analysis', () => {
  it('on the courier: 100,000 customers with seed 11 give R within 3.3 standard errors of 0.76528', () => {
    const summary = runTrace(example('courier.blueprint.json'), { customers: 100_000, seed: 11 });
    expect(Math.abs(summary.reliability - 0.76528) / summary.standardError).toBeLessThan(3.3);
    expect(summary.successes + summary.failures + summary.stopped).toBe(100_000);
  });

  it('on every example and scenario, R and each fail point', () => {
    for (const { name, model: m } of examples()) {
      const summary = runTrace(m, { customers: 10_000, seed: 21 });
      expect(summary.stopped, name).toBe(0);
      expect(worstDisagreement(summary, m), name).toBeLessThan(Z);
    }
  });

  it('on generated blueprints with loops, failure edges and nested k-of-n blocks', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const m = model(generateBlueprint({ nodes: 60, seed }));
      const summary = runTrace(m, { customers: 5_000, seed });
      expect(worstDisagreement(summary, m), `generated seed ${seed}`).toBeLessThan(Z);
    }
  });

  it('on small arbitrary blueprints', () => {
    const inputs = fc.sample(arbitraryBlueprintInput(), { seed: 8, numRuns: 25 });
    inputs.forEach((input, i) => {
      const m = model(input);
      const summary = runTrace(m, { customers: 3_000, seed: i });
      expect(worstDisagreement(summary, m), `arbitrary blueprint ${i}`).toBeLessThan(Z);
    });
  });
});

describe('the same check catches a wrong meaning of a trial', () => {
  const check = (m: Model, behaviours: BehaviourTable) =>
    worstDisagreement(runTrace(m, { customers: 20_000, seed: 21, behaviours }), m);

  it('a step behaviour that ignores recoveries', () => {
    const noRecovery: BehaviourTable = {
      ...BEHAVIOURS,
      step: {
        *enter(context, token, node) {
          const u = context.uniform();
          const next = u < node.reliability ? node.out[0] : node.failureEdge;
          yield leaving(next === node.out[0] ? 'done' : 'failed', context.model, token, node, next);
          return next >= 0 ? { kind: 'go', edge: next } : { kind: 'failure', node: node.index };
        },
      },
    };
    const m = example('courier.blueprint.json', 'recover-3');
    expect(check(m, BEHAVIOURS)).toBeLessThan(Z);
    expect(check(m, noRecovery)).toBeGreaterThan(Z);
  });

  it('a step behaviour that ignores failure edges', () => {
    const noFailureEdges: BehaviourTable = {
      ...BEHAVIOURS,
      step: {
        *enter(context, token, node) {
          const move = yield* BEHAVIOURS.step.enter(context, token, { ...node, failureEdge: -1 });
          return move;
        },
      },
    };
    const m = example('appliance-installation.blueprint.json');
    expect(check(m, noFailureEdges)).toBeGreaterThan(Z);
  });

  it('a parallel behaviour that needs every branch whatever k says', () => {
    const allOfN: BehaviourTable = {
      ...BEHAVIOURS,
      parallel: {
        *enter(context, token, node) {
          const blocks = context.model.blocks.map((b) => ({ ...b, k: b.branches.length }));
          const strict: TraceContext = {
            model: { ...context.model, blocks },
            uniform: () => context.uniform(),
            spend: (t, n, what) => context.spend(t, n, what),
            branchToken: (parent, join) => context.branchToken(parent, join),
            walk: (t, entry) => context.walk(t, entry),
          };
          return yield* BEHAVIOURS.parallel.enter(strict, token, node);
        },
      },
    };
    const m = example('bank-loan.blueprint.json');
    expect(check(m, allOfN)).toBeGreaterThan(Z);
  });
});

describe('the Monte Carlo kernel agrees with the trace and the exact analysis', () => {
  it('fail point by fail point, and in mean time and cost, on every example', () => {
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.blueprint.json'))) {
      const m = example(file);
      const exact = analyze(m, { tornadoDelta: 0 });
      const traced = runTrace(m, { customers: 20_000, seed: 31 });
      const simulated = simulate(m, { trials: 200_000, seed: 31 });
      const points = new Set([
        ...Object.keys(exact.failPoints),
        ...Object.keys(traced.failPoints),
        ...Object.keys(simulated.failPoints),
      ]);
      points.add('success');
      for (const id of points) {
        const p = id === 'success' ? exact.reliability : (exact.failPoints[id] ?? 0);
        const a =
          (id === 'success' ? traced.successes : (traced.failPoints[id] ?? 0)) / traced.customers;
        const b =
          (id === 'success' ? simulated.successes : (simulated.failPoints[id] ?? 0)) /
          simulated.trials;
        const se = Math.sqrt(p * (1 - p) * (1 / traced.customers + 1 / simulated.trials));
        expect(
          Math.abs(a - b),
          `${file} ${id}: trace ${a} vs Monte Carlo ${b}`,
        ).toBeLessThanOrEqual(Z * se);
        expect(
          Math.abs(b - p),
          `${file} ${id}: Monte Carlo ${b} vs exact ${p}`,
        ).toBeLessThanOrEqual(Z * Math.sqrt((p * (1 - p)) / simulated.trials));
      }
      for (const quantity of traced.quantities) {
        const kernel = quantity.key === 'time' ? simulated.time : simulated.cost;
        expect(kernel, `${file} ${quantity.key}`).not.toBeNull();
        const se = quantity.sd * Math.sqrt(1 / traced.customers + 1 / simulated.trials);
        expect(Math.abs(quantity.mean - kernel!.mean), `${file} mean ${quantity.key}`).toBeLessThan(
          Z * se,
        );
      }
    }
  });
});
