/**
 * The Monte Carlo panel: settings, Run, a progress bar with trials/s and Cancel, then R with
 * its 95 % interval, the convergence chart, the fail-point counts, time and cost histograms
 * with percentiles, and the paired comparison of scenarios. A result of an earlier version of
 * the blueprint, or of other settings, is marked out of date.
 */
import { memo, useCallback, useId, useMemo } from 'react';
import type { ComparedVersion, ConvergencePoint } from '../../sim/montecarlo';
import type { ValueSummary } from '../../sim/montecarlo/tally';
import { useLanguage, useT } from '../i18n';
import {
  formatCompact,
  formatCount,
  formatDecimal,
  formatNumber,
  formatPercent,
  formatSignedDecimal,
} from '../results/format';
import { useReadableNodeNames } from '../results/nodeNames';
import { PlotFigure } from '../results/PlotFigure';
import { useBlueprintStore } from '../store/blueprint';
import {
  reliabilityOnlyIn,
  revisionOf,
  selectMonteCarloFreshness,
  useResultsStore,
  type MonteCarloResult,
} from '../store/results';
import { convergenceChart, histogramChart } from './charts';
import { cancelSimulation, simulationAvailable, startSimulation } from './runSimulation';
import {
  defaultWorkers,
  updateSettings,
  useSimulationStore,
  type SimulationFigures,
} from './simulationStore';
import './simulation.css';

export function SimulationPanel() {
  const status = useSimulationStore((state) => state.status);
  const result = useResultsStore((state) => state.monteCarlo);
  const points = useSimulationStore((state) => state.convergence);
  const exact = useSimulationStore((state) => state.exact);
  return (
    <div className="simulation">
      <Settings />
      <div className="sim-output">
        {status === 'running' ? <Progress /> : <Outcome />}
        {status === 'running' ? <Convergence points={points} exact={exact} /> : null}
        {result && status !== 'running' ? <Figures result={result} /> : null}
      </div>
    </div>
  );
}

/** Says when the result on screen no longer describes the blueprint or the settings. */
function Freshness() {
  const t = useT();
  const document = useBlueprintStore((state) => state.document);
  const scenarioId = useBlueprintStore((state) => state.whatIfScenarioId);
  const settings = useSimulationStore((state) => state.settings);
  const freshness = useResultsStore((state) =>
    selectMonteCarloFreshness(state, { revision: revisionOf(document), scenarioId, settings }),
  );
  const canRun = useResultsStore((state) => state.status === 'ok') && simulationAvailable();
  const running = useSimulationStore((state) => state.status === 'running');
  if (freshness !== 'blueprintChanged' && freshness !== 'settingsChanged') return null;
  return (
    <div className="sim-stale-row">
      <p className="sim-check--off" role="status" data-testid="sim-stale">
        {t(
          freshness === 'blueprintChanged'
            ? 'simulation.staleBlueprint'
            : 'simulation.staleSettings',
        )}
      </p>
      {/* The settings on screen, not those of the stale run: that is what "out of date" means. */}
      <button
        type="button"
        className="button button--small"
        disabled={!canRun || running}
        title={t('simulation.rerunHint')}
        onClick={() => void startSimulation()}
      >
        {t('simulation.rerun')}
      </button>
    </div>
  );
}

