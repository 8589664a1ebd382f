/**
 * The scenario form's checklist of improvement options. Ticking two options that change the
 * same field of the same thing shows the validation's sentence for it (BP031) at once, and the
 * form does not save such a set.
 */
import { useId } from 'react';
import { optionName } from '../../document/scenario-options';
import { parameterValues, resolveValue } from '../../document/values';
import type { BlueprintDocument, NumberOrExpression } from '../../sim/document';
import { diagnosticSentence, type Diagnostic } from '../../sim/diagnostics';
import { useLanguage, useT } from '../i18n';
import { formatCount } from '../results/format';
import './economics.css';

export interface ScenarioOptionsProps {
  document: BlueprintDocument;
  /** The ticked options, in the order they apply. */
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** The conflict among the ticked options, if any (see `optionsConflict`). */
  conflict: Diagnostic | null;
}

export function ScenarioOptions({ document, selected, onChange, conflict }: ScenarioOptionsProps) {
  const t = useT();
  const language = useLanguage();
  const hintId = useId();
  const options = document.options ?? [];
  if (options.length === 0) return null;
  const values = parameterValues(document);
  const amount = (value: NumberOrExpression | undefined) => {
    const resolved = value === undefined ? 0 : resolveValue(value, values);
    return resolved === null ? String(value) : formatCount(resolved, language);
  };
  const toggle = (id: string, on: boolean) =>
    // Kept in the document's order of options, so the scenario applies them as listed there.
    onChange(
      options
        .map((option) => option.id)
        .filter((candidate) => (candidate === id ? on : selected.includes(candidate))),
    );
  return (
    <fieldset className="change-list scenario-option-list" aria-describedby={hintId}>
      <legend>{t('economics.scenarioOptions')}</legend>
      <p id={hintId} className="hint">
        {selected.length > 0
          ? t('scenarios.builtFromOptions', {
              options: options
                .filter((option) => selected.includes(option.id))
                .map((option) => `“${optionName(option)}”`)
                .join(', '),
            })
          : t('economics.scenarioOptionsHint')}
      </p>
      {options.map((option) => (
        <label key={option.id} className="scenario-option">
          <input
            type="checkbox"
            checked={selected.includes(option.id)}
            onChange={(event) => toggle(option.id, event.target.checked)}
          />
          <span className="scenario-option__name">{optionName(option)}</span>
          <span className="hint">
            {t('economics.scenarioOptionCost', {
              once: amount(option.costOnce),
              yearly: amount(option.costPerYear),
            })}
          </span>
        </label>
      ))}
      {conflict ? (
        <p className="form-error" role="alert">
          {conflict.code} {diagnosticSentence(conflict, language)}
        </p>
      ) : null}
    </fieldset>
  );
}
