import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLUEPRINT_FORMAT,
  BLUEPRINT_VERSION,
  type BlueprintDocument,
  type EdgeSpec,
  type NodeSpec,
  type ScenarioSpec,
} from '../src/sim/document';
import { BlueprintDocumentSchema } from '../src/sim/document-schema';
import type { Diagnostic, DiagnosticCode } from '../src/sim/diagnostics';
import type { Model } from '../src/sim/model';
import {
  parseBlueprint,
  resolveScenario,
  validateDocument,
  type Blueprint,
} from '../src/sim/parse';
import { applyScenario } from '../src/sim/scenario';

// ---------------------------------------------------------------------------------------------
// Builders

const COURIER_STEPS: [string, 'customer' | 'frontstage' | 'backstage', number][] = [
  ['Customer phones to request a pickup', 'customer', 0.99],
  ['Courier collects the parcel at the door', 'frontstage', 0.98],
  ['Customer fills in the waybill', 'customer', 0.9],
  ['Goods checked, carriage mode confirmed', 'frontstage', 0.98],
  ['Details entered into the computer', 'backstage', 0.98],
  ['Inspected and taken into the depot', 'backstage', 0.99],
  ['Goods released and loaded', 'backstage', 0.95],
  ['Handover check, arrival processing', 'backstage', 0.99],
  ['Taken into the destination depot', 'backstage', 0.99],
  ['Goods delivered to the recipient', 'frontstage', 0.99],
];

/** The ten-step courier service of the reference case, with its three scenarios. */
function courier(): BlueprintDocument {
  const steps: NodeSpec[] = COURIER_STEPS.map(([label, lane, reliability], i) => ({
    id: `s${i + 1}`,
    type: 'step',
    lane,
    label,
    reliability,
    position: { x: 200 * (i + 1), y: 0 },
  }));
  const ids = ['start', ...steps.map((s) => s.id), 'end'];
  return {
    format: BLUEPRINT_FORMAT,
    version: BLUEPRINT_VERSION,
    title: 'Courier pickup and delivery',
    parameters: {
      catchRate: { value: 0.6, label: 'Share of waybill errors caught' },
      loadingCatch: { value: 'catchRate', notes: 'Same checker as the waybill.' },
    },
    nodes: [
      { id: 'start', type: 'start', lane: 'customer', label: 'Customer needs a parcel sent' },
      ...steps,
      { id: 'end', type: 'end', lane: 'customer', label: 'Parcel delivered' },
    ],
    edges: ids.slice(1).map((target, i) => ({ id: `e${i + 1}`, source: ids[i], target })),
    scenarios: [
      {
        id: 'recover-3',
        name: 'Recover step 3',
        changes: [{ node: 's3', set: { recovery: { catch: 'catchRate' } } }],
      },
      {
        id: 'recover-7',
        name: 'Recover step 7',
        changes: [{ node: 's7', set: { recovery: { catch: 'loadingCatch' } } }],
      },
      {
        id: 'both',
        name: 'Recover steps 3 and 7',
        changes: [
          { node: 's3', set: { recovery: { catch: 'catchRate' } } },
          { node: 's7', set: { recovery: { catch: 'loadingCatch' } } },
        ],
      },
    ],
  };
}

/** start → (nodes in order) → end, with the edges given, or a chain when none are. */
function blueprint(nodes: NodeSpec[], edges?: EdgeSpec[], extra: Partial<BlueprintDocument> = {}) {
  const all: NodeSpec[] = [{ id: 'start', type: 'start' }, ...nodes, { id: 'end', type: 'end' }];
  const chain = all.slice(1).map((n, i) => ({ id: `e${i + 1}`, source: all[i].id, target: n.id }));
  return {
    format: BLUEPRINT_FORMAT,
    version: BLUEPRINT_VERSION,
    nodes: all,
    edges: edges ?? chain,
    ...extra,
  } as BlueprintDocument;
}

function loaded(value: unknown): Blueprint {
  const result = validateDocument(value);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.blueprint;
}

function problems(value: unknown): Diagnostic[] {
  const result = validateDocument(value);
  if (result.ok) throw new Error('the document was accepted');
  expect(result).not.toHaveProperty('blueprint');
  return result.diagnostics;
}

function codes(value: unknown): DiagnosticCode[] {
  return problems(value).map((d) => d.code);
}

/** Probability that a chain of steps passes, from the model's resolved numbers. */
function chainReliability(model: Model): number {
  return model.nodes.reduce(
    (r, node) =>
      node.type === 'step' ? r * (1 - (1 - node.reliability) * (1 - node.catchRate)) : r,
    1,
  );
}

// ---------------------------------------------------------------------------------------------

