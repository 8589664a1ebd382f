/**
 * The zod-free side of the file format: `document.ts` writes out the field registry, the keys
 * of each node type and where expressions sit, and `validate-shape.ts` checks every part of a
 * document by hand, so that the app opens and edits a well-formed blueprint before zod has
 * arrived. These tests hold each of them equal to the schemas, and show what happens to a file
 * that does not fit while the schemas' wording is not loaded yet.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openBlueprintText } from '../src/editor/files/openFile';
import { ensureSchemaWording, withSchemaWording } from '../src/editor/files/schemaWording';
import {
  DISTRIBUTION_KINDS,
  DISTRIBUTION_PARAMETERS,
  DOCUMENT_KEYS,
  DOCUMENT_SHAPE,
  NODE_FIELDS,
  NODE_FIELD_REGISTRY,
} from '../src/sim/document';
import {
  BlueprintDocumentSchema,
  DistributionSpecSchema,
  NODE_SCHEMAS,
  NodeChangeSetSchema,
} from '../src/sim/document-schema';
import { buildNodeFieldRegistry, describeSchema } from '../src/sim/fields';
import { NODE_TYPES } from '../src/sim/model';
import { parseBlueprint } from '../src/sim/parse';
import {
  installSchemaWording,
  schemaWordingInstalled,
  SchemaWordingMissingError,
} from '../src/sim/schema-wording';
import { installZodSchemaWording } from '../src/sim/schema-wording-zod';
import { fitsBlueprintSchema } from '../src/sim/validate-shape';
import {
  applyMutation,
  arbitraryMutations,
  holders,
  jsonFiles,
  quickVerdict,
  zodAccepts,
  type Place,
} from './shape-mutations';

/** The value of a JSON text, or undefined for a text that is not JSON. */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const EXAMPLES = jsonFiles('examples');

const BROKEN = jsonFiles('tests/fixtures/broken');

describe('the plain tables of document.ts are the schemas’', () => {
  it('the field registry is what buildNodeFieldRegistry derives from the node schemas', () => {
    const derived = buildNodeFieldRegistry(NODE_SCHEMAS, NodeChangeSetSchema);
    // Same fields, same order (the inspector's), same facts about each.
    expect([...NODE_FIELD_REGISTRY.entries()]).toStrictEqual([...derived.entries()]);
  });

  it('the keys of each node type and of a document are the schemas’, in their order', () => {
    for (const type of NODE_TYPES) {
      expect(NODE_FIELDS[type], type).toStrictEqual(Object.keys(NODE_SCHEMAS[type].shape));
    }
    expect(DOCUMENT_KEYS).toStrictEqual(Object.keys(BlueprintDocumentSchema.shape));
  });

  it('the parameters of each distribution are its schema’s', () => {
    expect(DistributionSpecSchema.options.map((o) => o.shape.dist.value)).toStrictEqual([
      ...DISTRIBUTION_KINDS,
    ]);
    for (const option of DistributionSpecSchema.options) {
      const kind = option.shape.dist.value;
      expect(['dist', ...DISTRIBUTION_PARAMETERS[kind], 'notes'], kind).toStrictEqual(
        Object.keys(option.shape),
      );
    }
  });

  it('the shape parameter rename walks is the one read from BlueprintDocumentSchema', () => {
    expect(DOCUMENT_SHAPE).toStrictEqual(describeSchema(BlueprintDocumentSchema));
  });
});

