/**
 * Lane bands and the automatic layout into them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LANE_MIN_HEIGHT,
  NODE_SIZES,
  bandOf,
  edgeAt,
  edgeRoute,
  edgeSides,
  computeLaneBands,
  keepLanesApart,
  laneAtY,
  laneForDrop,
} from '../../src/document/geometry';
import { placeInLanes, quickLayout, withPositions } from '../../src/document/layout';
import type { BlueprintDocument, NodeSpec } from '../../src/sim/document';
import { LANES } from '../../src/sim/model';
import { generatedDocument, sampleDocument } from './helpers';

function expectInsideBands(document: BlueprintDocument): void {
  const bands = computeLaneBands(document.nodes);
  for (const n of document.nodes) {
    const band = bandOf(bands, n.lane ?? 'backstage');
    expect(n.position!.y, n.id).toBeGreaterThanOrEqual(band.top);
    expect(n.position!.y + NODE_SIZES[n.type].height, n.id).toBeLessThanOrEqual(band.bottom);
  }
}

function expectNoOverlaps(document: BlueprintDocument): void {
  const boxes = document.nodes.map((n) => ({
    id: n.id,
    x: n.position!.x,
    y: n.position!.y,
    w: NODE_SIZES[n.type].width,
    h: NODE_SIZES[n.type].height,
  }));
  boxes.sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + boxes[i].w; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

describe('lane bands', () => {
  it('stacks the four lanes in order, each at least the minimum height', () => {
    const bands = computeLaneBands(sampleDocument().nodes);
    expect(bands.map((b) => b.lane)).toEqual([...LANES]);
    expect(bands[0].top).toBe(0);
    for (let i = 1; i < bands.length; i++) expect(bands[i].top).toBe(bands[i - 1].bottom);
    for (const band of bands)
      expect(band.bottom - band.top).toBeGreaterThanOrEqual(LANE_MIN_HEIGHT);
  });

  it('grows a band to hold its lowest node', () => {
    const nodes = sampleDocument().nodes.map((n) =>
      n.id === 's2' ? { ...n, position: { x: 360, y: 400 } } : n,
    );
    const frontstage = bandOf(computeLaneBands(nodes), 'frontstage');
    expect(frontstage.bottom).toBeGreaterThanOrEqual(400 + 72);
  });

  it('finds the lane under a point and under a dropped node', () => {
    const bands = computeLaneBands(sampleDocument().nodes);
    expect(laneAtY(bands, -50)).toBe('customer');
    expect(laneAtY(bands, 170)).toBe('frontstage');
    expect(laneAtY(bands, 10_000)).toBe('support');
    // Top edge in the frontstage band, centre in the backstage band.
    expect(laneForDrop(bands, 'step', { x: 0, y: 300 })).toBe('backstage');
  });

  it('pushes lower lanes down by exactly the growth of a band above, and only then', () => {
    const nodes = sampleDocument().nodes;
    const before = computeLaneBands(nodes);
    expect(keepLanesApart(before, nodes)).toBe(nodes);
    const grown = nodes.map((n) => (n.id === 's1' ? { ...n, position: { x: 120, y: 150 } } : n));
    const kept = keepLanesApart(before, grown);
    const growth = 150 + NODE_SIZES.step.height + 36 - bandOf(before, 'customer').bottom;
    expect(kept.find((n) => n.id === 's2')!.position!.y).toBe(204 + growth);
    expect(kept.find((n) => n.id === 'fail')!.position!.y).toBe(530 + growth);
    expect(kept.find((n) => n.id === 's1')).toBe(grown.find((n) => n.id === 's1'));
  });
});

describe('automatic layout', () => {
  it('places every node of a generated blueprint inside its band, without overlaps', () => {
    const document = generatedDocument(300, 11);
    const placed = withPositions(document, quickLayout(document));
    expect(placed.nodes.every((n) => n.position)).toBe(true);
    expectInsideBands(placed);
    expectNoOverlaps(placed);
  });

  it('keeps the flow left to right along a chain', () => {
    const document = sampleDocument();
    const positions = quickLayout(document);
    expect(positions.get('start')!.x).toBeLessThan(positions.get('s1')!.x);
    // A hand-off to another lane may keep its column (s1 → s2), never go left of it.
    expect(positions.get('s1')!.x).toBeLessThanOrEqual(positions.get('s2')!.x);
    expect(positions.get('d1')!.x).toBeLessThan(positions.get('s3')!.x);
  });

  it('never overlaps nodes whatever the columns (property)', () => {
    const lane = fc.constantFrom(...LANES);
    const type = fc.constantFrom(
      'step' as const,
      'decision' as const,
      'join' as const,
      'end' as const,
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ lane, type, x: fc.integer({ min: 0, max: 3000 }), order: fc.integer() }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        (items) => {
          const nodes = items.map((item, i) => ({
            id: `n${i}`,
            type: item.type,
            lane: item.lane,
          })) as NodeSpec[];
          const columns = new Map(
            items.map((item, i) => [`n${i}`, { x: item.x, order: item.order }]),
          );
          const positions = placeInLanes(nodes, columns);
          const document = withPositions(
            { format: 'failpoint.blueprint', version: 2, nodes, edges: [] },
            positions,
          );
          expectInsideBands(document);
          expectNoOverlaps(document);
        },
      ),
      { numRuns: 100, seed: 20240601 },
    );
  });
});

describe('hand-offs between lanes', () => {
  const step = (id: string, lane: NodeSpec['lane'], x: number, y: number) =>
    ({ id, type: 'step', lane, position: { x, y } }) as const;

  it('draws a hand-off to the step below straight down, off the failure handle', () => {
    const a = step('a', 'customer', 100, 40);
    const b = step('b', 'frontstage', 100, 200);
    expect(edgeSides(a, b)).toEqual({ source: 'bottom', target: 'top' });
    const route = edgeRoute(a, b);
    expect(route[0]).toEqual({
      x: 100 + NODE_SIZES.step.width * 0.75,
      y: 40 + NODE_SIZES.step.height,
    });
    expect(route.at(-1)).toEqual({ x: 100 + NODE_SIZES.step.width * 0.75, y: 200 });
    expect(new Set(route.map((p) => p.x)).size).toBe(1);
    // The failure edge leaves the bottom centre, into the left side.
    const failure = edgeRoute(a, b, 'failure');
    expect(failure[0].x).toBe(100 + NODE_SIZES.step.width / 2);
    expect(failure.at(-1)).toEqual({ x: 100, y: 200 + NODE_SIZES.step.height / 2 });
    // Upwards, bottom to top.
    expect(edgeSides(b, a)).toEqual({ source: 'top', target: 'bottom' });
  });

  it('keeps side to side an edge within a lane, to another column, or from a shape with a caption below', () => {
    expect(edgeSides(step('a', 'backstage', 0, 40), step('b', 'backstage', 0, 200)).source).toBe(
      'right',
    );
    expect(edgeSides(step('a', 'customer', 0, 40), step('b', 'frontstage', 300, 200))).toEqual({
      source: 'right',
      target: 'left',
    });
    const start = { id: 's', type: 'start', lane: 'customer', position: { x: 40, y: 40 } } as const;
    expect(edgeSides(start, step('b', 'frontstage', 0, 200)).source).toBe('right');
  });

  it('splits a hand-off where it is drawn', () => {
    const document = {
      nodes: [step('a', 'customer', 100, 40), step('b', 'frontstage', 100, 240)],
      edges: [{ id: 'e', source: 'a', target: 'b' }],
    };
    const x = 100 + NODE_SIZES.step.width * 0.75;
    expect(edgeAt(document, { x, y: 180 })).toBe('e');
    // Where a side-to-side route would have run, there is nothing.
    expect(edgeAt(document, { x: 100 + NODE_SIZES.step.width + 40, y: 180 })).toBeNull();
  });

  it('lays the courier out in stages: a hand-off keeps its column', () => {
    const lane = (id: string, l: NodeSpec['lane']) => ({ id, l });
    const chain = [
      lane('start', 'customer'),
      lane('s1', 'customer'),
      lane('s2', 'frontstage'),
      lane('s3', 'customer'),
      lane('s4', 'frontstage'),
      lane('s5', 'backstage'),
      lane('s6', 'backstage'),
      lane('end', 'backstage'),
    ];
    const document: BlueprintDocument = {
      format: 'failpoint.blueprint',
      version: 2,
      nodes: chain.map(({ id, l }) =>
        id === 'start' || id === 'end'
          ? { id, type: id as 'start' | 'end', lane: l }
          : { id, type: 'step', lane: l, reliability: 0.9 },
      ),
      edges: chain.slice(1).map(({ id }, i) => ({ id: `e${i}`, source: chain[i].id, target: id })),
    };
    const p = quickLayout(document);
    const x = (id: string) => p.get(id)!.x;
    expect(x('s2')).toBe(x('s1'));
    expect(x('s3')).toBeGreaterThan(x('s2'));
    expect(x('s4')).toBe(x('s3'));
    expect(x('s5')).toBe(x('s4'));
    expect(x('s6')).toBeGreaterThan(x('s5'));
    // The start hands off nothing below itself: its caption hangs there.
    expect(x('s1')).toBeGreaterThan(x('start'));
    // Every hand-off is drawn straight down.
    const placed = withPositions(document, p);
    const byId = new Map(placed.nodes.map((n) => [n.id, { ...n, position: n.position! }]));
    for (const [from, to] of [
      ['s1', 's2'],
      ['s3', 's4'],
      ['s4', 's5'],
    ]) {
      const route = edgeRoute(byId.get(from)!, byId.get(to)!);
      expect(new Set(route.map((q) => q.x)).size, `${from} → ${to}`).toBe(1);
    }
  });
});
