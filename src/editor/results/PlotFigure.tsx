/**
 * An Observable Plot chart as a React component. Plot draws plain SVG; this component owns a
 * container, measures its width and redraws when the options or the width change.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface PlotFigureProps {
  /** Builds the Plot options for a given width in CSS pixels. */
  render: (width: number) => Plot.PlotOptions;
  /** Accessible name of the chart. */
  label: string;
  caption?: ReactNode;
  className?: string;
  testId?: string;
}

export function PlotFigure({ render, label, caption, className, testId }: PlotFigureProps) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

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
    const chart = Plot.plot({ ...render(width), width, ariaLabel: label });
    // Plot names each group of marks with English words of its own ("bar", "x-axis tick"): they
    // tell a screen reader nothing the chart's name and tooltips do not, and they would be the
    // only English left in the Chinese interface.
    for (const group of chart.querySelectorAll('svg [aria-label]')) {
      group.removeAttribute('aria-label');
    }
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [render, width, label]);

  return (
    <figure className={`plot-figure ${className ?? ''}`} aria-label={label} data-testid={testId}>
      {caption ? <figcaption>{caption}</figcaption> : null}
      <div className="plot-figure__canvas" ref={container} />
    </figure>
  );
}
