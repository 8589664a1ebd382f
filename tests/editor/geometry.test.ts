/**
 * Lane bands and the automatic layout into them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LANE_MIN_HEIGHT,
  NODE_SIZES,
  bandOf,
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
    const growth = 150 + 72 + 36 - 160;
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
    expect(positions.get('s1')!.x).toBeLessThan(positions.get('s2')!.x);
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
            { format: 'failpoint.blueprint', version: 1, nodes, edges: [] },
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
