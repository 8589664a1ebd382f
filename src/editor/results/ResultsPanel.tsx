/**
 * The live exact analysis: R as a large figure, failures per 10,000 customers, the fail-point
 * Pareto, the tornado, the per-step table and the formula. When the blueprint is invalid the
 * panel says so instead of showing the figures of an earlier version.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { StepFigures } from '../../sim/exact/types';
import { useLanguage, useT, type MessageKey } from '../i18n';
import { paretoChart, tornadoChart, type ParetoDatum, type TornadoDatum } from './charts';
import {
  formatCount,
  formatDecimal,
  formatPercent,
  formatProbability,
  formatSignedDecimal,
} from './format';
import { useResultsStore, type ValidAnalysis } from '../store/results';
import { useReadableNodeNames } from './nodeNames';
import { FormulaNumbers } from './FormulaNumbers';
import { PlotFigure } from './PlotFigure';
import { useDrawnAfterFirstPaint } from '../shell/useDrawnAfterFirstPaint';
import { markRShownAfterPaint, R_FIGURE_TIMING } from './timing';

export interface ResultsPanelProps {
  /** Selects and shows a node on the canvas. */
  onSelectNode: (id: string) => void;
  onShowProblems: () => void;
  /** The scenario's name when what-if results are shown. */
  scenarioName: string | null;
}

