/**
 * The blueprint's economics in the blueprint properties (SPEC §9): one field per entry of the
 * economics field registry, with its label, unit and hint, the check it runs while the user
 * types and the problems validation reports on it. "Add economics" when there are none,
 * "Remove economics" when there are. Every change is one action, so one undo step.
 */
import { memo, useMemo } from 'react';
import {
  customerValueForm,
  economicsValue,
  shownEconomicsFields,
  type CustomerValueForm,
} from '../../document/economics';
import { parameterValues, resolveValue } from '../../document/values';
import type { BlueprintDocument, EconomicsSpec } from '../../sim/document';
import { diagnosticSentence, type Diagnostic } from '../../sim/diagnostics';
import type { EconomicsField } from '../../sim/money/fields';
import { runAction } from '../actions/registry';
import { useLanguage, useT } from '../i18n';
import { SelectField, TextField, ValueField } from '../inspector/fields';
import { useBlueprintStore } from '../store/blueprint';
import { useModeState } from '../shell/modeState';
import { useResultsStore } from '../store/results';
import {
  economicsFieldDiagnostics,
  economicsFieldKeys,
  economicsFieldProblem,
} from './economicsForm';
import './economics.css';

/** Problems found by validation, each with its code, under the field they belong to. */
export function DiagnosticLines({ problems }: { problems: readonly Diagnostic[] }) {
  const language = useLanguage();
  if (problems.length === 0) return null;
  return (
    <ul className="fp-problem-list fp-economics__problems">
      {problems.map((problem, i) => (
        <li key={`${problem.code}-${i}`}>
          <span className="fp-problem-list__code">{problem.code}</span>{' '}
          {diagnosticSentence(problem, language)}
        </li>
      ))}
    </ul>
  );
}

function EconomicsFieldRow({
  field,
  economics,
  document,
  problems,
  disabled,
}: {
  field: EconomicsField;
  economics: EconomicsSpec;
  document: BlueprintDocument;
  problems: readonly Diagnostic[];
  disabled: boolean;
}) {
  const t = useT();
  const keys = economicsFieldKeys(field.key);
  const value = economicsValue(economics, field.key);
  const context = useMemo(
    () => ({
      names: new Set(Object.keys(document.parameters ?? {})),
      values: parameterValues(document),
    }),
    [document],
  );
  const resolved = typeof value === 'string' ? resolveValue(value, context.values) : null;
  const unit = t(keys.unit, { currency: economics.currency });
  return (
    <div className="fp-economics__field">
      <ValueField
        label={t(keys.label)}
        value={value}
        allowEmpty={!field.required}
        placeholder={field.absent === undefined ? undefined : String(field.absent)}
        disabled={disabled}
        validate={(next) => economicsFieldProblem(field, next, context)}
        onCommit={(next) => runAction('setEconomicsField', { key: field.key, value: next })}
        suffix={resolved === null ? unit : `= ${Number(resolved.toPrecision(6))} ${unit}`}
      />
      <p className="fp-economics__hint">{t(keys.hint)}</p>
      <DiagnosticLines problems={economicsFieldDiagnostics(problems, field)} />
    </div>
  );
}

/** The economics section of the blueprint properties. */
export const EconomicsSection = memo(function EconomicsSection() {
  const t = useT();
  const document = useBlueprintStore((s) => s.document);
  const whatIf = useBlueprintStore((s) => s.whatIfScenarioId !== null);
  const problems = useResultsStore((s) => s.problems);
  const editing = useModeState((s) => s.mode === 'edit');
  const economics = document.economics;
  // An editing tool: teaching and presenting lock the inspector, and read money in the Money
  // tab; a locked form this long would only be a scrolling region nothing in it can reach.
  if (!editing) return null;
  return (
    <section className="fp-economics" aria-label={t('economics.title')}>
      <h3 className="fp-economics__title">{t('economics.title')}</h3>
      {economics ? (
        <>
          <p className="fp-economics__hint">{t('economics.intro')}</p>
          <TextField
            label={t('economics.currency')}
            value={economics.currency}
            disabled={whatIf}
            validate={(next) =>
              next.trim() === ''
                ? { key: 'economics.refuseFieldRequired', vars: { field: t('economics.currency') } }
                : null
            }
            onCommit={(currency) => runAction('setEconomicsCurrency', { currency })}
          />
          <p className="fp-economics__hint">{t('economics.currencyHint')}</p>
          {shownEconomicsFields(economics).map((field) => (
            <FieldWithForm
              key={field.key}
              field={field}
              economics={economics}
              document={document}
              problems={problems}
              disabled={whatIf}
            />
          ))}
          <button
            type="button"
            className="fp-button fp-button--danger"
            disabled={whatIf}
            onClick={() => runAction('removeEconomics')}
          >
            {t('economics.remove')}
          </button>
        </>
      ) : (
        <>
          <p className="fp-economics__hint">{t('economics.empty')}</p>
          <button
            type="button"
            className="fp-button"
            disabled={whatIf}
            onClick={() => runAction('addEconomics')}
          >
            {t('economics.add')}
          </button>
          <p className="fp-economics__hint">{t('economics.addHint')}</p>
        </>
      )}
    </section>
  );
});

/**
 * A field, preceded (before the customer's value, in either form) by the choice of how that
 * value is given.
 */
function FieldWithForm(props: {
  field: EconomicsField;
  economics: EconomicsSpec;
  document: BlueprintDocument;
  problems: readonly Diagnostic[];
  disabled: boolean;
}) {
  const t = useT();
  const first =
    props.field.key === 'customerValue' || props.field.key === 'customerValue.spendPerVisit';
  return (
    <>
      {first ? (
        <SelectField<CustomerValueForm>
          label={t('economics.customerValueForm')}
          value={customerValueForm(props.economics)}
          disabled={props.disabled}
          options={[
            { value: 'amount', label: t('economics.formAmount') },
            { value: 'spending', label: t('economics.formSpending') },
          ]}
          onChange={(form) => runAction('setCustomerValueForm', { form })}
        />
      ) : null}
      <EconomicsFieldRow {...props} />
    </>
  );
}
