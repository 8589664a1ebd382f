/**
 * The document → React Flow adapter, and the canvas's handling of React Flow's events (a drag
 * is one undo step; connections go through the rules).
 */
import type { NodeChange } from '@xyflow/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { NODE_SIZES } from '../../src/document/geometry';
import { formatPercent } from '../../src/document/values';
import { FlowAdapter, HANDLES, type BlueprintFlowNode } from '../../src/editor/canvas/adapter';
import { onConnect, onNodesChange, isValidConnection } from '../../src/editor/canvas/interaction';
import { EMPTY_SELECTION, select } from '../../src/editor/store/blueprint';
import type { BlueprintDocument } from '../../src/sim/document';
import { doc, given, node, sampleDocument, state, when } from './helpers';

const NO_CHANGES = { nodes: new Set<string>(), edges: new Set<string>() };

function convert(document: BlueprintDocument, adapter = new FlowAdapter()) {
  const input = { document, selection: EMPTY_SELECTION, dragPositions: null, changed: NO_CHANGES };
  return { nodes: adapter.toNodes(input), edges: adapter.toEdges(input), adapter };
}

describe('the adapter', () => {
  it('maps node types, lanes, positions and fixed sizes', () => {
    const { nodes } = convert(sampleDocument());
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('s1')).toMatchObject({
      type: 'step',
      position: { x: 120, y: 44 },
      width: NODE_SIZES.step.width,
      height: NODE_SIZES.step.height,
      measured: { width: NODE_SIZES.step.width, height: NODE_SIZES.step.height },
      className: 'fp-lane-customer',
      ariaLabel: 'Phones in',
    });
    expect(byId.get('d1')).toMatchObject({ type: 'decision', className: 'fp-lane-backstage' });
    expect(byId.get('fail')).toMatchObject({ type: 'end', className: 'fp-lane-support' });
    expect(byId.get('start')!.data.spec.lane).toBe('customer');
  });

  it('resolves reliabilities, expressions and catch rates for the cards', () => {
    const { nodes } = convert(sampleDocument());
    const data = new Map(nodes.map((n) => [n.id, n.data]));
    expect(data.get('s1')).toMatchObject({
      reliability: 0.99,
      hasRecovery: false,
      catchRate: null,
    });
    expect(data.get('s2')!.reliability).toBeCloseTo(0.98, 12); // 'base - 0.01'
    expect(data.get('s3')).toMatchObject({ reliability: 0.9, hasRecovery: true, catchRate: 0.6 });
    expect(data.get('d1')!.reliability).toBeNull();
  });

  it('sends failure edges from the failure handle and labels decision edges with percentages', () => {
    const { edges } = convert(sampleDocument());
    const byId = new Map(edges.map((e) => [e.id, e]));
    expect(byId.get('e7')).toMatchObject({
      source: 's2',
      target: 's1',
      sourceHandle: 'failure',
      targetHandle: 'in',
      data: { kind: 'failure', decision: false, probabilityText: null },
    });
    expect(byId.get('e3')).toMatchObject({ sourceHandle: 'out', data: { kind: 'normal' } });
    expect(byId.get('e4')!.data).toMatchObject({
      decision: true,
      probability: 0.97,
      probabilityText: '97%',
    });
    expect(byId.get('e5')!.data!.probabilityText).toBe('3%');
  });

  it('attaches a hand-off to the lane below to the bottom and top anchors, and follows a drag', () => {
    const document: BlueprintDocument = {
      format: 'failpoint.blueprint',
      version: 2,
      nodes: [
        { id: 'a', type: 'step', lane: 'customer', reliability: 0.9, position: { x: 0, y: 40 } },
        { id: 'b', type: 'step', lane: 'frontstage', reliability: 0.9, position: { x: 0, y: 200 } },
      ],
      edges: [
        { id: 'down', source: 'a', target: 'b' },
        { id: 'fail', source: 'a', target: 'b', kind: 'failure' },
      ],
    };
    const adapter = new FlowAdapter();
    const { edges } = convert(document, adapter);
    expect(edges[0]).toMatchObject({ sourceHandle: HANDLES.down, targetHandle: HANDLES.fromAbove });
    // A failure edge keeps the failure handle at the bottom centre.
    expect(edges[1]).toMatchObject({ sourceHandle: HANDLES.failure, targetHandle: HANDLES.in });
    // Dragged one column to the right, the target is no longer below: a side-to-side edge.
    const dragged = adapter.toEdges({
      document,
      selection: EMPTY_SELECTION,
      dragPositions: new Map([['b', { x: NODE_SIZES.step.width + 40, y: 200 }]]),
      changed: NO_CHANGES,
    });
    expect(dragged[0]).toMatchObject({ sourceHandle: HANDLES.out, targetHandle: HANDLES.in });
  });

  it('evaluates expression probabilities and shows one decimal', () => {
    const document = sampleDocument();
    document.edges = document.edges.map((e) =>
      e.id === 'e4'
        ? { ...e, probability: '1 - 1/3' }
        : e.id === 'e5'
          ? { ...e, probability: 1 / 3 }
          : e,
    );
    const { edges } = convert(document);
    expect(edges.find((e) => e.id === 'e4')!.data!.probabilityText).toBe('66.7%');
    expect(edges.find((e) => e.id === 'e5')!.data!.probabilityText).toBe('33.3%');
  });

  it('reuses the objects of unchanged nodes and edges, so only what changed re-renders', () => {
    const adapter = new FlowAdapter();
    const first = convert(sampleDocument(), adapter);
    const moved = {
      ...sampleDocument(),
      nodes: sampleDocument().nodes.map((n) =>
        n.id === 's1' ? { ...n, position: { x: 130, y: 44 } } : n,
      ),
    };
    const second = convert(moved, adapter);
    const changedNodes = second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
    expect(changedNodes).toEqual(['s1']);
    expect(second.edges.every((e, i) => e === first.edges[i])).toBe(true);
  });

  it('marks selected nodes and edges, and scenario changes', () => {
    const adapter = new FlowAdapter();
    const document = sampleDocument();
    const nodes = adapter.toNodes({
      document,
      selection: { nodes: new Set(['s2']), edges: new Set() },
      dragPositions: new Map([['s3', { x: 5, y: 6 }]]),
      changed: { nodes: new Set(['s1']), edges: new Set() },
    });
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('s2')!.selected).toBe(true);
    expect(byId.get('s1')!.selected).toBe(false);
    expect(byId.get('s1')!.data.changed).toBe(true);
    expect(byId.get('s3')!.position).toEqual({ x: 5, y: 6 });
  });

  it('formats percentages without float noise', () => {
    expect(formatPercent(0.97)).toBe('97%');
    expect(formatPercent(0.998832)).toBe('99.88%');
    expect(formatPercent(1 / 3, 1)).toBe('33.3%');
    expect(formatPercent(0.5 + 1e-15)).toBe('50%');
    expect(formatPercent(0.000042)).toBe('0.0042%');
    expect(formatPercent(0)).toBe('0%');
  });
});