export function ResultsPanel({ onSelectNode, onShowProblems, scenarioName }: ResultsPanelProps) {
  const t = useT();
  const status = useResultsStore((state) => state.status);
  const result = useResultsStore((state) => state.result);
  const error = useResultsStore((state) => state.error);
  // The steps table is below the figures (and the fold): drawn in the frame after R's.
  const box = useRef<HTMLDivElement>(null);
  const tableDrawn = useDrawnAfterFirstPaint(box);

  if (status === 'invalid') {
    return (
      <div className="results-invalid" role="alert">
        <h3>{t('results.invalid')}</h3>
        <p>{t('results.invalidHint')}</p>
        <button type="button" className="button" onClick={onShowProblems}>
          {t('results.showProblems')}
        </button>
      </div>
    );
  }
  if (!result) {
    return (
      <p className="panel-empty" aria-busy="true" data-testid="results-computing">
        {error ?? t(status === 'computing' ? 'results.computing' : 'results.idle')}
      </p>
    );
  }
  return (
    <div ref={box} className="results">
      {scenarioName ? (
        <p className="results-scenario-note">{t('results.scenarioNote', { name: scenarioName })}</p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="results-top">
        <Headline result={result} scenarioName={scenarioName} />
        <ParetoFigure result={result} />
        <TornadoFigure result={result} />
      </div>
      {tableDrawn ? <StepsTable result={result} onSelectNode={onSelectNode} /> : null}
    </div>
  );
}

/**
 * Readable names of the nodes of the analysed blueprint (never an id): a node deleted since the
 * analysis keeps its label from the analysis.
 */
function useNodeNames(result: ValidAnalysis): (id: string) => string {
  const fallback = useCallback(
    (id: string) => result.nodes.find((candidate) => candidate.id === id)?.label,
    [result],
  );
  return useReadableNodeNames(fallback);
}

/** Asks the browser to report when R's figure reaches the screen (see `timing.ts`). */
const R_FIGURE_ATTRIBUTES: Record<string, string> = { elementtiming: R_FIGURE_TIMING };

const Headline = memo(function Headline({
  result,
  scenarioName,
}: {
  result: ValidAnalysis;
  /** The scenario's name when what-if results are shown. */
  scenarioName: string | null;
}) {
  const t = useT();
  const language = useLanguage();
  const { analysis, formula } = result;
  const oneIn =
    analysis.failureProbability > 0 ? Math.max(1, Math.round(1 / analysis.failureProbability)) : 0;
  // Once the frame that draws R is painted, the first view is over. Asked for when R is in the
  // page, before that frame: a passive effect may run after it, and mark a frame late.
  const card = useRef<HTMLElement>(null);
  useLayoutEffect(() => markRShownAfterPaint(card.current), []);
  return (
    <section ref={card} className="headline-card" aria-label={t('results.reliability')}>
      <h3>{t('results.reliability')}</h3>
      <p className="headline-figure" data-testid="results-percent" {...R_FIGURE_ATTRIBUTES}>
        {formatPercent(analysis.reliability, language)}
      </p>
      <p className="headline-decimal" data-testid="results-decimal">
        {t('results.reliabilityDecimal', { value: formatDecimal(analysis.reliability, language) })}
      </p>
      <dl className="headline-facts">
        <div>
          <dt>{t('results.failuresPer10k')}</dt>
          <dd data-testid="results-failures">{formatCount(analysis.failuresPer10k, language)}</dd>
        </div>
      </dl>
      <p className="headline-note">
        {oneIn > 0
          ? t('results.oneIn', { n: formatCount(oneIn, language) })
          : t('results.noFailures')}
      </p>
      <details className="formula" open={formula !== null && formula.length < 160}>
        <summary>{t('results.formula')}</summary>
        {formula ? (
          <>
            <code aria-label={t('results.formula')}>R = {formula}</code>
            {result.numbers ? (
              <FormulaNumbers
                numbers={result.numbers}
                scenarioName={scenarioName}
                baselineReliability={
                  scenarioName === null ? null : (result.comparison[0]?.reliability ?? null)
                }
              />
            ) : (
              <p className="hint">{t('results.formulaTooLong')}</p>
            )}
            <p className="hint">{t('results.formulaHint')}</p>
          </>
        ) : (
          <p className="hint">{t('results.noFormula')}</p>
        )}
      </details>
    </section>
  );
});

const ParetoFigure = memo(function ParetoFigure({ result }: { result: ValidAnalysis }) {
  const t = useT();
  const language = useLanguage();
  const nameOf = useNodeNames(result);
  const render = useMemo(() => {
    const data: ParetoDatum[] = [];
    for (const point of result.analysis.failPointRanking.slice(0, 12)) {
      const before = data.length > 0 ? data[data.length - 1].cumulative : 0;
      data.push({
        id: point.id,
        label: nameOf(point.id),
        share: point.share,
        cumulative: before + point.share,
      });
    }
    return paretoChart(
      data,
      { share: t('results.paretoShare'), cumulative: t('results.paretoCumulative') },
      (value) => formatPercent(value, language, 0),
    );
  }, [result, t, language, nameOf]);
  if (result.analysis.failPointRanking.length === 0) {
    return (
      <section className="chart-card">
        <h3>{t('results.pareto')}</h3>
        <p className="panel-empty">{t('results.noFailPoints')}</p>
      </section>
    );
  }
  return (
    <section className="chart-card">
      <h3>{t('results.pareto')}</h3>
      <PlotFigure
        render={render}
        label={t('results.pareto')}
        caption={<span className="hint">{t('results.paretoHint')}</span>}
        testId="pareto-chart"
      />
    </section>
  );
});

const TornadoFigure = memo(function TornadoFigure({ result }: { result: ValidAnalysis }) {
  const t = useT();
  const language = useLanguage();
  const { analysis } = result;
  const delta = formatDecimal(analysis.tornadoDelta, language, 2);
  const nameOf = useNodeNames(result);
  const render = useMemo(() => {
    const data: TornadoDatum[] = analysis.tornado
      .filter((bar) => bar.swing > 0)
      .slice(0, 10)
      .map((bar) => ({ id: bar.id, label: nameOf(bar.id), low: bar.low, high: bar.high }));
    return tornadoChart(
      data,
      analysis.reliability,
      {
        low: t('results.tornadoLow', { delta }),
        high: t('results.tornadoHigh', { delta }),
        axis: t('results.tornadoAxis'),
      },
      (value) => formatDecimal(value, language),
    );
  }, [analysis, t, language, delta, nameOf]);
  if (!analysis.tornado.some((bar) => bar.swing > 0)) return null;
  return (
    <section className="chart-card">
      <h3>{t('results.tornado')}</h3>
      <PlotFigure
        render={render}
        label={t('results.tornado')}
        caption={<span className="hint">{t('results.tornadoHint', { delta })}</span>}
        testId="tornado-chart"
      />
    </section>
  );
});

type SortKey =
  | 'order'
  | 'reliability'
  | 'reliabilityWithRecovery'
  | 'failShare'
  | 'birnbaumImportance'
  | 'improvementPotential';

const columns: { key: SortKey; label: MessageKey; hint?: MessageKey }[] = [
  { key: 'reliability', label: 'results.colReliability' },
  { key: 'reliabilityWithRecovery', label: 'results.colWithRecovery' },
  { key: 'failShare', label: 'results.colShare' },
  { key: 'birnbaumImportance', label: 'results.colImportance', hint: 'results.colImportanceHint' },
  { key: 'improvementPotential', label: 'results.colPotential', hint: 'results.colPotentialHint' },
];

const StepsTable = memo(function StepsTable({
  result,
  onSelectNode,
}: {
  result: ValidAnalysis;
  onSelectNode: (id: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const nameOf = useNodeNames(result);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'order',
    descending: false,
  });
  const [showAll, setShowAll] = useState(false);
  const sorted = useMemo(() => {
    const steps = [...result.analysis.steps];
    if (sort.key !== 'order') {
      const key = sort.key;
      steps.sort((a, b) => (sort.descending ? b[key] - a[key] : a[key] - b[key]));
    }
    return steps;
  }, [result, sort]);
  // A large blueprint lists its first rows; the rest on request (sorting still covers all).
  const rows = showAll ? sorted : sorted.slice(0, STEP_ROWS);

  const toggle = (key: SortKey) =>
    setSort((current) =>
      current.key === key
        ? current.descending
          ? { key: 'order', descending: false }
          : { key, descending: true }
        : { key, descending: true },
    );
  const ariaSort = (key: SortKey) =>
    sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none';
  const maxShare = result.analysis.steps.reduce((max, row) => Math.max(max, row.failShare), 0);

  return (
    <section className="steps-card">
      <h3 id="steps-table-title">{t('results.stepsTable')}</h3>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="steps-table-title" data-testid="steps-table">
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('order')}>
                <button type="button" className="sort-button" onClick={() => toggle('order')}>
                  {t('results.colStep')}
                </button>
              </th>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className="numeric"
                  aria-sort={ariaSort(column.key)}
                  title={column.hint ? t(column.hint) : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                    {t(column.label)}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((step) => (
              <StepRow
                key={step.id}
                step={step}
                name={step.label || nameOf(step.id)}
                language={language}
                heat={maxShare > 0 ? step.failShare / maxShare : 0}
                onSelectNode={onSelectNode}
              />
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > STEP_ROWS ? (
        <button type="button" className="button button--small" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? t('results.showFewerSteps', { count: STEP_ROWS })
            : t('results.showAllSteps', { count: sorted.length })}
        </button>
      ) : null}
    </section>
  );
});

/** Rows of the per-step table shown before "show all". */
const STEP_ROWS = 50;

const StepRow = memo(function StepRow({
  step,
  name,
  language,
  heat,
  onSelectNode,
}: {
  step: StepFigures;
  /** The step's readable name. */
  name: string;
  language: 'en' | 'zh';
  heat: number;
  onSelectNode: (id: string) => void;
}) {
  return (
    <tr>
      <th scope="row">
        <button type="button" className="link-button" onClick={() => onSelectNode(step.id)}>
          {name}
        </button>
      </th>
      <td className="numeric">{formatProbability(step.reliability, language)}</td>
      <td className="numeric">
        {step.hasRecovery ? formatProbability(step.reliabilityWithRecovery, language) : '–'}
      </td>
      <td className="numeric share-cell">
        <span className="share-bar" style={{ width: `${Math.round(heat * 100)}%` }} aria-hidden />
        <span>{formatPercent(step.failShare, language)}</span>
      </td>
      <td className="numeric">{formatDecimal(step.birnbaumImportance, language)}</td>
      <td className="numeric">{formatSignedDecimal(step.improvementPotential, language)}</td>
    </tr>
  );
});
