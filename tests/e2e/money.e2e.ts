/**
 * The Money tab as a manager uses it: what the courier's failures cost a year, the options
 * worth buying within a budget with the frontier they sit on, and the choice made a scenario.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshotPath, shotPath } from './browser';

let browser: Browser;

/**
 * The axe-core rules (WCAG 2 A/AA and best practice) the Money panel breaks, one line each:
 * rule, then the elements.
 */
async function panelViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<Result> } })
      .axe;
    const results = await axe.run(
      { include: [['#panel-money']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
        resultTypes: ['violations'],
      },
    );
    return results.violations.map(
      ({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  });
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('money', () => {
  it('shows the courier loss, picks the options within 3,000,000 and makes them a scenario', async () => {
    const { context, page } = await openApp(browser, {
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
    const figures = await page.getByTestId('money-frontier-reliability-figures').innerText();
    expect(figures).toMatch(/Courier checks the waybill with the customer \+ Load checked/);
    expect(figures).toMatch(/0\.842/);
    await page
      .getByRole('img', { name: /one-off cost against value/ })
      .locator('svg')
      .waitFor();
    // The optimiser at the top of the panel: the menu, the choice and the charts in one view.
    await page
      .getByRole('heading', { name: 'Budget optimiser' })
      .evaluate((heading) => heading.parentElement?.scrollIntoView({ block: 'start' }));
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

  it('says how to add economics to a blueprint that has none, and follows the open blueprint', async () => {
    const { context, page } = await openApp(browser, { panelHeight: 360 });
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
    const { context, page } = await openApp(browser, { locale: 'zh-CN', panelHeight: 560 });
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