function drag(id: string, positions: { x: number; y: number }[]): void {
  for (const position of positions) {
    onNodesChange([
      { id, type: 'position', position, dragging: true } as NodeChange<BlueprintFlowNode>,
    ]);
  }
  const last = positions[positions.length - 1];
  onNodesChange([
    { id, type: 'position', position: last, dragging: false } as NodeChange<BlueprintFlowNode>,
  ]);
}

describe('canvas events', () => {
  beforeEach(() => {
    given();
  });

  it('keeps a drag out of the document until it ends, then records it as one undo step', () => {
    const before = doc();
    onNodesChange([{ id: 's1', type: 'position', position: { x: 140, y: 44 }, dragging: true }]);
    expect(doc()).toBe(before);
    expect(state().dragPositions?.get('s1')).toEqual({ x: 140, y: 44 });
    drag('s1', [
      { x: 160, y: 44 },
      { x: 200, y: 50 },
      { x: 240, y: 60 },
    ]);
    expect(node('s1').position).toEqual({ x: 240, y: 60 });
    expect(state().dragPositions).toBeNull();
    expect(state().past).toHaveLength(1);
    when('undo');
    expect(doc()).toBe(before);
  });

  it('moves all nodes of a multi-node drag in one step, lanes included', () => {
    onNodesChange([
      { id: 's1', type: 'position', position: { x: 120, y: 540 }, dragging: true },
      { id: 's2', type: 'position', position: { x: 360, y: 380 }, dragging: true },
    ]);
    onNodesChange([
      { id: 's1', type: 'position', position: { x: 120, y: 540 }, dragging: false },
      { id: 's2', type: 'position', position: { x: 360, y: 380 }, dragging: false },
    ]);
    expect(node('s1').lane).toBe('support');
    expect(node('s2').lane).toBe('backstage');
    expect(state().past).toHaveLength(1);
  });

  it('keeps selection changes out of the history', () => {
    onNodesChange([{ id: 's1', type: 'select', selected: true }]);
    onNodesChange([{ id: 's2', type: 'select', selected: true }]);
    expect([...state().selection.nodes]).toEqual(['s1', 's2']);
    onNodesChange([{ id: 's1', type: 'select', selected: false }]);
    expect([...state().selection.nodes]).toEqual(['s2']);
    expect(state().past).toHaveLength(0);
  });

  it('makes a connection from the failure handle a failure edge', () => {
    given({ ...sampleDocument(), edges: sampleDocument().edges.filter((e) => e.id !== 'e7') });
    onConnect({ source: 's2', target: 's1', sourceHandle: 'failure', targetHandle: 'in' });
    expect(doc().edges.at(-1)).toMatchObject({ source: 's2', target: 's1', kind: 'failure' });
  });

  it('tells React Flow which connections the rules allow', () => {
    expect(
      isValidConnection({ source: 'd1', target: 'end', sourceHandle: 'out', targetHandle: 'in' }),
    ).toBe(true);
    expect(
      isValidConnection({ source: 's1', target: 'end', sourceHandle: 'out', targetHandle: 'in' }),
    ).toBe(false);
    expect(
      isValidConnection({
        source: 's3',
        target: 'fail',
        sourceHandle: 'failure',
        targetHandle: 'in',
      }),
    ).toBe(true);
    select([]);
    when('setWhatIf', { scenarioId: 'better-s1' });
    expect(
      isValidConnection({ source: 'd1', target: 'end', sourceHandle: 'out', targetHandle: 'in' }),
    ).toBe(false);
  });
});