describe('a valid blueprint', () => {
  it('loads the courier service with the figures of the reference case', () => {
    const { model, scenarios, parameters } = loaded(courier());
    expect(model.nodes).toHaveLength(12);
    expect(model.edges).toHaveLength(11);
    expect(chainReliability(model)).toBeCloseTo(0.76528, 5);
    expect(parameters).toEqual({ catchRate: 0.6, loadingCatch: 0.6 });
    expect(scenarios.map((s) => [s.id, s.name])).toEqual([
      ['recover-3', 'Recover step 3'],
      ['recover-7', 'Recover step 7'],
      ['both', 'Recover steps 3 and 7'],
    ]);
    const recover3 = scenarios[0].model;
    expect(recover3.nodes[recover3.indexOf.get('s3')!].catchRate).toBe(0.6);
    expect(recover3.nodes[recover3.indexOf.get('s3')!].hasRecovery).toBe(true);
    expect(chainReliability(recover3)).toBeCloseTo(0.8163, 4);
    // The baseline is untouched by its scenarios.
    expect(model.nodes[model.indexOf.get('s3')!].hasRecovery).toBe(false);
  });

  it('reads the same after a save: the document round-trips unchanged', () => {
    const original = courier();
    const text = JSON.stringify(original, null, 2);
    const first = parseBlueprint(text);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.blueprint.document).toEqual(original);
    const again = parseBlueprint(JSON.stringify(first.blueprint.document, null, 2));
    expect(again.ok && JSON.stringify(again.blueprint.document, null, 2)).toBe(text);
  });

  it('fills in the defaults in the model but not in the document', () => {
    const document = blueprint(
      [
        { id: 's1', type: 'step' },
        { id: 'p1', type: 'parallel' },
        { id: 'a', type: 'step', reliability: 0.9 },
        { id: 'b', type: 'step', reliability: 0.8 },
        { id: 'j1', type: 'join' },
      ],
      [
        { id: 'e1', source: 'start', target: 's1' },
        { id: 'e2', source: 's1', target: 'p1' },
        { id: 'e3', source: 'p1', target: 'a' },
        { id: 'e4', source: 'p1', target: 'b' },
        { id: 'e5', source: 'a', target: 'j1' },
        { id: 'e6', source: 'b', target: 'j1' },
        { id: 'e7', source: 'j1', target: 'end' },
      ],
    );
    const { model, document: kept } = loaded(document);
    const node = (id: string) => model.nodes[model.indexOf.get(id)!];
    expect(node('s1')).toMatchObject({ lane: 'backstage', reliability: 1, label: 's1' });
    expect(node('end').outcome).toBe('success');
    expect(node('j1').k).toBe(2);
    expect(model.edges.every((e) => e.kind === 'normal')).toBe(true);
    expect(kept.nodes[1]).toEqual({ id: 's1', type: 'step' });
  });

  it('accepts notes on every object', () => {
    const document = {
      ...courier(),
      notes: 'Top level',
      parameters: { catchRate: { value: 0.6, notes: 'Parameter' } },
      nodes: courier().nodes.map((n) =>
        n.type === 'step'
          ? {
              ...n,
              notes: 'Node',
              position: { x: 0, y: 0, notes: 'Position' },
              reliability: { successes: 99, trials: 100, notes: 'Observed' },
              duration: { dist: 'uniform', min: 1, max: 2, notes: 'Distribution' },
              recovery: { catch: 0.5, notes: 'Recovery' },
            }
          : { ...n, notes: 'Node' },
      ),
      edges: courier().edges.map((e) => ({ ...e, notes: 'Edge' })),
      scenarios: [
        {
          id: 'x',
          name: 'X',
          notes: 'Scenario',
          changes: [
            { node: 's1', set: { reliability: 0.5, notes: 'Set' }, notes: 'Change' },
            { edge: 'e1', set: { probability: 1, notes: 'Set' }, notes: 'Change' },
            { parameter: 'catchRate', value: 0.7, notes: 'Change' },
          ],
        },
      ],
    };
    // The edge change gives a probability to an edge that does not leave a decision.
    expect(codes(document)).toEqual(['BP024']);
    document.scenarios[0].changes.splice(1, 1);
    expect(loaded(document).scenarios).toHaveLength(1);
  });
});

describe('the format documentation', () => {
  it('shows an example that loads', () => {
    const text = readFileSync(new URL('../docs/blueprint-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(text)![1];
    const result = parseBlueprint(example);
    expect(result.ok, JSON.stringify(!result.ok && result.diagnostics)).toBe(true);
    expect(result.ok && result.blueprint.scenarios.map((s) => s.id)).toEqual(['check-waybill']);
  });
});

describe('the file envelope', () => {
  it('refuses text that is not JSON, saying where', () => {
    const result = parseBlueprint('{\n  "format": "failpoint.blueprint",\n  "version": 1,,\n}');
    expect(!result.ok && result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'BP001',
        message: expect.stringMatching(/line 3, column 16/),
      }),
    ]);
    const empty = parseBlueprint('');
    expect(!empty.ok && empty.diagnostics[0].message).toMatch(/empty/);
  });

  it('accepts a byte order mark', () => {
    expect(parseBlueprint(`\ufeff${JSON.stringify(courier())}`).ok).toBe(true);
  });

  it('refuses other formats and values that are not a blueprint object', () => {
    expect(codes({ ...courier(), format: 'failpoint.blueprint2' })).toEqual(['BP002']);
    const { format: _format, ...withoutFormat } = courier();
    expect(problems(withoutFormat)[0].message).toMatch(/no "format"/);
    expect(codes([courier()])).toEqual(['BP002']);
    expect(codes(null)).toEqual(['BP002']);
    expect(codes('failpoint.blueprint')).toEqual(['BP002']);
  });

  it('refuses a newer version with a clear message and malformed versions', () => {
    const newer = problems({ ...courier(), version: BLUEPRINT_VERSION + 1 });
    expect(newer).toHaveLength(1);
    expect(newer[0].message).toMatch(/made by a newer version of Failpoint/);
    expect(newer[0].code).toBe('BP003');
    for (const version of [0, -1, 1.5, '1', null]) {
      expect(codes({ ...courier(), version }), String(version)).toEqual(['BP003']);
    }
    const { version: _version, ...withoutVersion } = courier();
    expect(codes(withoutVersion)).toEqual(['BP003']);
  });
});

