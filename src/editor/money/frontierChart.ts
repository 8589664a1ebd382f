/**
 * The budget optimiser's frontier as an Observable Plot chart: one-off cost along x, R or the
 * value over the horizon up; a step line through the frontier's combinations, each a dot
 * (filled within the budget, hollow over it, the chosen one ringed), and the one-off budget as
 * a dashed rule (none when only a yearly budget bounds the choice: the frontier then holds only
 * combinations within it).
 */
import { chartColors } from '../results/charts';
import type { ChartRender } from '../results/PlotFigure';
import type { FrontierPoint } from './moneyData';

const font = { fontFamily: 'inherit', fontSize: '11px', overflow: 'visible' } as const;

export interface FrontierChartLabels {
  /** What is measured up the chart. */
  measure: 'reliability' | 'value';
  /** The y axis's label. */
  axis: string;
  /** The x axis's label. */
  costAxis: string;
  /** The one-off budget, currency units, drawn as a rule; not drawn when infinite (no bound). */
  budget: number;
  money: (value: number) => string;
  decimal: (value: number) => string;
  marks: { within: string; over: string; chosen: string; budget: string };
}

/** The frontier chart's `render` for a `PlotFigure`. */
export function frontierChart(
  points: readonly FrontierPoint[],
  labels: FrontierChartLabels,
): ChartRender {
  const y = (point: FrontierPoint) =>
    labels.measure === 'reliability' ? point.reliability : (point.value ?? 0);
  const yText = (point: FrontierPoint) =>
    labels.measure === 'reliability' ? labels.decimal(point.reliability) : labels.money(y(point));
  const title = (point: FrontierPoint) =>
    [
      point.name,
      `${labels.costAxis}: ${labels.money(point.costOnce)}`,
      `${labels.axis}: ${yText(point)}`,
      point.chosen
        ? labels.marks.chosen
        : point.affordable
          ? labels.marks.within
          : labels.marks.over,
    ].join('\n');
  const chosen = points.filter((point) => point.chosen);
  return (_width, plot) => ({
    height: 220,
    marginLeft: 70,
    marginRight: 24,
    style: font,
    x: { label: labels.costAxis, tickFormat: 's', grid: true },
    y: {
      label: labels.axis,
      grid: true,
      tickFormat: labels.measure === 'reliability' ? (v: number) => labels.decimal(v) : 's',
    },
    marks: [
      plot.ruleX(Number.isFinite(labels.budget) ? [labels.budget] : [], {
        stroke: chartColors.accent,
        strokeDasharray: '4 3',
        title: () => `${labels.marks.budget}: ${labels.money(labels.budget)}`,
      }),
      plot.line(points, { x: 'costOnce', y, curve: 'step-after', stroke: chartColors.neutral }),
      plot.dot(points, {
        x: 'costOnce',
        y,
        r: 4.5,
        stroke: chartColors.bar,
        fill: (point: FrontierPoint) => (point.affordable ? chartColors.bar : 'white'),
        title,
      }),
      plot.dot(chosen, {
        x: 'costOnce',
        y,
        r: 9,
        stroke: chartColors.good,
        strokeWidth: 2.5,
        fill: 'none',
      }),
    ],
  });
}
