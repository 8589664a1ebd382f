/** Charts of a Monte Carlo run as Observable Plot options. */
import type { ConvergencePoint } from '../../sim/montecarlo';
import type { HistogramBin } from '../../sim/montecarlo/histogram';
import { chartColors } from '../results/charts';
import type { ChartRender } from '../results/PlotFigure';

const font = { fontFamily: 'inherit', fontSize: '11px', overflow: 'visible' } as const;

/**
 * The estimate of R and its 95 % band as trials accumulate, closing in on the exact R drawn as a
 * dashed line, named with its value in the bottom corner. One dot per point of the run's trace (from the first chunk on), so the
 * reader sees where the estimate was taken; the trials axis is linear from 0 with whole numbers
 * written the interface language's way (`formatTrials`).
 */
export function convergenceChart(
  points: readonly ConvergencePoint[],
  exact: number | null,
  labels: { trials: string; reliability: string; exact: string },
  formatDecimal: (value: number) => string,
  formatTrials: (value: number) => string,
): ChartRender {
  const values = points.flatMap((p) => [p.low, p.high]);
  if (exact !== null) values.push(exact);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.08, 0.0005);
  const last = points.length > 0 ? points[points.length - 1].trials : 1;
  return (width, plot) => ({
    height: 220,
    marginLeft: 52,
    // Room for the last tick ("1,000,000") centred on the right edge.
    marginRight: 28,
    marginBottom: 36,
    style: font,
    x: {
      domain: [0, last],
      label: labels.trials,
      labelAnchor: 'right',
      labelArrow: 'none',
      tickFormat: formatTrials,
      // Long numbers ("1,000,000"): fewer ticks on a narrow chart so none overlap.
      ticks: width < 420 ? 3 : 5,
      grid: true,
    },
    y: {
      domain: [Math.max(0, lo - pad), Math.min(1, hi + pad)],
      label: labels.reliability,
      labelArrow: 'none',
      tickFormat: formatDecimal,
      grid: true,
    },
    marks: [
      plot.areaY(points, {
        x: 'trials',
        y1: 'low',
        y2: 'high',
        fill: chartColors.band,
        fillOpacity: 0.5,
      }),
      plot.lineY(points, {
        x: 'trials',
        y: 'reliability',
        stroke: chartColors.bar,
        strokeWidth: 1.5,
      }),
      plot.dot(points, {
        x: 'trials',
        y: 'reliability',
        r: 1.8,
        fill: chartColors.bar,
        title: (p: ConvergencePoint) =>
          `${labels.trials}: ${formatTrials(p.trials)}\n${labels.reliability}: ${formatDecimal(p.reliability)} (${formatDecimal(p.low)} – ${formatDecimal(p.high)})`,
        className: 'convergence-point',
      }),
      ...(exact === null
        ? []
        : [
            plot.ruleY([exact], { stroke: chartColors.accent, strokeDasharray: '5,3' }),
            // In the bottom corner, as a legend: next to the line it would cover the last
            // points, which sit on it. Haloed so it reads over the band.
            plot.text([exact], {
              frameAnchor: 'bottom-right',
              textAnchor: 'end',
              text: () => `${labels.exact} ${formatDecimal(exact)}`,
              dx: -4,
              dy: -4,
              fill: chartColors.accent,
              fontWeight: 600,
              stroke: 'white',
              strokeWidth: 4,
            }),
          ]),
    ],
  });
}

export interface PercentileMark {
  name: string;
  value: number;
}

/** A duration or cost histogram with its percentiles marked. */
export function histogramChart(
  bins: readonly HistogramBin[],
  percentiles: readonly PercentileMark[],
  labels: { value: string; count: string },
  formatValue: (value: number) => string,
): ChartRender {
  return (_width, plot) => ({
    height: 180,
    marginLeft: 52,
    style: font,
    x: { label: labels.value, tickFormat: formatValue },
    y: { label: labels.count, grid: true, tickFormat: '~s' },
    marks: [
      plot.rectY(bins, {
        x1: 'from',
        x2: 'to',
        y: 'count',
        fill: chartColors.bar,
        fillOpacity: 0.85,
        insetLeft: 0.5,
        insetRight: 0.5,
      }),
      plot.ruleX(percentiles, { x: 'value', stroke: chartColors.accent, strokeDasharray: '3,3' }),
      plot.text(percentiles, {
        x: 'value',
        frameAnchor: 'top',
        text: (d: PercentileMark) => d.name,
        dy: -2,
        fill: chartColors.accent,
        textAnchor: 'start',
        dx: 3,
      }),
      plot.ruleY([0]),
    ],
  });
}