describe('the shape of the document', () => {
  it('refuses unknown keys anywhere, naming the key and where it sits', () => {
    const document = courier() as unknown as Record<string, unknown> & BlueprintDocument;
    document.titel = 'Typo';
    (document.nodes[3] as Record<string, unknown>).relability = 0.9;
    (document.edges[2] as Record<string, unknown>).sorce = 'x';
    (document.scenarios![0].changes[0] as { set: Record<string, unknown> }).set.realiability = 1;
    const found = problems(document);
    expect(found.map((d) => [d.code, d.path])).toEqual([
      ['BP004', 'nodes[3].relability'],
      ['BP004', 'edges[2].sorce'],
      ['BP004', 'scenarios[0].changes[0].set.realiability'],
      ['BP004', 'titel'],
    ]);
    const [node, edge, change, top] = found;
    expect(top.message).toMatch(
      /^The blueprint has an unknown key "titel" \(did you mean "title"\?\)/,
    );
    expect(top.target).toEqual({ kind: 'document' });
    expect(node.message).toMatch(
      /^Step "s3" \(Customer fills in the waybill\) has an unknown key "relability" \(did you mean "reliability"\?\)/,
    );
    expect(node.target).toEqual({ kind: 'node', id: 's3' });
    expect(edge.target).toEqual({ kind: 'edge', id: 'e3' });
    expect(edge.message).toMatch(/did you mean "source"/);
    expect(change.target).toEqual({ kind: 'scenario', id: 'recover-3' });
  });

  it.each([
    ['reliability', 'decision', { reliability: 0.9 }, /only step nodes/],
    ['recovery', 'end', { recovery: { catch: 0.5 } }, /only step nodes/],
    ['k', 'step', { k: 2 }, /only join nodes/],
    ['outcome', 'step', { outcome: 'failure' }, /only end nodes/],
    ['duration', 'join', { duration: 3 }, /only step nodes/],
    ['cost', 'start', { cost: 3 }, /only step nodes/],
  ])('refuses "%s" on a %s as a field not allowed there (BP024)', (key, type, fields, words) => {
    const document = courier();
    document.nodes[1] = { id: 's1', type, ...fields } as NodeSpec;
    const found = problems(document);
    expect(found.map((d) => [d.code, d.path])).toContainEqual(['BP024', `nodes[1].${key}`]);
    expect(found.find((d) => d.code === 'BP024')!.message).toMatch(words);
  });

  it('reports values of the wrong type or outside a list of choices (BP005)', () => {
    const document = courier();
    const nodes = document.nodes as unknown as Record<string, unknown>[];
    nodes[1].lane = 'front';
    nodes[2].reliability = true;
    nodes[3].type = 'stp';
    delete (document.edges[4] as Partial<EdgeSpec>).target;
    nodes[4].duration = { dist: 'gamma', shape: 2 };
    const found = problems(document);
    expect(found.filter((d) => d.code === 'BP005').map((d) => d.path)).toEqual([
      'nodes[1].lane',
      'nodes[2].reliability',
      'nodes[3].type',
      'nodes[4].duration.dist',
      'edges[4].target',
    ]);
    const message = (path: string) => found.find((d) => d.path === path)!.message;
    expect(message('nodes[2].reliability')).toMatch(
      /is true; it must be a number, an expression written as text or observed data/,
    );
    expect(message('nodes[3].type')).toMatch(
      /"start", "end", "step", "decision", "parallel" or "join"/,
    );
    expect(message('edges[4].target')).toMatch(/Edge "e5" is missing "target"/);
  });

  it('refuses duplicate ids of nodes, edges and scenarios (BP006)', () => {
    const document = courier();
    document.nodes[2] = { ...document.nodes[2], id: 's1' };
    document.edges[3] = { ...document.edges[3], id: 's4' };
    document.scenarios![1] = { ...document.scenarios![1], id: 'recover-3' };
    document.scenarios![2] = { ...document.scenarios![2], id: 'baseline' };
    const found = problems(document).filter((d) => d.code === 'BP006');
    expect(found.map((d) => d.path)).toEqual([
      'nodes[2].id',
      'edges[3].id',
      'scenarios[1].id',
      'scenarios[2].id',
    ]);
    expect(found[0].message).toMatch(/node number 2 and by node number 3/);
    expect(found[3].message).toMatch(/stands for the blueprint without changes/);
  });
});

