/**
 * The Money tab as a manager uses it: what the courier's failures cost a year, the options
 * worth buying within a budget with the frontier they sit on, and the choice made a scenario.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BlueprintDocument } from '../../src/sim/document';
import { generateBlueprint, toBlueprintDocument } from '../../src/sim/generate';
import { axeViolations } from './axe';
import { openApp, screenshotPath, shotPath } from './browser';

/** The axe-core rules the Money panel breaks, one line each (see {@link axeViolations}). */
const panelViolations = (page: Page) => axeViolations(page, '#panel-money');

/**
 * Scrolls the analysis panel so that the section holding `heading` starts at its top. Only the
 * panel scrolls: `scrollIntoView` would also scroll the page when the inspector beside it holds
 * more than the window (the blueprint's economics and options).
 */
function scrollPanelTo(heading: Element): void {
  const section = heading.parentElement!;
  const body = section.closest('.panel-body')!;
  body.scrollTop += section.getBoundingClientRect().top - body.getBoundingClientRect().top;
}

/** A long task of the page: when it started (`performance.now`) and how long it took, ms. */
interface LongTask {
  start: number;
  duration: number;
}

/** Starts recording the page's long tasks (over 50 ms), from now on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask' });
  });
}

/** The long tasks recorded since {@link watchLongTasks}. */
function longTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => (window as unknown as { longTasks: LongTask[] }).longTasks);
}

/** The page's clock, `performance.now()`, milliseconds. */
function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** The longest of `tasks` that started within [from, to), milliseconds (0 for none). */
function longestBetween(tasks: readonly LongTask[], from: number, to: number): number {
  const within = tasks.filter((task) => task.start >= from && task.start < to);
  return Math.round(Math.max(0, ...within.map((task) => task.duration)));
}

/**
 * A generated 1,000-node blueprint with economics and `count` improvement options, each making
 * one step (nearly) perfect: 2^count combinations for the optimiser.
 */
function generatedWithOptions(count: number): BlueprintDocument {
  const document = toBlueprintDocument(
    generateBlueprint({ nodes: 1_000, seed: 7 }),
    'Stress test with options',
  );
  const steps = document.nodes.filter((node) => node.type === 'step').slice(0, count);
  return {
    ...document,
    economics: {
      currency: 'EUR',
      customersPerYear: 10_000,
      customerValue: 500,
      lostShare: 0.3,
      wordOfMouth: { told: 5, lostShare: 0.1 },
      failureCost: 10,
      horizonYears: 3,
    },
    options: steps.map((node, i) => ({
      id: `improve-${i + 1}`,
      label: `Improve ${node.id}`,
      costOnce: 1_000 * (i + 1),
      costPerYear: 100 * (i + 1),
      changes: [{ node: node.id, set: { reliability: 0.9999 } }],
    })),
  } as BlueprintDocument;
}

/** Opens `document` in the app as a user does, from a file. */
async function openFile(page: Page, document: BlueprintDocument): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'failpoint-money-')), 'options.blueprint.json');
  writeFileSync(file, JSON.stringify(document));
  await page.locator('input[type=file]').setInputFiles(file);
  await page
    .getByRole('toolbar')
    .getByText(document.title ?? '')
    .first()
    .waitFor();
}

