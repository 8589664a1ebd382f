import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlueprintDocumentSchema } from '../src/sim/document-schema';
import { systemReliability } from '../src/sim/exact';
import {
  assembleBlueprint,
  GENERATED_LAYOUT,
  generateBlueprint,
  toBlueprintDocument,
  type GenerateOptions,
} from '../src/sim/generate';
import { LANES, type Model, type ModelInput } from '../src/sim/model';
import { validateDocument } from '../src/sim/parse';
import { buildModel, stronglyConnectedComponents } from '../src/sim/structure';
import {
  arbitraryBlueprintInput,
  arbitraryBlueprintPlan,
  arbitrarySeriesInput,
} from './arbitraries';

function built(input: ModelInput): Model {
  const result = buildModel(input);
  if (!result.ok) {
    throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  }
  return result.model;
}

/** Groups of nodes a customer can go round: strongly connected parts with a cycle. */
function loopsOf(model: Model): number[][] {
  const targets = (v: number) => {
    const node = model.nodes[v];
    const out = node.failureEdge >= 0 ? [...node.out, node.failureEdge] : node.out;
    return out.map((e) => model.edges[e].target);
  };
  return stronglyConnectedComponents(model.nodes.length, targets).filter(
    (c) => c.length > 1 || targets(c[0]).includes(c[0]),
  );
}

function count(input: ModelInput) {
  const model = built(input);
  return {
    decisions: model.nodes.filter((n) => n.type === 'decision').length,
    loops: loopsOf(model).length,
    largestLoop: Math.max(0, ...loopsOf(model).map((c) => c.length)),
    failureEdges: model.edges.filter((e) => e.kind === 'failure').length,
    blocks: model.blocks.length,
    nestedBlocks: model.blocks.filter((b) => b.depth >= 1).length,
    kOfNJoins: model.blocks.filter((b) => b.k < b.branches.length).length,
    failureEnds: model.nodes.filter((n) => n.type === 'end' && n.outcome === 'failure').length,
    recoveries: model.nodes.filter((n) => n.hasRecovery).length,
    timed: model.nodes.filter((n) => n.duration !== undefined || n.cost !== undefined).length,
  };
}

