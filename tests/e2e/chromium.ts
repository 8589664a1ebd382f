/**
 * How headless Chromium is started, for the browser tests (`browser.ts`) and the bench
 * (`bench/app.ts`) alike, so that a page a test drives and a load the bench times run in the
 * same browser set-up. Kept free of imports so the bench can read it without loading
 * Playwright.
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
