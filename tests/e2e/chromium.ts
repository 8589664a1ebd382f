/**
 * How headless Chromium is started, for the browser tests (`browser.ts`) and the bench
 * (`bench/app.ts`) alike, so that a page a test drives and a load the bench times run in the
 * same browser set-up, and R on screen is waited for the same way. Kept free of imports so the
 * bench can read it without loading Playwright.
 */

/**
 * The command-line flags of every headless Chromium: no sandbox (the tests run as root), no
 * GPU, none of the browser's own traffic (updates, sync, first-run pages, QUIC), which would
 * compete with the app for two shared cores and reach for the network, and no address-bar
 * suggestion popup: each new context opens a window whose address bar preloads it, a page of the
 * browser's own that keeps a second renderer busy for a second or more while the app loads.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

/**
 * Runs in the page: resolves once R's figure has been presented, with the time of that frame
 * (Element Timing's `renderTime` of the element named `figure`), the time of the mark the page
 * sets once the main thread has painted it, and the page's time origin; both told by
 * performance observers. (Playwright's `waitForFunction` would first evaluate its own large
 * helper script on the page's main thread, some 50 ms that then count as the app's, and poll
 * every frame.) Without Element Timing the presented time is the mark's.
 */
export function waitForR([mark, figure]: [string, string]): Promise<{
  painted: number;
  presented: number;
  origin: number;
}> {
  return new Promise((resolve, reject) => {
    let painted = Number.NaN;
    let presented = Number.NaN;
    const settle = () => {
      if (Number.isNaN(painted) || Number.isNaN(presented)) return;
      clearTimeout(timer);
      resolve({ painted, presented, origin: performance.timeOrigin });
    };
    const timer = setTimeout(() => reject(new Error(`no ${mark} mark within 30 s`)), 30_000);
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntriesByName(mark)[0];
      if (!entry) return;
      observer.disconnect();
      painted = entry.startTime;
      if (!PerformanceObserver.supportedEntryTypes.includes('element')) presented = painted;
      settle();
    }).observe({ type: 'mark', buffered: true });
    if (!PerformanceObserver.supportedEntryTypes.includes('element')) return;
    new PerformanceObserver((list, observer) => {
      const entry = list
        .getEntries()
        .find(
          (candidate) =>
            (candidate as PerformanceEntry & { identifier?: string }).identifier === figure,
        ) as (PerformanceEntry & { renderTime: number }) | undefined;
      if (!entry) return;
      observer.disconnect();
      presented = entry.renderTime;
      settle();
    }).observe({ type: 'element', buffered: true });
  });
}