function Settings() {
  const t = useT();
  const settings = useSimulationStore((state) => state.settings);
  const running = useSimulationStore((state) => state.status === 'running');
  const analysis = useResultsStore((state) => state.status);
  const valid = analysis === 'ok';
  const scenarioCount = useBlueprintStore((state) => state.document.scenarios?.length ?? 0);
  const ids = {
    trials: useId(),
    precision: useId(),
    seed: useId(),
    workers: useId(),
    compare: useId(),
    reliabilityOnly: useId(),
    reliabilityOnlyHint: useId(),
  };
  const maxWorkers = Math.max(defaultWorkers(), 1);
  const available = simulationAvailable();

  return (
    <section className="sim-card" aria-labelledby="sim-settings-title">
      <h3 id="sim-settings-title">{t('simulation.settings')}</h3>
      <form
        className="sim-settings"
        onSubmit={(event) => {
          event.preventDefault();
          if (!running) void startSimulation();
        }}
      >
        <fieldset className="field" disabled={running}>
          <legend className="field-label">{t('simulation.stopBy')}</legend>
          <div className="radio-row">
            <label>
              <input
                type="radio"
                name="stop-by"
                checked={settings.stopBy === 'trials'}
                onChange={() => updateSettings({ stopBy: 'trials' })}
              />
              {t('simulation.stopTrials')}
            </label>
            <label>
              <input
                type="radio"
                name="stop-by"
                checked={settings.stopBy === 'precision'}
                onChange={() => updateSettings({ stopBy: 'precision' })}
              />
              {t('simulation.stopPrecision')}
            </label>
          </div>
        </fieldset>
        {settings.stopBy === 'trials' ? (
          <NumberSetting
            id={ids.trials}
            label={t('simulation.trials')}
            value={settings.trials}
            min={1}
            step={1}
            disabled={running}
            accept={(value) => Number.isInteger(value) && value >= 1}
            onChange={(trials) => updateSettings({ trials })}
          />
        ) : (
          <NumberSetting
            id={ids.precision}
            label={t('simulation.precision')}
            value={settings.precision}
            min={0.00001}
            max={0.1}
            step="any"
            disabled={running}
            accept={(value) => value > 0 && value < 0.5}
            onChange={(precision) => updateSettings({ precision })}
          />
        )}
        <NumberSetting
          id={ids.seed}
          label={t('simulation.seed')}
          value={settings.seed}
          min={0}
          step={1}
          disabled={running}
          accept={(value) => Number.isInteger(value) && value >= 0}
          onChange={(seed) => updateSettings({ seed })}
        />
        <div className="field">
          <label htmlFor={ids.workers}>{t('simulation.workers')}</label>
          <select
            id={ids.workers}
            disabled={running}
            value={settings.workers}
            onChange={(event) => updateSettings({ workers: Number(event.target.value) })}
          >
            {Array.from({ length: Math.max(maxWorkers, settings.workers) }, (_, i) => i + 1).map(
              (n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ),
            )}
          </select>
        </div>
        {scenarioCount > 0 ? (
          <label className="check-row" htmlFor={ids.compare}>
            <input
              id={ids.compare}
              type="checkbox"
              disabled={running}
              checked={settings.compareScenarios}
              onChange={(event) => updateSettings({ compareScenarios: event.target.checked })}
            />
            {t('simulation.scenarios')}
          </label>
        ) : null}
        <label className="check-row" htmlFor={ids.reliabilityOnly}>
          <input
            id={ids.reliabilityOnly}
            type="checkbox"
            disabled={running}
            checked={reliabilityOnlyIn(settings)}
            aria-describedby={ids.reliabilityOnlyHint}
            onChange={(event) => updateSettings({ reliabilityOnly: event.target.checked })}
          />
          {t('simulation.reliabilityOnly')}
        </label>
        <p className="hint" id={ids.reliabilityOnlyHint}>
          {t('simulation.reliabilityOnlyHint')}
        </p>
        {/* Distinct keys: a cancel that finishes during its own click must not turn this very
            button into the submit button, or the same click would start a new run. */}
        {running ? (
          <button key="cancel" type="button" className="button" onClick={cancelSimulation}>
            {t('simulation.cancel')}
          </button>
        ) : (
          <button
            key="run"
            type="submit"
            className="button button--primary"
            disabled={!valid || !available}
          >
            {t('simulation.run')}
          </button>
        )}
        {!valid ? (
          <p className="hint">
            {t(analysis === 'invalid' ? 'simulation.invalid' : 'simulation.waitingForAnalysis')}
          </p>
        ) : null}
        {!available ? <p className="hint">{t('simulation.unavailable')}</p> : null}
      </form>
    </section>
  );
}

function Progress() {
  const t = useT();
  const language = useLanguage();
  const progress = useSimulationStore((state) => state.progress);
  const done = progress?.done ?? 0;
  const total = progress && !progress.open ? progress.total : null;
  return (
    <section className="sim-card progress" aria-labelledby="sim-progress-title">
      <h3 id="sim-progress-title">{t('simulation.progress')}</h3>
      <div className="progress__row">
        <progress
          aria-label={t('simulation.progress')}
          max={total ?? undefined}
          value={total === null ? undefined : done}
        />
        <button type="button" className="button" onClick={cancelSimulation}>
          {t('simulation.cancel')}
        </button>
      </div>
      <div className="progress__facts" aria-live="polite" data-testid="sim-progress">
        <span>
          {total === null
            ? t('simulation.trialsDoneOpen', { done: formatCount(done, language) })
            : t('simulation.trialsDone', {
                done: formatCount(done, language),
                total: formatCount(total, language),
              })}
        </span>
        <span>
          {t('simulation.rate', { rate: formatCompact(progress?.perSecond ?? 0, language) })}
        </span>
        <span>
          {t('simulation.elapsed', { seconds: formatNumber(progress?.seconds ?? 0, language, 1) })}
        </span>
      </div>
    </section>
  );
}