describe('money', () => {
  it('shows the courier loss, picks the options within 3,000,000 and makes them a scenario', async () => {
    const { context, page } = await openApp({
      viewport: { width: 1440, height: 1300 },
      panelHeight: 640,
    });
    await page.getByRole('tab', { name: 'Money' }).click();

    // 10,000 customers × (1 − 0.765) fail; 2.3 customers lost per failure.
    const loss = page.getByRole('table', { name: 'Yearly loss of the baseline' });
    await expect(
      loss.getByRole('row', { name: /Customers failing a year/ }).innerText(),
    ).resolves.toMatch(/2,347/);
    await expect(loss.getByRole('row', { name: /Total loss a year/ }).innerText()).resolves.toMatch(
      /CNY$/,
    );
    const table = page.getByRole('table', { name: 'Money table of the scenarios' });
    await expect(table.getByRole('row').count()).resolves.toBeGreaterThan(2);

    const budget = page.getByRole('textbox', { name: 'Budget, one-off (CNY)' });
    await budget.fill('3,000,000');
    const chosen = page.getByRole('list', { name: 'Best within the budget' });
    await chosen.getByText('Courier checks the waybill with the customer').waitFor();
    await expect(chosen.getByRole('listitem').allInnerTexts()).resolves.toEqual([
      'Courier checks the waybill with the customer',
      'Load checked against the manifest before departure',
    ]);
    const options = page.getByRole('table', { name: 'Improvement options and their costs' });
    await expect(
      options.getByRole('row', { name: /Load checked against the manifest/ }).innerText(),
    ).resolves.toMatch(/chosen/);
    await expect(
      options.getByRole('row', { name: /scan/i }).first().innerText(),
    ).resolves.not.toMatch(/chosen/);

    // The frontier chart, drawn and described: the chosen pair sits on it at R 0.842.
    const chart = page.getByRole('img', { name: 'Frontier: one-off cost against R' });
    await chart.locator('svg').waitFor();
    // The figures list follows the drawing by one render.
    const list = page.getByTestId('money-frontier-reliability-figures');
    await expect.poll(() => list.innerText()).toMatch(/0\.842/);
    const figures = await list.innerText();
    expect(figures).toMatch(/Courier checks the waybill with the customer \+ Load checked/);
    expect(figures).toMatch(/0\.842/);
    await page
      .getByRole('img', { name: /one-off cost against value/ })
      .locator('svg')
      .waitFor();
    // The optimiser at the top of the panel: the menu, the choice and the charts in one view.
    await page.getByRole('heading', { name: 'Budget optimiser' }).evaluate(scrollPanelTo);
    await page.screenshot({ path: screenshotPath('screenshot-money.png') });
    expect((await panelViolations(page)).join('\n')).toBe('');

    await page.getByRole('button', { name: 'Make it a scenario' }).click();
    await expect(
      page.getByRole('tab', { name: 'Scenarios' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    const comparison = page.getByRole('table', { name: 'Scenario comparison' });
    const made = comparison.getByRole('row', { name: /Best within 3,000,000 CNY/ });
    await made.waitFor();
    await expect(made.innerText()).resolves.toMatch(/0\.842/);
    await page.screenshot({ path: shotPath('money-scenario.png') });

    // One undo step takes it back.
    await page.getByRole('toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
    await made.waitFor({ state: 'detached' });
    // The header, the baseline and the courier's three scenarios.
    await expect(comparison.getByRole('row').count()).resolves.toBe(5);
    await context.close();
  });

  it('keeps to a yearly budget typed beside the one-off budget', async () => {
    const { context, page } = await openApp({
      viewport: { width: 1440, height: 1300 },
      panelHeight: 640,
    });
    await page.getByRole('tab', { name: 'Money' }).click();
    const chosen = page.getByRole('list', { name: 'Best within the budget' });
    await chosen.waitFor();
    // Empty by default: no bound on the running cost, and the hint says so.
    const yearly = page.getByRole('textbox', { name: 'Yearly budget (CNY a year)' });
    await expect(yearly.inputValue()).resolves.toBe('');
    await page.getByText('leave it empty for no bound').waitFor();
    await yearly.fill('1,000,000');
    // Within 1,000,000 a year (and every option's one-off cost): the scanner and the app, 700,000
    // a year together (the command line's answer for the same bounds).
    await expect
      .poll(() => chosen.getByRole('listitem').allInnerTexts(), { timeout: 10_000 })
      .toEqual([
        'Barcode scanning at loading (step 7 to 0.99)',
        'Waybill filled in on a phone app (step 3 to 0.95)',
      ]);
    await expect(page.locator('.money-answer').innerText()).resolves.toMatch(/700,000 CNY a year/);
    await yearly.fill('a lot');
    await page.getByText('Write the yearly budget as an amount').waitFor();
    await expect(yearly.getAttribute('aria-invalid')).resolves.toBe('true');
    // Only a yearly budget: the one-off budget may then be left empty. Within 500,000 a year,
    // one option: the app (400,000 a year) earns more than the scanner (300,000).
    await yearly.fill('500000');
    await page.getByRole('textbox', { name: 'Budget, one-off (CNY)' }).fill('');
    await expect
      .poll(() => chosen.getByRole('listitem').allInnerTexts(), { timeout: 10_000 })
      .toEqual(['Waybill filled in on a phone app (step 3 to 0.95)']);
    await page.getByRole('heading', { name: 'Budget optimiser' }).evaluate(scrollPanelTo);
    await page.screenshot({ path: shotPath('money-yearly-budget.png') });
    expect((await panelViolations(page)).join('\n')).toBe('');
    await page.getByRole('button', { name: 'Make it a scenario' }).click();
    await page
      .getByRole('table', { name: 'Scenario comparison' })
      .getByRole('row', { name: /Best within 500,000 CNY a year/ })
      .waitFor();
    await context.close();
  });

  it('opens the Money tab without blocking the page: the courier, and 120 options on 1,000 nodes', async () => {
    // The courier: the money and the optimiser's 16 combinations.
    const { context, page } = await openApp({ panelHeight: 560 });
    await watchLongTasks(page);
    let started = Date.now();
    await page.getByRole('tab', { name: 'Money' }).click();
    await page.getByRole('list', { name: 'Best within the budget' }).waitFor();
    const courierMillis = Date.now() - started;
    const courierTasks = await longTasks(page);

    // 1,000 nodes, 120 options: far too many combinations to try every one on a blueprint this
    // size, so the optimiser goes greedy. Asked for the highest R, where every option helps, it
    // adds them one at a time, some 7,000 exact analyses of the whole blueprint (a few
    // milliseconds each on a quiet machine): well over the 8 s the page is watched for.
    await page.getByRole('tab', { name: 'Results' }).click();
    const document = generatedWithOptions(120);
    await openFile(page, document);
    // Its figures on screen (the courier's R gone), then a moment for the page to settle.
    await page
      .getByTestId('headline-decimal')
      .filter({ hasNotText: '0.765' })
      .waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    await watchLongTasks(page);
    started = Date.now();
    const clicked = await pageNow(page);
    await page.getByRole('tab', { name: 'Money' }).click();
    await page.getByRole('table', { name: 'Yearly loss of the baseline' }).waitFor({
      timeout: 30_000,
    });
    const lossMillis = Date.now() - started;
    await page.getByRole('radio', { name: 'Highest R' }).check();
    const busy = page.getByText('Finding the best options…');
    await busy.waitFor();
    // The busy line counts the combinations weighed (the greedy search has no known total).
    const weighed = async () => {
      const text = (await page.locator('.money-busy__count').textContent()) ?? '';
      const match = /^([\d,]+) combinations weighed so far$/.exec(text);
      return match ? Number(match[1].replaceAll(',', '')) : 0;
    };
    await expect.poll(weighed, { timeout: 10_000 }).toBeGreaterThan(0);
    const weighedFirst = await weighed();
    // The page answers while the optimiser works: typing a yearly budget shows at once (and
    // asks again; the budget leaves every option affordable, so the greedy run starts over).
    // Drawing the panel is done within a second; after it, only the optimiser works (in the
    // worker): the page's long tasks in these quiet stretches are money's.
    const drawn = (await pageNow(page)) + 1_000;
    await page.waitForTimeout(4_000);
    expect(await weighed()).toBeGreaterThan(weighedFirst);
    const typed = Date.now();
    const typedAt = await pageNow(page);
    const yearly = page.getByRole('textbox', { name: 'Yearly budget (EUR a year)' });
    await yearly.fill('100000');
    await expect(yearly.inputValue()).resolves.toBe('100000');
    const typingMillis = Date.now() - typed;
    await page.waitForTimeout(4_000);
    await expect(busy.isVisible()).resolves.toBe(true);
    const watchedUntil = await pageNow(page);
    const bigTasks = await longTasks(page);
    await page.getByRole('heading', { name: 'Budget optimiser' }).evaluate(scrollPanelTo);
    await page.screenshot({ path: shotPath('money-large.png') });
    const longest = (tasks: readonly LongTask[]) =>
      Math.round(Math.max(0, ...tasks.map((task) => task.duration)));
    const quiet = Math.max(
      longestBetween(bigTasks, drawn, typedAt),
      longestBetween(bigTasks, typedAt + 1_000, watchedUntil),
    );
    console.log(
      `Money tab, courier: answer in ${courierMillis} ms, longest main-thread task ` +
        `${longest(courierTasks)} ms (${courierTasks.length} over 50 ms); ` +
        `1,000 nodes with 120 options: money on screen in ${lossMillis} ms, longest task ` +
        `drawing the tab ${longestBetween(bigTasks, clicked, drawn)} ms, typing answered in ` +
        `${typingMillis} ms while the optimiser ran, longest task while it ran alone ` +
        `${quiet} ms (all: ${bigTasks.map((task) => Math.round(task.duration)).join(', ') || 'none'})`,
    );
    // SPEC §5's bar: no task over 50 ms. While the optimiser runs, none at all on this thread.
    expect(quiet).toBeLessThan(50);
    // Drawing the tab, its tables and charts, and answering a keystroke are React's and the
    // chart library's work, not money's: on a busy two-core test machine (one core taken by the
    // optimiser) they reach a few hundred milliseconds. The bound only catches money back on
    // this thread: validating the large blueprint alone takes seconds there.
    expect(longest(courierTasks)).toBeLessThan(1_000);
    expect(longest(bigTasks)).toBeLessThan(1_000);
    await context.close();
  }, 180_000);

  it('says how to add economics to a blueprint that has none, and follows the open blueprint', async () => {
    const { context, page } = await openApp({ panelHeight: 360 });
    await page.getByRole('tab', { name: 'Money' }).click();
    await page.getByRole('table', { name: 'Yearly loss of the baseline' }).waitFor();
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /Bank loan application/ }).click();
    await page
      .getByRole('heading', {
        name: /has no economics, so its failures cannot be turned into money/,
      })
      .waitFor();
    await expect(page.locator('#panel-money').innerText()).resolves.toMatch(
      /Add an “economics” object to the blueprint file/,
    );
    await expect(
      page.getByRole('table', { name: 'Yearly loss of the baseline' }).count(),
    ).resolves.toBe(0);
    await context.close();
  });

  it('reads in Chinese with the currency code', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN', panelHeight: 560 });
    await page.getByRole('tab', { name: '金额' }).click();
    const loss = page.getByRole('table', { name: '基准的年度损失' });
    await expect(
      loss.getByRole('row', { name: /每年遭遇失效的顾客/ }).innerText(),
    ).resolves.toMatch(/2,347/);
    await page.getByRole('button', { name: '生成改进方案' }).waitFor();
    // The Chinese file's options, in Chinese; the amounts carry the currency code.
    await expect(
      page.getByRole('table', { name: '改进选项及其成本' }).innerText(),
    ).resolves.toMatch(/发车前按清单核对装车/);
    await expect(loss.getByRole('row', { name: /每年总损失/ }).innerText()).resolves.toMatch(
      /[\d,]+ CNY$/,
    );
    await page.screenshot({ path: shotPath('money-zh.png') });
    await context.close();
  });
});
