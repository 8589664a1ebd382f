/**
 * Figures of SPEC §5 that only a browser can measure: opening a 1,000-node blueprint, and the
 * longest main-thread task while a long simulation runs. Each prints what it measured.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/editor/results/format';
import { systemReliability } from '../../src/sim/exact';
import { generateBlueprint, toBlueprintDocument } from '../../src/sim/generate';
import { validateDocument } from '../../src/sim/parse';
import { expectHeadline, launchBrowser, openApp } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('performance', () => {
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

    const { context, page } = await openApp(browser);
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
    const { context, page } = await openApp(browser);
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
