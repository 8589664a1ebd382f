/**
 * The Money tab (SPEC §9): what the baseline's failures cost a year, the scenarios in money,
 * and the budget optimiser with its frontier charts, whose chosen options become a scenario in
 * one step.
 *
 * Nothing is computed on the page's thread: the money comes with the live analysis, and the
 * optimiser runs in the engine's worker on request (latest wins); the panel says it is busy
 * meanwhile and keeps the previous answer, dimmed, until the new one comes.
 */
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { setBudgetGoal, setBudgetText, setYearlyBudgetText, useBudgetState } from './budgetState';
import type { MoneyRow, OptimizeProgress } from '../../sim/money';
import type { Economics } from '../../sim/money/definitions';
import type { MoneyOptimizeOutcome, MoneyOptimizeParams, MoneySummary } from '../../workers/money';
import { runAction } from '../actions/registry';
import { useLanguage, useT, type Language } from '../i18n';
import { formatCount, formatDecimal, formatNumber, formatPercent } from '../results/format';
import { PlotFigure } from '../results/PlotFigure';
import { showTab } from '../shell/shellState';
import { useBlueprintStore } from '../store/blueprint';
import { useResultsStore } from '../store/results';
import { frontierChart } from './frontierChart';
import { MoneyOptimizer } from './moneyClient';
import {
  budgetRequest,
  formatMoney,
  frontierPoints,
  moneyView,
  scenarioFromChoice,
} from './moneyData';
import './money.css';

export function MoneyPanel() {
  const t = useT();
  const status = useResultsStore((state) => state.status);
  const result = useResultsStore((state) => state.result);
  const view = useMemo(() => moneyView(status, result), [status, result]);

  if (view.kind === 'computing') {
    return (
      <p className="panel-empty" role="status" aria-busy="true">
        {t('money.computing')}
      </p>
    );
  }
  if (view.kind === 'invalid') return <p className="panel-empty">{t('money.invalid')}</p>;
  if (view.kind === 'no-economics') {
    return (
      <section className="money-card" aria-labelledby="money-none-title">
        <h3 id="money-none-title">{t('money.noEconomics')}</h3>
        <p>{t('money.noEconomicsHow')}</p>
      </section>
    );
  }
  const { money } = view;
  return (
    <div className="money">
      <LossCard economics={money.economics} baseline={money.rows[0]} />
      <MoneyTable economics={money.economics} rows={money.rows} />
      <Optimiser money={money} />
    </div>
  );
}

/**
 * The latest progress of the optimiser's current question. Only the busy line reads it, so a
 * count redrawn ten times a second redraws that line, not the panel with its charts.
 */
class ProgressChannel {
  private value: OptimizeProgress | null = null;
  private readonly listeners = new Set<() => void>();

  set(value: OptimizeProgress | null): void {
    this.value = value;
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): OptimizeProgress | null => this.value;
}

/** The busy line's count: combinations weighed, of how many when the search is exhaustive. */
function BusyCount({ progress }: { progress: ProgressChannel }) {
  const t = useT();
  const language = useLanguage();
  const current = useSyncExternalStore(progress.subscribe, progress.get);
  if (current === null) return null;
  const evaluated = formatCount(current.evaluated, language);
  return (
    <>
      {' '}
      <span className="money-busy__count">
        {current.total === null
          ? t('money.optimisingTried', { evaluated })
          : t('money.optimisingOf', { evaluated, total: formatCount(current.total, language) })}
      </span>
    </>
  );
}