describe('parameters and expressions in a document', () => {
  it('evaluates expressions wherever a number goes', () => {
    const document = blueprint(
      [
        {
          id: 's1',
          type: 'step',
          reliability: 'base - 0.01',
          recovery: { catch: 'min(1, base / 2)', duration: '2 * minutes', cost: 'fee' },
          duration: { dist: 'triangular', min: 'minutes', mode: 'minutes + 1', max: '3 minutes' },
          cost: 'fee * 2',
        },
        { id: 'd1', type: 'decision' },
      ],
      [
        { id: 'e1', source: 'start', target: 's1' },
        { id: 'e2', source: 's1', target: 'd1' },
        { id: 'e3', source: 'd1', target: 'end', probability: 'base' },
        { id: 'e4', source: 'd1', target: 's1', probability: '1 - base' },
      ],
      {
        parameters: {
          base: { value: 0.96 },
          minutes: { value: 4 },
          fee: { value: 'minutes / 8' },
        },
      },
    );
    const { model, parameters } = loaded(document);
    expect(parameters).toEqual({ base: 0.96, minutes: 4, fee: 0.5 });
    const s1 = model.nodes[model.indexOf.get('s1')!];
    expect(s1.reliability).toBeCloseTo(0.95, 15);
    expect(s1.catchRate).toBeCloseTo(0.48, 15);
    expect(s1.recoveryDuration).toEqual({ kind: 'fixed', value: 8 });
    expect(s1.recoveryCost).toEqual({ kind: 'fixed', value: 0.5 });
    expect(s1.duration).toEqual({ kind: 'triangular', min: 4, mode: 5, max: 12 });
    expect(s1.cost).toEqual({ kind: 'fixed', value: 1 });
    expect(model.edges[model.edgeIndexOf.get('e4')!].probability).toBeCloseTo(0.04, 15);
  });

  it('names the node, edge or parameter and the field of a bad expression', () => {
    const document = blueprint(
      [
        { id: 's1', type: 'step', reliability: 'x.constructor', label: 'Pick up' },
        { id: 's2', type: 'step', recovery: { catch: 'unknownRate' } },
        { id: 's3', type: 'step', reliability: 'base * 2' },
      ],
      undefined,
      {
        parameters: {
          x: { value: 1 },
          base: { value: 0.9 },
          loop: { value: 'loop + 1' },
          'bad name': { value: 1 },
        },
      },
    );
    const found = problems(document);
    expect(found.map((d) => [d.code, d.path, d.target])).toEqual([
      ['BP005', 'parameters["bad name"]', { kind: 'parameter', name: 'bad name' }],
      ['BP015', 'parameters.loop.value', { kind: 'parameter', name: 'loop' }],
      ['BP014', 'nodes[1].reliability', { kind: 'node', id: 's1' }],
      ['BP013', 'nodes[2].recovery.catch', { kind: 'node', id: 's2' }],
      ['BP011', 'nodes[3].reliability', { kind: 'node', id: 's3' }],
    ]);
    expect(found[2].message).toBe(
      'The reliability of step "s1" (Pick up) uses property or index access, which expressions may not contain; they may use numbers, + - * / ^, parentheses, the functions min, max, abs, sqrt, exp, log, pow, round and parameter names.',
    );
    expect(found[3].message).toMatch(
      /catch rate of the recovery at step "s2" uses the parameter "unknownRate"/,
    );
    expect(found[4].message).toMatch(/is 1\.8 \(from "base \* 2"\); it must be a probability/);
  });

  it('reports a failing parameter once, not again at every use', () => {
    const document = blueprint(
      [
        { id: 's1', type: 'step', reliability: 'rate' },
        { id: 's2', type: 'step', reliability: 'rate * 0.9' },
      ],
      undefined,
      { parameters: { rate: { value: 'missing' } } },
    );
    expect(problems(document).map((d) => [d.code, d.path])).toEqual([
      ['BP013', 'parameters.rate.value'],
    ]);
  });
});

