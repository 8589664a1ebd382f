import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDecimal,
  formatPercent,
  formatProbability,
  formatSignedDecimal,
  formatSignedPercent,
} from '../../src/editor/results/format';

// The courier case of the source: R = 0.765 (0.76527…), with step 3 recovered 0.816 (0.81629…),
// +0.051, +6.67 %.
const courier = 0.99 * 0.98 * 0.9 * 0.98 * 0.98 * 0.99 * 0.95 * 0.99 * 0.99 * 0.99;
const recovered = (courier / 0.9) * 0.96;

describe('number formats', () => {
  it('show R as the source does', () => {
    expect(formatDecimal(courier, 'en')).toBe('0.765');
    expect(formatPercent(courier, 'en')).toBe('76.5 %');
    expect(formatPercent(courier, 'zh')).toBe('76.5%');
    expect(formatDecimal(recovered, 'zh')).toBe('0.816');
  });

  it('sign improvements and growth', () => {
    const delta = recovered - courier;
    expect(formatSignedDecimal(delta, 'en')).toBe('+0.051');
    expect(formatSignedPercent(delta / courier, 'en')).toBe('+6.67 %');
    expect(formatSignedPercent(delta / courier, 'zh')).toBe('+6.67%');
    expect(formatSignedDecimal(-delta, 'en')).toBe('-0.051');
    expect(formatSignedDecimal(0, 'en')).toBe('0.000');
  });

  it('writes probabilities with two to four decimals', () => {
    expect(formatProbability(0.9, 'en')).toBe('0.90');
    expect(formatProbability(0.96, 'en')).toBe('0.96');
    expect(formatProbability(0.96041, 'en')).toBe('0.9604');
  });

  it('groups counts and rounds them', () => {
    expect(formatCount((1 - courier) * 10_000, 'en')).toBe('2,347');
    expect(formatCount(12_345.6, 'zh')).toBe('12,346');
  });

  it('shows a dash for figures that are not numbers', () => {
    expect(formatPercent(Number.NaN, 'en')).toBe('–');
    expect(formatDecimal(Number.POSITIVE_INFINITY, 'en')).toBe('–');
  });
});
