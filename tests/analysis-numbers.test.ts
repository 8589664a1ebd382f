/**
 * The live analysis carries R written with its numbers: the courier's product of ten step
 * reliabilities = 0.765, and in what-if mode on "Recover step 3" the scenario's product with the
 * recovery factor marked as the one the scenario changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateBlueprint, toBlueprintDocument } from '../src/sim/generate';
import { analyzeDocument, NUMBERED_FORMULA_MAX_CHARS } from '../src/workers/analysis';

const courier: unknown = JSON.parse(readFileSync('examples/courier.blueprint.json', 'utf8'));

function numbersOf(scenarioId: string | null) {
  const response = analyzeDocument({ document: courier, scenarioId });
  if (!response.ok) throw new Error('The courier example should be valid.');
  return response.numbers;
}

describe('the numbered formula in the live analysis', () => {
  it('writes the baseline with its step values, nothing marked as changed', () => {
    const numbers = numbersOf(null);
    expect(numbers?.text).toBe(
      '0.99 × 0.98 × 0.90 × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.765',
    );
    expect(numbers?.factors.some((factor) => factor.changed)).toBe(false);
  });

  it('marks the factor a scenario changes against the baseline', () => {
    const numbers = numbersOf('recover-3');
    expect(numbers?.valueText).toBe('0.816');
    const changed = numbers?.factors.filter((factor) => factor.changed) ?? [];
    expect(changed.map((factor) => factor.text)).toEqual(['(0.90 + 0.10 × 0.6)']);
    expect(changed[0]?.nodeIds).toEqual(['s3']);
  });

  it('has no numbered formula for a blueprint with a rework loop', () => {
    const bankLoan: unknown = JSON.parse(readFileSync('examples/bank-loan.blueprint.json', 'utf8'));
    const response = analyzeDocument({ document: bankLoan, scenarioId: null });
    expect(response.ok).toBe(true);
    expect(response.ok && response.formula).toBe(null);
    expect(response.ok && response.numbers).toBe(null);
  });

  it('leaves a formula too long to read without its numbers', () => {
    const input = generateBlueprint({ nodes: 100, seed: 7, loops: false, failureEdges: false });
    const document = toBlueprintDocument(input, 'Generated');
    const response = analyzeDocument({ document, scenarioId: null });
    if (!response.ok) throw new Error('The generated blueprint should be valid.');
    expect(response.formula?.length).toBeGreaterThan(NUMBERED_FORMULA_MAX_CHARS);
    expect(response.numbers).toBe(null);
  });
});