/** The optimiser's latest answer for the blueprint on screen, asked of the engine's worker. */
function useOptimization(params: MoneyOptimizeParams | null): {
  /** A newer question than the answer's is being worked on. */
  busy: boolean;
  /** How far the question being worked on has gone (read by the busy line alone). */
  progress: ProgressChannel;
  outcome: Exclude<MoneyOptimizeOutcome, { reason: 'stopped' }> | null;
  error: string | null;
} {
  const document = useBlueprintStore((state) => state.document);
  const optimizer = useRef<MoneyOptimizer | null>(null);
  // The question as a key, so that typing the same amount differently asks nothing new.
  const key = params === null ? null : JSON.stringify(params);
  const [answered, setAnswered] = useState<{
    document: object | null;
    key: string | null;
    outcome: Exclude<MoneyOptimizeOutcome, { reason: 'stopped' }> | null;
    error: string | null;
  }>({ document: null, key: null, outcome: null, error: null });
  const progress = useMemo(() => new ProgressChannel(), []);
  useEffect(() => {
    optimizer.current ??= new MoneyOptimizer();
    const current = optimizer.current;
    if (key === null) {
      current.stop();
      return;
    }
    // A new question starts its count afresh; the optimiser passes on only its reports.
    progress.set(null);
    const onProgress = (report: OptimizeProgress) => progress.set(report);
    current.request(document, JSON.parse(key) as MoneyOptimizeParams, onProgress).then(
      (outcome) => {
        if (outcome !== null) setAnswered({ document, key, outcome, error: null });
      },
      (error: unknown) =>
        setAnswered({
          document,
          key,
          outcome: null,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  }, [document, key, progress]);
  // Leaving the tab (or the blueprint) stops the run in the worker.
  useEffect(() => () => optimizer.current?.stop(), []);
  const busy = key !== null && (answered.key !== key || answered.document !== document);
  return {
    busy,
    progress,
    outcome: answered.outcome,
    error: answered.error,
  };
}

function LossCard({ economics, baseline }: { economics: Economics; baseline: MoneyRow }) {
  const t = useT();
  const language = useLanguage();
  const money = (value: number) => formatMoney(value, economics.currency, language);
  const lines: [string, string][] = [
    [t('money.reliability'), formatDecimal(baseline.reliability, language)],
    [t('money.failed'), formatCount(baseline.failedPerYear, language)],
    [t('money.lostDirectly'), formatCount(baseline.lostDirectlyPerYear, language)],
    [t('money.lostByWord'), formatCount(baseline.lostByWordOfMouthPerYear, language)],
    [t('money.lost'), formatCount(baseline.lostPerYear, language)],
    [t('money.valueLost'), money(baseline.valueLostPerYear)],
    [t('money.recoveryCost'), money(baseline.recoveryCostPerYear)],
    [t('money.totalLoss'), money(baseline.totalLossPerYear)],
  ];
  return (
    <section className="money-card" aria-labelledby="money-loss-title">
      <h3 id="money-loss-title">{t('money.lossTitle')}</h3>
      <table className="data-table money-loss" aria-label={t('money.lossTable')}>
        <tbody>
          {lines.map(([label, value], index) => (
            <tr key={label} className={index === lines.length - 1 ? 'money-total' : undefined}>
              <th scope="row">{label}</th>
              <td className="numeric">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function payback(years: number | null, t: ReturnType<typeof useT>, language: Language): string {
  return years === null
    ? t('money.never')
    : t('money.years', { value: formatNumber(years, language, 1) });
}

function MoneyTable({ economics, rows }: { economics: Economics; rows: MoneyRow[] }) {
  const t = useT();
  const language = useLanguage();
  // The currency is named once in each column's header, so the columns stay narrow.
  const money = (value: number) => formatNumber(value, language, 0);
  const head = (label: string) => t('money.withCurrency', { label, currency: economics.currency });
  return (
    <section className="money-card" aria-labelledby="money-table-title">
      <h3 id="money-table-title">{t('money.tableTitle')}</h3>
      {/* Scrolls sideways in a narrow panel: focusable, so the keyboard can scroll it too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('money.table')}>
        <table className="data-table" aria-label={t('money.table')}>
          <thead>
            <tr>
              <th scope="col">{t('money.colScenario')}</th>
              <th scope="col" className="numeric">
                {t('money.reliability')}
              </th>
              <th scope="col" className="numeric">
                {head(t('money.colLoss'))}
              </th>
              <th scope="col" className="numeric">
                {head(t('money.colProtected'))}
              </th>
              <th scope="col" className="numeric">
                {head(t('money.colCostOnce'))}
              </th>
              <th scope="col" className="numeric">
                {head(t('money.colCostPerYear'))}
              </th>
              <th scope="col" className="numeric">
                {head(t('money.colNet'))}
              </th>
              <th scope="col" className="numeric">
                {t('money.colPayback')}
              </th>
              <th scope="col" className="numeric">
                {t('money.colRoi', { years: formatNumber(economics.horizonYears, language) })}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const back = row.return;
              return (
                <tr key={row.id} className={back ? undefined : 'row--baseline'}>
                  <th scope="row">{back ? row.name : t('money.baseline')}</th>
                  <td className="numeric">{formatDecimal(row.reliability, language)}</td>
                  <td className="numeric">{money(row.totalLossPerYear)}</td>
                  <td className="numeric">{back ? money(back.protectedPerYear) : '–'}</td>
                  <td className="numeric">{back ? money(back.costOnce) : '–'}</td>
                  <td className="numeric">{back ? money(back.costPerYear) : '–'}</td>
                  <td className="numeric">{back ? money(back.netPerYear) : '–'}</td>
                  <td className="numeric">
                    {back ? payback(back.paybackYears, t, language) : '–'}
                  </td>
                  <td className="numeric">
                    {back && back.roi !== null ? formatPercent(back.roi, language, 0) : '–'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Optimiser({ money: summary }: { money: MoneySummary }) {
  const t = useT();
  const language = useLanguage();
  const budgetId = useId();
  const errorId = useId();
  const yearlyId = useId();
  const yearlyHintId = useId();
  const yearlyErrorId = useId();
  const { economics, options } = summary;
  const baselineR = summary.rows[0].reliability;
  const money = useCallback(
    (value: number) => formatMoney(value, economics.currency, language),
    [economics.currency, language],
  );
  const years = formatNumber(economics.horizonYears, language);
  // Until the user says otherwise, the budget buys every option: the whole menu is open.
  const typedBudget = useBudgetState((state) => state.budgetText);
  const yearlyText = useBudgetState((state) => state.yearlyBudgetText);
  const goal = useBudgetState((state) => state.goal);
  const budgetText =
    typedBudget ??
    formatCount(
      options.reduce((sum, option) => sum + option.costOnce, 0),
      language,
    );
  const request = budgetRequest(budgetText, yearlyText, goal);
  const budgetError = !request.ok && request.budgetError;
  const yearlyError = !request.ok && request.yearlyError;
  const optimization = useOptimization(options.length > 0 && request.ok ? request.params : null);
  // The latest answer stays on screen (dimmed) while a newer one is computed.
  const answer = optimization.outcome;
  const labelOf = useMemo(() => {
    const labels = new Map(options.map((option) => [option.id, option.label]));
    return (id: string) => labels.get(id) ?? id;
  }, [options]);

  const charts = useMemo(() => {
    if (!answer?.ok) return null;
    const { result } = answer;
    const nothing = t('money.nothing');
    const common = {
      budget: result.budget,
      costAxis: t('money.axisCost', { currency: economics.currency }),
      money,
      decimal: (value: number) => formatDecimal(value, language),
      marks: {
        within: t('money.withinBudget'),
        over: t('money.overBudget'),
        chosen: t('money.chosenMark'),
        budget: t('money.budgetLine'),
      },
    };
    return {
      reliability: frontierChart(
        frontierPoints(result.reliabilityFrontier, result.chosen, labelOf, nothing),
        { ...common, measure: 'reliability', axis: t('money.reliability') },
      ),
      value: frontierChart(frontierPoints(result.valueFrontier, result.chosen, labelOf, nothing), {
        ...common,
        measure: 'value',
        axis: t('money.axisValue', { years, currency: economics.currency }),
      }),
    };
  }, [answer, labelOf, t, language, economics.currency, years, money]);

  if (options.length === 0) {
    return (
      <section className="money-card money-optimiser" aria-labelledby="money-opt-title">
        <h3 id="money-opt-title">{t('money.optimiserTitle')}</h3>
        <p>{t('money.noOptions')}</p>
      </section>
    );
  }

  const chosen = answer?.ok ? new Set(answer.result.chosen.ids) : new Set<string>();
  const make = () => {
    if (!answer?.ok) return;
    const { budget, yearlyBudget } = answer.result;
    const scenario = scenarioFromChoice(
      answer.result.chosen.ids,
      Number.isFinite(budget)
        ? t('money.scenarioName', { budget: money(budget) })
        : t('money.scenarioNameYearly', { budget: money(yearlyBudget) }),
    );
    if (!scenario) return;
    // Saving a scenario is immediate; awaiting keeps the one code path for every action.
    void Promise.resolve(runAction('saveScenario', scenario)).then((outcome) => {
      if (outcome.ok) showTab('scenarios');
    });
  };

  return (
    <section className="money-card money-optimiser" aria-labelledby="money-opt-title">
      <h3 id="money-opt-title">{t('money.optimiserTitle')}</h3>
      <div className="money-controls">
        <div className="field">
          <label htmlFor={budgetId}>{t('money.budget', { currency: economics.currency })}</label>
          <input
            id={budgetId}
            type="text"
            inputMode="decimal"
            value={budgetText}
            aria-invalid={budgetError || undefined}
            aria-describedby={budgetError ? errorId : undefined}
            onChange={(event) => setBudgetText(event.target.value)}
          />
          {budgetError ? (
            <p id={errorId} className="form-error">
              {t(budgetText.trim() === '' ? 'money.budgetNeeded' : 'money.budgetInvalid')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={yearlyId}>
            {t('money.yearlyBudget', { currency: economics.currency })}
          </label>
          <input
            id={yearlyId}
            type="text"
            inputMode="decimal"
            value={yearlyText}
            aria-invalid={yearlyError || undefined}
            aria-describedby={yearlyError ? `${yearlyHintId} ${yearlyErrorId}` : yearlyHintId}
            onChange={(event) => setYearlyBudgetText(event.target.value)}
          />
          <p id={yearlyHintId} className="hint money-hint">
            {t('money.yearlyBudgetHint')}
          </p>
          {yearlyError ? (
            <p id={yearlyErrorId} className="form-error">
              {t('money.yearlyBudgetInvalid')}
            </p>
          ) : null}
        </div>
        <fieldset className="money-goal">
          <legend>{t('money.goal')}</legend>
          <label>
            <input
              type="radio"
              name={`${budgetId}-goal`}
              checked={goal === 'value'}
              onChange={() => setBudgetGoal('value')}
            />{' '}
            {t('money.goalValue', { years })}
          </label>
          <label>
            <input
              type="radio"
              name={`${budgetId}-goal`}
              checked={goal === 'reliability'}
              onChange={() => setBudgetGoal('reliability')}
            />{' '}
            {t('money.goalReliability')}
          </label>
        </fieldset>
      </div>
      <div className="money-menu">
        <div
          className="table-scroll"
          tabIndex={0}
          role="region"
          aria-label={t('money.optionsTable')}
        >
          <table className="data-table" aria-label={t('money.optionsTable')}>
            <thead>
              <tr>
                <th scope="col">{t('money.colOption')}</th>
                <th scope="col" className="numeric">
                  {t('money.withCurrency', {
                    label: t('money.colCostOnce'),
                    currency: economics.currency,
                  })}
                </th>
                <th scope="col" className="numeric">
                  {t('money.withCurrency', {
                    label: t('money.colCostPerYear'),
                    currency: economics.currency,
                  })}
                </th>
                <th scope="col">{t('money.colChosen')}</th>
              </tr>
            </thead>
            <tbody>
              {options.map((option) => (
                <tr key={option.id} className={chosen.has(option.id) ? 'money-chosen' : undefined}>
                  <th scope="row">
                    {option.label}
                    <span className="money-option-id">{option.id}</span>
                  </th>
                  <td className="numeric">{formatNumber(option.costOnce, language, 0)}</td>
                  <td className="numeric">{formatNumber(option.costPerYear, language, 0)}</td>
                  <td>{chosen.has(option.id) ? `✓ ${t('money.chosenYes')}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {optimization.busy ? (
          <p className="money-busy" role="status" aria-busy="true">
            {t('money.optimising')}
            <BusyCount progress={optimization.progress} />
          </p>
        ) : null}
        {optimization.error !== null ? (
          <p className="form-error" role="alert">
            {t('money.optimiseFailed', { message: optimization.error })}
          </p>
        ) : null}
        {answer?.ok ? (
          <div
            className={optimization.busy ? 'money-answer money-answer--stale' : 'money-answer'}
            role="status"
            aria-busy={optimization.busy || undefined}
          >
            <h4>{t('money.chosenTitle')}</h4>
            {answer.result.chosen.ids.length === 0 ? (
              <p>{t('money.chosenNothing')}</p>
            ) : (
              <>
                <ul className="money-chosen-list" aria-label={t('money.chosenTitle')}>
                  {answer.result.chosen.ids.map((id) => (
                    <li key={id}>{labelOf(id)}</li>
                  ))}
                </ul>
                <p>
                  {t('money.chosenSummary', {
                    from: formatDecimal(baselineR, language),
                    to: formatDecimal(answer.result.chosen.reliability, language),
                    costOnce: money(answer.result.chosen.costOnce),
                    costPerYear: money(answer.result.chosen.costPerYear),
                    net: money(answer.result.chosen.return?.netPerYear ?? 0),
                    years,
                    value: money(answer.result.chosen.return?.valueOverHorizon ?? 0),
                    payback: payback(
                      answer.result.chosen.return?.paybackYears ?? null,
                      t,
                      language,
                    ),
                    roi:
                      answer.result.chosen.return?.roi != null
                        ? formatPercent(answer.result.chosen.return.roi, language, 0)
                        : '–',
                  })}
                </p>
              </>
            )}
            <p className="money-method">
              {t(
                answer.result.method === 'exhaustive'
                  ? 'money.method'
                  : answer.result.method === 'exhaustive-within-budget'
                    ? 'money.methodWithinBudget'
                    : 'money.methodGreedy',
                { count: formatCount(answer.result.evaluated, language) },
              )}
            </p>
            <button
              type="button"
              className="button button--primary"
              disabled={optimization.busy || answer.result.chosen.ids.length === 0}
              onClick={make}
            >
              {t('money.makeScenario')}
            </button>
          </div>
        ) : null}
      </div>
      {charts ? (
        <div
          className={optimization.busy ? 'money-charts money-charts--stale' : 'money-charts'}
          aria-busy={optimization.busy || undefined}
        >
          <PlotFigure
            render={charts.reliability}
            label={t('money.frontierReliability')}
            caption={t('money.frontierReliability')}
            testId="money-frontier-reliability"
          />
          <PlotFigure
            render={charts.value}
            label={t('money.frontierValue', { years })}
            caption={t('money.frontierValue', { years })}
            testId="money-frontier-value"
          />
        </div>
      ) : null}
    </section>
  );
}
