/**
 * Improvement scenarios: the list (create, edit, rename, delete, record edits into one in
 * what-if mode, apply to the baseline) and the comparison with the baseline as a table like the
 * source's (R, ΔR, growth, failures per 10,000; baseline first) and a chart.
 */
import { memo, useId, useMemo, useState } from 'react';
import type { ScenarioRow } from '../../sim/exact/compare';
import type { ScenarioSpec } from '../../sim/document';
import { runAction } from '../actions/registry';
import { useLanguage, useT } from '../i18n';
import { scenarioChart, type ScenarioDatum } from '../results/charts';
import {
  formatCount,
  formatDecimal,
  formatSignedDecimal,
  formatSignedPercent,
} from '../results/format';
import { useResultsStore } from '../store/results';
import { PlotFigure } from '../results/PlotFigure';
import { useBlueprintStore } from '../store/blueprint';
import { describeChange } from './describe';
import { ScenarioForm } from './ScenarioForm';

const NO_SCENARIOS: ScenarioSpec[] = [];

export function ScenariosPanel() {
  const t = useT();
  const document = useBlueprintStore((state) => state.document);
  const whatIf = useBlueprintStore((state) => state.whatIfScenarioId);
  const scenarios = document.scenarios ?? NO_SCENARIOS;
  const [form, setForm] = useState<{ editing?: ScenarioSpec } | null>(null);

  const suggestedName = t('scenarios.defaultName', { n: scenarios.length + 1 });
  const save = (name: string, changes: ScenarioSpec['changes'], options?: string[]) => {
    const outcome = runAction(
      'saveScenario',
      form?.editing ? { id: form.editing.id, name, changes, options } : { name, changes, options },
    );
    // A refused save (shown as a notice) keeps the form open with what was typed.
    if (!(outcome instanceof Promise) && !outcome.ok) return;
    setForm(null);
  };

  return (
    <div className="scenarios">
      <section className="scenario-list-card" aria-labelledby="scenario-list-title">
        <header className="card-header">
          <h3 id="scenario-list-title">{t('scenarios.list')}</h3>
          <button type="button" className="button button--primary" onClick={() => setForm({})}>
            + {t('scenarios.create')}
          </button>
        </header>
        <WhatIfBar scenarios={scenarios} activeId={whatIf} />
        {scenarios.length === 0 ? (
          <p className="panel-empty">{t('scenarios.none')}</p>
        ) : (
          <ul className="scenario-list">
            {scenarios.map((scenario) => (
              <ScenarioItem
                key={scenario.id}
                scenario={scenario}
                active={scenario.id === whatIf}
                onEdit={() => setForm({ editing: scenario })}
              />
            ))}
          </ul>
        )}
      </section>
      <Comparison />
      {form ? (
        <ScenarioForm
          document={document}
          editing={form.editing}
          suggestedName={suggestedName}
          onSave={save}
          onClose={() => setForm(null)}
        />
      ) : null}
    </div>
  );
}

function WhatIfBar({
  scenarios,
  activeId,
}: {
  scenarios: ScenarioSpec[];
  activeId: string | null;
}) {
  const t = useT();
  const active = scenarios.find((scenario) => scenario.id === activeId);
  return (
    <div className={`what-if-bar ${active ? 'what-if-bar--on' : ''}`} role="status">
      <span>
        <strong>{t('scenarios.whatIf')}: </strong>
        {active ? t('scenarios.whatIfOn', { name: active.name }) : t('scenarios.whatIfOff')}
      </span>
      {active ? (
        <button
          type="button"
          className="button"
          onClick={() => runAction('setWhatIf', { scenarioId: null })}
        >
          {t('scenarios.whatIfStop')}
        </button>
      ) : null}
    </div>
  );
}

