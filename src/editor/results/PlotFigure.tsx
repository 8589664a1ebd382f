/**
 * An Observable Plot chart as a React component. Plot draws plain SVG; this component owns a
 * container, measures its width and redraws when the options or the width change.
 *
 * For a screen reader the drawing is one image (`role="img"`) named by the chart's label, and
 * described by the figures its marks show in their tooltips: one entry per datum ("Customer
 * fills in the waybill, Share: 42 %, Cumulative: 42 %"), so the figures are heard in words and
 * the axis ticks, shortened and rotated for the eye, are not read one by one.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export interface PlotFigureProps {
  /** Builds the Plot options for a given width in CSS pixels. */
  render: (width: number) => Plot.PlotOptions;
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
  const figuresId = useId();

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
    if (!element || width < 40) return;
    const chart = Plot.plot({ ...render(width), width });
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
  }, [render, width, separator]);

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
      />
      {/* Read as the image's description; a description may come from content not shown. */}
      <ul id={figuresId} hidden data-testid={testId ? `${testId}-figures` : undefined}>
        {figures.map((figure, index) => (
          <li key={index}>{figure}</li>
        ))}
      </ul>
    </figure>
  );
}
