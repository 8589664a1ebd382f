/**
 * The plain reader against the full parser: wherever it answers, its blueprint, model and
 * analysis are exactly the full parser's (the same numbers to the last bit); everywhere else it
 * declines, so that the full parser reads the file and describes its problems as before.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainShape, kOfNShape, nestedShape, reworkLoopShape } from '../bench/shapes';
import { analyze } from '../src/sim/exact';
import { generateBlueprint, toBlueprintDocument } from '../src/sim/generate';
import type { ModelInput } from '../src/sim/model';
import {
  parseBlueprint,
  PLAIN_READ_MIN_LENGTH,
  validateDocument,
  type ParseResult,
} from '../src/sim/parse';
import { readPlainBlueprint } from '../src/sim/read/plain';
import { arbitraryBlueprintInput } from './arbitraries';

const textOf = (input: ModelInput, space?: number) =>
  JSON.stringify(toBlueprintDocument(input, 'Plain'), null, space);

/** The full parser's reading of a text, never the plain reader's whatever its length. */
function fullRead(text: string): ParseResult {
  return validateDocument(JSON.parse(text));
}

/** The plain reader's answer, which must be the full parser's in every figure. */
function expectSameAsFull(text: string): void {
  const plain = readPlainBlueprint(text);
  const full = fullRead(text);
  expect(plain).not.toBeNull();
  expect(full.ok).toBe(true);
  if (plain === null || !plain.ok || !full.ok) return;
  // The document as JSON.parse makes it, members in the same order.
  expect(JSON.stringify(plain.blueprint.document)).toBe(JSON.stringify(full.blueprint.document));
  expect(plain.blueprint.model).toEqual(full.blueprint.model);
  expect(plain.blueprint.parameters).toEqual(full.blueprint.parameters);
  expect(plain.blueprint.scenarios).toEqual([]);
  expect(plain.blueprint.options).toEqual([]);
  expect(plain.blueprint.economics).toBeNull();
  // Every figure of the exact analysis, compared by Object.is (so bit for bit).
  const figures = analyze(plain.blueprint.model);
  expect(figures).toStrictEqual(analyze(full.blueprint.model));
}

describe('the plain reader gives the full parser’s blueprint', () => {
  it('on every example without its scenarios, options and economics; declines them with those', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.blueprint.json'));
    let read = 0;
    for (const file of files) {
      const text = readFileSync(`examples/${file}`, 'utf8');
      const doc = JSON.parse(text) as Record<string, unknown>;
      // Every example shows scenarios, which only the full parser reads.
      expect(doc.scenarios, file).toBeDefined();
      expect(readPlainBlueprint(text), file).toBeNull();
      const { scenarios: _s, options: _o, economics: _e, ...plain } = doc;
      const plainText = JSON.stringify(plain, null, 2);
      if (readPlainBlueprint(plainText) === null) {
        // Parameters and expressions, too, are left to the full parser.
        expect(plain.parameters, file).toBeDefined();
        continue;
      }
      read++;
      expectSameAsFull(plainText);
    }
    expect(read).toBeGreaterThanOrEqual(3);
  });

  it('on generated blueprints of several sizes and seeds, compact or indented', () => {
    for (const [nodes, seed] of [
      [20, 1],
      [200, 2],
      [2_000, 3],
      [5_000, 1],
    ] as const) {
      const input = generateBlueprint({ nodes, seed });
      expectSameAsFull(textOf(input));
      if (nodes <= 2_000) expectSameAsFull(textOf(input, 2));
    }
  });

  it('on every shape of the bench at several sizes', () => {
    for (const size of [10, 300, 1_500]) {
      expectSameAsFull(textOf(chainShape(size).input));
      expectSameAsFull(textOf(reworkLoopShape(size).input));
      expectSameAsFull(textOf(reworkLoopShape(size, { reworkEvery: 10 }).input));
      expectSameAsFull(textOf(kOfNShape(size, Math.max(1, size - 10)).input));
      expectSameAsFull(textOf(nestedShape(Math.ceil(size / 3)).input));
    }
  });

  it('on random blueprints of every construct', () => {
    fc.assert(
      fc.property(arbitraryBlueprintInput({ maxSteps: 16 }), fc.boolean(), (input, indent) => {
        const text = textOf(input, indent ? 1 : undefined);
        // The model inputs may hold what a file may not (a triangular distribution whose
        // minimum is its maximum): such a file the full parser refuses, and the plain reader
        // leaves to it.
        if (!fullRead(text).ok) expect(readPlainBlueprint(text)).toBeNull();
        else expectSameAsFull(text);
      }),
      { numRuns: 150 },
    );
  });

  it('is what parseBlueprint uses on a large plain file, and its document reads on demand', () => {
    const text = textOf(generateBlueprint({ nodes: 5_000, seed: 5 }));
    expect(text.length).toBeGreaterThanOrEqual(PLAIN_READ_MIN_LENGTH);
    const parsed = parseBlueprint(text);
    const full = fullRead(text);
    expect(parsed.ok && full.ok).toBe(true);
    if (!parsed.ok || !full.ok) return;
    const { document } = parsed.blueprint;
    // Not yet read: the nodes are behind an accessor until asked for.
    expect(Object.getOwnPropertyDescriptor(document, 'nodes')?.get).toBeTypeOf('function');
    expect(document.title).toBe('Plain');
    expect(document.nodes).toEqual(full.blueprint.document.nodes);
    expect(Object.getOwnPropertyDescriptor(document, 'nodes')?.value).toBe(document.nodes);
    // Replaced like any other member.
    document.edges = [];
    expect(document.edges).toEqual([]);
    expect(parsed.blueprint.model).toEqual(full.blueprint.model);
    // A byte order mark is skipped before either reader looks.
    const marked = parseBlueprint(`\ufeff${text}`);
    expect(marked.ok && marked.blueprint.model).toEqual(full.blueprint.model);
  });

  it('keeps small files on the full parser (their documents made at once)', () => {
    const text = textOf(generateBlueprint({ nodes: 50, seed: 1 }));
    const parsed = parseBlueprint(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.getOwnPropertyDescriptor(parsed.blueprint.document, 'nodes')?.get).toBe(
      undefined,
    );
  });
});

