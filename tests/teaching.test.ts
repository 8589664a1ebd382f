import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, numberedFormula, reliabilityFormula, systemReliability } from '../src/sim/exact';
import { parseBlueprint } from '../src/sim/parse';
import {
  blueprintOnCurve,
  bestPerfectStep,
  compoundCurve,
  compoundReliability,
  requiredStepReliability,
} from '../src/sim/teaching';
import {
  blueprint,
  reanalyzed,
  decision,
  end,
  join,
  modelOf,
  parallel,
  randomBlueprint,
  series,
  start,
  step,
  withStep,
} from './exact-fixtures';

function loadCourier() {
  const result = parseBlueprint(readFileSync('examples/courier.blueprint.json', 'utf8'));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.blueprint;
}

function scenarioModel(id: string) {
  const courier = loadCourier();
  const scenario = courier.scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`The courier example has no scenario "${id}".`);
  return { baseline: courier.model, model: scenario.model };
}

describe('compound reliability R = pⁿ', () => {
  it('multiplies the step reliability n times', () => {
    expect(compoundReliability(0.95, 10)).toEqual({ ok: true, value: 0.95 ** 10 });
    expect(compoundReliability(1, 50)).toEqual({ ok: true, value: 1 });
    const ten = compoundReliability(0.9, 10);
    expect(ten.ok && ten.value).toBeCloseTo(0.3486784401, 12);
  });

  it('draws the curve for n = 1 … nMax, falling with every step', () => {
    const curve = compoundCurve(0.97, 50);
    if (!curve.ok) throw new Error(curve.message);
    expect(curve.value).toHaveLength(50);
    expect(curve.value[0]).toEqual({ steps: 1, reliability: 0.97 });
    curve.value.forEach((point, i) => {
      expect(point.steps).toBe(i + 1);
      expect(point.reliability).toBeCloseTo(0.97 ** (i + 1), 14);
      if (i > 0) expect(point.reliability).toBeLessThan(curve.value[i - 1].reliability);
    });
  });

  it('refuses step counts and probabilities out of range with a code and a sentence', () => {
    for (const n of [0, 51, 2.5, Number.NaN]) {
      const refused = compoundReliability(0.9, n);
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.code).toBe('steps-out-of-range');
        expect(refused.message).toContain(String(n));
      }
    }
    for (const p of [0, -0.1, 1.01, Number.NaN]) {
      const refused = compoundCurve(p, 10);
      expect(!refused.ok && refused.code).toBe('probability-out-of-range');
    }
    const target = requiredStepReliability(10, 1.2);
    expect(!target.ok && target.message).toMatch(/target reliability.*1\.2/);
  });
});

describe('the reliability each step needs', () => {
  it('asks 0.9895 of each of 10 steps for R ≥ 0.9', () => {
    const need = requiredStepReliability(10, 0.9);
    if (!need.ok) throw new Error(need.message);
    expect(need.value.toFixed(4)).toBe('0.9895');
    expect(need.value ** 10).toBeCloseTo(0.9, 14);
  });

  it('is the inverse of pⁿ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (n, target) => {
          const need = requiredStepReliability(n, target);
          if (!need.ok) throw new Error(need.message);
          const back = compoundReliability(need.value, n);
          expect(back.ok && back.value).toBeCloseTo(target, 12);
        },
      ),
    );
  });
});

