import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/sim/exact';
import { arbitraryBlueprintInput } from './arbitraries';
import { modelOf, reanalyzed, withStep } from './exact-fixtures';

describe('exact analysis on the shared blueprint arbitraries', () => {
  it('keeps R + F = 1 and matches re-analysis for every step at r = 1 and at the tornado ends', () => {
    fc.assert(
      fc.property(arbitraryBlueprintInput(), (input) => {
        const analysis = analyze(modelOf(input));
        const R = analysis.reliability;
        expect(Math.abs(R + analysis.failureProbability - 1)).toBeLessThanOrEqual(1e-12);
        for (const step of analysis.steps) {
          const perfect = reanalyzed(withStep(input, step.id, { reliability: 1 }));
          if (perfect !== null) {
            expect(Math.abs(step.improvementPotential - (perfect - R))).toBeLessThanOrEqual(1e-12);
          }
        }
        for (const bar of analysis.tornado) {
          const low = reanalyzed(withStep(input, bar.id, { reliability: bar.lowReliability }));
          const high = reanalyzed(withStep(input, bar.id, { reliability: bar.highReliability }));
          if (low !== null) expect(Math.abs(bar.low - low)).toBeLessThanOrEqual(1e-12);
          if (high !== null) expect(Math.abs(bar.high - high)).toBeLessThanOrEqual(1e-12);
        }
      }),
      { numRuns: 150 },
    );
  });
});
