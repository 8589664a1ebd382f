/**
 * The parser's quick shape check against the schema it stands in for: it may say "cannot tell"
 * to a document zod accepts, never "fits" to one zod refuses, and it must say "fits" to the
 * documents people write and generate, or the fast path would never be taken.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_KINDS } from '../src/sim/document';
import {
  BlueprintDocumentSchema,
  DistributionSpecSchema,
  NodeSpecSchema,
  ObservedDataSpecSchema,
  PositionSchema,
  RecoverySpecSchema,
  EdgeSpecSchema,
} from '../src/sim/document-schema';
import { generateBlueprint, toBlueprintDocument } from '../src/sim/generate';
import { parseBlueprint, validateDocument } from '../src/sim/parse';
import {
  DISTRIBUTION_PARAMETERS,
  FAST_KEYS,
  FAST_NODE_KEYS,
  fitsBlueprintSchema,
} from '../src/sim/validate-shape';
import {
  applyMutation,
  arbitraryMutations,
  holders,
  jsonFiles,
  quickVerdict,
  zodAccepts,
} from './shape-mutations';

const sorted = (keys: Iterable<string>) => [...keys].sort();

const EXAMPLES = jsonFiles('examples').map(({ name, text }) => ({
  name,
  value: JSON.parse(text) as unknown,
}));

const BROKEN = jsonFiles('tests/fixtures/broken').filter(({ name }) => !name.startsWith('BP001'));

function generated(nodes: number, seed: number): unknown {
  // Through text, as a file is read: the fast path is meant for what JSON.parse makes.
  const document = toBlueprintDocument(generateBlueprint({ nodes, seed }), `Generated ${seed}`);
  return JSON.parse(JSON.stringify(document));
}

describe('the quick shape check knows the schema', () => {
  it('lists exactly the keys of every object of the schema', () => {
    for (const option of NodeSpecSchema.options) {
      const type = option.shape.type.value;
      expect(sorted(FAST_NODE_KEYS.get(type)!), type).toEqual(sorted(Object.keys(option.shape)));
    }
    expect(FAST_NODE_KEYS.size).toBe(NodeSpecSchema.options.length);
    expect(sorted(FAST_KEYS.edge)).toEqual(sorted(Object.keys(EdgeSpecSchema.shape)));
    expect(sorted(FAST_KEYS.position)).toEqual(sorted(Object.keys(PositionSchema.shape)));
    expect(sorted(FAST_KEYS.observed)).toEqual(sorted(Object.keys(ObservedDataSpecSchema.shape)));
    expect(sorted(FAST_KEYS.recovery)).toEqual(sorted(Object.keys(RecoverySpecSchema.shape)));
    expect(sorted(FAST_KEYS.document)).toEqual(sorted(Object.keys(BlueprintDocumentSchema.shape)));
    for (const option of DistributionSpecSchema.options) {
      const kind = option.shape.dist.value;
      expect(sorted(['dist', ...DISTRIBUTION_PARAMETERS[kind], 'notes']), kind).toEqual(
        sorted(Object.keys(option.shape)),
      );
    }
    expect(sorted(Object.keys(DISTRIBUTION_PARAMETERS))).toEqual(sorted(DISTRIBUTION_KINDS));
  });
});

describe('the quick shape check says "fits" to well-formed documents', () => {
  it.each(EXAMPLES)('$name', ({ value }) => {
    expect(zodAccepts(value)).toBe(true);
    expect(fitsBlueprintSchema(value)).toBe(true);
  });

  it('on generated blueprints of every shape the generator makes', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const document = generated(seed * 37, seed);
      expect(zodAccepts(document)).toBe(true);
      expect(fitsBlueprintSchema(document)).toBe(true);
    }
  });
});

describe('the quick shape check never says "fits" where the schema refuses', () => {
  it.each(BROKEN)('$name', ({ text }) => {
    const value: unknown = JSON.parse(text);
    if (fitsBlueprintSchema(value)) expect(zodAccepts(value)).toBe(true);
  });

  it('refuses what it does not copy of zod: objects without the plain prototype', () => {
    const document = generated(20, 3) as Record<string, unknown>;
    const bare = Object.assign(Object.create(null) as object, document);
    expect(fitsBlueprintSchema(bare)).toBe(false);
    const nodes = document.nodes as unknown[];
    const withBareNode = { ...document, nodes: [Object.assign(Object.create(null), nodes[0])] };
    expect(fitsBlueprintSchema(withBareNode)).toBe(false);
  });

  /** Values a mutation may put anywhere in a document. */
  const replacement = fc.constantFrom<unknown>(
    undefined,
    null,
    0,
    -1,
    0.5,
    2,
    NaN,
    Infinity,
    '',
    'x',
    'p * 2',
    'customer',
    'failure',
    'step',
    'join',
    'uniform',
    true,
    [],
    [1],
    {},
    { x: 1, y: 2 },
    { dist: 'fixed', value: 1 },
    { dist: 'uniform', min: 1 },
    { dist: 'normal', mean: 1, sd: 'a', notes: 'n' },
    { dist: 'lognormal', mu: 1, sigma: 2, extra: 1 },
    { successes: 3, trials: 4 },
    { successes: 3, trials: '4' },
    { catch: 0.5 },
    { catch: 0.5, duration: { dist: 'exponential', mean: 2 } },
    { catch: 0.5, cost: { dist: 'fixed' } },
  );

  const KEYS = ['id', 'type', 'lane', 'label', 'position', 'reliability', 'recovery', 'duration'];
  const MORE_KEYS = ['cost', 'k', 'outcome', 'kind', 'probability', 'source', 'target', 'notes'];
  const OTHER_KEYS = ['x', 'y', 'dist', 'min', 'max', 'catch', 'successes', 'trials', 'nodes'];

  it('on documents with random mutations', () => {
    const bases = [generated(40, 5), generated(60, 8), ...EXAMPLES.map((e) => e.value)];
    let fits = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: bases.length - 1 }),
        // One of the keys the object has (by position), or any key of the format.
        arbitraryMutations([...KEYS, ...MORE_KEYS, ...OTHER_KEYS, 'typo'], replacement),
        (which, mutations) => {
          const document = structuredClone(bases[which]);
          for (const mutation of mutations) applyMutation(document, holders(document), mutation);
          const verdict = quickVerdict(document);
          if (verdict === 'fits') fits++;
          if (verdict === 'refused') refused++;
        },
      ),
      { numRuns: 1500, seed: 20261129 },
    );
    // Both sides of the check were exercised.
    expect(fits).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(500);
  });
});

describe('a valid blueprint read by the fast path', () => {
  it('is the same blueprint whether it comes from text or from a value', () => {
    const document = generated(300, 11);
    const fromText = parseBlueprint(JSON.stringify(document));
    const fromValue = validateDocument(document);
    expect(fromText.ok && fromValue.ok).toBe(true);
    if (!fromText.ok || !fromValue.ok) return;
    expect(fromText.blueprint.document).toEqual(document);
    expect(fromText.blueprint.model.nodes).toEqual(fromValue.blueprint.model.nodes);
  });

  it('still reports duplicate ids in their place, before the problems of values', () => {
    const document = generated(30, 2) as { nodes: { id: string; reliability?: unknown }[] };
    const step = document.nodes.findIndex((n) => n.reliability !== undefined);
    document.nodes[step].reliability = 2;
    document.nodes[step + 1].id = document.nodes[1].id;
    const result = validateDocument(document);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes.indexOf('BP006')).toBeGreaterThanOrEqual(0);
    expect(codes.indexOf('BP006')).toBeLessThan(codes.indexOf('BP011'));
    expect(result.diagnostics.find((d) => d.code === 'BP006')?.path).toBe(`nodes[${step + 1}].id`);
  });
});
