/**
 * ELK's layered layout as the app runs it (in-process here): its layers are drawn as a service
 * blueprint's stages, a hand-off to another lane keeping its column.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeLaneBands, edgeRoute, laneOf } from '../../src/document/geometry';
import { withPositions } from '../../src/document/layout';
import { elkLayout } from '../../src/editor/layout/elk';
import type { BlueprintDocument } from '../../src/sim/document';

function example(name: string): BlueprintDocument {
  return JSON.parse(readFileSync(`examples/${name}`, 'utf8')) as BlueprintDocument;
}

describe('the ELK layout', () => {
  it('lays the courier out in six step columns, each hand-off drawn straight', async () => {
    const document = example('courier.blueprint.json');
    const placed = withPositions(document, await elkLayout(document));
    const steps = placed.nodes.filter((n) => n.type === 'step');
    expect(new Set(steps.map((n) => n.position!.x)).size).toBe(6);
    const byId = new Map(placed.nodes.map((n) => [n.id, { ...n, position: n.position! }]));
    for (const [from, to] of [
      ['s1', 's2'],
      ['s3', 's4'],
      ['s4', 's5'],
      ['s9', 's10'],
    ]) {
      const route = edgeRoute(byId.get(from)!, byId.get(to)!);
      expect(new Set(route.map((p) => p.x)).size, `${from} → ${to}`).toBe(1);
    }
    // Every node in its own lane's band.
    const bands = computeLaneBands(placed.nodes);
    for (const node of placed.nodes) {
      const band = bands.find((b) => b.lane === laneOf(node))!;
      expect(node.position!.y, node.id).toBeGreaterThanOrEqual(band.top);
      expect(node.position!.y, node.id).toBeLessThan(band.bottom);
    }
  });
});
