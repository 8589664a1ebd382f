import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, reliabilityWith, systemReliability } from '../src/sim/exact';
import type { ModelInput } from '../src/sim/model';
import { buildModel } from '../src/sim/structure';
import { denseReference, modelOf, randomBlueprint, series, withStep } from './exact-fixtures';

/**
 * R of a changed input by a full analysis, or null when the change leaves a loop that can
 * never be left (the validator or the solver refuses it).
 */
function reanalyzed(input: ModelInput): number | null {
  const built = buildModel(input);
  if (!built.ok) return null;
  try {
    return systemReliability(built.model);
  } catch (error) {
    if (error instanceof Error && /forever/.test(error.message)) return null;
    throw error;
  }
}

/**
 * dR/dx by finite differences of full re-analyses: central inside (0, 1), second-order
 * one-sided at the bounds.
 */
function finiteDifference(value: number, at: (x: number) => ModelInput): number | null {
  const h = 1e-5;
  const f = (x: number) => reanalyzed(at(x));
  if (value - h >= 0 && value + h <= 1) {
    const [below, above] = [f(value - h), f(value + h)];
    return below === null || above === null ? null : (above - below) / (2 * h);
  }
  const s = value - h < 0 ? 1 : -1;
  const [f0, f1, f2] = [f(value), f(value + s * h), f(value + 2 * s * h)];
  if (f0 === null || f1 === null || f2 === null) return null;
  return (s * (-3 * f0 + 4 * f1 - f2)) / (2 * h);
}

/** A random blueprint with at least one step, and one of its steps (by id). */
const blueprintWithStep = fc
  .tuple(randomBlueprint(), fc.nat())
  .filter(([input]) => input.nodes.some((n) => n.type === 'step'))
  .map(([input, pick]) => {
    const steps = input.nodes.filter((n) => n.type === 'step');
    return { input, step: steps[pick % steps.length].id };
  });