describe('value ranges, distributions and observed data', () => {
  const step = (fields: Partial<NodeSpec> & Record<string, unknown>) =>
    blueprint([{ id: 's1', type: 'step', ...fields } as NodeSpec]);

  it('checks probabilities of reliability, catch rate and decision edges (BP011)', () => {
    expect(codes(step({ reliability: -0.1 }))).toEqual(['BP011']);
    expect(codes(step({ recovery: { catch: 1.5 } }))).toEqual(['BP011']);
    const decision = blueprint(
      [
        { id: 'd1', type: 'decision' },
        { id: 's1', type: 'step' },
      ],
      [
        { id: 'e1', source: 'start', target: 'd1' },
        { id: 'e2', source: 'd1', target: 's1', probability: 1.2 },
        { id: 'e3', source: 'd1', target: 'end', probability: -0.2 },
        { id: 'e4', source: 's1', target: 'end' },
      ],
    );
    // Out-of-range edges are reported once; their sum is not reported on top.
    expect(problems(decision).map((d) => [d.code, d.target])).toEqual([
      ['BP011', { kind: 'edge', id: 'e2' }],
      ['BP011', { kind: 'edge', id: 'e3' }],
    ]);
  });

  it('resolves every kind of distribution', () => {
    const kinds = [
      [
        { dist: 'fixed', value: 3 },
        { kind: 'fixed', value: 3 },
      ],
      [
        { dist: 'uniform', min: 1, max: 4 },
        { kind: 'uniform', min: 1, max: 4 },
      ],
      [
        { dist: 'normal', mean: 5, sd: 1 },
        { kind: 'normal', mean: 5, sd: 1 },
      ],
      [
        { dist: 'lognormal', mu: 1, sigma: 0.5 },
        { kind: 'lognormal', mu: 1, sigma: 0.5 },
      ],
      [
        { dist: 'exponential', mean: 2 },
        { kind: 'exponential', mean: 2 },
      ],
      [7, { kind: 'fixed', value: 7 }],
    ] as const;
    for (const [written, resolved] of kinds) {
      const { model } = loaded(step({ duration: written, cost: written }));
      expect(model.nodes[1].duration).toEqual(resolved);
      expect(model.nodes[1].cost).toEqual(resolved);
    }
  });

  it.each([
    [{ dist: 'uniform', min: 5, max: 4 }, /minimum 5 above its maximum 4/],
    [{ dist: 'uniform', min: -1, max: 4 }, /cannot be negative/],
    [{ dist: 'triangular', min: 2, mode: 1, max: 4 }, /mode 1 outside its range 2 to 4/],
    [{ dist: 'triangular', min: 2, mode: 2, max: 2 }, /fixed value/],
    [{ dist: 'normal', mean: 5, sd: -1 }, /standard deviation -1/],
    [{ dist: 'lognormal', mu: 1, sigma: -0.5 }, /sigma -0.5/],
    [{ dist: 'exponential', mean: 0 }, /mean must be above 0/],
    [{ dist: 'fixed', value: -2 }, /cannot be negative/],
    [-3, /cannot be negative/],
  ])('refuses the distribution %j (BP025)', (duration, words) => {
    const found = problems(step({ duration }));
    expect(found.map((d) => [d.code, d.path])).toEqual([['BP025', 'nodes[1].duration']]);
    expect(found[0].message).toMatch(words);
  });

  it('takes observed data as successes / trials', () => {
    const { model } = loaded(step({ reliability: { successes: 980, trials: 1000 } }));
    expect(model.nodes[1].reliability).toBe(0.98);
    expect(model.nodes[1].observed).toEqual({ successes: 980, trials: 1000 });
  });

  it.each([
    [{ successes: 1001, trials: 1000 }, /more successes than trials/],
    [{ successes: 9.5, trials: 10 }, /whole numbers/],
    [{ successes: -1, trials: 10 }, /cannot be negative/],
    [{ successes: 0, trials: 0 }, /at least one trial/],
  ])('refuses the observed data %j (BP026)', (reliability, words) => {
    const found = problems(step({ reliability }));
    expect(found.map((d) => d.code)).toEqual(['BP026']);
    expect(found[0].message).toMatch(words);
  });
});

