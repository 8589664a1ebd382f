/**
 * Inline validation in the inspector follows the engine's rules: whatever the inspector lets
 * through, `validateDocument` accepts, and what the engine refuses, the inspector flags.
 */
import { describe, expect, it } from 'vitest';
import {
  parameterValueProblem,
  parseValueText,
  validateDistribution,
  validateK,
  validateObserved,
  validateParameterName,
  validateValue,
  type ValueContext,
} from '../../src/editor/inspector/validate';
import { validateDocument } from '../../src/sim/parse';
import { sampleDocument } from './helpers';

const context: ValueContext = {
  names: new Set(['base', 'broken']),
  values: new Map([['base', 0.99]]),
};

describe('reading what the user typed', () => {
  it.each([
    ['', undefined],
    ['0.97', 0.97],
    [' .5 ', 0.5],
    ['1e-3', 0.001],
    ['0,97', 0.97],
    ['base * 0.9', 'base * 0.9'],
  ])('reads %j as %j', (text, value) => {
    expect(parseValueText(text)).toEqual({ ok: true, value });
  });

  it('reads a percentage where a probability is asked for, and only there', () => {
    expect(parseValueText('97%', { percent: true })).toEqual({ ok: true, value: 0.97 });
    expect(parseValueText('33.3 %', { percent: true })).toEqual({ ok: true, value: 0.333 });
    expect(parseValueText('97%')).toEqual({
      ok: false,
      problem: { key: 'editing.validation.percentNotHere' },
    });
  });
});

describe('values', () => {
  it('accepts probabilities in [0, 1] and refuses the rest, with the value', () => {
    expect(validateValue(0.97, context, 'probability')).toBeNull();
    expect(validateValue(0, context, 'probability')).toBeNull();
    expect(validateValue(1.2, context, 'probability')).toEqual({
      key: 'editing.validation.probabilityRange',
      vars: { value: 1.2 },
    });
    expect(validateValue('base + 0.05', context, 'probability')?.key).toBe(
      'editing.validation.probabilityRange',
    );
    expect(validateValue('base - 0.01', context, 'probability')).toBeNull();
  });

  it('names unknown parameters and forbidden constructs as the engine does', () => {
    expect(validateValue('nope * 2', context, 'any')).toEqual({
      key: 'editing.validation.unknownParameter',
      vars: { names: 'nope' },
    });
    expect(validateValue('import("fs")', context, 'any')?.key).toBe('editing.validation.forbidden');
    expect(validateValue('1 +', context, 'any')?.key).toBe('editing.validation.syntax');
    expect(validateValue('x'.repeat(501), context, 'any')?.key).toBe('editing.validation.tooLong');
  });

  it('leaves an expression over a parameter without a value to that parameter', () => {
    expect(validateValue('broken * 2', context, 'probability')).toBeNull();
  });

  it('refuses negative durations and a non-positive exponential mean', () => {
    expect(validateValue(-1, context, 'nonNegative')?.key).toBe('editing.validation.negative');
    expect(validateValue(0, context, 'positive')?.key).toBe('editing.validation.positive');
  });

  it('checks how distribution parameters fit together', () => {
    expect(validateDistribution({ dist: 'uniform', min: 5, max: 2 }, context)?.key).toBe(
      'editing.validation.uniformOrder',
    );
    expect(
      validateDistribution({ dist: 'triangular', min: 2, mode: 2, max: 2 }, context)?.key,
    ).toBe('editing.validation.triangularOrder');
    expect(
      validateDistribution({ dist: 'triangular', min: 2, mode: 9, max: 8 }, context)?.key,
    ).toBe('editing.validation.triangularMode');
    expect(
      validateDistribution({ dist: 'triangular', min: 2, mode: 3, max: 8 }, context),
    ).toBeNull();
  });

  it('checks observed data and a join k', () => {
    expect(validateObserved(98, 100)).toBeNull();
    expect(validateObserved(98.5, 100)?.key).toBe('editing.validation.observedWhole');
    expect(validateObserved(101, 100)?.key).toBe('editing.validation.observedTooMany');
    expect(validateObserved(0, 0)?.key).toBe('editing.validation.observedNoTrials');
    expect(validateK(2, 3)).toBeNull();
    expect(validateK(4, 3)).toEqual({ key: 'editing.validation.kRange', vars: { max: 3 } });
    expect(validateK(1.5, 3)?.key).toBe('editing.validation.kWhole');
  });

  it('checks parameter names and finds loops through other parameters', () => {
    const taken = new Set(['base', 'other']);
    expect(validateParameterName('rate_2', taken)).toBeNull();
    expect(validateParameterName('other', taken, 'base')?.key).toBe(
      'editing.validation.parameterTaken',
    );
    expect(validateParameterName('2rate', taken)?.key).toBe('editing.validation.parameterName');
    expect(validateParameterName('sqrt', taken)?.key).toBe('editing.validation.parameterName');
    const parameters = { a: { value: 'b + 1' }, b: { value: 2 } };
    expect(parameterValueProblem(parameters, 'b', 'a * 2')?.key).toBe('editing.validation.cycle');
    expect(parameterValueProblem(parameters, 'b', 3)).toBeNull();
  });
});

describe('agreement with the engine', () => {
  const cases: [string, number | string, boolean][] = [
    ['a plain probability', 0.95, true],
    ['an expression', 'base * 0.99', true],
    ['a probability above 1', 1.5, false],
    ['a negative probability', -0.1, false],
    ['an unknown parameter', 'missing + 0.1', false],
    ['a forbidden construct', 'base.value', false],
  ];
  it.each(cases)('%s: inspector and engine agree', (_name, value, valid) => {
    const document = sampleDocument();
    document.nodes = document.nodes.map((n) => (n.id === 's1' ? { ...n, reliability: value } : n));
    const inspector = validateValue(
      value,
      { names: new Set(['base']), values: new Map([['base', 0.99]]) },
      'probability',
    );
    const engine = validateDocument(document);
    expect(inspector === null).toBe(valid);
    expect(engine.ok).toBe(valid);
  });
});