/** A small plain document to change one thing in. */
function plainDocument(): Record<string, unknown> {
  return JSON.parse(textOf(generateBlueprint({ nodes: 30, seed: 4 }))) as Record<string, unknown>;
}

type Doc = Record<string, unknown> & {
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
};

const firstStep = (doc: Doc) => doc.nodes.find((n) => n.type === 'step')!;
const nodeOfType = (doc: Doc, type: string) => doc.nodes.find((n) => n.type === type)!;
const edgeFrom = (doc: Doc, node: Record<string, unknown>) =>
  doc.edges.find((e) => e.source === node.id && e.kind !== 'failure')!;

/** The same document with its edges written before its nodes. */
function edgesFirst(doc: Doc): string {
  const { nodes, edges, ...rest } = doc;
  return JSON.stringify({ ...rest, edges, nodes });
}

/** Each thing the plain reader leaves to the full parser, as a change of a plain document. */
const DECLINED: [string, (doc: Doc) => void][] = [
  ['an expression', (doc) => (firstStep(doc).reliability = '0.9 * 1')],
  ['a parameter list', (doc) => (doc.parameters = {})],
  ['scenarios', (doc) => (doc.scenarios = [])],
  ['options', (doc) => (doc.options = [])],
  [
    'economics',
    (doc) =>
      (doc.economics = {
        currency: 'EUR',
        customersPerYear: 1,
        customerValue: 1,
        lostShare: 0.1,
        wordOfMouth: { told: 0, lostShare: 0 },
        failureCost: 0,
        horizonYears: 1,
      }),
  ],
  [
    'an expression in a distribution',
    (doc) => (firstStep(doc).duration = { dist: 'exponential', mean: '2 + 3' }),
  ],
  ['an unknown distribution', (doc) => (firstStep(doc).cost = { dist: 'gamma', mean: 2 })],
  [
    'a missing distribution parameter',
    (doc) => (firstStep(doc).cost = { dist: 'uniform', min: 2 }),
  ],
  [
    'a distribution that cannot be sampled',
    (doc) => (firstStep(doc).cost = { dist: 'uniform', min: 3, max: 2 }),
  ],
  ['a negative amount', (doc) => (firstStep(doc).cost = -1)],
  ['an unknown node key', (doc) => (firstStep(doc).colour = 'red')],
  ['a key of another node type', (doc) => (doc.nodes[0].reliability = 0.9)],
  ['an unknown edge key', (doc) => (doc.edges[0].weight = 1)],
  ['an unknown document key', (doc) => (doc.author = 'me')],
  ['a reliability out of range', (doc) => (firstStep(doc).reliability = 1.5)],
  ['a catch rate out of range', (doc) => (firstStep(doc).recovery = { catch: -0.1 })],
  [
    'observed data that are not whole',
    (doc) => (firstStep(doc).reliability = { successes: 1.5, trials: 3 }),
  ],
  ['an unknown lane', (doc) => (firstStep(doc).lane = 'kitchen')],
  ['an unknown node type', (doc) => (doc.nodes[0].type = 'begin')],
  ['a node without an id', (doc) => delete doc.nodes[0].id],
  ['an id that is a number', (doc) => (doc.edges[0].id = 7)],
  ['a null', (doc) => (firstStep(doc).label = null)],
  ['an older version', (doc) => (doc.version = 1)],
  ['another format', (doc) => (doc.format = 'something.else')],
  ['no edges', (doc) => delete (doc as Record<string, unknown>).edges],
  ['a duplicate id', (doc) => (doc.nodes[1].id = doc.nodes[2].id)],
  ['an edge to a missing node', (doc) => (doc.edges[0].target = 'nowhere')],
  ['an edge from a missing node', (doc) => (doc.edges[0].source = 'nowhere')],
  ['an edge id given twice', (doc) => (doc.edges[1].id = doc.edges[0].id)],
  ['an edge with a node’s id', (doc) => (doc.edges[0].id = doc.nodes[3].id)],
  ['an edge to another edge', (doc) => (doc.edges[0].target = doc.edges[1].id)],
  ['an edge from an edge read before it', (doc) => (doc.edges[2].source = doc.edges[0].id)],
  [
    'a failure edge from a node that is not a step',
    (doc) =>
      doc.edges.push({
        id: 'extra',
        source: nodeOfType(doc, 'decision').id,
        target: nodeOfType(doc, 'end').id,
        kind: 'failure',
      }),
  ],
  [
    'a decision edge without its probability',
    (doc) => delete edgeFrom(doc, nodeOfType(doc, 'decision')).probability,
  ],
  [
    'a probability on an edge that is not a decision’s',
    (doc) => (edgeFrom(doc, firstStep(doc)).probability = 1),
  ],
  ['a model that does not build', (doc) => doc.edges.pop()],
];