describe('the rules for each node and edge type', () => {
  const e = (id: string, source: string, target: string, more: Partial<EdgeSpec> = {}) => ({
    id,
    source,
    target,
    ...more,
  });

  it.each<[string, NodeSpec[], EdgeSpec[], DiagnosticCode, string]>([
    [
      'a start with an incoming edge',
      [{ id: 's1', type: 'step' }],
      [e('e1', 'start', 's1'), e('e2', 's1', 'start')],
      'BP010',
      'start',
    ],
    [
      'an end with an outgoing edge',
      [
        { id: 's1', type: 'step' },
        { id: 'end2', type: 'end' },
      ],
      [e('e1', 'start', 's1'), e('e2', 's1', 'end'), e('e3', 'end', 'end2')],
      'BP010',
      'end',
    ],
    [
      'a step with two failure edges',
      [
        { id: 's1', type: 'step', reliability: 0.9 },
        { id: 'f', type: 'end', outcome: 'failure' },
      ],
      [
        e('e1', 'start', 's1'),
        e('e2', 's1', 'end'),
        e('e3', 's1', 'f', { kind: 'failure' }),
        e('e4', 's1', 'f', { kind: 'failure' }),
      ],
      'BP010',
      's1',
    ],
    [
      'a decision with one way out',
      [{ id: 'd1', type: 'decision' }],
      [e('e1', 'start', 'd1'), e('e2', 'd1', 'end', { probability: 1 })],
      'BP010',
      'd1',
    ],
    [
      'a decision edge without a probability',
      [
        { id: 'd1', type: 'decision' },
        { id: 's1', type: 'step' },
      ],
      [
        e('e1', 'start', 'd1'),
        e('e2', 'd1', 'end', { probability: 1 }),
        e('e3', 'd1', 's1'),
        e('e4', 's1', 'end'),
      ],
      'BP005',
      'e3',
    ],
    [
      'a parallel with one branch',
      [
        { id: 'p1', type: 'parallel' },
        { id: 'a', type: 'step' },
        { id: 'j1', type: 'join' },
      ],
      [e('e1', 'start', 'p1'), e('e2', 'p1', 'a'), e('e3', 'a', 'j1'), e('e4', 'j1', 'end')],
      'BP010',
      'p1',
    ],
    [
      'a failure edge leaving a decision',
      [
        { id: 'd1', type: 'decision' },
        { id: 's1', type: 'step' },
      ],
      [
        e('e1', 'start', 'd1'),
        e('e2', 'd1', 'end', { probability: 0.5 }),
        e('e3', 'd1', 's1', { probability: 0.5 }),
        e('e4', 'd1', 'end', { kind: 'failure' }),
        e('e5', 's1', 'end'),
      ],
      'BP024',
      'e4',
    ],
    [
      'a probability on an edge leaving a step',
      [{ id: 's1', type: 'step' }],
      [e('e1', 'start', 's1', { probability: 0.5 }), e('e2', 's1', 'end')],
      'BP024',
      'e1',
    ],
    [
      'a branch that ends outside its block',
      [
        { id: 'p1', type: 'parallel' },
        { id: 'a', type: 'step' },
        { id: 'b', type: 'step' },
        { id: 'j1', type: 'join' },
      ],
      [
        e('e1', 'start', 'p1'),
        e('e2', 'p1', 'a'),
        e('e3', 'p1', 'b'),
        e('e4', 'a', 'j1'),
        e('e5', 'b', 'end'),
        e('e6', 'j1', 'end'),
      ],
      'BP010',
      'j1',
    ],
    [
      'a k that is not a whole number',
      [
        { id: 'p1', type: 'parallel' },
        { id: 'j1', type: 'join', k: 1.5 },
      ],
      [e('e1', 'start', 'p1'), e('e2', 'p1', 'j1'), e('e3', 'p1', 'j1'), e('e4', 'j1', 'end')],
      'BP021',
      'j1',
    ],
    [
      'a loop that only failing can leave',
      [
        { id: 'd1', type: 'decision' },
        { id: 's1', type: 'step', reliability: 0.9 },
        { id: 's2', type: 'step', reliability: 0.9 },
      ],
      [
        e('e1', 'start', 'd1'),
        e('e2', 'd1', 'end', { probability: 0.5 }),
        e('e3', 'd1', 's1', { probability: 0.5 }),
        e('e4', 's1', 's2'),
        e('e5', 's2', 's1'),
      ],
      'BP018',
      's1',
    ],
  ])('refuses %s', (_case, nodes, edges, code, culprit) => {
    const found = problems(blueprint(nodes, edges));
    const match = found.find((d) => d.code === code);
    expect(match, JSON.stringify(found, null, 2)).toBeDefined();
    expect(match!.message).toContain(`"${culprit}"`);
  });

  it('does not blame a node for the edge count an edge to a missing node leaves it with', () => {
    const found = problems(
      blueprint(
        [
          { id: 's1', type: 'step' },
          { id: 's2', type: 'step' },
        ],
        [
          e('e1', 'start', 's1'),
          e('e2', 's1', 'finsh'),
          e('e3', 'ghost', 's2'),
          e('e4', 's2', 'end'),
        ],
      ),
    );
    expect(found.map((d) => [d.code, d.target])).toEqual([
      ['BP007', { kind: 'edge', id: 'e2' }],
      ['BP007', { kind: 'edge', id: 'e3' }],
    ]);
    expect(found[1].message).toBe('Edge "e3" starts at node "ghost", which does not exist.');
  });

  it('accepts nested blocks, a k of 1, failure edges and rework loops', () => {
    const nodes: NodeSpec[] = [
      { id: 's1', type: 'step', reliability: 0.9 },
      { id: 'p1', type: 'parallel' },
      { id: 'a', type: 'step', reliability: 0.95 },
      { id: 'p2', type: 'parallel' },
      { id: 'b1', type: 'step', reliability: 0.9 },
      { id: 'b2', type: 'step', reliability: 0.9 },
      { id: 'j2', type: 'join', k: 1 },
      { id: 'j1', type: 'join' },
      { id: 'd1', type: 'decision' },
      { id: 'fail', type: 'end', outcome: 'failure' },
    ];
    const edges: EdgeSpec[] = [
      e('e1', 'start', 's1'),
      e('e2', 's1', 'p1'),
      e('e3', 's1', 'd1', { kind: 'failure' }),
      e('e4', 'd1', 's1', { probability: 0.7 }),
      e('e5', 'd1', 'fail', { probability: 0.3 }),
      e('e6', 'p1', 'a'),
      e('e7', 'p1', 'p2'),
      e('e8', 'p2', 'b1'),
      e('e9', 'p2', 'b2'),
      e('e10', 'b1', 'j2'),
      e('e11', 'b2', 'j2'),
      e('e12', 'a', 'j1'),
      e('e13', 'j2', 'j1'),
      e('e14', 'j1', 'end'),
    ];
    const { model } = loaded(blueprint(nodes, edges));
    expect(model.blocks.map((b) => [model.nodes[b.parallel].id, b.k, b.depth])).toEqual([
      ['p2', 1, 1],
      ['p1', 2, 0],
    ]);
  });
});

