/**
 * A generated 1,000-node blueprint: it opens with every node placed in its lane, and editing
 * one node changes one node object (so the canvas re-renders one node, not a thousand).
 * Timings are measured by the bench, not here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FlowAdapter } from '../../src/editor/canvas/adapter';
import { bandOf, computeLaneBands } from '../../src/document/geometry';
import { onNodesChange } from '../../src/editor/canvas/interaction';
import {
  EMPTY_SELECTION,
  resetBlueprintStore,
  selectEffectiveDocument,
} from '../../src/editor/store/blueprint';
import { loadDocument } from '../../src/editor/store/load';
import { doc, generatedDocument, state, when } from './helpers';

const NO_CHANGES = { nodes: new Set<string>(), edges: new Set<string>() };

describe('a 1,000-node blueprint', () => {
  const adapter = new FlowAdapter();

  beforeAll(() => {
    resetBlueprintStore();
    // Not awaited: the quick layout is in place at once; ELK's refinement follows in the background.
    void loadDocument(generatedDocument(1000, 3));
  });

  it('opens with every node placed inside its lane band', () => {
    expect(doc().nodes).toHaveLength(1000);
    const bands = computeLaneBands(doc().nodes);
    for (const n of doc().nodes) {
      const band = bandOf(bands, n.lane ?? 'backstage');
      expect(n.position!.y).toBeGreaterThanOrEqual(band.top);
      expect(n.position!.y).toBeLessThan(band.bottom);
    }
  });

  it('re-creates only the moved node when one node is dragged', () => {
    const input = () => ({
      document: selectEffectiveDocument(state()),
      selection: state().selection,
      dragPositions: state().dragPositions,
      changed: NO_CHANGES,
    });
    const before = adapter.toNodes(input());
    const beforeEdges = adapter.toEdges({ ...input(), dragPositions: null });
    const target = doc().nodes[500];
    const { x, y } = target.position!;
    onNodesChange([
      { id: target.id, type: 'position', position: { x: x + 30, y }, dragging: true },
    ]);
    const during = adapter.toNodes(input());
    expect(during.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual([target.id]);
    onNodesChange([
      { id: target.id, type: 'position', position: { x: x + 30, y }, dragging: false },
    ]);
    const after = adapter.toNodes(input());
    expect(after.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual([target.id]);
    expect(
      adapter.toEdges({ ...input(), dragPositions: null }).every((e, i) => e === beforeEdges[i]),
    ).toBe(true);
    expect(state().past).toHaveLength(1);
  });

  it('re-creates only the edited node when a field changes', () => {
    const input = () => ({
      document: doc(),
      selection: EMPTY_SELECTION,
      dragPositions: null,
      changed: NO_CHANGES,
    });
    const before = adapter.toNodes(input());
    const step = doc().nodes.find((n) => n.type === 'step')!;
    when('setNodeField', { id: step.id, field: 'reliability', value: 0.5 });
    const after = adapter.toNodes(input());
    expect(after.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual([step.id]);
  });
});