/** Changes of the text itself that JSON.parse reads otherwise, or not at all. */
const DECLINED_TEXT: [string, (text: string) => string][] = [
  ['a key given twice', (text) => text.replace('"type":"start"', '"type":"start","type":"start"')],
  ['an escaped key', (text) => text.replace('"type":"start"', '"\\u0074ype":"start"')],
  // Of the length of "label", with its first, middle and last letters: only its other letters
  // tell it from the known key.
  ['a key misspelt between its ends', (text) => text.replace('"label":', '"lobal":')],
  // The same node as "s1…" to JSON.parse; the reader compares ids as written, so it declines.
  ['an end written with an escape', (text) => text.replace('"source":"s', '"source":"\\u0073')],
  ['an edge id written with an escape', (text) => text.replace('{"id":"e', '{"id":"\\u0065')],
  ['a trailing comma', (text) => text.replace(/}]}$/, '},]}')],
  ['a leading zero', (text) => text.replace(/"x":0\b/, '"x":00')],
  ['a number without digits after the point', (text) => text.replace(/"x":0\b/, '"x":0.')],
  ['a number too large for a double', (text) => text.replace(/"x":0\b/, '"x":1e999')],
  ['a raw line break in a string', (text) => text.replace('"title":"Plain"', '"title":"Pl\nain"')],
  ['text after the document', (text) => `${text} {}`],
  ['a cut-off document', (text) => text.slice(0, -1)],
  ['comments', (text) => `// blueprint\n${text}`],
];