describe('perfecting one step', () => {
  it("names the courier's waybill step: R 0.765 → 0.850", () => {
    const best = bestPerfectStep(analyze(loadCourier().model))!;
    expect(best.id).toBe('s3');
    expect(best.label).toBe('Customer fills in the waybill');
    expect(best.stepReliability).toBe(0.9);
    expect(best.reliability.toFixed(3)).toBe('0.765');
    expect(best.perfectReliability).toBeCloseTo(best.reliability / 0.9, 14);
    expect(best.perfectReliability.toFixed(3)).toBe('0.850');
    expect(best.gain).toBeCloseTo(best.perfectReliability - best.reliability, 15);
  });

  it('agrees with re-analysing a rework loop with the step at 1', () => {
    // a (0.9) → b (0.8) → d: back to a with 0.3, on to end with 0.7.
    const input = blueprint(
      [start(), step('a', 0.9), step('b', 0.8), decision('d'), end()],
      [
        ['start', 'a'],
        ['a', 'b'],
        ['b', 'd'],
        ['d', 'a', { p: 0.3 }],
        ['d', 'end', { p: 0.7 }],
      ],
    );
    const best = bestPerfectStep(analyze(modelOf(input)))!;
    expect(best.id).toBe('b');
    // One pass succeeds with 0.72 and ends with 0.7 of that: R = 0.72·0.7 / (1 − 0.72·0.3).
    expect(best.reliability).toBeCloseTo((0.72 * 0.7) / (1 - 0.72 * 0.3), 14);
    expect(best.perfectReliability).toBeCloseTo(
      systemReliability(modelOf(withStep(input, 'b', { reliability: 1 }))),
      14,
    );
    expect(best.perfectReliability).toBeCloseTo((0.9 * 0.7) / (1 - 0.9 * 0.3), 14);
  });

  it('stays between R and 1 and matches a re-analysis, on any blueprint', () => {
    fc.assert(
      fc.property(randomBlueprint(), (input) => {
        const analysis = analyze(modelOf(input));
        const best = bestPerfectStep(analysis);
        if (analysis.steps.length === 0) {
          expect(best).toBeNull();
          return;
        }
        expect(best).not.toBeNull();
        const { reliability: R, perfectReliability } = best!;
        expect(R).toBe(analysis.reliability);
        expect(perfectReliability).toBeGreaterThanOrEqual(R - 1e-12);
        expect(perfectReliability).toBeLessThanOrEqual(1);
        // No other step at 1 would do better.
        for (const s of analysis.steps) {
          expect(s.improvementPotential).toBeLessThanOrEqual(best!.gain);
        }
        const again = reanalyzed(withStep(input, best!.id, { reliability: 1 }));
        if (again !== null) expect(Math.abs(perfectReliability - again)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the blueprint's place on the curve", () => {
  it('puts the courier at n = 10 with R = p̄¹⁰', () => {
    const place = blueprintOnCurve(analyze(loadCourier().model))!;
    expect(place.steps).toBe(10);
    expect(place.meanStepReliability ** 10).toBeCloseTo(place.reliability, 14);
    // A plain series: p̄ is the geometric mean of the ten step reliabilities.
    const product = [0.99, 0.98, 0.9, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99].reduce(
      (a, b) => a * b,
    );
    expect(place.meanStepReliability).toBeCloseTo(product ** 0.1, 14);
  });

  it('has no place without steps', () => {
    const input = blueprint([start(), end()], [['start', 'end']]);
    expect(blueprintOnCurve(analyze(modelOf(input)))).toBeNull();
    expect(bestPerfectStep(analyze(modelOf(input)))).toBeNull();
  });
});

describe('the formula with its numbers', () => {
  it("writes the courier's product as the source does", () => {
    const numbers = numberedFormula(loadCourier().model)!;
    expect(numbers.text).toBe(
      '0.99 × 0.98 × 0.90 × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.765',
    );
    expect(numbers.factors.map((f) => f.nodeIds)).toEqual(
      Array.from({ length: 10 }, (_, i) => [`s${i + 1}`]),
    );
    expect(numbers.factors[2]).toEqual({
      text: '0.90',
      nodeIds: ['s3'],
      value: 0.9,
      changed: false,
    });
    expect(numbers.value).toBeCloseTo(systemReliability(loadCourier().model), 15);
  });

  it('writes the step-3 recovery as (0.90 + 0.10 × 0.6) and marks it changed', () => {
    const { baseline, model } = scenarioModel('recover-3');
    const numbers = numberedFormula(model, baseline)!;
    expect(numbers.text).toBe(
      '0.99 × 0.98 × (0.90 + 0.10 × 0.6) × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.816',
    );
    expect(numbers.factors.filter((f) => f.changed)).toEqual([
      {
        text: '(0.90 + 0.10 × 0.6)',
        nodeIds: ['s3'],
        value: expect.closeTo(0.96, 14),
        changed: true,
      },
    ]);
    // Without a baseline nothing is marked.
    expect(numberedFormula(model)!.factors.some((f) => f.changed)).toBe(false);
  });

  it('marks both recoveries of the combined scenario', () => {
    const { baseline, model } = scenarioModel('recover-3-and-7');
    const numbers = numberedFormula(model, baseline)!;
    expect(numbers.factors.filter((f) => f.changed).map((f) => f.text)).toEqual([
      '(0.90 + 0.10 × 0.6)',
      '(0.95 + 0.05 × 0.6)',
    ]);
    expect(numbers.valueText).toBe(numbers.value.toFixed(3));
  });

  it('keeps the digits a value needs beyond two decimals', () => {
    const numbers = numberedFormula(modelOf(series([0.995, 1, 0.5], { 3: 0.25 })))!;
    expect(numbers.text).toBe('0.995 × 1.00 × (0.50 + 0.50 × 0.25) = 0.622');
  });

  it('writes a decision as its weighted routes and a 1-of-2 block as 1 − ∏(1 − r)', () => {
    const input = blueprint(
      [
        start(),
        decision('d'),
        step('a', 0.9),
        step('b', 0.8),
        parallel('p'),
        step('x', 0.7),
        step('y', 0.6),
        join('j', 1),
        end(),
      ],
      [
        ['start', 'd'],
        ['d', 'a', { p: 0.25 }],
        ['d', 'b', { p: 0.75 }],
        ['a', 'p'],
        ['b', 'p'],
        ['p', 'x'],
        ['p', 'y'],
        ['x', 'j'],
        ['y', 'j'],
        ['j', 'end'],
      ],
    );
    const model = modelOf(input);
    const numbers = numberedFormula(model)!;
    expect(numbers.factors.map((f) => f.text)).toEqual([
      '(0.25 × 0.90 + 0.75 × 0.80)',
      '(1 − 0.30 × 0.40)',
    ]);
    expect(numbers.factors.map((f) => f.nodeIds)).toEqual([
      ['a', 'b'],
      ['x', 'y'],
    ]);
    expect(numbers.factors[0].value).toBeCloseTo(0.825, 14);
    expect(numbers.factors[1].value).toBeCloseTo(0.88, 14);
    expect(numbers.value).toBeCloseTo(systemReliability(model), 14);
  });

  it('exists exactly when the formula does', () => {
    fc.assert(
      fc.property(randomBlueprint(), (input) => {
        const model = modelOf(input);
        expect(numberedFormula(model) === null).toBe(reliabilityFormula(model) === null);
      }),
      { numRuns: 200 },
    );
  });

  it('multiplies its factors to R on any blueprint without loops or failure edges', () => {
    fc.assert(
      fc.property(randomBlueprint({ loops: false, failureEdges: false }), (input) => {
        const model = modelOf(input);
        const numbers = numberedFormula(model);
        expect(numbers).not.toBeNull();
        const product = numbers!.factors.reduce((acc, f) => acc * f.value, 1);
        expect(Math.abs(product - numbers!.value)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(numbers!.value - systemReliability(model))).toBeLessThanOrEqual(1e-9);
        expect(numbers!.text.endsWith(` = ${numbers!.value.toFixed(3)}`)).toBe(true);
        expect(numbers!.text.split(' = ')[0]).toBe(numbers!.factors.map((f) => f.text).join(' × '));
      }),
      { numRuns: 200 },
    );
  });
});
