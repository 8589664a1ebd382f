import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateFormula,
  reliabilityFormula,
  reliabilityFormulaDetails,
  systemReliability,
} from '../src/sim/exact';
import {
  blueprint,
  courier,
  decision,
  end,
  failureEnd,
  join,
  modelOf,
  parallel,
  parallelBlock,
  randomBlueprint,
  start,
  step,
} from './exact-fixtures';

describe('reliability formula', () => {
  it('writes the courier as a product of its ten steps', () => {
    expect(reliabilityFormula(modelOf(courier()))).toBe('r1·r2·r3·r4·r5·r6·r7·r8·r9·r10');
  });

  it('writes a recovery as r + (1 − r)·c', () => {
    const details = reliabilityFormulaDetails(modelOf(courier({ 3: 0.6 })))!;
    expect(details.text).toBe('r1·r2·(r3 + (1 − r3)·c3)·r4·r5·r6·r7·r8·r9·r10');
    expect(details.variables.find((v) => v.name === 'c3')).toEqual({
      name: 'c3',
      step: 's3',
      quantity: 'catchRate',
      value: 0.6,
    });
    const values = Object.fromEntries(details.variables.map((v) => [v.name, v.value]));
    expect(Math.abs(evaluateFormula(details.expression, values) - 0.8162985750654785)).toBeLessThan(
      1e-15,
    );
  });

  it('weights decision routes and factors out the shared tail', () => {
    const model = modelOf(
      blueprint(
        [start(), decision('d'), step('a', 0.9), step('b', 0.6), step('m', 0.8), end()],
        [
          ['start', 'd'],
          ['d', 'a', { p: 0.7 }],
          ['d', 'b', { p: 0.3 }],
          ['a', 'm'],
          ['b', 'm'],
          ['m', 'end'],
        ],
      ),
    );
    expect(reliabilityFormula(model)).toBe('(0.7·r1 + 0.3·r2)·r3');
  });

  it('drops routes to a failure end and keeps routes straight to the meeting point', () => {
    const model = modelOf(
      blueprint(
        [
          start(),
          decision('d'),
          step('s', 0.95),
          failureEnd('gone'),
          decision('e'),
          step('t', 0.9),
          end(),
        ],
        [
          ['start', 'd'],
          ['d', 's', { p: 0.9 }],
          ['d', 'gone', { p: 0.1 }],
          ['s', 'e'],
          ['e', 't', { p: 0.25 }],
          ['e', 'end', { p: 0.75 }],
          ['t', 'end'],
        ],
      ),
    );
    expect(reliabilityFormula(model)).toBe('0.9·r1·(0.25·r2 + 0.75)');
  });

  it('spells out AND, 1-of-n and k-of-n blocks', () => {
    expect(reliabilityFormula(modelOf(parallelBlock([0.9, 0.8])))).toBe('r1·r2');
    expect(reliabilityFormula(modelOf(parallelBlock([0.9, 0.8, 0.7], 1)))).toBe(
      '1 − (1 − r1)·(1 − r2)·(1 − r3)',
    );
    expect(reliabilityFormula(modelOf(parallelBlock([0.9, 0.8, 0.7], 2)))).toBe(
      'r1·r2·(1 − r3) + r1·(1 − r2)·r3 + (1 − r1)·r2·r3 + r1·r2·r3',
    );
  });

  it('nests blocks and drops branches that always succeed', () => {
    const model = modelOf(
      blueprint(
        [
          start(),
          parallel('po'),
          parallel('pi'),
          step('a', 0.9),
          step('b', 0.8),
          join('ji', 1),
          step('x', 0.95),
          join('jo', 2),
          end(),
        ],
        [
          ['start', 'po'],
          ['po', 'pi'],
          ['pi', 'a'],
          ['pi', 'b'],
          ['a', 'ji'],
          ['b', 'ji'],
          ['ji', 'x'],
          ['x', 'jo'],
          ['po', 'jo'],
          ['jo', 'end'],
        ],
      ),
    );
    expect(reliabilityFormula(model)).toBe('(1 − (1 − r1)·(1 − r2))·r3');
  });

  it('has no formula for loops or failure edges', () => {
    const loop = blueprint(
      [start(), step('a', 0.9), decision('d'), end()],
      [
        ['start', 'a'],
        ['a', 'd'],
        ['d', 'a', { p: 0.2 }],
        ['d', 'end', { p: 0.8 }],
      ],
    );
    expect(reliabilityFormula(modelOf(loop))).toBeNull();
    const rework = blueprint(
      [start(), step('a', 0.9), step('w', 0.8), end()],
      [
        ['start', 'a'],
        ['a', 'end'],
        ['a', 'w', { failure: true }],
        ['w', 'end'],
      ],
    );
    expect(reliabilityFormula(modelOf(rework))).toBeNull();
  });

  it('evaluates to the exact R on random blueprints without loops', () => {
    fc.assert(
      fc.property(randomBlueprint({ loops: false, failureEdges: false }), (input) => {
        const model = modelOf(input);
        const details = reliabilityFormulaDetails(model);
        expect(details).not.toBeNull();
        const values = Object.fromEntries(details!.variables.map((v) => [v.name, v.value]));
        const value = evaluateFormula(details!.expression, values);
        expect(Math.abs(value - systemReliability(model))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 200 },
    );
  });
});
