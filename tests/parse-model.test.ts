/**
 * Reading a blueprint keeps the document the file holds and never touches the caller's value:
 * the text path keeps the freshly parsed value as the blueprint's document, the value path
 * copies it, and both give the model that `buildModel` gives for the same numbers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateBlueprint, toBlueprintDocument } from '../src/sim/generate';
import type { Model, ModelInput } from '../src/sim/model';
import { parseBlueprint, validateDocument, type Blueprint } from '../src/sim/parse';
import { buildModel } from '../src/sim/structure';
import { arbitraryBlueprintInput } from './arbitraries';

const EXAMPLES = readdirSync('examples').filter((file) => file.endsWith('.blueprint.json'));

function loaded(result: ReturnType<typeof parseBlueprint>): Blueprint {
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.blueprint;
}

/** Everything a model holds, as plain values a deep equality can compare. */
function plainModel(model: Model) {
  return {
    nodes: model.nodes,
    edges: model.edges,
    start: model.start,
    blocks: model.blocks,
    indexOf: [...model.indexOf],
    edgeIndexOf: [...model.edgeIndexOf],
  };
}

function builtModel(input: ModelInput): Model {
  const result = buildModel(input);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.model;
}

/** Freezes a value and everything inside it, so that any write into it throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The two ways in agree with each other and with what the old text round trip kept. */
function expectSameReading(text: string): Blueprint {
  const fromText = loaded(parseBlueprint(text));
  const value = deepFreeze(JSON.parse(text) as unknown);
  const fromValue = loaded(validateDocument(value));
  expect(fromText.document).toEqual(JSON.parse(text));
  expect(fromValue.document).toEqual(JSON.parse(text));
  expect(plainModel(fromValue.model)).toEqual(plainModel(fromText.model));
  expect(fromValue.parameters).toEqual(fromText.parameters);
  expect(fromValue.scenarios.map((s) => [s.id, s.name, plainModel(s.model)])).toEqual(
    fromText.scenarios.map((s) => [s.id, s.name, plainModel(s.model)]),
  );
  // The caller's value is untouched (it is frozen, so a write would have thrown) and shares
  // nothing with the blueprint.
  expect(value).toEqual(JSON.parse(text));
  expect(fromValue.document).not.toBe(value);
  expect(fromValue.document.nodes).not.toBe((value as { nodes: unknown }).nodes);
  expect(fromValue.document.nodes[0]).not.toBe((value as { nodes: unknown[] }).nodes[0]);
  return fromText;
}

describe('reading a blueprint without copying it twice', () => {
  it.each(EXAMPLES)('%s reads the same from text and from a value', (file) => {
    const blueprint = expectSameReading(readFileSync(`examples/${file}`, 'utf8'));
    expect(blueprint.model.nodes.length).toBeGreaterThan(0);
  });

  it('gives the model buildModel gives for the numbers of a generated blueprint', () => {
    fc.assert(
      fc.property(arbitraryBlueprintInput(), (input) => {
        const text = JSON.stringify(toBlueprintDocument(input, 'Generated'));
        const blueprint = expectSameReading(text);
        const expected = plainModel(builtModel(input));
        expect(plainModel(blueprint.model)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('reads large generated blueprints the same both ways', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3000 }),
        fc.integer({ min: 0, max: 1000 }),
        (nodes, seed) => {
          const input = generateBlueprint({ nodes, seed });
          const blueprint = expectSameReading(JSON.stringify(toBlueprintDocument(input, 'G')));
          expect(plainModel(blueprint.model)).toEqual(plainModel(builtModel(input)));
        },
      ),
      { numRuns: 8 },
    );
  });

  it('keeps a copy the caller cannot change afterwards', () => {
    const text = readFileSync(`examples/${EXAMPLES[0]}`, 'utf8');
    const value = JSON.parse(text) as { title?: string; nodes: { id: string }[] };
    const blueprint = loaded(validateDocument(value));
    value.title = 'Changed after reading';
    value.nodes[0].id = 'renamed';
    expect(blueprint.document.title).not.toBe('Changed after reading');
    expect(blueprint.document.nodes[0].id).toBe(JSON.parse(text).nodes[0].id);
  });

  it('leaves out keys set to undefined, as the file would', () => {
    const value = JSON.parse(readFileSync(`examples/${EXAMPLES[0]}`, 'utf8')) as Record<
      string,
      unknown
    >;
    const blueprint = loaded(validateDocument({ ...value, description: undefined }));
    expect(Object.keys(blueprint.document)).not.toContain('description');
  });
});