describe('the plain reader declines what it does not know', () => {
  it.each(DECLINED)('%s', (_name, change) => {
    const doc = plainDocument() as Doc;
    change(doc);
    expect(readPlainBlueprint(JSON.stringify(doc))).toBeNull();
    // Edges before the nodes are read another way; the same things are declined.
    expect(readPlainBlueprint(edgesFirst(doc))).toBeNull();
  });

  it.each(DECLINED_TEXT)('%s', (_name, change) => {
    const text = change(JSON.stringify(plainDocument()));
    expect(text).not.toBe(JSON.stringify(plainDocument()));
    expect(readPlainBlueprint(text)).toBeNull();
  });

  it('declines every broken file of the test fixtures', () => {
    const dir = 'tests/fixtures/broken';
    for (const file of readdirSync(dir)) {
      expect(readPlainBlueprint(readFileSync(`${dir}/${file}`, 'utf8')), file).toBeNull();
    }
  });

  it('reads what it knows however it is written: escapes, spacing, numbers, key order', () => {
    const doc = plainDocument() as Doc;
    doc.title = 'Line\nbreak, "quotes" and \u00e9';
    const step = firstStep(doc);
    step.label = 'Tab\there \ud83d\ude00';
    step.reliability = { successes: 97, trials: 100, notes: 'last month' };
    step.recovery = { catch: 0.5, label: 'Retry', duration: { dist: 'fixed', value: 2 }, cost: 1 };
    step.notes = 'n';
    const text = JSON.stringify(doc, null, '\t')
      .replace('"catch": 0.5', '"catch": 5E-1')
      .replace('"successes": 97', '"successes": 9.7e+1');
    // Members in another order than the generator writes them.
    const reordered = JSON.stringify({ ...doc, nodes: doc.nodes.map((n) => ({ ...n, id: n.id })) });
    expectSameAsFull(text);
    expectSameAsFull(reordered);
    expectSameAsFull(edgesFirst(doc));
    const read = readPlainBlueprint(text);
    expect(read?.ok && read.blueprint.document.title).toBe(doc.title);
  });

  it('reads notes and edge labels written with escapes itself', () => {
    const doc = plainDocument() as Doc;
    firstStep(doc).notes = 'Says "urgent"\non the form';
    (doc.edges[0] as Record<string, unknown>).label = 'to \\ desk';
    const text = JSON.stringify(doc);
    expect(text).toContain('\\"urgent\\"');
    expect(readPlainBlueprint(text)).not.toBeNull();
    expectSameAsFull(text);
  });

  it('makes one distribution per text written, shared by the steps that repeat it', () => {
    const doc = plainDocument() as Doc;
    const steps = doc.nodes.filter((n) => n.type === 'step');
    const [a, b, c, d] = steps;
    a.duration = { dist: 'uniform', min: 2, max: 5 };
    b.duration = { dist: 'uniform', min: 2, max: 5 };
    c.duration = { dist: 'uniform', min: 2, max: 6 };
    a.cost = 0;
    b.cost = 0;
    // A minus zero is JSON.parse's -0, not the 0 of another step.
    c.cost = 123.25;
    const text = JSON.stringify(doc);
    const withMinusZero = text.replace('"cost":123.25', '"cost":-0');
    expect(withMinusZero).not.toBe(text);
    expectSameAsFull(withMinusZero);
    const read = readPlainBlueprint(withMinusZero);
    if (read === null || !read.ok) throw new Error('not read');
    const { nodes, indexOf } = read.blueprint.model;
    const node = (step: Record<string, unknown>) => nodes[indexOf.get(step.id as string)!];
    expect(node(a).duration).toBe(node(b).duration);
    expect(node(a).duration).not.toBe(node(c).duration);
    expect(node(c).duration).toEqual({ kind: 'uniform', min: 2, max: 6 });
    expect(node(a).cost).toBe(node(b).cost);
    expect(node(a).cost).toEqual({ kind: 'fixed', value: 0 });
    // toEqual tells -0 from 0.
    expect(node(c).cost).toEqual({ kind: 'fixed', value: -0 });
    expect(node(c).cost).not.toEqual({ kind: 'fixed', value: 0 });
    expect(node(d).duration).toBeDefined();
  });

  it('never answers where the full parser refuses, and answers as it does elsewhere', () => {
    const base = JSON.stringify(plainDocument());
    fc.assert(
      fc.property(
        fc.nat(base.length - 1),
        fc.nat(4),
        fc.constantFrom('', ',', '}', ']', '"', '0', '-', '1e5', ' ', 'null', '{', 'x'),
        (at, removed, inserted) => {
          const text = base.slice(0, at) + inserted + base.slice(at + removed);
          const plain = readPlainBlueprint(text);
          if (plain === null) return;
          expectSameAsFull(text);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the plain reader’s numbers', () => {
  it('are the doubles JSON.parse makes of the same digits', () => {
    const digits = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    const written = fc
      .tuple(
        fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 9))),
        fc.option(digits(1, 18)),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 2))),
      )
      .map(([whole, fraction, exponent]) => {
        const integer = typeof whole === 'string' ? whole : whole.join('');
        return `${integer}${fraction === null ? '' : `.${fraction}`}${
          exponent === null ? '' : exponent.join('')
        }`;
      });
    const doc = plainDocument() as Doc;
    // A step's cost is kept in the model as written: any amount, no range to leave.
    firstStep(doc).cost = 123_456;
    const base = JSON.stringify(doc);
    fc.assert(
      fc.property(written, (number) => {
        const text = base.replace('"cost":123456', `"cost":${number}`);
        expect(text).toContain(`"cost":${number}`);
        const plain = readPlainBlueprint(text);
        const cost = JSON.parse(number) as number;
        if (!Number.isFinite(cost)) {
          expect(plain).toBeNull();
          return;
        }
        expectSameAsFull(text);
      }),
      { numRuns: 500 },
    );
  });
});
