/**
 * Shared set-up of the browser tests: one headless Chromium per test file, a fresh context per
 * test (so storage starts empty unless a test keeps it), and helpers that find things the way
 * a user does, by role and accessible name.
 *
 * The Chromium is started before a file's first test and closed after its last by
 * `tests/e2e/setup.ts`, which the e2e Vitest config runs for every file; a test file reads it
 * through {@link browser}, and {@link openApp} and {@link newPage} use it by themselves.
 */
import { mkdirSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { CHROMIUM_FLAGS } from './chromium';

export const appUrl = process.env.FAILPOINT_URL ?? 'http://127.0.0.1:4173/';

/** Starts a headless Chromium (`CHROMIUM_PATH`, Debian's by default) with Failpoint's flags. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS],
  });
}

/** The Chromium of the test file running now, while it is open. */
let fileBrowser: Browser | undefined;

/**
 * Starts the Chromium the tests of one file share. Called once per file, before its first
 * test, by the e2e setup file; a second call without {@link closeFileBrowser} between is a
 * mistake in the set-up and throws rather than leave a Chromium running.
 */
export async function startFileBrowser(): Promise<void> {
  if (fileBrowser) throw new Error('The Chromium of this test file was already started.');
  fileBrowser = await launchBrowser();
}

/** Closes the Chromium of the file, after its last test (nothing to do if it never started). */
export async function closeFileBrowser(): Promise<void> {
  const open = fileBrowser;
  fileBrowser = undefined;
  await open?.close();
}

/**
 * The Chromium this test file shares, started before its first test. Tests make their own
 * contexts in it ({@link openApp}, {@link newPage} or `browser().newContext(…)`), never
 * close it.
 */
export function browser(): Browser {
  if (!fileBrowser) {
    throw new Error(
      'No Chromium is open: browser tests run with vitest.e2e.config.ts, whose setup file starts it.',
    );
  }
  return fileBrowser;
}

export interface OpenOptions {
  /** Browser locale; also decides the first language when none was chosen yet. */
  locale?: string;
  viewport?: { width: number; height: number };
  /** Height of the analysis panel in CSS pixels, as if the user had dragged it there. */
  panelHeight?: number;
}

/**
 * A new context in the file's Chromium and a page with the app loaded and its first analysis on
 * screen.
 */
export async function openApp(
  options: OpenOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser().newContext({
    locale: options.locale ?? 'en-GB',
    viewport: options.viewport ?? { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  if (options.panelHeight !== undefined) {
    await context.addInitScript((height) => {
      if (!localStorage.getItem('failpoint.panelHeight')) {
        localStorage.setItem('failpoint.panelHeight', String(height));
      }
    }, options.panelHeight);
  }
  const page = await context.newPage();
  failOnPageError(page);
  await page.goto(appUrl);
  await page.getByRole('status', { name: /system reliability|总体可靠性/i }).waitFor();
  return { context, page };
}

/** Fails the test as soon as a script of the page throws. */
export function failOnPageError(page: Page): void {
  page.on('pageerror', (error) => {
    throw new Error(`The page threw: ${error.message}`);
  });
}

/**
 * A new context in the file's Chromium (`options`, British English unless they say otherwise)
 * and a page that fails the test if it throws, with nothing loaded yet: for a test that first
 * sets up how the page is served or where it goes.
 */
export async function newPage(
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser().newContext({ locale: 'en-GB', ...options });
  const page = await context.newPage();
  failOnPageError(page);
  return { context, page };
}

/** Waits until the toolbar's title button shows `title` (in either language). */
export async function titleShows(page: Page, title: string): Promise<void> {
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: new RegExp(`^(Title|标题)[:：] ?${title}`) })
    .waitFor();
}

/**
 * Renames the open blueprint as a user does: the title in the toolbar, then its field in the
 * inspector; waits until the toolbar shows the new title.
 */
export async function renameOpenBlueprint(page: Page, title: string): Promise<void> {
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: /^Title: / })
    .click();
  const field = page
    .getByRole('complementary', { name: 'Inspector' })
    .getByRole('textbox', { name: 'Title' });
  await field.fill(title);
  await field.press('Enter');
  await titleShows(page, title);
}

/**
 * Starts a Monte Carlo run of a billion trials, far more than a test waits for, and waits until
 * its first trials are counted: a run to cancel.
 */
export async function startEndlessSimulation(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Monte Carlo' }).click();
  await page.getByRole('spinbutton', { name: 'Trials' }).fill('1000000000');
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await page
    .getByTestId('sim-progress')
    .filter({ hasText: /[1-9][\d,]* of 1,000,000,000/ })
    .waitFor({ timeout: 30_000 });
}

/** What the New scenario form is filled in with: a name and one change to a node's field. */
export interface ScenarioDraft {
  name: string;
  /** The node the change is to, as the form lists it ("Label (id)"). */
  node: string;
  field: string;
  value: string;
}

/**
 * Opens the Scenarios tab and its New scenario form, fills it in with `draft` and gives the
 * form's dialog, not yet saved.
 */
export async function draftScenario(page: Page, draft: ScenarioDraft): Promise<Locator> {
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await page.getByRole('button', { name: 'New scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'New scenario' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(draft.name);
  await dialog
    .getByRole('combobox', { name: 'Change 1: what' })
    .selectOption({ label: draft.node });
  await dialog.getByRole('combobox', { name: 'Change 1: field' }).selectOption(draft.field);
  await dialog.getByRole('textbox', { name: 'Change 1: value' }).fill(draft.value);
  return dialog;
}

/** The headline reliability as the status bar shows it, e.g. "0.765". */
export async function headlineReliability(page: Page): Promise<string> {
  return (await page.getByTestId('headline-decimal').innerText()).trim();
}

/** Waits until the headline reliability reads `expected`. */
export async function expectHeadline(page: Page, expected: string, timeout = 5_000): Promise<void> {
  await page.getByTestId('headline-decimal').filter({ hasText: expected }).waitFor({ timeout });
}

/** Scrolls the analysis panel back to its top, for a screenshot. */
export async function scrollPanelToTop(page: Page): Promise<void> {
  await page.locator('.panel-body').evaluate((element) => element.scrollTo(0, 0));
}

/** Where a screenshot that is for looking at, not for the docs, is written. */
export function shotPath(name: string): string {
  const dir = new URL('../../test-results/screens/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  return new URL(name, dir).pathname;
}

/** Where a screenshot for the docs is written. */
export function screenshotPath(name: string): string {
  mkdirSync(new URL('../../docs', import.meta.url), { recursive: true });
  return new URL(`../../docs/${name}`, import.meta.url).pathname;
}
