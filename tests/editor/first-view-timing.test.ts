/**
 * The first-view mark and the work that waits for it: the engine's worker and the chart library
 * start once R is on screen, or after a while when it never is.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  afterFirstView,
  afterPaint,
  FIRST_VIEW_LATEST_MS,
  markRShown,
  markRShownAfterPaint,
  PRESENTED_LATEST_MS,
  R_FIGURE_TIMING,
  R_SHOWN_MARK,
  rShown,
} from '../../src/editor/results/timing';

beforeEach(() => {
  performance.clearMarks(R_SHOWN_MARK);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  performance.clearMarks(R_SHOWN_MARK);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the first view', () => {
  it('marks R once, at its first showing', () => {
    markRShown();
    const first = performance.getEntriesByName(R_SHOWN_MARK);
    markRShown();
    expect(performance.getEntriesByName(R_SHOWN_MARK)).toEqual(first);
    expect(first).toHaveLength(1);
  });

  it('marks R after the frame that draws it, not before', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      frames.push(callback),
    );
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    markRShownAfterPaint();
    expect(rShown()).toBe(false);
    frames[0](0);
    expect(rShown()).toBe(false);
    vi.advanceTimersByTime(0);
    expect(rShown()).toBe(true);
  });

  it('marks R after the first rendering step that lays out its figure, with or without a frame callback', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      frames.push(callback),
    );
    const cancelledFrames: number[] = [];
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => cancelledFrames.push(handle));
    const observers: { callback: () => void; observed: Element[]; disconnected: boolean }[] = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        record: (typeof observers)[number];
        constructor(callback: () => void) {
          this.record = { callback, observed: [], disconnected: false };
          observers.push(this.record);
        }
        observe(element: Element) {
          this.record.observed.push(element);
        }
        disconnect() {
          this.record.disconnected = true;
        }
      },
    );
    // The figure's element as the observer is given it (this test has no page).
    const figure = { tagName: 'SECTION' } as Element;
    markRShownAfterPaint(figure);
    expect(observers).toHaveLength(1);
    expect(observers[0].observed).toEqual([figure]);
    // The page's first paint: sizes are reported, no frame callback runs.
    observers[0].callback();
    expect(observers[0].disconnected).toBe(true);
    expect(cancelledFrames).toHaveLength(1);
    expect(rShown()).toBe(false);
    vi.advanceTimersByTime(0);
    expect(rShown()).toBe(true);
    // A frame callback coming after all the same does not queue a second mark.
    frames[0](0);
    vi.advanceTimersByTime(0);
    expect(performance.getEntriesByName(R_SHOWN_MARK)).toHaveLength(1);
  });

  it('marks R in a task queued ahead of waiting ones where the browser can, and never once cancelled', async () => {
    const posted: { task: () => void; priority: string }[] = [];
    vi.stubGlobal('scheduler', {
      postTask: (task: () => void, options: { priority: string }) => {
        posted.push({ task, priority: options.priority });
        return Promise.resolve();
      },
    });
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      frames.push(callback),
    );
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    markRShownAfterPaint();
    frames[0](0);
    expect(posted.map((entry) => entry.priority)).toEqual(['user-blocking']);
    expect(rShown()).toBe(false);
    posted[0].task();
    expect(rShown()).toBe(true);

    performance.clearMarks(R_SHOWN_MARK);
    const cancel = markRShownAfterPaint();
    frames[1](0);
    cancel();
    posted[1].task();
    await Promise.resolve();
    expect(rShown()).toBe(false);
  });

  it('queues deferred drawing after the mark: behind the waiting tasks, not ahead of them', () => {
    const posted: string[] = [];
    vi.stubGlobal('scheduler', {
      postTask: (task: () => void, options: { priority: string }) => {
        posted.push(options.priority);
        task();
        return Promise.resolve();
      },
    });
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      frames.push(callback),
    );
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const order: string[] = [];
    afterPaint(() => order.push('deferred part'));
    markRShownAfterPaint();
    frames.forEach((frame) => frame(0));
    order.push(rShown() ? 'R marked' : 'R not marked');
    vi.advanceTimersByTime(0);
    expect(posted).toEqual(['user-blocking']);
    expect(order).toEqual(['R marked', 'deferred part']);
  });

  it('starts waiting work when R shows, each task once', () => {
    const task = vi.fn();
    afterFirstView(task);
    vi.advanceTimersByTime(FIRST_VIEW_LATEST_MS - 1);
    expect(task).not.toHaveBeenCalled();
    markRShown();
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(FIRST_VIEW_LATEST_MS);
    expect(task).toHaveBeenCalledTimes(1);
    // Once R has shown, later work does not wait.
    const later = vi.fn();
    afterFirstView(later);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('starts waiting work once R’s frame is presented, where the browser reports it', () => {
    const observers: { callback: (list: { getEntries(): object[] }) => void; off: boolean }[] = [];
    vi.stubGlobal(
      'PerformanceObserver',
      class {
        static supportedEntryTypes = ['mark', 'element'];
        private readonly record: (typeof observers)[number];
        constructor(callback: (list: { getEntries(): object[] }) => void) {
          this.record = { callback, off: false };
          observers.push(this.record);
        }
        observe() {}
        disconnect() {
          this.record.off = true;
        }
      },
    );
    const task = vi.fn();
    afterFirstView(task);
    markRShown();
    // Painted, not yet presented: the parser and the charts would take the cores from it.
    expect(rShown()).toBe(true);
    expect(task).not.toHaveBeenCalled();
    afterFirstView(task);
    observers[0].callback({ getEntries: () => [{ identifier: 'another-figure' }] });
    expect(task).not.toHaveBeenCalled();
    observers[0].callback({ getEntries: () => [{ identifier: R_FIGURE_TIMING }] });
    expect(task).toHaveBeenCalledTimes(2);
    expect(observers[0].off).toBe(true);
    // A figure never reported (scrolled away) does not hold the work back for long.
    performance.clearMarks(R_SHOWN_MARK);
    const later = vi.fn();
    afterFirstView(later);
    markRShown();
    vi.advanceTimersByTime(PRESENTED_LATEST_MS - 1);
    expect(later).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('starts waiting work anyway when R never shows', () => {
    const task = vi.fn();
    afterFirstView(task, { latestMs: 500 });
    vi.advanceTimersByTime(499);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    markRShown();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits for an idle moment when asked, and runs nothing once cancelled', () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    vi.stubGlobal('cancelIdleCallback', () => undefined);
    const task = vi.fn();
    afterFirstView(task, { idle: true });
    markRShown();
    expect(task).not.toHaveBeenCalled();
    idle[0]();
    expect(task).toHaveBeenCalledTimes(1);

    performance.clearMarks(R_SHOWN_MARK);
    const cancelled = vi.fn();
    const cancel = afterFirstView(cancelled);
    cancel();
    markRShown();
    vi.advanceTimersByTime(FIRST_VIEW_LATEST_MS);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
