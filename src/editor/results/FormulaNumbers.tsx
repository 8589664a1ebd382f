/**
 * R written with its numbers under the formula: `0.99 × 0.98 × 0.90 × … = 0.765`, the line the
 * source's slides teach with. For a scenario in what-if mode the factors it changes from the
 * baseline are highlighted (`(0.90 + 0.10 × 0.6)` for a recovery at step 3), with the baseline's
 * R beside it, so the class sees where 0.816 comes from.
 */
import { Fragment } from 'react';
import type { NumberedFormula } from '../../sim/exact';
import { useLanguage, useT } from '../i18n';
import { formatDecimal } from './format';
import './formula.css';

export interface FormulaNumbersProps {
  numbers: NumberedFormula;
  /** The scenario's name in what-if mode, null for the baseline. */
  scenarioName: string | null;
  /** R of the baseline, probability 0–1, shown beside a scenario's line; null for the baseline. */
  baselineReliability: number | null;
}

export function FormulaNumbers({
  numbers,
  scenarioName,
  baselineReliability,
}: FormulaNumbersProps) {
  const t = useT();
  const language = useLanguage();
  const changed = numbers.factors.some((factor) => factor.changed);
  const name =
    scenarioName === null
      ? t('results.formulaNumbers')
      : t('results.formulaNumbersScenario', { name: scenarioName });
  return (
    <div className="formula-numbers" role="group" aria-label={name} data-testid="formula-numbers">
      <code>
        {numbers.factors.map((factor, index) => {
          // The × travels with the factor before it, so every line of a long product ends in ×
          // and the next begins with a number.
          const last = index === numbers.factors.length - 1;
          return (
            <Fragment key={index}>
              <span className={factorClass(factor.text)}>
                {factor.changed ? (
                  <mark className="formula-changed" title={t('results.formulaChanged')}>
                    {factor.text}
                  </mark>
                ) : (
                  factor.text
                )}
                {last ? null : ' ×'}
              </span>{' '}
            </Fragment>
          );
        })}
        <strong className="formula-result">= {numbers.valueText}</strong>
      </code>
      {scenarioName !== null && baselineReliability !== null ? (
        <p className="hint">
          {changed
            ? t('results.formulaChangedHint', {
                value: formatDecimal(baselineReliability, language),
              })
            : t('results.formulaUnchangedHint', {
                value: formatDecimal(baselineReliability, language),
              })}
        </p>
      ) : null}
    </div>
  );
}

/** Factors up to this many characters (with their ×) never break across lines; longer ones may. */
const UNBROKEN_FACTOR_CHARS = 40;

function factorClass(text: string): string {
  return text.length <= UNBROKEN_FACTOR_CHARS
    ? 'formula-factor formula-factor--whole'
    : 'formula-factor';
}