describe('exact analysis properties', () => {
  it('keeps R in [0, 1], R + F = 1, fail points summing to F, visits consistent', () => {
    fc.assert(
      fc.property(randomBlueprint(), (input) => {
        const analysis = analyze(modelOf(input));
        const { reliability: R, failureProbability: F } = analysis;
        expect(R).toBeGreaterThanOrEqual(0);
        expect(R).toBeLessThanOrEqual(1);
        expect(F).toBeGreaterThanOrEqual(0);
        expect(Math.abs(R + F - 1)).toBeLessThanOrEqual(1e-12);
        const failSum = Object.values(analysis.failPoints).reduce((a, b) => a + b, 0);
        expect(Math.abs(failSum - F)).toBeLessThanOrEqual(1e-12);
        for (const node of analysis.nodes) {
          expect(node.visitProbability).toBeGreaterThanOrEqual(0);
          expect(node.visitProbability).toBeLessThanOrEqual(1 + 1e-12);
          expect(node.visitProbability).toBeLessThanOrEqual(node.expectedVisits + 1e-12);
        }
        expect(analysis.nodes[modelOf(input).start].visitProbability).toBeCloseTo(1, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a dense solve of the whole graph when there are no blocks', () => {
    fc.assert(
      fc.property(randomBlueprint({ blocks: false }), (input) => {
        const model = modelOf(input);
        const analysis = analyze(model);
        const reference = denseReference(model);
        expect(Math.abs(analysis.reliability - reference.reliability)).toBeLessThanOrEqual(1e-11);
        for (const node of analysis.nodes) {
          if (node.type === 'end') continue;
          const visits = reference.visits.get(node.id)!;
          expect(Math.abs(node.expectedVisits - visits)).toBeLessThanOrEqual(
            1e-10 * Math.max(1, visits),
          );
          expect(
            Math.abs(node.visitProbability - reference.visitProbability(node.id)),
          ).toBeLessThanOrEqual(1e-10);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never makes a series more reliable than its weakest step', () => {
    const step = fc.record({
      r: fc.double({ min: 0, max: 1, noNaN: true }),
      c: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 15 }), (steps) => {
        const recoveries: Record<number, number> = {};
        steps.forEach((s, i) => {
          if (s.c !== undefined) recoveries[i + 1] = s.c;
        });
        const R = systemReliability(
          modelOf(
            series(
              steps.map((s) => s.r),
              recoveries,
            ),
          ),
        );
        const weakest = Math.min(...steps.map((s) => s.r + (1 - s.r) * (s.c ?? 0)));
        expect(R).toBeLessThanOrEqual(weakest + 1e-15);
      }),
    );
  });

  it('never lowers R when a step gets more reliable or gains a recovery', () => {
    fc.assert(
      fc.property(
        blueprintWithStep,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ input, step }, raise, catchRate) => {
          const model = modelOf(input);
          const R = systemReliability(model);
          const node = model.nodes[model.indexOf.get(step)!];
          const higher = node.reliability + (1 - node.reliability) * raise;
          const raised = reanalyzed(withStep(input, step, { reliability: higher }))!;
          expect(raised).toBeGreaterThanOrEqual(R - 1e-12);
          expect(reliabilityWith(model, step, { reliability: higher })).toBeGreaterThanOrEqual(
            R - 1e-12,
          );
          if (!node.hasRecovery) {
            const recovered = reanalyzed(withStep(input, step, { catchRate }))!;
            expect(recovered).toBeGreaterThanOrEqual(R - 1e-12);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives Birnbaum and catch importance equal to central finite differences', () => {
    fc.assert(
      fc.property(blueprintWithStep, ({ input, step }) => {
        const model = modelOf(input);
        const node = model.nodes[model.indexOf.get(step)!];
        const figures = analyze(model).steps.find((s) => s.id === step)!;
        const byReliability = finiteDifference(node.reliability, (r) =>
          withStep(input, step, { reliability: r }),
        );
        if (byReliability !== null) {
          expect(Math.abs(figures.birnbaumImportance - byReliability)).toBeLessThanOrEqual(1e-6);
        }
        const byCatch = finiteDifference(node.catchRate, (c) =>
          withStep(input, step, { catchRate: c }),
        );
        if (byCatch !== null) {
          expect(Math.abs(figures.catchImportance - byCatch)).toBeLessThanOrEqual(1e-6);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives potentials, tornado ends and what-ifs equal to a full re-analysis', () => {
    fc.assert(
      fc.property(
        blueprintWithStep,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ input, step }, newReliability, newCatch) => {
          const model = modelOf(input);
          const analysis = analyze(model, { tornadoDelta: 0.05 });
          const R = analysis.reliability;
          const figures = analysis.steps.find((s) => s.id === step)!;
          const perfect = reanalyzed(withStep(input, step, { reliability: 1 }))!;
          expect(Math.abs(figures.improvementPotential - (perfect - R))).toBeLessThanOrEqual(1e-12);
          if (figures.hasRecovery) {
            const caught = reanalyzed(withStep(input, step, { catchRate: 1 }))!;
            expect(Math.abs(figures.catchPotential! - (caught - R))).toBeLessThanOrEqual(1e-12);
          }
          const bar = analysis.tornado.find((t) => t.id === step)!;
          const low = reanalyzed(withStep(input, step, { reliability: bar.lowReliability }));
          const high = reanalyzed(withStep(input, step, { reliability: bar.highReliability }));
          if (low !== null) expect(Math.abs(bar.low - low)).toBeLessThanOrEqual(1e-12);
          if (high !== null) expect(Math.abs(bar.high - high)).toBeLessThanOrEqual(1e-12);
          const change = { reliability: newReliability, catchRate: newCatch };
          const changed = reanalyzed(withStep(input, step, change));
          if (changed !== null) {
            expect(Math.abs(reliabilityWith(model, step, change) - changed)).toBeLessThanOrEqual(
              1e-12,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