const ScenarioItem = memo(function ScenarioItem({
  scenario,
  active,
  onEdit,
}: {
  scenario: ScenarioSpec;
  active: boolean;
  onEdit: () => void;
}) {
  const t = useT();
  const document = useBlueprintStore((state) => state.document);
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(scenario.name);
  const inputId = useId();
  const lines = useMemo(
    () => scenario.changes.flatMap((change) => describeChange(change, document, t)),
    [scenario.changes, document, t],
  );

  const commitRename = () => {
    const name = draft.trim();
    if (name !== '' && name !== scenario.name) {
      runAction('renameScenario', { id: scenario.id, name });
    }
    setRenaming(false);
  };

  return (
    <li
      className={`scenario-item ${active ? 'scenario-item--active' : ''}`}
      aria-current={active || undefined}
    >
      <div className="scenario-item__head">
        {renaming ? (
          <form
            className="rename-form"
            onSubmit={(event) => {
              event.preventDefault();
              commitRename();
            }}
          >
            <label htmlFor={inputId} className="visually-hidden">
              {t('scenarios.renameLabel', { name: scenario.name })}
            </label>
            <input
              id={inputId}
              value={draft}
              autoFocus
              onChange={(event) => setDraft(event.target.value)}
              onBlur={commitRename}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setDraft(scenario.name);
                  setRenaming(false);
                }
              }}
            />
          </form>
        ) : (
          <h4 className="scenario-item__name">{scenario.name}</h4>
        )}
        {active ? <span className="badge badge--accent">{t('scenarios.active')}</span> : null}
        <span className="scenario-item__count">
          {(scenario.options?.length ?? 0) > 0
            ? t('scenarios.optionsAndChanges', {
                options: (scenario.options ?? [])
                  .map((id) => document.options?.find((option) => option.id === id)?.label ?? id)
                  .join(' + '),
                count: scenario.changes.length,
              })
            : scenario.changes.length === 1
              ? t('scenarios.changeCountOne')
              : t('scenarios.changeCount', { count: scenario.changes.length })}
        </span>
      </div>
      {lines.length > 0 ? (
        <ul className="scenario-item__changes">
          {lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : null}
      <div className="scenario-item__actions">
        <button
          type="button"
          className="button button--small"
          aria-pressed={active}
          aria-label={`${t('scenarios.whatIfStart')}: ${scenario.name}`}
          onClick={() => runAction('setWhatIf', { scenarioId: active ? null : scenario.id })}
        >
          {active ? t('scenarios.whatIfStop') : t('scenarios.whatIfStart')}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-label={t('scenarios.editHint', { name: scenario.name })}
          onClick={onEdit}
        >
          {t('scenarios.edit')}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-label={t('scenarios.renameHint', { name: scenario.name })}
          onClick={() => {
            setDraft(scenario.name);
            setRenaming(true);
          }}
        >
          {t('scenarios.rename')}
        </button>
        <button
          type="button"
          className="button button--small"
          // The name starts with the words on the button, so speech input can say them.
          aria-label={`${t('scenarios.apply')}: ${t('scenarios.applyHint', { name: scenario.name })}`}
          title={t('scenarios.applyHint', { name: scenario.name })}
          onClick={() => runAction('applyScenarioToBaseline', { id: scenario.id })}
        >
          {t('scenarios.apply')}
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          aria-label={t('scenarios.deleteHint', { name: scenario.name })}
          onClick={() => runAction('deleteScenario', { id: scenario.id })}
        >
          {t('scenarios.delete')}
        </button>
      </div>
    </li>
  );
});

/** The comparison rows with the baseline named in the interface language. */
export function useComparisonRows(): ScenarioRow[] | null {
  const t = useT();
  const comparison = useResultsStore((state) => state.result?.comparison ?? null);
  return useMemo(
    () =>
      comparison?.map((row) =>
        row.id === 'baseline' ? { ...row, name: t('scenarios.baseline') } : row,
      ) ?? null,
    [comparison, t],
  );
}

const Comparison = memo(function Comparison() {
  const t = useT();
  const language = useLanguage();
  const status = useResultsStore((state) => state.status);
  const rows = useComparisonRows();
  const render = useMemo(() => {
    const data: ScenarioDatum[] = (rows ?? []).map((row) => ({
      id: row.id,
      name: row.name,
      reliability: row.reliability,
      delta: row.delta,
    }));
    return scenarioChart(
      data,
      t('scenarios.colReliability'),
      (value) => formatDecimal(value, language),
      (value) => formatSignedDecimal(value, language),
    );
  }, [rows, t, language]);

  if (status === 'invalid' || status === 'computing' || !rows) {
    return (
      <section className="comparison-card">
        <h3>{t('scenarios.comparison')}</h3>
        <p className="panel-empty" aria-busy={status === 'computing' || undefined}>
          {status === 'invalid' ? t('scenarios.invalid') : t('results.computing')}
        </p>
      </section>
    );
  }
  return (
    <section className="comparison-card" aria-labelledby="comparison-title">
      <h3 id="comparison-title">{t('scenarios.comparison')}</h3>
      <div className="table-scroll">
        <table
          className="data-table"
          aria-label={t('scenarios.comparisonTable')}
          data-testid="comparison-table"
        >
          <thead>
            <tr>
              <th scope="col">{t('scenarios.colScenario')}</th>
              <th scope="col" className="numeric">
                {t('scenarios.colReliability')}
              </th>
              <th scope="col" className="numeric">
                {t('scenarios.colDelta')}
              </th>
              <th scope="col" className="numeric">
                {t('scenarios.colGrowth')}
              </th>
              <th scope="col" className="numeric">
                {t('scenarios.colFailures')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.id === 'baseline' ? 'row--baseline' : undefined}>
                <th scope="row">{row.name}</th>
                <td className="numeric">{formatDecimal(row.reliability, language)}</td>
                <td className={`numeric ${tone(row.delta)}`}>
                  {row.id === 'baseline' ? '–' : formatSignedDecimal(row.delta, language)}
                </td>
                <td className={`numeric ${tone(row.delta)}`}>
                  {row.id === 'baseline' ? '–' : formatSignedPercent(row.growth, language)}
                </td>
                <td className="numeric">{formatCount(row.failuresPer10k, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > 1 ? (
        <PlotFigure render={render} label={t('scenarios.chart')} testId="scenario-chart" />
      ) : null}
    </section>
  );
});

function tone(delta: number): string {
  if (delta > 1e-12) return 'value--good';
  if (delta < -1e-12) return 'value--bad';
  return '';
}