describe('generateBlueprint', () => {
  it.each([2, 3, 10, 57, 300, 1000])(
    'builds a valid blueprint of exactly %i nodes for several seeds',
    (nodes) => {
      for (const seed of [1, 2, 3, -17, 2 ** 40]) {
        const input = generateBlueprint({ nodes, seed });
        expect(input.nodes).toHaveLength(nodes);
        const result = buildModel(input);
        expect(result.ok ? [] : result.diagnostics).toEqual([]);
      }
    },
  );

  it('gives the same blueprint for the same seed and another for another seed', () => {
    const options: GenerateOptions = { nodes: 500, seed: 2024 };
    const first = generateBlueprint(options);
    expect(generateBlueprint({ ...options })).toEqual(first);
    expect(generateBlueprint({ ...options, seed: 2025 })).not.toEqual(first);
    expect(generateBlueprint({ ...options, seed: 2024 + 2 ** 32 })).not.toEqual(first);
  });

  it('makes a 10,000-node blueprint with every construct, small loops and a readable R', () => {
    const input = generateBlueprint({ nodes: 10_000, seed: 42 });
    expect(input.nodes).toHaveLength(10_000);
    const counts = count(input);
    expect(counts.decisions).toBeGreaterThan(1000);
    expect(counts.loops).toBeGreaterThan(500);
    expect(counts.failureEdges).toBeGreaterThan(500);
    expect(counts.blocks).toBeGreaterThan(100);
    expect(counts.nestedBlocks).toBeGreaterThan(50);
    expect(counts.kOfNJoins).toBeGreaterThan(50);
    expect(counts.failureEnds).toBeGreaterThan(20);
    expect(counts.recoveries).toBeGreaterThan(500);
    expect(counts.timed).toBeGreaterThan(5000);
    // Loops never overlap, so no strongly connected part grows with the blueprint.
    expect(counts.largestLoop).toBeLessThan(200);
    // Rework loops are taken with a small but real probability.
    const order = new Map(input.nodes.map((n, i) => [n.id, i]));
    const decisionLoops = input.edges.filter(
      (e) => e.probability !== undefined && order.get(e.target)! <= order.get(e.source)!,
    );
    expect(decisionLoops.length).toBeGreaterThan(500);
    for (const edge of decisionLoops) {
      expect(edge.probability).toBeGreaterThan(0);
      expect(edge.probability).toBeLessThanOrEqual(0.12);
    }
    const reliability = systemReliability(built(input));
    expect(reliability).toBeGreaterThan(0.1);
    expect(reliability).toBeLessThan(0.95);
  });

  it('leaves out every construct that is switched off', () => {
    const base = { nodes: 400, seed: 9 };
    expect(count(generateBlueprint({ ...base, loops: false })).loops).toBe(0);
    const serial = count(generateBlueprint({ ...base, parallel: false }));
    expect(serial.blocks).toBe(0);
    expect(count(generateBlueprint({ ...base, failureEdges: false })).failureEdges).toBe(0);
    expect(count(generateBlueprint({ ...base, failureEnds: false })).failureEnds).toBe(0);
    expect(count(generateBlueprint({ ...base, recoveries: false })).recoveries).toBe(0);
    expect(count(generateBlueprint({ ...base, timing: false })).timed).toBe(0);
    expect(count(generateBlueprint({ ...base, maxDepth: 1 })).nestedBlocks).toBe(0);
    const straight = generateBlueprint({
      ...base,
      loops: false,
      decisions: false,
      failureEnds: false,
      parallel: false,
      failureEdges: false,
    });
    expect(new Set(straight.nodes.map((n) => n.type))).toEqual(new Set(['start', 'step', 'end']));
    // The same seed with everything on does have what was switched off above.
    const everything = count(generateBlueprint(base));
    expect(everything.loops).toBeGreaterThan(0);
    expect(everything.blocks).toBeGreaterThan(0);
    expect(everything.nestedBlocks).toBeGreaterThan(0);
    expect(everything.failureEdges).toBeGreaterThan(0);
    expect(everything.failureEnds).toBeGreaterThan(0);
    expect(everything.recoveries).toBeGreaterThan(0);
  });

  it('refuses sizes and depths it cannot build', () => {
    expect(() => generateBlueprint({ nodes: 1, seed: 1 })).toThrow(/at least 2/);
    expect(() => generateBlueprint({ nodes: 2.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateBlueprint({ nodes: 10, seed: Number.NaN })).toThrow(/seed/);
    expect(() => generateBlueprint({ nodes: 10, seed: 1, maxDepth: 0 })).toThrow(/depth/);
  });
});

describe('assembleBlueprint', () => {
  const step = { reliability: 0.9 };

  it('wires a retry back to the step itself and a loop back to the node before it', () => {
    const input = assembleBlueprint({
      segments: [
        { kind: 'retry', step, back: 0 },
        { kind: 'step', step },
        { kind: 'loop', back: 1, probability: 0.25 },
      ],
    });
    expect(input.edges).toEqual([
      { id: 'e1', source: 'start', target: 's1' },
      { id: 'e2', source: 's1', target: 's1', kind: 'failure' },
      { id: 'e3', source: 's1', target: 's2' },
      { id: 'e4', source: 's2', target: 'd1' },
      { id: 'e5', source: 'd1', target: 's2', probability: 0.25 },
      { id: 'e6', source: 'd1', target: 'end', probability: 0.75 },
    ]);
  });

  it('sends a rework route and both alternatives of a split on to the next node', () => {
    const input = assembleBlueprint({
      segments: [
        { kind: 'rework', step, rework: step },
        {
          kind: 'split',
          alternatives: [
            { probability: 0.7, segments: [{ kind: 'step', step }] },
            { probability: 0.3, segments: [] },
          ],
        },
      ],
    });
    const into = (id: string) => input.edges.filter((e) => e.target === id).map((e) => e.source);
    expect(input.edges.find((e) => e.kind === 'failure')).toMatchObject({
      source: 's1',
      target: 's2',
    });
    expect(into('d1')).toEqual(['s1', 's2']);
    expect(into('end').sort()).toEqual(['d1', 's3']);
    expect(built(input).nodes).toHaveLength(6);
  });

  it('keeps disjoint loops from reaching behind the previous loop', () => {
    const segments = [
      { kind: 'step', step },
      { kind: 'step', step },
      { kind: 'loop', back: 1, probability: 0.1 },
      { kind: 'loop', back: 2, probability: 0.1 },
    ] as const;
    const overlapping = assembleBlueprint({ segments: [...segments] });
    const disjoint = assembleBlueprint({ segments: [...segments], disjointLoops: true });
    const back = (input: ModelInput) =>
      input.edges.find((e) => e.source === 'd2' && e.probability === 0.1);
    expect(back(overlapping)?.target).toBe('s2');
    expect(back(disjoint)?.target).toBe('d2');
  });

  it('clamps k into 1..n and refuses what cannot be a valid blueprint', () => {
    const block = (k: number) =>
      built(assembleBlueprint({ segments: [{ kind: 'block', branches: [[], [], []], k }] }));
    expect(block(7).blocks[0].k).toBe(3);
    expect(block(0).blocks[0].k).toBe(1);
    const inBlock = { kind: 'abandon', probability: 0.1 } as const;
    expect(() =>
      assembleBlueprint({ segments: [{ kind: 'block', branches: [[inBlock], []] }] }),
    ).toThrow(/inside a parallel block/);
    expect(() => assembleBlueprint({ segments: [{ kind: 'block', branches: [[]] }] })).toThrow(
      /two branches/,
    );
    expect(() =>
      assembleBlueprint({
        segments: [{ kind: 'split', alternatives: [{ probability: 1, segments: [] }] }],
      }),
    ).toThrow(/two alternative/);
    expect(() =>
      assembleBlueprint({ segments: [{ kind: 'loop', back: 0, probability: 1 }] }),
    ).toThrow(/below 1/);
  });
});

describe('toBlueprintDocument', () => {
  const input = generateBlueprint({ nodes: 300, seed: 11 });
  const document = toBlueprintDocument(input, 'Generated', 'Three hundred nodes.');

  it('writes a file that validates into the same model', () => {
    expect(BlueprintDocumentSchema.safeParse(document).success).toBe(true);
    const result = validateDocument(JSON.parse(JSON.stringify(document)));
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    const model = result.blueprint.model;
    const original = built(input);
    expect(model.nodes.map((n) => [n.id, n.type, n.lane, n.reliability, n.catchRate, n.k])).toEqual(
      original.nodes.map((n) => [n.id, n.type, n.lane, n.reliability, n.catchRate, n.k]),
    );
    expect(model.nodes.map((n) => [n.duration, n.cost, n.recoveryDuration])).toEqual(
      original.nodes.map((n) => [n.duration, n.cost, n.recoveryDuration]),
    );
    expect(model.edges.map((e) => [e.id, e.source, e.target, e.kind, e.probability])).toEqual(
      original.edges.map((e) => [e.id, e.source, e.target, e.kind, e.probability]),
    );
    expect(systemReliability(model)).toBe(systemReliability(original));
  });

  it('places every node in its lane band and the flow from left to right', () => {
    const { laneHeight } = GENERATED_LAYOUT;
    const at = new Map(document.nodes.map((n) => [n.id, n]));
    for (const node of document.nodes) {
      const band = LANES.indexOf(node.lane ?? 'backstage');
      expect(node.position!.y).toBeGreaterThanOrEqual(band * laneHeight);
      expect(node.position!.y).toBeLessThan((band + 1) * laneHeight);
    }
    const order = new Map(input.nodes.map((n, i) => [n.id, i]));
    // The generator numbers nodes along the flow, so an edge to a later node is not a loop.
    const forward = document.edges.filter((e) => order.get(e.target)! > order.get(e.source)!);
    expect(forward.length).toBeGreaterThan(document.edges.length * 0.8);
    for (const edge of forward) {
      expect(at.get(edge.target)!.position!.x).toBeGreaterThan(at.get(edge.source)!.position!.x);
    }
  });

  it('keeps observed data and writes fixed amounts as plain numbers', () => {
    const small = toBlueprintDocument(
      {
        nodes: [
          { id: 'start', type: 'start' },
          {
            id: 's1',
            type: 'step',
            reliability: 0.98,
            observed: { successes: 98, trials: 100 },
            duration: { kind: 'fixed', value: 4 },
            cost: { kind: 'triangular', min: 1, mode: 2, max: 5 },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 's1' },
          { id: 'e2', source: 's1', target: 'end' },
        ],
      },
      'Observed',
    );
    expect(small.nodes[1]).toMatchObject({
      reliability: { successes: 98, trials: 100 },
      duration: 4,
      cost: { dist: 'triangular', min: 1, mode: 2, max: 5 },
      lane: 'backstage',
    });
    expect(small.nodes.map((n) => n.position!.x)).toEqual([0, 200, 400]);
  });
});

describe('arbitraries', () => {
  it('always produce blueprints that pass buildModel', () => {
    fc.assert(
      fc.property(arbitraryBlueprintInput(), (input) => {
        const result = buildModel(input);
        expect(result.ok ? [] : result.diagnostics).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    { loops: false },
    { failureEdges: false },
    { parallel: false },
    { recoveries: false, timing: false },
    { decisions: false, failureEnds: false },
    { maxDepth: 1, maxSteps: 4 },
  ])('stay valid and within bounds with %o', (options) => {
    fc.assert(
      fc.property(arbitraryBlueprintInput(options), (input) => {
        const model = built(input);
        expect(model.nodes.filter((n) => n.type === 'step').length).toBeLessThanOrEqual(
          options.maxSteps ?? 12,
        );
        if (options.loops === false) expect(loopsOf(model)).toEqual([]);
        if (options.failureEdges === false)
          expect(model.edges.every((e) => e.kind === 'normal')).toBe(true);
        if (options.parallel === false) expect(model.blocks).toEqual([]);
        if (options.recoveries === false)
          expect(model.nodes.some((n) => n.hasRecovery)).toBe(false);
        if (options.maxDepth === 1) expect(model.blocks.every((b) => b.depth === 0)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('cover every construct, nested blocks and overlapping loops included', () => {
    const samples = fc.sample(arbitraryBlueprintInput(), { numRuns: 300, seed: 20240601 });
    const share = (has: (model: Model) => boolean) =>
      samples.filter((input) => has(built(input))).length / samples.length;
    expect(share((m) => loopsOf(m).length > 0)).toBeGreaterThan(0.3);
    expect(share((m) => loopsOf(m).some((c) => c.length > 1))).toBeGreaterThan(0.2);
    expect(share((m) => m.blocks.length > 0)).toBeGreaterThan(0.2);
    expect(share((m) => m.blocks.some((b) => b.depth === 1))).toBeGreaterThan(0.05);
    expect(share((m) => m.blocks.some((b) => b.k < b.branches.length))).toBeGreaterThan(0.05);
    expect(share((m) => m.edges.some((e) => e.kind === 'failure'))).toBeGreaterThan(0.2);
    expect(share((m) => m.nodes.some((n) => n.outcome === 'failure'))).toBeGreaterThan(0.1);
    expect(share((m) => m.nodes.some((n) => n.hasRecovery))).toBeGreaterThan(0.3);
    expect(
      share((m) => m.nodes.some((n) => n.type === 'decision' && n.out.length === 3)),
    ).toBeGreaterThan(0.05);
    // Two loops sharing nodes: a part with more back edges than one loop needs.
    const overlapping = samples.some((input) => {
      const order = new Map(input.nodes.map((n, i) => [n.id, i]));
      const backEdges = input.edges.filter((e) => order.get(e.target)! <= order.get(e.source)!);
      return backEdges.length >= 2 && loopsOf(built(input)).length < backEdges.length;
    });
    expect(overlapping).toBe(true);
  });

  it('plan blueprints whose steps never exceed maxSteps', () => {
    fc.assert(
      fc.property(arbitraryBlueprintPlan({ maxSteps: 3 }), (plan) => {
        const input = assembleBlueprint(plan);
        expect(input.nodes.filter((n) => n.type === 'step').length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 200 },
    );
  });

  it('make series blueprints: start, steps in a chain, end', () => {
    fc.assert(
      fc.property(arbitrarySeriesInput({ minSteps: 2, maxSteps: 6 }), (input) => {
        const model = built(input);
        const steps = model.nodes.filter((n) => n.type === 'step');
        expect(steps.length).toBeGreaterThanOrEqual(2);
        expect(steps.length).toBeLessThanOrEqual(6);
        expect(steps.every((n) => !n.hasRecovery)).toBe(true);
        expect(model.nodes).toHaveLength(steps.length + 2);
        expect(model.edges).toHaveLength(steps.length + 1);
        expect(model.edges.every((e, i) => e.source === i && e.target === i + 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
