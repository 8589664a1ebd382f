/**
 * Figures of SPEC §5 that only a browser can measure: R on screen after navigation, opening a
 * 1,000-node blueprint, and the longest main-thread task while a long simulation runs. Each
 * prints what it measured.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/editor/results/format';
import { R_FIGURE_TIMING, R_SHOWN_MARK } from '../../src/editor/results/timing';
import { systemReliability } from '../../src/sim/exact';
import { generateBlueprint, toBlueprintDocument } from '../../src/sim/generate';
import { validateDocument } from '../../src/sim/parse';
import { appUrl, browser, expectHeadline, openApp, shotPath } from './browser';
import { waitForR } from './chromium';

/** Loads of the app measured for the time to R; the figure printed is their median. */
const FIRST_VIEW_LOADS = 5;

describe('performance', () => {
  it('shows R soon after navigation, fetching only the first view (bar: 1 s)', async () => {
    const times: number[] = [];
    const paintedTimes: number[] = [];
    const firstViewBytes: number[] = [];
    for (let load = 0; load < FIRST_VIEW_LOADS; load++) {
      // A fresh context each time: nothing cached, no library, as on a first visit.
      const context = await browser().newContext({
        locale: 'en-GB',
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      const fetched: { url: string; at: number; request: Request }[] = [];
      context.on('request', (request) =>
        fetched.push({ url: request.url(), at: Date.now(), request }),
      );
      await page.goto(appUrl);
      // R on screen: the frame that shows its figure presented, as the bench measures it.
      const { painted, presented, origin } = await page.evaluate(waitForR, [
        R_SHOWN_MARK,
        R_FIGURE_TIMING,
      ] as [string, string]);
      const at = Math.max(painted, presented);
      times.push(at);
      paintedTimes.push(painted);
      expect(await page.getByTestId('results-percent').innerText()).toBe('76.5 %');

      // Before R: the page, its style and the scripts it names itself (no chunk loaded by
      // another chunk, no worker, no chart library), so nothing waits on a chain of requests.
      const named = await page.evaluate(() =>
        [
          ...document.querySelectorAll(
            'script[src], link[rel=modulepreload], link[rel=stylesheet]',
          ),
        ].map((element) => (element as HTMLScriptElement).src || (element as HTMLLinkElement).href),
      );
      const early = fetched.filter(
        (request) => request.at <= origin + at && /\.(m?js|css)(\?|$)/.test(request.url),
      );
      expect(early.map((request) => request.url).filter((url) => !named.includes(url))).toEqual([]);
      const sizes = early.map(
        async ({ request }) => (await (await request.response())?.body())?.length ?? 0,
      );
      const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
      firstViewBytes.push(bytes);
      // The charts follow R, with the library loaded for them.
      await page.getByRole('img', { name: 'Where failures come from' }).locator('svg').waitFor();
      if (load === 0) await page.screenshot({ path: shotPath('first-view.png') });
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1];
    // A shared machine's load stretches this figure like no other: the guard grows with it.
    const busy = Math.max(1, loadavg()[0] / availableParallelism());
    const guard = 2_500 * busy;
    console.log(
      `time to R: median ${Math.round(median)} ms of ${FIRST_VIEW_LOADS} cold loads ` +
        `(${times.map((t) => Math.round(t)).join(', ')} ms; painted on the main thread at ` +
        `${Math.round(paintedTimes.sort((a, b) => a - b)[paintedTimes.length >> 1])} ms); first view ` +
        `${Math.round(Math.max(...firstViewBytes) / 1024)} KiB; load average ` +
        `${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores, guard ${Math.round(guard)} ms`,
    );
    // The bar is 1 s on a quiet machine; the assertion leaves room for a busy one and catches a
    // first view that waits for something again (the library, a worker, a chain of chunks).
    expect(median).toBeLessThan(guard);
    // The bar for the first view (uncompressed): mathjs, zod, DEFLATE, the other language's
    // messages, the engine's worker or the chart library back in it would each cross it.
    expect(Math.max(...firstViewBytes)).toBeLessThanOrEqual(900 * 1024);
  }, 180_000);

  it('opens a generated 1,000-node blueprint (bar: 2 s on a quiet machine)', async () => {
    const document = toBlueprintDocument(
      generateBlueprint({ nodes: 1_000, seed: 7 }),
      'Stress test, 1,000 nodes',
    );
    const parsed = validateDocument(document);
    if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
    const expected = formatDecimal(systemReliability(parsed.blueprint.model), 'en');
    const file = join(mkdtempSync(join(tmpdir(), 'failpoint-e2e-')), 'stress.blueprint.json');
    writeFileSync(file, JSON.stringify(document));

    const { context, page } = await openApp();
    const started = Date.now();
    await page.locator('input[type=file]').setInputFiles(file);
    await page
      .locator('.react-flow')
      .getByText('Stress test, 1,000 nodes')
      .or(page.getByRole('toolbar').getByText('Stress test, 1,000 nodes'))
      .first()
      .waitFor();
    await page.locator('.react-flow__node').first().waitFor();
    if (expected !== '0.765') await expectHeadline(page, expected, 10_000);
    // Wait for the canvas to paint the new blueprint.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const openMillis = Date.now() - started;
    console.log(`1,000-node blueprint opened in ${openMillis} ms (R = ${expected})`);
    // The bar of SPEC §5 is 2 s; the figure printed above is the measurement. The assertion
    // leaves room for a busy test machine and catches only a blueprint that no longer opens
    // in reasonable time.
    expect(openMillis).toBeLessThan(8_000);
    await context.close();
  });

  it('keeps the main thread free during a long simulation', async () => {
    const { context, page } = await openApp();
    await page.getByRole('tab', { name: 'Monte Carlo' }).click();
    await page.getByRole('spinbutton', { name: 'Trials' }).fill('100000000');
    await page.getByRole('checkbox', { name: /Compare scenarios/ }).uncheck();
    await page.evaluate(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('sim-progress').waitFor();
    // Watch the run for a while, as a user would while it goes on.
    await page.waitForTimeout(8_000);
    const progress = await page.getByTestId('sim-progress').innerText();
    const tasks = await page.evaluate(
      () => (window as unknown as { longTasks: number[] }).longTasks,
    );
    await page.getByRole('button', { name: 'Cancel' }).last().click();
    const longest = Math.max(0, ...tasks);
    console.log(
      `10⁸-trial simulation: longest main-thread task ${Math.round(longest)} ms ` +
        `(${tasks.length} tasks over 50 ms) after 8 s; progress ${progress.replace(/\s+/g, ' ')}`,
    );
    // SPEC §5's bar is 50 ms, measured on a quiet machine; here a wide margin catches a run
    // that works on the main thread without failing on a busy test machine.
    expect(longest).toBeLessThan(250);
    await context.close();
  });
});
