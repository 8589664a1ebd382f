/**
 * The blueprint's improvement options in the blueprint properties: each with its name, id,
 * costs, what it changes and the scenarios that use it, to edit (in the option form) or delete.
 * Deleting an option used by scenarios takes it out of them in the same undo step, and says so.
 */
import { memo, useState } from 'react';
import { scenariosUsingOption } from '../../document/economics';
import { optionName } from '../../document/scenario-options';
import { parameterValues, resolveValue } from '../../document/values';
import type { BlueprintDocument, NumberOrExpression, OptionSpec } from '../../sim/document';
import type { Diagnostic } from '../../sim/diagnostics';
import { runAction } from '../actions/registry';
import { useLanguage, useT } from '../i18n';
import { formatCount } from '../results/format';
import { describeChange } from '../scenarios/describe';
import { showNotice, useBlueprintStore } from '../store/blueprint';
import { useModeState } from '../shell/modeState';
import { useResultsStore } from '../store/results';
import { DiagnosticLines } from './EconomicsSection';
import { optionDiagnostics } from './economicsForm';
import { OptionForm } from './OptionForm';
import './economics.css';

const NO_OPTIONS: OptionSpec[] = [];

/** Deletes an option; when scenarios listed it, a notice names them. */
function deleteOption(document: BlueprintDocument, option: OptionSpec): void {
  const using = scenariosUsingOption(document, option.id);
  const outcome = runAction('deleteOption', { id: option.id });
  if (outcome instanceof Promise || !outcome.ok || using.length === 0) return;
  showNotice(
    {
      key: 'economics.removedFromScenarios',
      vars: {
        name: optionName(option),
        count: using.length,
        scenarios: using.map((scenario) => `“${scenario.name}”`).join(', '),
      },
    },
    'info',
  );
}

function OptionItem({
  option,
  document,
  problems,
  disabled,
  onEdit,
}: {
  option: OptionSpec;
  document: BlueprintDocument;
  problems: readonly Diagnostic[];
  disabled: boolean;
  onEdit: () => void;
}) {
  const t = useT();
  const language = useLanguage();
  const name = optionName(option);
  const amount = (value: NumberOrExpression | undefined): string => {
    if (value === undefined) return formatCount(0, language);
    const resolved = resolveValue(value, parameterValues(document));
    return resolved === null ? String(value) : formatCount(resolved, language);
  };
  const used = scenariosUsingOption(document, option.id);
  const lines = option.changes.flatMap((change) => describeChange(change, document, t));
  return (
    <li className="fp-option">
      <div className="fp-option__head">
        <span className="fp-option__name">{name}</span>
        <span className="fp-inspector__id">{option.id}</span>
      </div>
      <p className="fp-option__costs">
        {t('economics.optionCosts', {
          once: amount(option.costOnce),
          yearly: amount(option.costPerYear),
        })}
      </p>
      {lines.length > 0 ? (
        <ul className="fp-option__changes">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
      {used.length > 0 ? (
        <p className="fp-economics__hint">
          {t('economics.optionUsedBy', {
            scenarios: used.map((scenario) => `“${scenario.name}”`).join(', '),
          })}
        </p>
      ) : null}
      <DiagnosticLines problems={optionDiagnostics(problems, option.id)} />
      <div className="fp-option__actions">
        <button
          type="button"
          className="fp-button"
          disabled={disabled}
          aria-label={t('economics.editOptionNamed', { name })}
          onClick={onEdit}
        >
          {t('economics.editOption')}
        </button>
        <button
          type="button"
          className="fp-button fp-button--danger"
          disabled={disabled}
          aria-label={t('economics.deleteOptionNamed', { name })}
          onClick={() => deleteOption(document, option)}
        >
          {t('economics.deleteOption')}
        </button>
      </div>
    </li>
  );
}

/** The improvement options section of the blueprint properties. */
export const OptionsSection = memo(function OptionsSection() {
  const t = useT();
  const document = useBlueprintStore((s) => s.document);
  const whatIf = useBlueprintStore((s) => s.whatIfScenarioId !== null);
  const problems = useResultsStore((s) => s.problems);
  const options = document.options ?? NO_OPTIONS;
  const [form, setForm] = useState<{ editing?: OptionSpec } | null>(null);
  // Shown while editing only, as the economics section is (see there).
  const editing = useModeState((s) => s.mode === 'edit');
  if (!editing) return null;
  return (
    <section className="fp-economics" aria-label={t('economics.options')}>
      <h3 className="fp-economics__title">{t('economics.options')}</h3>
      <p className="fp-economics__hint">{t('economics.optionsIntro')}</p>
      {options.length === 0 ? (
        <p className="fp-economics__hint">{t('economics.optionsEmpty')}</p>
      ) : (
        <ul className="fp-options">
          {options.map((option) => (
            <OptionItem
              key={option.id}
              option={option}
              document={document}
              problems={problems}
              disabled={whatIf}
              onEdit={() => setForm({ editing: option })}
            />
          ))}
        </ul>
      )}
      <button type="button" className="fp-button" disabled={whatIf} onClick={() => setForm({})}>
        {t('economics.addOption')}
      </button>
      {form ? (
        <OptionForm document={document} editing={form.editing} onClose={() => setForm(null)} />
      ) : null}
    </section>
  );
});