describe('reporting every problem at once', () => {
  it('reports three different problems of one file together', () => {
    const document = blueprint([
      { id: 's1', type: 'step', reliability: 1.3 },
      { id: 's2', type: 'step', lable: 'Typo' } as NodeSpec,
      { id: 'orphan', type: 'step' },
    ]);
    document.edges = [
      { id: 'e1', source: 'start', target: 's1' },
      { id: 'e2', source: 's1', target: 's2' },
      { id: 'e3', source: 's2', target: 'end' },
      { id: 'e4', source: 'orphan', target: 'end' },
      { id: 'e5', source: 'orphan', target: 'orphan', kind: 'failure' },
    ];
    const found = problems(document);
    expect(found.map((d) => [d.code, d.target])).toEqual([
      ['BP004', { kind: 'node', id: 's2' }],
      ['BP011', { kind: 'node', id: 's1' }],
      ['BP016', { kind: 'node', id: 'orphan' }],
    ]);
  });

  it('never throws and never returns a half-loaded blueprint, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = validateDocument(value);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(parseBlueprint(text).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on a valid blueprint with one value replaced by anything', () => {
    const base = courier();
    const places: ((d: Record<string, unknown>, v: unknown) => void)[] = [
      (d, v) => ((d.nodes as Record<string, unknown>[])[3].reliability = v),
      (d, v) => ((d.nodes as Record<string, unknown>[])[3].type = v),
      (d, v) => ((d.nodes as unknown[])[3] = v),
      (d, v) => ((d.edges as Record<string, unknown>[])[2].target = v),
      (d, v) => ((d.edges as unknown[])[2] = v),
      (d, v) => (d.parameters = v),
      (d, v) => (d.scenarios = v),
      (d, v) => ((d.scenarios as Record<string, unknown>[])[0].changes = v),
      (d, v) => (d.nodes = v),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: places.length - 1 }), fc.anything(), (at, value) => {
        const copy = structuredClone(base) as unknown as Record<string, unknown>;
        places[at](copy, value);
        const result = validateDocument(copy);
        if (result.ok) expect(BlueprintDocumentSchema.safeParse(copy).success).toBe(true);
        else expect(result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scenarios', () => {
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(deepFreeze);
      Object.freeze(value);
    }
    return value;
  }

  it('applies changes to a copy, leaving the original untouched', () => {
    const document = deepFreeze(courier());
    const scenario: ScenarioSpec = {
      id: 'mix',
      name: 'Mix',
      changes: [
        { node: 's2', set: { reliability: 0.5, duration: 4, cost: { dist: 'fixed', value: 1 } } },
        { node: 's2', set: { reliability: 0.6 } },
        { parameter: 'catchRate', value: 0.8 },
        { edge: 'e1', set: { probability: 1 } },
      ],
    };
    const changed = applyScenario(document, scenario);
    expect(changed.nodes[2]).toMatchObject({
      id: 's2',
      reliability: 0.6,
      duration: 4,
      cost: { dist: 'fixed', value: 1 },
      label: 'Courier collects the parcel at the door',
    });
    expect(changed.parameters!.catchRate).toEqual({
      value: 0.8,
      label: 'Share of waybill errors caught',
    });
    expect(changed.edges[0].probability).toBe(1);
    expect(document.nodes[2]).not.toHaveProperty('duration');
    expect(changed.nodes[3]).toBe(document.nodes[3]);
  });

  it('replaces a recovery as a whole and removes it with null', () => {
    const document = courier();
    document.nodes[3] = {
      ...(document.nodes[3] as NodeSpec & { type: 'step' }),
      recovery: { catch: 0.5, label: 'Courier checks', duration: 2 },
    };
    const replaced = applyScenario(document, {
      id: 'r',
      name: 'R',
      changes: [{ node: 's3', set: { recovery: { catch: 0.7 } } }],
    });
    expect(replaced.nodes[3]).toHaveProperty('recovery', { catch: 0.7 });
    const removed = applyScenario(document, {
      id: 'r',
      name: 'R',
      changes: [{ node: 's3', set: { recovery: null } }],
    });
    expect(removed.nodes[3]).not.toHaveProperty('recovery');
    expect(document.nodes[3]).toHaveProperty('recovery.label', 'Courier checks');
  });

  it('ignores a change whose target does not exist (validation reports it)', () => {
    const document = courier();
    const changed = applyScenario(document, {
      id: 'x',
      name: 'X',
      changes: [
        { node: 'nope', set: { reliability: 0.1 } },
        { parameter: 'nope', value: 1 },
      ],
    });
    expect(changed).toEqual(document);
  });

  it('resolves each scenario with its own parameter values', () => {
    const document = courier();
    document.scenarios!.push({
      id: 'better-checker',
      name: 'Better checker',
      changes: [
        { parameter: 'catchRate', value: 0.8 },
        { node: 's3', set: { recovery: { catch: 'catchRate' } } },
      ],
    });
    const { scenarios, parameters } = loaded(document);
    const model = scenarios[3].model;
    expect(model.nodes[model.indexOf.get('s3')!].catchRate).toBe(0.8);
    expect(parameters.catchRate).toBe(0.6);
  });

  it('resolves a what-if that is not saved in the document', () => {
    const document = courier();
    const result = resolveScenario(document, {
      id: 'try',
      name: 'Try',
      changes: [{ node: 's7', set: { reliability: 0.99 } }],
    });
    expect(result.ok && result.scenario.model.nodes[7].reliability).toBe(0.99);
    expect(document.scenarios).toHaveLength(3);
    const broken = resolveScenario(document, {
      id: 'try',
      name: 'Try',
      changes: [{ node: 's7', set: { reliability: 'nope' } }],
    });
    expect(!broken.ok && broken.diagnostics.map((d) => d.code)).toEqual(['BP013']);
  });

  it('reports changes aimed at missing nodes, edges and parameters (BP023)', () => {
    const document = courier();
    document.scenarios = [
      {
        id: 'lost',
        name: 'Lost',
        changes: [
          { node: 's11', set: { reliability: 1 } },
          { edge: 'e99', set: { probability: 0.5 } },
          { parameter: 'speed', value: 2 },
        ],
      },
    ];
    const found = problems(document);
    expect(found.map((d) => [d.code, d.path])).toEqual([
      ['BP023', 'scenarios[0].changes[0]'],
      ['BP023', 'scenarios[0].changes[1]'],
      ['BP023', 'scenarios[0].changes[2]'],
    ]);
    expect(found[0].message).toBe(
      'In scenario "lost": change 1 refers to node "s11", which the blueprint does not have.',
    );
    expect(found.every((d) => d.target.kind === 'scenario')).toBe(true);
  });

  it('reports problems a scenario creates, prefixed with its name and placed at the change', () => {
    const document = courier();
    document.nodes.splice(1, 0, { id: 'd1', type: 'decision', label: 'Pickup possible?' });
    document.nodes.push({ id: 'gone', type: 'end', outcome: 'failure' });
    document.edges[0] = { id: 'e1', source: 'start', target: 'd1' };
    document.edges.push(
      { id: 'd-yes', source: 'd1', target: 's1', probability: 0.9 },
      { id: 'd-no', source: 'd1', target: 'gone', probability: 0.1 },
    );
    document.scenarios = [
      {
        id: 'too-good',
        name: 'Too good',
        changes: [{ node: 's3', set: { reliability: 1.5 } }],
      },
      {
        id: 'misaimed',
        name: 'Misaimed',
        changes: [{ node: 'd1', set: { reliability: 0.9 } }],
      },
      {
        id: 'lopsided',
        name: 'Lopsided',
        changes: [{ edge: 'd-yes', set: { probability: 0.95 } }],
      },
      {
        id: 'doubled',
        name: 'Doubled',
        changes: [{ parameter: 'catchRate', value: 2 }],
      },
    ];
    document.nodes[4] = {
      ...(document.nodes[4] as NodeSpec),
      recovery: { catch: 'catchRate / 1.5' },
    } as NodeSpec;
    const found = problems(document);
    expect(found.map((d) => [d.code, d.target, d.path])).toEqual([
      ['BP011', { kind: 'scenario', id: 'too-good' }, 'scenarios[0].changes[0].set.reliability'],
      ['BP024', { kind: 'scenario', id: 'misaimed' }, 'scenarios[1].changes[0].set.reliability'],
      ['BP012', { kind: 'scenario', id: 'lopsided' }, 'nodes[1]'],
      ['BP011', { kind: 'scenario', id: 'doubled' }, 'nodes[4].recovery.catch'],
    ]);
    expect(found[0].message).toBe(
      'In scenario "too-good": The reliability of step "s3" (Customer fills in the waybill) is 1.5; it must be a probability between 0 and 1.',
    );
    expect(found[1].message).toMatch(/^In scenario "misaimed": Decision "d1" .*only step nodes/);
    expect(found[2].message).toMatch(/^In scenario "lopsided": .*add up to 1\.05/);
  });

  it('does not repeat a problem of the baseline once per scenario', () => {
    const document = courier();
    document.nodes[5] = { ...(document.nodes[5] as NodeSpec), reliability: 2 } as NodeSpec;
    const found = problems(document);
    expect(found.map((d) => d.code)).toEqual(['BP011']);
    expect(found[0].target).toEqual({ kind: 'node', id: 's5' });
  });
});
