/**
 * The model's columns: what the structure checks and the exact analysis walk. The analysis
 * reads them only, so a model it solved has not made its node objects; and the node objects
 * made from the columns are the nodes the blueprint describes.
 */
import { describe, expect, it } from 'vitest';
import { analyze, systemReliability } from '../src/sim/exact';
import { generateBlueprint } from '../src/sim/generate';
import { END, JOIN, PARALLEL, STEP, type Model } from '../src/sim/model';
import { LANE_CODE, ModelBuilder } from '../src/sim/model-builder';
import { loadExample } from './examples';
import {
  blueprint,
  decision,
  end,
  failureEnd,
  join,
  modelOf,
  parallel,
  start,
  step,
  type EdgeSpec,
} from './exact-fixtures';

/** Whether the model's `nodes` is still to be made (an accessor, not yet a value). */
function nodesUnmade(model: Model): boolean {
  return Object.getOwnPropertyDescriptor(model, 'nodes')?.get !== undefined;
}

describe('the model as columns', () => {
  it('is what the exact analysis reads: R and its figures come without node objects', () => {
    const model = modelOf(generateBlueprint({ nodes: 3000, seed: 7 }));
    const analysis = analyze(model);
    expect(analysis.reliability).toBeGreaterThan(0);
    expect(analysis.failureProbability).toBeGreaterThan(0);
    expect(nodesUnmade(model)).toBe(true);
    // Asking for the lists makes the nodes, once.
    expect(analysis.steps.length).toBeGreaterThan(0);
    expect(nodesUnmade(model)).toBe(false);
    expect(model.nodes).toBe(model.nodes);
  });

  it('holds every node and edge the objects show', () => {
    const model = loadExample('courier.blueprint.json').model;
    const { graph, nodes, edges } = model;
    expect(graph.nodeCount).toBe(nodes.length);
    expect(graph.edgeCount).toBe(edges.length);
    for (const node of nodes) {
      const v = node.index;
      expect(graph.type[v] === STEP).toBe(node.type === 'step');
      expect(graph.reliability[v]).toBe(node.reliability);
      expect(graph.catchRate[v]).toBe(node.catchRate);
      expect([...graph.out.subarray(graph.outStart[v], graph.outStart[v + 1])]).toEqual(node.out);
      expect([...graph.in.subarray(graph.inStart[v], graph.inStart[v + 1])]).toEqual(node.in);
      expect(graph.failureEdge[v]).toBe(node.failureEdge);
    }
    for (const edge of edges) {
      expect(graph.source[edge.index]).toBe(edge.source);
      expect(graph.target[edge.index]).toBe(edge.target);
      expect(graph.probability[edge.index]).toBe(edge.probability);
    }
  });

  it('marks blocks, thresholds and failure ends', () => {
    const model = modelOf(
      blueprint(
        [
          start(),
          parallel('p'),
          step('a', 0.9),
          step('b', 0.8),
          step('c', 0.7),
          join('j', 2),
        ].concat([decision('d'), end('ok'), failureEnd('lost')]),
        [
          ...(['a', 'b', 'c'] as const).flatMap((x): EdgeSpec[] => [
            ['p', x],
            [x, 'j'],
          ]),
          ['start', 'p'],
          ['j', 'd'],
          ['d', 'ok', { p: 0.75 }],
          ['d', 'lost', { p: 0.25 }],
        ],
      ),
    );
    const { graph } = model;
    const at = (id: string) => model.indexOf.get(id)!;
    expect(graph.type[at('p')]).toBe(PARALLEL);
    expect(graph.type[at('j')]).toBe(JOIN);
    expect(graph.type[at('lost')]).toBe(END);
    expect(graph.failureEnd[at('lost')]).toBe(1);
    expect(graph.failureEnd[at('ok')]).toBe(0);
    expect(graph.k[at('j')]).toBe(2);
    expect(graph.k[at('p')]).toBe(3);
    expect([graph.block[at('a')], graph.branch[at('a')]]).toEqual([0, 0]);
    expect([graph.block[at('c')], graph.branch[at('c')]]).toEqual([0, 2]);
    expect(graph.block[at('p')]).toBe(-1);
    expect(graph.ownBlock[at('p')]).toBe(0);
    expect(graph.ownBlock[at('j')]).toBe(0);
    // 2 of 3: 0.9·0.8·0.7 + 0.9·0.8·0.3 + 0.9·0.2·0.7 + 0.1·0.8·0.7 = 0.902, then 75 % succeed.
    expect(systemReliability(model)).toBeCloseTo(0.902 * 0.75, 12);
  });

  it('solves with other reliabilities on the same model without touching its own', () => {
    const model = loadExample('courier.blueprint.json').model;
    const reliabilities = model.graph.reliability.slice();
    const s3 = model.indexOf.get('s3')!;
    reliabilities[s3] = 1;
    const base = systemReliability(model);
    expect(base).toBeCloseTo(0.7653, 4);
    // Step 3, done right 90 % of the time, always right instead: R / 0.9.
    expect(systemReliability(model, undefined, reliabilities)).toBeCloseTo(base / 0.9, 12);
    expect(model.graph.reliability[s3]).toBe(0.9);
    expect(model.nodes[s3].reliability).toBe(0.9);
  });

  it('grows its columns past the count it was told to expect', () => {
    const builder = new ModelBuilder(1, 1);
    for (let i = 0; i < 100; i++) {
      builder.addNode(STEP, LANE_CODE.support, i / 100, 0, false, 0);
      builder.nameNode(`n${i}`, undefined);
      builder.addEdge(i, (i + 1) % 100, 'normal', 1);
      builder.nameEdge(`e${i}`);
    }
    const { graph, details } = builder.finish();
    expect(graph.nodeCount).toBe(100);
    expect(graph.reliability.length).toBe(100);
    expect(graph.reliability[99]).toBe(0.99);
    expect(graph.target[99]).toBe(0);
    expect(graph.source.length).toBe(100);
    expect(details.id(42)).toBe('n42');
    expect(details.edgeId(42)).toBe('e42');
    expect(details.lane(42)).toBe('support');
  });
});
