/**
 * The explorer's chart: R = pⁿ against n for the chosen p, the chosen n marked on it, the open
 * blueprint as a point at its number of steps and R (with the curve of its equivalent step
 * reliability p̄, on which it lies), and the target R as a line. Labels come in ready-made, so
 * the same chart serves both languages.
 */
import type { CompoundPoint } from '../../sim/teaching';
import { chartColors } from '../results/charts';
import type { ChartRender } from '../results/PlotFigure';

/** The open blueprint on the curve. */
export interface BlueprintMark {
  steps: number;
  /** R of the blueprint, probability 0–1. */
  reliability: number;
  /** R = p̄ᵏ for k = 1 … 50, the curve the blueprint lies on. */
  curve: CompoundPoint[];
  /** Tooltip and description of the point. */
  title: string;
  /** Tooltip of its curve. */
  curveTitle: string;
  /** Short label written beside the point. */
  label: string;
}

export interface CompoundChartInput {
  curve: CompoundPoint[];
  /** The chosen n and its R = pⁿ. */
  point: CompoundPoint;
  /** Tooltip of the curve and of the chosen point. */
  curveTitle: string;
  pointTitle: string;
  /** The blueprint, when it is valid and within the chart's 50 steps. */
  blueprint: BlueprintMark | null;
  /** The target R (probability) and its tooltip, when the target is valid. */
  target: { reliability: number; title: string } | null;
  axis: { steps: string; reliability: string };
  /** Writes R on the axis, e.g. 0.5 → "0.5" or "50 %". */
  formatTick: (value: number) => string;
}

const font = { fontFamily: 'inherit', fontSize: '11px', overflow: 'visible' } as const;

/** Last number of steps on the chart's axis. */
const CHART_STEPS = 50;

/** Colour of the target line: green, the colour of "good enough". */
const targetColor = chartColors.good;

export function compoundChart(input: CompoundChartInput): ChartRender {
  const { curve, point, blueprint, target } = input;
  return (width, plot) => ({
    height: 250,
    marginLeft: 48,
    marginRight: width < 480 ? 16 : 24,
    marginBottom: 40,
    style: font,
    x: {
      domain: [1, CHART_STEPS],
      label: input.axis.steps,
      labelAnchor: 'center',
      labelArrow: 'none',
      ticks: [1, 10, 20, 30, 40, 50],
    },
    y: {
      domain: [0, 1],
      label: input.axis.reliability,
      labelArrow: 'none',
      tickFormat: input.formatTick,
      grid: true,
    },
    marks: [
      plot.ruleY([0]),
      target
        ? plot.ruleY([target.reliability], {
            stroke: targetColor,
            strokeDasharray: '5 4',
            strokeWidth: 1.5,
            title: () => target.title,
          })
        : null,
      target
        ? plot.text([target.reliability], {
            x: CHART_STEPS,
            y: (value: number) => value,
            text: () => target.title,
            textAnchor: 'end',
            dy: -7,
            fill: targetColor,
            fontWeight: 600,
          })
        : null,
      blueprint
        ? plot.lineY(blueprint.curve, {
            x: 'steps',
            y: 'reliability',
            stroke: chartColors.accent,
            strokeOpacity: 0.55,
            strokeDasharray: '2 3',
            strokeWidth: 1.5,
            title: () => blueprint.curveTitle,
          })
        : null,
      plot.lineY(curve, {
        x: 'steps',
        y: 'reliability',
        stroke: chartColors.bar,
        strokeWidth: 2.5,
        title: () => input.curveTitle,
      }),
      plot.ruleX([point], {
        x: 'steps',
        y1: 0,
        y2: 'reliability',
        stroke: chartColors.bar,
        strokeOpacity: 0.4,
        strokeDasharray: '2 2',
      }),
      plot.dot([point], {
        x: 'steps',
        y: 'reliability',
        r: 5.5,
        fill: chartColors.bar,
        stroke: 'white',
        strokeWidth: 1.5,
        title: () => input.pointTitle,
      }),
      blueprint
        ? plot.dot([blueprint], {
            x: 'steps',
            y: 'reliability',
            r: 6.5,
            symbol: 'diamond',
            fill: chartColors.accent,
            stroke: 'white',
            strokeWidth: 1.5,
            title: () => blueprint.title,
          })
        : null,
      blueprint
        ? plot.text([blueprint], {
            x: 'steps',
            y: 'reliability',
            text: () => blueprint.label,
            // Beside the point, on the side with room: the chart's right half writes leftwards.
            textAnchor: blueprint.steps > CHART_STEPS * 0.6 ? 'end' : 'start',
            dx: blueprint.steps > CHART_STEPS * 0.6 ? -10 : 10,
            dy: -10,
            fill: '#7a2e06',
            fontWeight: 600,
            stroke: 'white',
            strokeWidth: 3,
            paintOrder: 'stroke',
          })
        : null,
    ],
  });
}
