/**
 * How the plain reader finds ids: by the characters of the file, in a table of its own (by
 * their decoded strings when one is written with escapes). Every id given twice (node or
 * edge) and an edge's end that is not a node are left to the full parser; the order of the
 * document's members does not matter.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/sim/exact';
import { generateBlueprint, toBlueprintDocument } from '../src/sim/generate';
import { validateDocument } from '../src/sim/parse';
import { readPlainBlueprint } from '../src/sim/read/plain';

type Doc = Record<string, unknown> & {
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
};

function plainDocument(nodes = 40, seed = 6): Doc {
  return JSON.parse(
    JSON.stringify(toBlueprintDocument(generateBlueprint({ nodes, seed }), 'Ids')),
  ) as Doc;
}

/** The plain reader's model and figures are the full parser's, bit for bit. */
function expectSameAsFull(text: string): void {
  const plain = readPlainBlueprint(text);
  const full = validateDocument(JSON.parse(text));
  expect(plain).not.toBeNull();
  expect(full.ok).toBe(true);
  if (plain === null || !plain.ok || !full.ok) return;
  expect(plain.blueprint.model).toEqual(full.blueprint.model);
  expect(analyze(plain.blueprint.model)).toStrictEqual(analyze(full.blueprint.model));
}

const DECLINED: [string, (doc: Doc) => void][] = [
  ['an edge whose id is a node’s', (doc) => (doc.edges[3].id = doc.nodes[5].id)],
  ['two edges with one id', (doc) => (doc.edges[7].id = doc.edges[2].id)],
  [
    'a node whose id is an edge’s, nodes listed last',
    (doc) => {
      doc.nodes[4].id = doc.edges[1].id;
      const { nodes, ...rest } = doc;
      for (const key of Object.keys(doc)) delete doc[key];
      Object.assign(doc, rest, { nodes });
    },
  ],
  ['an edge that ends at an edge', (doc) => (doc.edges[0].target = doc.edges[1].id)],
  ['an edge from a missing node', (doc) => (doc.edges[2].source = 'nowhere')],
  [
    'an edge whose end is an id and one more character',
    (doc) => {
      doc.edges[2].source = `${String(doc.nodes[1].id)}x`;
    },
  ],
];

describe('the plain reader’s ids', () => {
  it.each(DECLINED)('declines %s, which the full parser refuses', (_name, change) => {
    const doc = plainDocument();
    change(doc);
    const text = JSON.stringify(doc);
    expect(validateDocument(JSON.parse(text)).ok).toBe(false);
    expect(readPlainBlueprint(text)).toBeNull();
  });

  it('reads ids written with escapes as the full parser does, by their strings', () => {
    const doc = plainDocument();
    const id = String(doc.nodes[1].id);
    const escaped = `\\u${id.charCodeAt(0).toString(16).padStart(4, '0')}${id.slice(1)}`;
    const text = JSON.stringify(doc);
    for (const changed of [
      text.replace(`"id":"${id}"`, `"id":"${escaped}"`),
      text.replace(`"source":"${id}"`, `"source":"${escaped}"`),
    ]) {
      expect(changed).not.toBe(text);
      expectSameAsFull(changed);
    }
    // And an id given twice, one of them escaped, is still seen.
    const twice = text.replace(`"id":"${String(doc.nodes[2].id)}"`, `"id":"${escaped}"`);
    expect(twice).not.toBe(text);
    expect(validateDocument(JSON.parse(twice)).ok).toBe(false);
    expect(readPlainBlueprint(twice)).toBeNull();
  });

  it('reads edges listed before the nodes as the full parser does', () => {
    for (const [nodes, seed] of [
      [40, 6],
      [3_000, 2],
    ] as const) {
      const { edges, nodes: list, ...rest } = plainDocument(nodes, seed);
      expectSameAsFull(JSON.stringify({ ...rest, edges, nodes: list }));
    }
  });

  it('finds every id among many that share their first and last characters', () => {
    // Ids that differ only inside, in a table that grows many times.
    const doc = plainDocument(6_000, 3);
    const rename = new Map(doc.nodes.map((n, i) => [n.id, `n${String(i).padStart(6, '0')}x`]));
    for (const node of doc.nodes) node.id = rename.get(node.id);
    for (const edge of doc.edges) {
      edge.source = rename.get(edge.source);
      edge.target = rename.get(edge.target);
    }
    expectSameAsFull(JSON.stringify(doc));
  });
});
