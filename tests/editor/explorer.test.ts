/**
 * The compound-failure explorer's figures: R = pⁿ from the fields' text, refusals (never clamps)
 * for text out of range, what each step needs written honestly about rounding (10 steps for
 * R ≥ 0.9: 0.9895 rounded, at least 0.98952, 0.9896 to be safe), and the sliders following only
 * values in range.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  chainFigures,
  fieldText,
  readStepReliability,
  readSteps,
  readTarget,
  requirement,
  roundUp,
  stepReliabilityDecimals,
} from '../../src/editor/explorer/figures';
import {
  EXPLORER_DEFAULTS,
  setStepReliability,
  setSteps,
  takeBlueprintFigures,
  useExplorerState,
} from '../../src/editor/explorer/explorerState';

describe('reading the fields', () => {
  it('takes whole numbers of steps from 1 to 50', () => {
    expect(readSteps('10')).toEqual({ ok: true, value: 10 });
    expect(readSteps(' 50 ')).toEqual({ ok: true, value: 50 });
    expect(readSteps('51')).toEqual({ ok: false, code: 'steps-out-of-range', text: '51' });
    expect(readSteps('0')).toMatchObject({ ok: false, code: 'steps-out-of-range' });
    expect(readSteps('2.5')).toMatchObject({ ok: false, code: 'steps-out-of-range' });
    expect(readSteps('ten')).toEqual({ ok: false, code: 'not-a-number', text: 'ten' });
    expect(readSteps('')).toEqual({ ok: false, code: 'not-a-number', text: '' });
  });

  it('takes step reliabilities on the slider, 0.800 to 0.999, and refuses the rest', () => {
    expect(readStepReliability('0.8')).toEqual({ ok: true, value: 0.8 });
    expect(readStepReliability('0.999')).toEqual({ ok: true, value: 0.999 });
    expect(readStepReliability('0.79')).toMatchObject({
      ok: false,
      code: 'step-reliability-out-of-range',
    });
    expect(readStepReliability('1')).toMatchObject({
      ok: false,
      code: 'step-reliability-out-of-range',
    });
  });

  it('takes a target R above 0 and at most 1', () => {
    expect(readTarget('1')).toEqual({ ok: true, value: 1 });
    expect(readTarget('0')).toMatchObject({ ok: false, code: 'probability-out-of-range' });
    expect(readTarget('1.2')).toMatchObject({ ok: false, code: 'probability-out-of-range' });
  });
});

describe('the chain of n steps', () => {
  it('gives R = pⁿ and the curve to 50 steps', () => {
    const chain = chainFigures(readSteps('10'), readStepReliability('0.95'));
    expect(chain?.reliability).toBeCloseTo(0.5987369, 7);
    expect(chain?.reliability.toFixed(3)).toBe('0.599');
    expect(chain?.curve).toHaveLength(50);
    expect(chain?.curve[9]).toEqual({ steps: 10, reliability: chain?.reliability });
    expect(chain?.curve[49].reliability).toBeCloseTo(0.95 ** 50, 12);
  });

  it('has no figures while a field is refused', () => {
    expect(chainFigures(readSteps('60'), readStepReliability('0.95'))).toBe(null);
    expect(chainFigures(readSteps('10'), readStepReliability('0.5'))).toBe(null);
  });
});

describe('what each step needs', () => {
  it('shows 0.9895 for 10 steps and R ≥ 0.9, and says it falls short', () => {
    const needed = requirement(readSteps('10'), readTarget('0.9'));
    expect(needed?.exact).toBeCloseTo(0.98952, 5);
    expect(needed?.rounded).toBe('0.9895');
    expect(needed?.roundedFallsShort).toBe(true);
    expect(needed?.roundedGives.toFixed(5)).toBe('0.89982');
    expect(needed?.atLeast).toBe('0.98952');
    expect(needed?.safe).toBe('0.9896');
  });

  it('does not warn when the rounded figure is enough', () => {
    // 0.95^(1/2) = 0.974679…, rounded 0.9747, which gives 0.95004 ≥ 0.95.
    const needed = requirement(readSteps('2'), readTarget('0.95'));
    expect(needed?.rounded).toBe('0.9747');
    expect(needed?.roundedFallsShort).toBe(false);
  });

  it('has none while the number of steps or the target is refused', () => {
    expect(requirement(readSteps('0'), readTarget('0.9'))).toBe(null);
    expect(requirement(readSteps('10'), readTarget('2'))).toBe(null);
  });

  it('rounds up without pushing a round figure a unit higher', () => {
    expect(roundUp(0.9000000000000001, 4)).toBe('0.9000');
    expect(roundUp(0.98951, 4)).toBe('0.9896');
    expect(roundUp(1, 4)).toBe('1.0000');
  });
});

describe('the sliders and fields', () => {
  beforeEach(() => useExplorerState.setState(EXPLORER_DEFAULTS));

  it('moves a slider with a valid value and keeps it where it was for a refused one', () => {
    setSteps('20');
    expect(useExplorerState.getState()).toMatchObject({ steps: '20', sliderSteps: 20 });
    setSteps('80');
    expect(useExplorerState.getState()).toMatchObject({ steps: '80', sliderSteps: 20 });
    setStepReliability('0.97');
    setStepReliability('0.5');
    expect(useExplorerState.getState()).toMatchObject({
      stepReliability: '0.5',
      sliderStepReliability: 0.97,
    });
  });

  it('takes the blueprint’s n and its equivalent p̄ with four decimals', () => {
    // The courier: 10 steps, R = 0.76528, p̄ = 0.973603…
    takeBlueprintFigures(10, 0.9736032870566121);
    expect(useExplorerState.getState()).toMatchObject({
      steps: '10',
      stepReliability: '0.9736',
      sliderSteps: 10,
      sliderStepReliability: 0.9736,
    });
  });

  it('writes a blueprint beyond the sliders into the fields, to be refused there', () => {
    takeBlueprintFigures(120, 0.9986);
    expect(useExplorerState.getState()).toMatchObject({ steps: '120', sliderSteps: 10 });
    expect(readSteps(useExplorerState.getState().steps).ok).toBe(false);
    expect(fieldText(0.75, 'probability')).toBe('0.75');
  });
});

describe('writing p', () => {
  it('keeps three decimals as on the slider, and the decimals the value has beyond them', () => {
    expect(stepReliabilityDecimals(0.95)).toBe(3);
    expect(stepReliabilityDecimals(0.999)).toBe(3);
    expect(stepReliabilityDecimals(0.9736)).toBe(4);
    expect(stepReliabilityDecimals(0.97360328705)).toBe(6);
  });
});
