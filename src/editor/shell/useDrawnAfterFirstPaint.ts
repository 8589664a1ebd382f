/**
 * Parts of the frame that are no part of R (the inspector, the steps table below the figures)
 * wait for the first view's frame to be painted before they are drawn: the first render, layout
 * and paint carry the canvas and R alone, and these follow in the next frame. Once R has been on
 * screen they are drawn at once (a tab opened again does not blink).
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { afterPaint, rShown } from '../results/timing';

/**
 * Whether to draw the deferred part now: false until the frame that lays out `anchor` (an
 * element drawn from the start, such as the part's box) has been painted, unless R has already
 * been on screen.
 */
export function useDrawnAfterFirstPaint(anchor: RefObject<Element | null>): boolean {
  const [drawn, setDrawn] = useState(rShown);
  useLayoutEffect(
    () => (drawn ? undefined : afterPaint(() => setDrawn(true), { shown: anchor.current })),
    [drawn, anchor],
  );
  return drawn;
}
