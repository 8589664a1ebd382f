/**
 * When R first reached the screen, as a performance mark: the browser tests and the bench
 * (`bench/app.ts`) read it to measure the time from navigation to the first figure, and work
 * that can wait (the engine's worker) waits for it.
 */

/** Name of the mark set when the results panel first shows a finished R. */
export const R_SHOWN_MARK = 'failpoint:r-shown';

/**
 * The `elementtiming` name of R's figure in the results panel: the browser reports when the
 * frame showing it was presented (Element Timing), which the bench takes as R on screen.
 */
export const R_FIGURE_TIMING = 'failpoint-r';

/** Longest wait (ms) for R before deferred work starts anyway (an invalid first blueprint). */
export const FIRST_VIEW_LATEST_MS = 3000;

const waiting = new Set<() => void>();

function marks(): boolean {
  return typeof performance !== 'undefined' && typeof performance.mark === 'function';
}

/** Whether R has been on screen in this page. */
export function rShown(): boolean {
  return marks() && performance.getEntriesByName(R_SHOWN_MARK).length > 0;
}

/**
 * Sets {@link R_SHOWN_MARK} once per page (later figures are edits, not the first view) and
 * starts the work that waited for it.
 */
export function markRShown(): void {
  if (rShown()) return;
  if (marks()) performance.mark(R_SHOWN_MARK);
  released = false;
  whenRPresented(releaseWaiting);
}

/**
 * Whether the work waiting for the first view has been started (for this page's mark: tests
 * clear the mark to start over).
 */
let released = false;

/** Whether the first view is over: R's frame presented, and the work waiting for it started. */
export function firstViewOver(): boolean {
  return released && rShown();
}

function releaseWaiting(): void {
  released = true;
  const tasks = [...waiting];
  waiting.clear();
  for (const task of tasks) task();
}

/**
 * Longest wait (ms), after the main thread has painted R, for the browser to say that R's frame
 * was presented: a figure scrolled out of view is never reported.
 */
export const PRESENTED_LATEST_MS = 400;

/**
 * Runs `then` once the frame showing R's figure has been presented, as the browser reports it
 * (Element Timing), or at once where it cannot say. The painted frame still has to be rasterised
 * and shown, which on two cores takes a noticeable moment: the work waiting for the first view
 * (fetching and compiling the expression parser, the schemas, the charts) would otherwise take
 * those cores from it.
 */
function whenRPresented(then: () => void): void {
  const types =
    typeof PerformanceObserver === 'function' ? PerformanceObserver.supportedEntryTypes : [];
  if (!types?.includes('element')) {
    then();
    return;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    then();
  };
  const observer = new PerformanceObserver((list) => {
    const entries = list.getEntries() as (PerformanceEntry & { identifier?: string })[];
    if (entries.some((entry) => entry.identifier === R_FIGURE_TIMING)) finish();
  });
  observer.observe({ type: 'element', buffered: true });
  const timer = setTimeout(finish, PRESENTED_LATEST_MS);
}

/**
 * Marks R as shown once the frame that draws it has been painted (see {@link afterPaint}), in a
 * task that goes ahead of those already waiting: the mark says when R was painted, not when the
 * page next had nothing else to do. Returns a cancel for a figure taken off the screen before
 * it was painted.
 */
export function markRShownAfterPaint(shown?: Element | null): () => void {
  return afterPaint(markRShown, { shown, urgent: true });
}

/** Where {@link afterPaint} looks for the frame, and how soon its task runs. */
export interface AfterPaintOptions {
  /** An element the frame lays out: the page's first paint is found by it (see below). */
  shown?: Element | null;
  /** Queue the task ahead of the tasks already waiting, where the browser can; default false. */
  urgent?: boolean;
}

/**
 * Runs `task` once the next frame has been painted: a callback of that frame's rendering step
 * runs before its paint, and a task queued from it runs after. The callback is the first of a
 * frame callback and, given an element, a resize observer's first report of it: the browser's
 * first paint of a page is a rendering step that reports sizes but may run no frame callbacks,
 * which would then wait for a later frame. Returns a cancel.
 */
export function afterPaint(task: () => void, options: AfterPaintOptions = {}): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    task();
    return () => undefined;
  }
  let queued = false;
  let cancelled = false;
  let observer: ResizeObserver | undefined;
  const painting = () => {
    cancelAnimationFrame(frame);
    observer?.disconnect();
    if (queued) return;
    queued = true;
    taskAfterThisOne(() => {
      if (!cancelled) task();
    }, options.urgent ?? false);
  };
  const frame = requestAnimationFrame(painting);
  if (options.shown && typeof ResizeObserver === 'function') {
    observer = new ResizeObserver(painting);
    observer.observe(options.shown);
  }
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
    observer?.disconnect();
  };
}

/** The browser's task scheduler, where it has one (Chromium). */
interface TaskScheduler {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * Queues `task` as a task of its own; an urgent one ahead of the tasks already waiting where the
 * browser can (a page that has just opened has many, and a timer waits behind them all).
 */
function taskAfterThisOne(task: () => void, urgent: boolean): void {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (urgent && typeof scheduler?.postTask === 'function') {
    void scheduler.postTask(task, { priority: 'user-blocking' });
  } else {
    setTimeout(task, 0);
  }
}

/** When {@link afterFirstView} runs its task. */
export interface AfterFirstViewOptions {
  /** Wait further for an idle moment of the page (work nobody is waiting for); default false. */
  idle?: boolean;
  /** Run anyway after this many milliseconds without R (a first blueprint that has none). */
  latestMs?: number;
}

/** Runs `task` once R is on screen (at once if it is already). Returns a cancel. */
export function afterFirstView(task: () => void, options: AfterFirstViewOptions = {}): () => void {
  let cancelIdle: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  const start = () => {
    clearTimeout(timer);
    waiting.delete(start);
    if (started) return;
    started = true;
    if (options.idle) cancelIdle = whenIdle(task);
    else task();
  };
  if (firstViewOver()) start();
  else {
    waiting.add(start);
    timer = setTimeout(start, options.latestMs ?? FIRST_VIEW_LATEST_MS);
  }
  return () => {
    started = true;
    clearTimeout(timer);
    waiting.delete(start);
    cancelIdle?.();
  };
}

/** Runs `task` in the page's next idle moment (at most a second away). */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 0);
  return () => clearTimeout(handle);
}