describe('the quick shape check of the small parts (parameters, scenarios, money)', () => {
  it('says "fits" to every example, so opening one never waits for zod', () => {
    for (const { name, text } of EXAMPLES) {
      const value: unknown = JSON.parse(text);
      expect(fitsBlueprintSchema(value), name).toBe(true);
    }
  });

  it('says "fits" to every form a change, a customer value and an option may take', () => {
    const courier = JSON.parse(EXAMPLES.find((e) => e.name === 'courier.blueprint.json')!.text);
    const document = {
      ...courier,
      parameters: { p: { value: 0.9, label: 'P', notes: 'n' }, q: { value: 'p * 2' } },
      scenarios: [
        {
          id: 'a',
          name: 'A',
          description: 'd',
          options: ['o'],
          changes: [
            { node: 's1', set: { recovery: null } },
            { node: 's1', set: { reliability: { successes: 3, trials: 4 }, cost: 'p' } },
            { node: 's1', set: { duration: { dist: 'triangular', min: 1, mode: 2, max: 3 } } },
            { edge: 'e1', set: { probability: 'p' }, notes: 'n' },
            { parameter: 'p', value: 0.5 },
          ],
          notes: 'n',
        },
      ],
      economics: {
        currency: 'EUR',
        customersPerYear: 1000,
        customerValue: { spendPerVisit: 20, visitsPerYear: 'p', years: 3 },
        lostShare: 0.3,
        wordOfMouth: { told: 5, lostShare: 0.1 },
        failureCost: 'q',
        horizonYears: 3,
      },
      options: [
        { id: 'o', label: 'O', costOnce: 100, costPerYear: 'p', changes: [] },
        { id: 'o2', costOnce: 'q', changes: [{ parameter: 'p', value: 1 }] },
      ],
    };
    expect(zodAccepts(document)).toBe(true);
    expect(fitsBlueprintSchema(document)).toBe(true);
  });

  /** Values a mutation may put anywhere in the small parts. */
  const replacement = fc.constantFrom<unknown>(
    undefined,
    null,
    0,
    0.5,
    NaN,
    Infinity,
    '',
    'p',
    true,
    [],
    ['x'],
    [1],
    {},
    { value: 1 },
    { value: 'p', label: 2 },
    { node: 's1', set: {} },
    { node: 's1', set: { recovery: null } },
    { node: 's1', set: { k: 1 } },
    { edge: 'e1', set: { probability: 0.5 } },
    { edge: 'e1', set: {} },
    { parameter: 'p', value: 'p' },
    { parameter: 'p' },
    { spendPerVisit: 1, visitsPerYear: 2, years: 3 },
    { spendPerVisit: 1, visitsPerYear: 2 },
    { told: 1, lostShare: 0.1, extra: 1 },
  );

  const SMALL_KEYS = [
    ...['value', 'label', 'notes', 'id', 'name', 'description', 'options', 'changes', 'node'],
    ...['edge', 'parameter', 'set', 'reliability', 'recovery', 'duration', 'cost', 'probability'],
    ...['currency', 'customersPerYear', 'customerValue', 'lostShare', 'wordOfMouth', 'told'],
    ...['failureCost', 'horizonYears', 'costOnce', 'costPerYear', 'typo'],
  ];

  it('never says "fits" where the schema refuses, on random mutations of them', () => {
    const bases = EXAMPLES.map((e) => JSON.parse(e.text) as Record<string, unknown>).filter(
      (d) => d.scenarios !== undefined || d.economics !== undefined || d.options !== undefined,
    );
    expect(bases.length).toBeGreaterThan(0);
    let fits = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: bases.length - 1 }),
        arbitraryMutations(SMALL_KEYS, replacement),
        (which, mutations) => {
          const document = structuredClone(bases[which]);
          for (const mutation of mutations) {
            // Every path to an object or list inside the small parts of the document.
            const places: Place[] = [];
            for (const part of ['parameters', 'scenarios', 'economics', 'options']) {
              holders(document[part], [part], places);
            }
            if (places.length === 0) return;
            applyMutation(document, places, mutation);
          }
          const verdict = quickVerdict(document);
          if (verdict === 'fits') fits++;
          if (verdict === 'refused') refused++;
          // Accepted by zod, yet the quick check could not tell: it must be exact here, or a
          // well-formed file would need zod to open.
          if (verdict === 'unsure')
            expect.unreachable(`the quick check refused a document zod accepts`);
        },
      ),
      { numRuns: 1500, seed: 20261130 },
    );
    expect(fits).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(300);
  });
});

describe('a file that does not fit, before the schemas’ wording is installed', () => {
  afterEach(() => {
    installZodSchemaWording();
  });

  it('is refused loudly rather than worded otherwise, and worded exactly once it is there', () => {
    const today = BROKEN.map(({ text }) => parseBlueprint(text));
    installSchemaWording(null);
    expect(schemaWordingInstalled()).toBe(false);
    let needed = 0;
    BROKEN.forEach(({ name, text }, i) => {
      let result: ReturnType<typeof parseBlueprint> | undefined;
      try {
        result = parseBlueprint(text);
      } catch (error) {
        expect(error, name).toBeInstanceOf(SchemaWordingMissingError);
        expect(fitsBlueprintSchema(readJson(text)), name).toBe(false);
        needed++;
        return;
      }
      // A file that does not need the schemas gets exactly today's problems without them.
      expect(result, name).toStrictEqual(today[i]);
    });
    // The shape problems (unknown keys, wrong types, …) are among the fixtures.
    expect(needed).toBeGreaterThanOrEqual(3);
    // Well-formed files open without the schemas.
    for (const { name, text } of EXAMPLES) expect(parseBlueprint(text).ok, name).toBe(true);
  });

  it('is opened by the app after loading the wording, with today’s problems', async () => {
    const broken = BROKEN.find(({ text }) => {
      const value = readJson(text);
      return value !== undefined && !fitsBlueprintSchema(value);
    })!;
    const today = openBlueprintText(broken.name, broken.text);
    expect(today.ok).toBe(false);
    installSchemaWording(null);
    expect(() => openBlueprintText(broken.name, broken.text)).toThrow(SchemaWordingMissingError);
    const opened = await withSchemaWording(() => openBlueprintText(broken.name, broken.text));
    expect(schemaWordingInstalled()).toBe(true);
    expect(opened).toStrictEqual(today);
  });

  it('ensureSchemaWording installs it', async () => {
    installSchemaWording(null);
    await ensureSchemaWording();
    expect(schemaWordingInstalled()).toBe(true);
  });
});
