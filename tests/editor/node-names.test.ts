/** Readable names of nodes in charts and tables: labels, or a name made from neighbours. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BlueprintDocument } from '../../src/sim/document';
import { translator } from '../../src/editor/i18n';
import { readableNodeNames } from '../../src/editor/results/nodeNames';
import { FlowAdapter } from '../../src/editor/canvas/adapter';
import { flowNames } from '../../src/editor/canvas/names';

const en = translator('en');
const zh = translator('zh');

/** start → a → split → (b, c) → join → end, with the split and the join unlabelled. */
const graph = {
  nodes: [
    { id: 'start', type: 'start', label: 'Parcel handed in' },
    { id: 'a', type: 'step', label: 'Pick up', reliability: 0.9 },
    { id: 'split', type: 'parallel' },
    { id: 'b', type: 'step', label: 'Scan', reliability: 0.9 },
    { id: 'c', type: 'step', label: 'Weigh', reliability: 0.9 },
    { id: 'join', type: 'join' },
    { id: 'unnamed', type: 'step', reliability: 0.9 },
    { id: 'end', type: 'end', outcome: 'success' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'a' },
    { id: 'e2', source: 'a', target: 'split' },
    { id: 'e3', source: 'split', target: 'b' },
    { id: 'e4', source: 'split', target: 'c' },
    { id: 'e5', source: 'b', target: 'join' },
    { id: 'e6', source: 'c', target: 'join' },
    { id: 'e7', source: 'join', target: 'unnamed' },
    { id: 'e8', source: 'unnamed', target: 'end' },
  ],
} as unknown as Pick<BlueprintDocument, 'nodes' | 'edges'>;

describe('readable node names', () => {
  it('names an unlabelled split by its predecessor and a join by its branches', () => {
    const nameOf = readableNodeNames(graph, en);
    expect(nameOf('split')).toBe('Parallel split after ‘Pick up’');
    expect(nameOf('join')).toBe('Join of ‘Scan’ and ‘Weigh’');
    expect(nameOf('unnamed')).toBe('Step after an unlabelled join');
    expect(nameOf('end')).toBe('End after an unlabelled step');
    expect(nameOf('a')).toBe('Pick up');
  });

  it('speaks Chinese with Chinese quotes', () => {
    const nameOf = readableNodeNames(graph, zh);
    expect(nameOf('split')).toBe('“Pick up”之后的并行分支');
    expect(nameOf('join')).toBe('“Scan”和“Weigh”的汇合');
  });

  it('names a node gone from the blueprint by the fallback, else by its id', () => {
    expect(readableNodeNames(graph, en, () => 'Old label')('gone')).toBe('Old label');
    expect(readableNodeNames(graph, en)('gone')).toBe('gone');
  });

  it('never falls back to an id in the bank loan example with its gateways unlabelled', () => {
    const document = JSON.parse(
      readFileSync('examples/bank-loan.blueprint.json', 'utf8'),
    ) as BlueprintDocument;
    const gateways = new Set(['p1', 'p2', 'j1', 'j2']);
    const stripped = {
      ...document,
      nodes: document.nodes.map((node) =>
        gateways.has(node.id) ? { ...node, label: undefined } : node,
      ),
    };
    for (const t of [en, zh]) {
      const nameOf = readableNodeNames(stripped, t);
      for (const id of gateways) {
        expect(nameOf(id)).not.toContain(id);
        expect(nameOf(id).length).toBeGreaterThan(6);
      }
    }
    const nameOf = readableNodeNames(stripped, en);
    // p2 follows the unlabelled p1: its three checks name it better.
    expect(nameOf('p2')).toBe(
      'Parallel split into ‘Credit bureau A report’, ‘Credit bureau B report’ and ‘Internal scoring model’',
    );
    expect(nameOf('j1')).toBe(
      'Join of ‘Identity verified’, ‘Income documents verified’ and an unlabelled join',
    );
  });
});

describe('the canvas names for screen readers', () => {
  const input = (document: Pick<BlueprintDocument, 'nodes' | 'edges'>) => ({
    document: document as BlueprintDocument,
    selection: { nodes: new Set<string>(), edges: new Set<string>() },
    dragPositions: null,
    changed: { nodes: new Set<string>(), edges: new Set<string>() },
    names: flowNames(en, 'en'),
  });

  it('call an unlabelled split and join by where they stand, never by id', () => {
    const adapter = new FlowAdapter();
    const nodes = adapter.toNodes(input(graph));
    const label = (id: string) => nodes.find((node) => node.id === id)?.ariaLabel;
    expect(label('split')).toBe('Parallel split after ‘Pick up’');
    expect(label('join')).toBe('Join of ‘Scan’ and ‘Weigh’, all branches must succeed');
    const edges = adapter.toEdges(input(graph));
    expect(edges.find((edge) => edge.id === 'e5')?.ariaLabel).toContain('Join of ‘Scan’');
    const zhNodes = new FlowAdapter().toNodes({ ...input(graph), names: flowNames(zh, 'zh') });
    expect(zhNodes.find((node) => node.id === 'join')?.ariaLabel).toBe(
      '“Scan”和“Weigh”的汇合，所有分支都须成功',
    );
  });

  it('follow a neighbour renamed, though the split itself did not change', () => {
    const adapter = new FlowAdapter();
    adapter.toNodes(input(graph));
    const renamed = {
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === 'a' ? { ...node, label: 'Collect' } : node)),
    };
    const nodes = adapter.toNodes(input(renamed));
    expect(nodes.find((node) => node.id === 'split')?.ariaLabel).toBe(
      'Parallel split after ‘Collect’',
    );
  });
});

describe('a node connected to nothing', () => {
  it('keeps its id on the canvas, as the problems panel names it', () => {
    const lonely = {
      nodes: [...graph.nodes, { id: 'd9', type: 'decision' }],
      edges: graph.edges,
    } as unknown as BlueprintDocument;
    const nodes = new FlowAdapter().toNodes({
      document: lonely,
      selection: { nodes: new Set<string>(), edges: new Set<string>() },
      dragPositions: null,
      changed: { nodes: new Set<string>(), edges: new Set<string>() },
      names: flowNames(en, 'en'),
    });
    expect(nodes.find((node) => node.id === 'd9')?.ariaLabel).toBe('Decision: d9');
  });
});
