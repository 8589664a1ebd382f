/**
 * An Observable Plot chart as a React component. Plot draws plain SVG; this component owns a
 * container, measures its width and redraws when the options or the width change.
 *
 * Plot (with the d3 modules it brings, a quarter of a megabyte) is loaded the first time a chart
 * is drawn, not with the app: R and the canvas are on screen before any chart needs it. The
 * library is handed to `render`, so chart builders never import it themselves.
 *
 * For a screen reader the drawing is one image (`role="img"`) named by the chart's label, and
 * described by the figures its marks show in their tooltips: one entry per datum ("Customer
 * fills in the waybill, Share: 42 %, Cumulative: 42 %"), so the figures are heard in words and
 * the axis ticks, shortened and rotated for the eye, are not read one by one.
 */
import type * as Plot from '@observablehq/plot';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { afterFirstView } from './timing';

/** Observable Plot's functions, as {@link PlotFigure} hands them to a chart's `render`. */
export type PlotLibrary = typeof Plot;

/** Builds a chart's Plot options for a width in CSS pixels, with the loaded library. */
export type ChartRender = (width: number, plot: PlotLibrary) => Plot.PlotOptions;

let library: Promise<PlotLibrary> | null = null;

/**
 * Observable Plot, loaded once for every chart of the page. A failed load (the network went
 * away) is not kept, so the next chart tries again.
 */
export function loadPlot(): Promise<PlotLibrary> {
  library ??= import('@observablehq/plot').catch((error: unknown) => {
    library = null;
    throw error;
  });
  return library;
}

export interface PlotFigureProps {
  /** Builds the Plot options for a given width in CSS pixels. */
  render: ChartRender;
  /** Accessible name of the chart: what it shows. */
  label: string;
  caption?: ReactNode;
  className?: string;
  testId?: string;
}

/**
 * The figures a chart shows, one entry per datum, read from its marks' tooltips (`<title>`).
 * Marks drawn over the same data (a bar and its dot) have as many tooltips as there are data,
 * in the same order: their lines are merged into one entry, each line once, joined by
 * `separator`. A mark with another number of tooltips (a single rule) adds entries of its own.
 */
export function chartFigures(chart: Element, separator: string): string[] {
  const marks = [...chart.querySelectorAll('svg g[aria-label]')]
    .map((mark) =>
      [...mark.querySelectorAll('title')].map((title) =>
        (title.textContent ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      ),
    )
    .filter((titles) => titles.length > 0);
  const count = Math.max(0, ...marks.map((titles) => titles.length));
  const merged: string[][] = Array.from({ length: count }, () => []);
  const extra: string[][] = [];
  for (const titles of marks) {
    if (titles.length !== count) {
      extra.push(...titles);
      continue;
    }
    titles.forEach((lines, index) => {
      for (const line of lines) if (!merged[index].includes(line)) merged[index].push(line);
    });
  }
  return [...merged, ...extra].filter((lines) => lines.length > 0).map((l) => l.join(separator));
}

export function PlotFigure({ render, label, caption, className, testId }: PlotFigureProps) {
  const t = useT();
  const separator = t('editing.name.separator');
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [figures, setFigures] = useState<string[]>([]);
  const [plot, setPlot] = useState<PlotLibrary | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const figuresId = useId();

  useEffect(() => {
    let current = true;
    // Charts follow R: the library is not fetched and run while the first figures are drawn.
    const cancel = afterFirstView(() => {
      loadPlot().then(
        (loaded) => {
          if (current) setPlot(() => loaded);
        },
        () => {
          if (current) setLoadFailed(true);
        },
      );
    });
    return () => {
      current = false;
      cancel();
    };
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let frame = 0;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.floor(entries[0]?.contentRect.width ?? 0);
      cancelAnimationFrame(frame);
      // Redraw once per frame at most while a panel is being resized.
      frame = requestAnimationFrame(() => setWidth(measured));
    });
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element || !plot || width < 40) return;
    const chart = plot.plot({ ...render(width, plot), width });
    setFigures(chartFigures(chart, separator));
    // Plot names each group of marks with English words of its own ("bar", "x-axis tick"): they
    // tell a screen reader nothing the chart's name and figures do not, and they would be the
    // only English left in the Chinese interface.
    for (const group of chart.querySelectorAll('[aria-label]')) {
      group.removeAttribute('aria-label');
    }
    // The drawing itself is the image's content, told by its name and figures: hidden, so it is
    // not announced a second time as an unnamed graphic.
    chart.setAttribute('aria-hidden', 'true');
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [render, width, separator, plot]);

  return (
    // The image carries the chart's name; the figure is named by its caption, if any, so a
    // screen reader does not say the name twice.
    <figure className={`plot-figure ${className ?? ''}`} data-testid={testId}>
      {caption ? <figcaption>{caption}</figcaption> : null}
      <div
        className="plot-figure__canvas"
        ref={container}
        role="img"
        aria-label={label}
        aria-describedby={figures.length > 0 ? figuresId : undefined}
        aria-busy={plot === null && !loadFailed}
      />
      {loadFailed ? (
        <p className="form-error" role="alert">
          {t('results.chartLoadFailed')}
        </p>
      ) : null}
      {/* Read as the image's description; a description may come from content not shown. */}
      <ul id={figuresId} hidden data-testid={testId ? `${testId}-figures` : undefined}>
        {figures.map((figure, index) => (
          <li key={index}>{figure}</li>
        ))}
      </ul>
    </figure>
  );
}