function Outcome() {
  const t = useT();
  const language = useLanguage();
  const status = useSimulationStore((state) => state.status);
  const error = useSimulationStore((state) => state.error);
  const trials = useResultsStore((state) => state.monteCarlo?.figures.trials ?? 0);
  const ended = useResultsStore((state) => state.monteCarlo?.workersEnded ?? null);
  const cancelledAt = useResultsStore((state) => state.monteCarlo?.cancelledAt ?? null);
  if (status === 'idle') {
    return (
      <section className="sim-card">
        <p className="panel-empty">{t('simulation.intro')}</p>
      </section>
    );
  }
  if (status === 'failed') {
    return (
      <section className="sim-card" role="alert">
        <p className="form-error">{t('simulation.failed', { reason: error ?? '' })}</p>
      </section>
    );
  }
  if (status === 'cancelled') {
    return (
      <section className="sim-card" role="status">
        <p>{t('simulation.cancelled', { done: formatCount(trials, language) })}</p>
        {ended && cancelledAt !== null ? (
          // The pool's own measure: the moment its last worker confirmed it had stopped.
          <p
            className="hint"
            data-testid="sim-workers-ended"
            data-cancelled-at={cancelledAt}
            data-ended-at={ended.endedAt}
            data-unconfirmed={ended.unconfirmed}
          >
            {t(ended.unconfirmed > 0 ? 'simulation.workersForced' : 'simulation.workersEnded', {
              ms: formatNumber(Math.max(0, ended.endedAt - cancelledAt), language, 0),
            })}
          </p>
        ) : null}
      </section>
    );
  }
  return null;
}

const Figures = memo(function Figures({ result }: { result: MonteCarloResult }) {
  const t = useT();
  const language = useLanguage();
  const { figures, exact, versions, labels } = result;
  const status = useSimulationStore((state) => state.status);
  const [low, high] = figures.ci95;
  const inside = exact !== null && exact >= low && exact <= high;
  return (
    <>
      <section className="sim-card" aria-labelledby="sim-result-title" data-testid="sim-result">
        <h3 id="sim-result-title">{t('simulation.result')}</h3>
        <Freshness />
        <p className="sim-result-figure">
          {figures.completed > 0 ? formatDecimal(figures.reliability, language, 4) : '—'}
        </p>
        <p className="sim-interval" data-testid="sim-interval" data-low={low} data-high={high}>
          {t('simulation.interval', {
            lo: formatDecimal(low, language, 4),
            hi: formatDecimal(high, language, 4),
          })}
        </p>
        {/* With trials stopped, the simulated R leaves them out: not the exact R's measure. */}
        {exact !== null && status === 'done' && figures.stopped === 0 ? (
          <p className={inside ? 'sim-check--ok' : 'sim-check--off'}>
            {inside
              ? t('simulation.exactInside', { exact: formatDecimal(exact, language, 4) })
              : t('simulation.exactOutside', { exact: formatDecimal(exact, language, 4) })}
          </p>
        ) : null}
        <p className="hint">
          {t('simulation.trialsRun', {
            trials: formatCount(figures.trials, language),
            seconds: formatNumber(figures.seconds, language, 2),
            rate: formatCompact(figures.perSecond, language),
          })}
        </p>
        {figures.stopped > 0 ? (
          <p className="hint" data-testid="sim-loop-guard">
            {figures.completed > 0
              ? t('simulation.loopGuard', {
                  count: formatCount(figures.stopped, language),
                  limit: formatCount(figures.visitLimit, language),
                  completed: formatCount(figures.completed, language),
                })
              : t('simulation.allStopped', { limit: formatCount(figures.visitLimit, language) })}
          </p>
        ) : null}
      </section>
      <div className="sim-grid">
        <Convergence points={result.convergence} exact={exact} />
        <FailPoints figures={figures} labels={labels} />
        {figures.time ? <ValueCard summary={figures.time} title={t('simulation.time')} /> : null}
        {figures.cost ? <ValueCard summary={figures.cost} title={t('simulation.cost')} /> : null}
      </div>
      {!figures.time && !figures.cost ? (
        <p className="hint">
          {t(
            reliabilityOnlyIn(result.settings)
              ? 'simulation.reliabilityOnlyRun'
              : 'simulation.noDurations',
          )}
        </p>
      ) : null}
      {versions.length > 1 ? <Paired versions={versions} /> : null}
    </>
  );
});

const Convergence = memo(function Convergence({
  points,
  exact,
}: {
  points: ConvergencePoint[];
  exact: number | null;
}) {
  const t = useT();
  const language = useLanguage();
  const render = useMemo(
    () =>
      convergenceChart(
        points,
        exact,
        {
          trials: t('simulation.trialsAxis'),
          reliability: t('simulation.reliabilityAxis'),
          exact: t('simulation.exactLine'),
        },
        (value) => formatDecimal(value, language, 3),
        (value) => formatCount(value, language),
      ),
    [points, exact, t, language],
  );
  if (points.length < 2) return null;
  return (
    <section className="sim-card">
      <h3>{t('simulation.convergence')}</h3>
      <PlotFigure
        render={render}
        label={t('simulation.convergence')}
        caption={
          <span className="hint">
            {t('simulation.convergenceHint', { count: formatCount(points.length, language) })}
          </span>
        }
        testId="convergence-chart"
      />
    </section>
  );
});

