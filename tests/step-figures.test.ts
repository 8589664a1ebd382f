/**
 * A step's five figures of the full analysis, made in one call, are bit for bit the figures the
 * solution gives one at a time: on no loop, on a loop, at the top level and inside nested
 * blocks.
 */
import { describe, expect, it } from 'vitest';
import { generateBlueprint } from '../src/sim/generate';
import { STEP } from '../src/sim/model';
import { ExactSolution } from '../src/sim/exact/solution';
import { planOf } from '../src/sim/exact/plan';
import { modelOf } from './exact-fixtures';

describe("a step's figures made together", () => {
  it('are those of the one-at-a-time what-ifs, for every step of generated blueprints', () => {
    const seen = { topLevel: 0, inBlock: 0, onLoop: 0 };
    const figures = new Float64Array(7);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const model = modelOf(generateBlueprint({ nodes: 400, seed, maxDepth: 4 }));
      const plan = planOf(model);
      const solution = new ExactSolution(model, { visits: true });
      const { graph } = model;
      for (const delta of [0.05, 0.3]) {
        for (let i = 0; i < graph.nodeCount; i++) {
          if (graph.type[i] !== STEP) continue;
          const r = graph.reliability[i];
          const c = graph.catchRate[i];
          const expected = [
            solution.reliabilityChange(i, 1, c),
            solution.reliabilityDerivative(i),
            solution.catchDerivative(i),
            solution.reliabilityChange(i, Math.max(0, r - delta), c),
            solution.reliabilityChange(i, Math.min(1, r + delta), c),
          ];
          // Written at an offset, the entries around left alone.
          figures.fill(-7);
          solution.stepFigures(i, delta, figures, 1);
          expect([...figures]).toEqual([-7, ...expected, -7]);
          for (let k = 0; k < 5; k++) expect(Object.is(figures[k + 1], expected[k])).toBe(true);
          if (plan.componentCyclic[plan.componentOf[i]]) seen.onLoop++;
          else if (plan.levelOf[i] === 0) seen.topLevel++;
          else seen.inBlock++;
        }
      }
    }
    // Every kind of step was met, many times.
    expect(seen.topLevel).toBeGreaterThan(100);
    expect(seen.inBlock).toBeGreaterThan(100);
    expect(seen.onLoop).toBeGreaterThan(20);
  });
});
