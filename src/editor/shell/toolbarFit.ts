/**
 * Fitting the toolbar to the window. The toolbar first shows every command with its label; when
 * they do not fit, it takes steps one after another, each saving room: labels of well-known
 * commands give way to their icons (the label stays as the accessible name and the tooltip says
 * it), then the least used commands move into the More menu. The steps are words in the
 * toolbar's `data-fit` attribute, so the style sheet does the showing and hiding and React
 * renders nothing different: measuring again never feeds on itself.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The steps in the order they are taken, each keeping the ones before it:
 * - `history`: Undo and Redo as icons;
 * - `view`: Auto layout and Fit view as icons;
 * - `brand`: the app's name hidden (its mark stays; the name stays for screen readers);
 * - `present`: Present as an icon;
 * - `file`: New, Open, Save and Library as icons;
 * - `more-modes`: Teach and Present move into the More menu;
 * - `more-file`: New and Library move into the More menu;
 * - `more-view`: Auto layout and Fit view move into the More menu.
 */
export const FIT_STEPS = [
  'history',
  'view',
  'brand',
  'present',
  'file',
  'more-modes',
  'more-file',
  'more-view',
] as const;

export type FitStep = (typeof FIT_STEPS)[number];

/**
 * Width in CSS pixels the title keeps before the toolbar takes a step (or its whole width when
 * shorter): a title cut to a few letters reads worse than a command shown as an icon.
 */
export const TITLE_COMFORT_PX = 180;

/** True when the toolbar, at `steps` steps taken, has every step in `step`'s place or after. */
export function stepTaken(steps: number, step: FitStep): boolean {
  return FIT_STEPS.indexOf(step) < steps;
}

function apply(toolbar: HTMLElement, steps: number): void {
  const value = FIT_STEPS.slice(0, steps).join(' ');
  if (toolbar.dataset.fit !== value) toolbar.dataset.fit = value;
}

/** Whether everything is in view and the title has its room; reading the sizes lays out now. */
function fits(toolbar: HTMLElement, title: HTMLElement | null): boolean {
  if (toolbar.scrollWidth > toolbar.clientWidth) return false;
  if (!title) return true;
  // A title cut short by its ellipsis is wider inside than out.
  return title.clientWidth >= Math.min(title.scrollWidth, TITLE_COMFORT_PX) - 1;
}

/**
 * Takes the fewest steps with which the toolbar fits and returns their count. Starts from
 * `from` steps (the last fit's answer: a refit for the same width then reads the layout twice,
 * not once per step) and gives steps back while the toolbar fits with fewer, so that a wider
 * window or a shorter title gives the labels back.
 */
export function fitToolbar(toolbar: HTMLElement, title: HTMLElement | null, from = 0): number {
  let steps = Math.max(0, Math.min(from, FIT_STEPS.length));
  apply(toolbar, steps);
  if (fits(toolbar, title)) {
    while (steps > 0) {
      apply(toolbar, steps - 1);
      if (!fits(toolbar, title)) {
        apply(toolbar, steps);
        break;
      }
      steps -= 1;
    }
    return steps;
  }
  while (steps < FIT_STEPS.length) {
    steps += 1;
    apply(toolbar, steps);
    if (fits(toolbar, title)) break;
  }
  return steps;
}

/**
 * Keeps the toolbar fitted: again when its width changes (the window) and when what it shows
 * changes (the language, the title, the headline, a command added). Returns how many steps are
 * taken, for the More menu to list what left the toolbar.
 */
export function useToolbarFit(
  toolbar: RefObject<HTMLElement | null>,
  title: RefObject<HTMLElement | null>,
): number {
  const [steps, setSteps] = useState(0);
  useLayoutEffect(() => {
    const element = toolbar.current;
    if (!element) return;
    let taken = 0;
    let fittedWidth = -1;
    const refit = () => {
      taken = fitToolbar(element, title.current, taken);
      // Read after fitting, from the layout the last check made: no extra layout.
      fittedWidth = element.clientWidth;
      setSteps(taken);
    };
    refit();
    // Fitting changes only the toolbar's `data-fit`, which neither observer watches. The
    // observer's first report, made on observing, is of the width just fitted: skipped.
    // (Sizes are read in an observer's callback from the layout just made.)
    const resized = new ResizeObserver(() => {
      if (element.clientWidth !== fittedWidth) refit();
    });
    resized.observe(element);
    const changed = new MutationObserver(refit);
    changed.observe(element, {
      childList: true,
      characterData: true,
      subtree: true,
      attributeFilter: ['class', 'aria-pressed', 'hidden', 'style'],
    });
    // Labels are measured in a fallback font until the page's fonts are in (when it has fonts
    // of its own still loading; the system's are there from the start).
    let live = true;
    if (document.fonts.status !== 'loaded') {
      void document.fonts.ready.then(() => {
        if (live) refit();
      });
    }
    return () => {
      live = false;
      resized.disconnect();
      changed.disconnect();
    };
  }, [toolbar, title]);
  return steps;
}
