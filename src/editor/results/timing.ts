/**
 * When R first reached the screen, as a performance mark: the browser tests and the bench
 * (`bench/app.ts`) read it to measure the time from navigation to the first figure.
 */

/** Name of the mark set when the results panel first shows a finished R. */
export const R_SHOWN_MARK = 'failpoint:r-shown';

/** Sets {@link R_SHOWN_MARK} once per page: later figures are edits, not the first view. */
export function markRShown(): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(R_SHOWN_MARK).length > 0) return;
  performance.mark(R_SHOWN_MARK);
}
