/**
 * The blueprint's parameters: named numbers that expressions use. Rename (every expression that
 * uses the name follows), change the value (a number or an expression over other parameters),
 * label, add, delete (refused while something still uses it).
 *
 * The inspector is narrow, so each parameter takes two lines instead of one table row of four
 * cramped cells: its name and value (with what the value comes to) on the first, its label
 * across the whole width below, where a long label (or a Chinese one) can be read.
 */
import { memo, useMemo } from 'react';
import type { ParameterSpec } from '../../sim/document';
import { resolveParameters } from '../../sim/expressions';
import { runAction } from '../actions/registry';
import { formatPercent } from '../../document/values';
import { useT } from '../i18n';
import { selectEffectiveDocument, useBlueprintStore } from '../store/blueprint';
import { TextField, ValueField } from './fields';
import { parameterValueProblem, validateParameterName } from './validate';
import './inspector.css';

const NO_PARAMETERS: Readonly<Record<string, ParameterSpec>> = {};

function ParameterRow({
  name,
  spec,
  parameters,
  value,
  whatIf,
}: {
  name: string;
  spec: ParameterSpec;
  parameters: Readonly<Record<string, ParameterSpec>>;
  value: number | undefined;
  whatIf: boolean;
}) {
  const t = useT();
  const taken = useMemo(() => new Set(Object.keys(parameters)), [parameters]);
  return (
    <li className="fp-parameter">
      <div className="fp-parameter__name">
        <TextField
          label={t('editing.parameters.nameOf', { name })}
          hideLabel
          value={name}
          disabled={whatIf}
          validate={(next) => validateParameterName(next.trim(), taken, name)}
          onCommit={(next) => runAction('renameParameter', { name, newName: next.trim() })}
        />
      </div>
      <div className="fp-parameter__value">
        <ValueField
          label={t('editing.parameters.valueOf', { name })}
          hideLabel
          value={spec.value}
          validate={(next) => parameterValueProblem(parameters, name, next)}
          onCommit={(next) =>
            next !== undefined && runAction('setParameter', { name, value: next })
          }
          suffix={
            value !== undefined && typeof spec.value === 'string'
              ? `= ${Number(value.toPrecision(6))}`
              : value !== undefined && value >= 0 && value <= 1
                ? formatPercent(value)
                : undefined
          }
        />
      </div>
      <div className="fp-parameter__actions">
        <button
          type="button"
          className="fp-icon-button"
          disabled={whatIf}
          aria-label={t('editing.parameters.deleteNamed', { name })}
          title={t('editing.parameters.delete')}
          onClick={() => runAction('removeParameter', { name })}
        >
          ×
        </button>
      </div>
      <div className="fp-parameter__label">
        <TextField
          label={t('editing.parameters.labelOf', { name })}
          hideLabel
          placeholder={t('editing.parameters.label')}
          value={spec.label ?? ''}
          disabled={whatIf}
          onCommit={(label) => runAction('setParameter', { name, label })}
        />
      </div>
    </li>
  );
}

/** The parameters table, with a button to add one. */
export const ParametersTable = memo(function ParametersTable() {
  const t = useT();
  const parameters = useBlueprintStore(
    (s) => selectEffectiveDocument(s).parameters ?? NO_PARAMETERS,
  );
  const whatIf = useBlueprintStore((s) => s.whatIfScenarioId !== null);
  const values = useMemo(() => {
    const specs = new Map<string, number | string>();
    for (const [name, spec] of Object.entries(parameters)) specs.set(name, spec.value);
    return resolveParameters(specs).values;
  }, [parameters]);
  const names = Object.keys(parameters);
  return (
    <section className="fp-parameters" aria-label={t('editing.parameters.title')}>
      <h2 className="fp-panel-title">{t('editing.parameters.title')}</h2>
      {names.length === 0 ? (
        <p className="fp-inspector__empty">{t('editing.parameters.empty')}</p>
      ) : (
        <>
          {/* Column captions for sighted users; each field carries its full name itself. */}
          <div className="fp-parameters__captions" aria-hidden="true">
            <span>{t('editing.parameters.name')}</span>
            <span>{t('editing.parameters.value')}</span>
          </div>
          <ul className="fp-parameters__list">
            {names.map((name) => (
              <ParameterRow
                key={name}
                name={name}
                spec={parameters[name]}
                parameters={parameters}
                value={values.get(name)}
                whatIf={whatIf}
              />
            ))}
          </ul>
        </>
      )}
      <button
        type="button"
        className="fp-button"
        disabled={whatIf}
        onClick={() => runAction('addParameter', {})}
      >
        {t('editing.parameters.add')}
      </button>
    </section>
  );
});
