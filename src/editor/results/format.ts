/**
 * Number formats shared by the panels and the CSV export, in the interface language.
 *
 * English writes a space before the percent sign ("76.5 %"), Chinese does not ("76.5%").
 */
import type { Language } from '../i18n';

const locales: Record<Language, string> = { en: 'en-US', zh: 'zh-CN' };
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locales[language], options);
    cache.set(key, format);
  }
  return format;
}

function percentSign(language: Language): string {
  return language === 'zh' ? '%' : ' %';
}

/** A probability as a percentage: `0.76527 → "76.5 %"`. */
export function formatPercent(probability: number, language: Language, digits = 1): string {
  if (!Number.isFinite(probability)) return '–';
  const value = numberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(probability * 100);
  return value + percentSign(language);
}

/** A signed change in percent: `0.0667 → "+6.67 %"`. */
export function formatSignedPercent(ratio: number, language: Language, digits = 2): string {
  if (!Number.isFinite(ratio)) return '–';
  const value = numberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: 'exceptZero',
  }).format(ratio * 100);
  return value + percentSign(language);
}

/** A probability as a decimal with fixed digits: `0.76527 → "0.765"`. */
export function formatDecimal(value: number, language: Language, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  return numberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(value);
}

/** A signed decimal: `0.0510 → "+0.051"`, zero without a sign. */
export function formatSignedDecimal(value: number, language: Language, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  return numberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
    signDisplay: 'exceptZero',
  }).format(value);
}

/**
 * A probability as written in a blueprint: at least two decimals, at most four, so `0.9` reads
 * `0.90` as in the source tables and `0.9604` keeps its digits.
 */
export function formatProbability(value: number, language: Language): string {
  if (!Number.isFinite(value)) return '–';
  return numberFormat(language, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
    useGrouping: false,
  }).format(value);
}

/** A whole count with grouping: `2347.3 → "2,347"`. */
export function formatCount(value: number, language: Language): string {
  if (!Number.isFinite(value)) return '–';
  return numberFormat(language, { maximumFractionDigits: 0 }).format(value);
}

/** A plain number with up to `digits` decimals and grouping: durations, costs, rates. */
export function formatNumber(value: number, language: Language, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  return numberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** A large count in a compact form: `12_500_000 → "12.5M"` / `"1250万"`. */
export function formatCompact(value: number, language: Language): string {
  if (!Number.isFinite(value)) return '–';
  return numberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
