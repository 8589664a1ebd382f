/**
 * The tornado's order: widest swing first, ties in node order, one bar per step, on blueprints
 * with many equal swings (chains of equal steps) and on generated ones.
 */
import { describe, expect, it } from 'vitest';
import { chainShape, kOfNShape, reworkLoopShape } from '../bench/shapes';
import { analyze } from '../src/sim/exact';
import { generateBlueprint } from '../src/sim/generate';
import type { Analysis } from '../src/sim/exact';
import type { ModelInput } from '../src/sim/model';
import { buildModel } from '../src/sim/structure';

function analysisOf(input: ModelInput): Analysis {
  const built = buildModel(input);
  if (!built.ok) throw new Error(built.diagnostics[0].message);
  return analyze(built.model);
}

function expectTornadoOrder(analysis: Analysis): void {
  const { tornado, steps } = analysis;
  // The same bars as the steps, one each.
  expect(tornado.map((bar) => bar.index).sort((a, b) => a - b)).toEqual(
    steps.map((step) => step.index),
  );
  for (let b = 1; b < tornado.length; b++) {
    const before = tornado[b - 1];
    const bar = tornado[b];
    expect(
      before.swing > bar.swing || (before.swing === bar.swing && before.index < bar.index),
      `bar ${b} (${bar.id}) after ${before.id}`,
    ).toBe(true);
  }
}

describe('the tornado', () => {
  it('puts equal swings in node order', () => {
    const analysis = analysisOf(chainShape(300).input);
    const swings = new Set(analysis.tornado.map((bar) => bar.swing));
    // Many steps share a swing, so the order of ties is tested.
    expect(swings.size).toBeLessThan(analysis.tornado.length);
    expectTornadoOrder(analysis);
  });

  it('is sorted by swing on loops, blocks and generated blueprints', () => {
    expectTornadoOrder(analysisOf(reworkLoopShape(400, { reworkEvery: 10 }).input));
    expectTornadoOrder(analysisOf(kOfNShape(200, 150).input));
    for (const seed of [1, 2, 3]) {
      expectTornadoOrder(analysisOf(generateBlueprint({ nodes: 3_000, seed })));
    }
  });
});