function FailPoints({
  figures,
  labels,
}: {
  figures: SimulationFigures;
  labels: Record<string, string>;
}) {
  const t = useT();
  const language = useLanguage();
  const fallback = useCallback((id: string) => labels[id], [labels]);
  const nameOf = useReadableNodeNames(fallback);
  const rows = figures.failPointRanking.slice(0, 12);
  if (rows.length === 0) return null;
  return (
    <section className="sim-card" aria-labelledby="sim-failpoints-title">
      <h3 id="sim-failpoints-title">{t('simulation.failPoints')}</h3>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="sim-failpoints-title">
          <thead>
            <tr>
              <th scope="col">{t('simulation.colPoint')}</th>
              <th scope="col" className="numeric">
                {t('simulation.colCount')}
              </th>
              <th scope="col" className="numeric">
                {t('simulation.colShare')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((point) => (
              <tr key={point.id}>
                <th scope="row">{nameOf(point.id)}</th>
                <td className="numeric">{formatCount(point.count, language)}</td>
                <td className="numeric">{formatPercent(point.share, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const ValueCard = memo(function ValueCard({
  summary,
  title,
}: {
  summary: ValueSummary;
  title: string;
}) {
  const t = useT();
  const language = useLanguage();
  const marks = useMemo(
    () => [
      { name: 'p50', value: summary.p50 },
      { name: 'p90', value: summary.p90 },
      { name: 'p95', value: summary.p95 },
      { name: 'p99', value: summary.p99 },
    ],
    [summary],
  );
  const render = useMemo(
    () =>
      histogramChart(
        summary.histogram,
        marks,
        { value: title, count: t('simulation.histogramAxis') },
        (value) => formatNumber(value, language, 1),
      ),
    [summary, marks, title, t, language],
  );
  if (summary.count === 0) return null;
  return (
    <section className="sim-card">
      <h3>{title}</h3>
      <PlotFigure render={render} label={title} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('simulation.mean')}</th>
            {marks.map((mark) => (
              <th scope="col" key={mark.name} className="numeric">
                {mark.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{formatNumber(summary.mean, language, 2)}</td>
            {marks.map((mark) => (
              <td key={mark.name} className="numeric">
                {formatNumber(mark.value, language, 2)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
});

function Paired({ versions }: { versions: readonly ComparedVersion[] }) {
  const t = useT();
  const language = useLanguage();
  const d = (value: number) => formatDecimal(value, language, 4);
  const signed = (value: number) => formatSignedDecimal(value, language, 4);
  return (
    <section className="sim-card" aria-labelledby="sim-paired-title">
      <h3 id="sim-paired-title">{t('simulation.paired')}</h3>
      <p className="hint">{t('simulation.pairedHint')}</p>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="sim-paired-title" data-testid="paired-table">
          <thead>
            <tr>
              <th scope="col">{t('simulation.colScenario')}</th>
              <th scope="col" className="numeric">
                {t('simulation.colReliability')}
              </th>
              <th scope="col" className="numeric">
                {t('simulation.colInterval')}
              </th>
              <th scope="col" className="numeric">
                {t('simulation.colDelta')}
              </th>
              <th scope="col" className="numeric">
                {t('simulation.colDeltaInterval')}
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((row, index) => (
              <tr key={row.id} className={index === 0 ? 'row--baseline' : undefined}>
                <th scope="row">{index === 0 ? t('simulation.baseline') : row.name}</th>
                <td className="numeric">{d(row.reliability)}</td>
                <td className="numeric">
                  {d(row.ci95[0])} – {d(row.ci95[1])}
                </td>
                <td className="numeric">{index === 0 ? '–' : signed(row.delta)}</td>
                <td className="numeric">
                  {index === 0 ? '–' : `${signed(row.deltaCi95[0])} – ${signed(row.deltaCi95[1])}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * A labelled number input of the simulation settings. Whole-number settings are floored as
 * typed; a value `accept` refuses is not stored, so the last good value stays in the settings.
 */
function NumberSetting({
  id,
  label,
  value,
  min,
  max,
  step,
  disabled,
  accept,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max?: number;
  step: number | 'any';
  disabled: boolean;
  accept: (value: number) => boolean;
  onChange: (value: number) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        value={value}
        onChange={(event) => {
          const typed = Number(event.target.value);
          const number = step === 1 ? Math.floor(typed) : typed;
          if (Number.isFinite(number) && accept(number)) onChange(number);
        }}
      />
    </div>
  );
}
