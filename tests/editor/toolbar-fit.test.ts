/**
 * Fitting the toolbar to the window: the fewest steps with which everything is in view and the
 * title keeps its room, whatever the step count it starts from, and a refit for an unchanged
 * window reads the layout twice rather than once per step.
 */
import { describe, expect, it } from 'vitest';
import { FIT_STEPS, fitToolbar, TITLE_COMFORT_PX } from '../../src/editor/shell/toolbarFit';

/** Room each step saves, in CSS pixels (labels turned into icons, commands moved away). */
const SAVINGS = [60, 120, 70, 50, 200, 90, 110, 130];

/**
 * A toolbar as the style sheet lays it out: its content is `content` pixels wide less the room
 * saved by the steps in its `data-fit`; what is left of `window` after the content goes to the
 * title, which wants `titleWants` pixels. Counts how often the layout is read after a change.
 */
function fakeToolbar(window: number, content: number, titleWants: number) {
  const dataset: { fit?: string } = {};
  let reads = 0;
  const taken = () => (dataset.fit ? dataset.fit.split(' ').length : 0);
  const needed = () => content - SAVINGS.slice(0, taken()).reduce((sum, saved) => sum + saved, 0);
  const toolbar = {
    dataset,
    get scrollWidth() {
      reads += 1;
      return Math.max(window, needed());
    },
    get clientWidth() {
      return window;
    },
  } as unknown as HTMLElement;
  const title = {
    get clientWidth() {
      return Math.max(0, Math.min(titleWants, window - needed()));
    },
    get scrollWidth() {
      return titleWants;
    },
  } as unknown as HTMLElement;
  return { toolbar, title, reads: () => reads, steps: () => dataset.fit ?? '' };
}

describe('fitting the toolbar', () => {
  it('takes the fewest steps that fit, starting from none', () => {
    // 1,000 px of commands, a 1,440 px window and a title wanting 200 px: 1,000 + 180 comfort
    // fits with none taken.
    expect(fitToolbar(fakeToolbar(1440, 1000, 200).toolbar, null, 0)).toBe(0);
    const narrow = fakeToolbar(1000, 1300, 200);
    // 1,300 − 60 − 120 − 70 = 1,050 > 1,000; less 50 more = 1,000 leaves no room for the title,
    // less 200 more leaves it 200: five steps.
    expect(fitToolbar(narrow.toolbar, narrow.title, 0)).toBe(5);
    expect(narrow.steps()).toBe(FIT_STEPS.slice(0, 5).join(' '));
  });

  it('gives the same answer from any starting point, and labels back to a wider window', () => {
    for (let from = 0; from <= FIT_STEPS.length; from++) {
      const narrow = fakeToolbar(1000, 1300, 200);
      expect(fitToolbar(narrow.toolbar, narrow.title, from)).toBe(5);
      const wide = fakeToolbar(1600, 1300, 200);
      expect(fitToolbar(wide.toolbar, wide.title, from)).toBe(0);
      expect(wide.steps()).toBe('');
    }
  });

  it('keeps the title its comfortable width before giving up a label, or all of a short one', () => {
    // Room for the commands but only 100 px of title: one step leaves it 160 px, two give it
    // more than its 180.
    const cramped = fakeToolbar(1200, 1100, 400);
    expect(fitToolbar(cramped.toolbar, cramped.title, 0)).toBe(2);
    expect(fitToolbar(cramped.toolbar, cramped.title, 6)).toBe(2);
    expect(TITLE_COMFORT_PX).toBe(180);
    // A 90 px title needs only its own width.
    const short = fakeToolbar(1200, 1100, 90);
    expect(fitToolbar(short.toolbar, short.title, 0)).toBe(0);
  });

  it('takes every step when nothing fits', () => {
    const tiny = fakeToolbar(300, 1300, 200);
    expect(fitToolbar(tiny.toolbar, tiny.title, 3)).toBe(FIT_STEPS.length);
    expect(tiny.steps()).toBe(FIT_STEPS.join(' '));
  });

  it('reads the layout twice when refitting an unchanged window, not once per step', () => {
    const first = fakeToolbar(1000, 1300, 200);
    const steps = fitToolbar(first.toolbar, first.title, 0);
    expect(first.reads()).toBe(steps + 1);
    const again = fakeToolbar(1000, 1300, 200);
    expect(fitToolbar(again.toolbar, again.title, steps)).toBe(steps);
    expect(again.reads()).toBe(2);
  });
});
