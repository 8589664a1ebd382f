/**
 * The charts of the exact analysis as Observable Plot options. Each builder takes plain data
 * and the labels it shows, so the same chart serves both languages; it returns the `render` of
 * a `PlotFigure`, which hands it Plot once loaded.
 */
import type { ChartRender } from './PlotFigure';

export const chartColors = {
  bar: '#3b6fd8',
  accent: '#d9480f',
  good: '#2f9e44',
  bad: '#e03131',
  neutral: '#868e96',
  band: '#a5c0f2',
  baseline: '#495057',
} as const;

const font = { fontFamily: 'inherit', fontSize: '11px', overflow: 'visible' } as const;

/** Shortens a label for an axis, keeping the whole one for the tooltip. */
export function shorten(label: string, max = 22): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

export interface ParetoDatum {
  id: string;
  label: string;
  share: number;
  cumulative: number;
}

export function paretoChart(
  data: readonly ParetoDatum[],
  labels: { share: string; cumulative: string },
  formatPercent: (value: number) => string,
): ChartRender {
  const order = data.map((datum) => datum.id);
  const nameOf = new Map(data.map((datum) => [datum.id, shorten(datum.label, 14)]));
  return (width, plot) => ({
    height: 220,
    marginBottom: 64,
    marginLeft: 48,
    style: font,
    x: {
      domain: order,
      tickFormat: (id: string) => nameOf.get(id) ?? id,
      tickRotate: width < 520 ? -35 : -20,
      label: null,
    },
    y: {
      domain: [0, 1],
      tickFormat: (v: number) => formatPercent(v),
      label: labels.share,
      grid: true,
    },
    marks: [
      plot.barY(data, {
        x: 'id',
        y: 'share',
        fill: chartColors.bar,
        title: (d: ParetoDatum) => `${d.label}\n${labels.share}: ${formatPercent(d.share)}`,
      }),
      plot.lineY(data, { x: 'id', y: 'cumulative', stroke: chartColors.accent, strokeWidth: 2 }),
      plot.dot(data, {
        x: 'id',
        y: 'cumulative',
        fill: chartColors.accent,
        r: 3,
        title: (d: ParetoDatum) => `${labels.cumulative}: ${formatPercent(d.cumulative)}`,
      }),
      plot.text(data, {
        x: 'id',
        y: 'share',
        text: (d: ParetoDatum) => formatPercent(d.share),
        dy: -7,
        fill: '#212529',
      }),
      plot.ruleY([0]),
    ],
  });
}

export interface TornadoDatum {
  id: string;
  label: string;
  low: number;
  high: number;
}

export function tornadoChart(
  data: readonly TornadoDatum[],
  reliability: number,
  labels: { low: string; high: string; axis: string },
  formatDecimal: (value: number) => string,
): ChartRender {
  const order = data.map((datum) => datum.id);
  const nameOf = new Map(data.map((datum) => [datum.id, shorten(datum.label, 24)]));
  const lows = data.map((d) => ({ ...d, from: Math.min(d.low, reliability), to: reliability }));
  const highs = data.map((d) => ({ ...d, from: reliability, to: Math.max(d.high, reliability) }));
  const extent = data.reduce(
    (acc, d) => [Math.min(acc[0], d.low), Math.max(acc[1], d.high)],
    [reliability, reliability],
  );
  const pad = Math.max((extent[1] - extent[0]) * 0.08, 0.002);
  return (_width, plot) => ({
    height: Math.max(120, 26 * data.length + 50),
    marginLeft: 150,
    marginRight: 20,
    style: font,
    x: {
      domain: [Math.max(0, extent[0] - pad), Math.min(1, extent[1] + pad)],
      label: labels.axis,
      tickFormat: (v: number) => formatDecimal(v),
      grid: true,
    },
    y: { domain: order, tickFormat: (id: string) => nameOf.get(id) ?? id, label: null },
    marks: [
      plot.barX(lows, {
        x1: 'from',
        x2: 'to',
        y: 'id',
        fill: chartColors.bad,
        fillOpacity: 0.8,
        title: (d: TornadoDatum) => `${d.label}\n${labels.low}: ${formatDecimal(d.low)}`,
      }),
      plot.barX(highs, {
        x1: 'from',
        x2: 'to',
        y: 'id',
        fill: chartColors.good,
        fillOpacity: 0.8,
        title: (d: TornadoDatum) => `${d.label}\n${labels.high}: ${formatDecimal(d.high)}`,
      }),
      plot.ruleX([reliability], { stroke: chartColors.baseline, strokeWidth: 1.5 }),
    ],
  });
}

export interface ScenarioDatum {
  id: string;
  name: string;
  reliability: number;
  delta: number;
}

export function scenarioChart(
  data: readonly ScenarioDatum[],
  axis: string,
  formatDecimal: (value: number) => string,
  formatDelta: (value: number) => string,
): ChartRender {
  const order = data.map((datum) => datum.id);
  const nameOf = new Map(data.map((datum) => [datum.id, shorten(datum.name, 24)]));
  return (_width, plot) => ({
    height: Math.max(100, 30 * data.length + 44),
    marginLeft: 160,
    marginRight: 110,
    style: font,
    x: { domain: [0, 1], label: axis, tickFormat: (v: number) => formatDecimal(v), grid: true },
    y: { domain: order, tickFormat: (id: string) => nameOf.get(id) ?? id, label: null },
    color: {
      domain: ['baseline', 'better', 'worse'],
      range: [chartColors.baseline, chartColors.good, chartColors.bad],
    },
    marks: [
      plot.barX(data, {
        x: 'reliability',
        y: 'id',
        fill: (d: ScenarioDatum) =>
          d.id === 'baseline' ? 'baseline' : d.delta >= 0 ? 'better' : 'worse',
        title: (d: ScenarioDatum) => `${d.name}\n${formatDecimal(d.reliability)}`,
      }),
      plot.text(data, {
        x: 'reliability',
        y: 'id',
        text: (d: ScenarioDatum) =>
          d.id === 'baseline'
            ? formatDecimal(d.reliability)
            : `${formatDecimal(d.reliability)} (${formatDelta(d.delta)})`,
        textAnchor: 'start',
        dx: 6,
        fill: '#212529',
      }),
      plot.ruleX([0]),
    ],
  });
}
