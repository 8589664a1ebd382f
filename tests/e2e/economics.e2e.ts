/**
 * Editing the money of a blueprint as a user does: economics added to a blueprint without them
 * and changed in the blueprint properties, with the Money tab following; an improvement option
 * added with its change and costs, ticked in a new scenario whose money then shows; a
 * conflicting choice refused with its sentence; and undo taking each edit back.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, shotPath } from './browser';

/** The figure of one row of the Money tab's yearly loss table. */
async function lossRow(page: Page, row: RegExp): Promise<string> {
  const loss = page.getByRole('table', { name: 'Yearly loss of the baseline' });
  return loss.getByRole('row', { name: row }).innerText();
}

async function openExample(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name }).click();
}

describe('editing the economics and the improvement options', () => {
  it('adds economics to the bank loan, changes customers a year, and the Money tab follows', async () => {
    const { context, page } = await openApp({
      viewport: { width: 1440, height: 1200 },
      panelHeight: 460,
    });
    await openExample(page, /Bank loan application/);
    await page.getByRole('toolbar').getByText('Bank loan application').waitFor();
    await page.getByRole('tab', { name: 'Money' }).click();
    await page.getByText('This blueprint has no economics').waitFor();

    const economics = page.getByRole('region', { name: 'Economics', exact: true });
    await economics.getByRole('button', { name: 'Add economics' }).click();
    const customers = economics.getByRole('textbox', { name: 'Customers a year' });
    await expect(customers.inputValue()).resolves.toBe('10000');
    const failedBefore = await lossRowNumber(page, /Customers failing a year/);
    expect(failedBefore).toBeGreaterThan(0);

    await customers.fill('40000');
    await customers.press('Enter');
    await expect
      .poll(() => lossRowNumber(page, /Customers failing a year/), { timeout: 10_000 })
      .toBeCloseTo(4 * failedBefore, 0);

    // A share outside [0, 1] is stopped at the field, with the reason, and not recorded.
    const lost = economics.getByRole('textbox', { name: 'Failed customers who leave' });
    await lost.fill('1.5');
    await economics.getByText(/between 0 and 1/).waitFor();
    await expect(lost.getAttribute('aria-invalid')).resolves.toBe('true');
    await lost.press('Escape');

    // The customer's value as spending: the three factors replace the one amount.
    await economics
      .getByRole('combobox', { name: 'A customer’s value is given as' })
      .selectOption('spending');
    await expect(
      economics.getByRole('textbox', { name: 'Spending per visit' }).inputValue(),
    ).resolves.toBe('2400');
    await economics.getByRole('textbox', { name: 'Visits a year' }).waitFor();
    await economics.getByRole('heading', { name: 'Economics' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('economics-bank-loan.png') });

    // Undo, one step each: the form, the customers, then the economics themselves.
    const undo = page.getByRole('toolbar').getByRole('button', { name: 'Undo', exact: true });
    await undo.click();
    await economics.getByRole('textbox', { name: 'Value of a kept customer' }).waitFor();
    await undo.click();
    await expect(customers.inputValue()).resolves.toBe('10000');
    await undo.click();
    await economics.getByRole('button', { name: 'Add economics' }).waitFor();
    await page.getByText('This blueprint has no economics').waitFor();
    await context.close();
  });

  it('adds an option to the courier, ticks it in a new scenario, refuses a conflicting one', async () => {
    const { context, page } = await openApp({
      viewport: { width: 1440, height: 1200 },
      panelHeight: 460,
    });
    const options = page.getByRole('region', { name: 'Improvement options', exact: true });
    await options.getByRole('button', { name: 'Add option' }).click();
    const form = page.getByRole('dialog', { name: 'New improvement option' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Step 7 to 0.99 by training');
    await form.getByRole('textbox', { name: 'One-off cost (CNY)' }).fill('400000');
    await form.getByRole('textbox', { name: 'Yearly cost (CNY)' }).fill('50000');
    await form
      .getByRole('combobox', { name: 'Change 1: what' })
      .selectOption({ label: 'Goods released and loaded (s7)' });
    await form.getByRole('textbox', { name: 'Change 1: value' }).fill('0.99');
    await form.screenshot({ path: shotPath('economics-option-form.png') });
    await form.getByRole('button', { name: 'Save option' }).click();
    await form.waitFor({ state: 'detached' });
    const added = options.getByRole('listitem').filter({ hasText: 'Step 7 to 0.99 by training' });
    await added.getByText('step-7-to-0-99-by-training').waitFor();
    await expect(added.innerText()).resolves.toMatch(/400,000 once · 50,000 a year/);
    await expect(added.innerText()).resolves.toMatch(/Goods released and loaded.*99%/);
    await added.scrollIntoViewIfNeeded();
    // Only the inspector scrolls: the page stays the window's height and the app stays in place
    // (the inspector's hidden labels once made the document taller and the app scroll away).
    await expect(
      page.evaluate(() => ({
        page: document.documentElement.scrollHeight - innerHeight,
        pageScrolled: document.documentElement.scrollTop,
        appScrolled: document.querySelector('.app')!.scrollTop,
        inspectorScrolled: document.querySelector('.app__inspector')!.scrollTop > 0,
      })),
    ).resolves.toEqual({ page: 0, pageScrolled: 0, appScrolled: 0, inspectorScrolled: true });
    await page.screenshot({ path: shotPath('economics-options.png') });

    // A new scenario built from the option alone.
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: /New scenario/ }).click();
    const scenario = page.getByRole('dialog', { name: 'New scenario' });
    await scenario.getByRole('textbox', { name: 'Name' }).fill('Training');
    await scenario.getByRole('checkbox', { name: /Step 7 to 0.99 by training/ }).check();
    await scenario.getByRole('button', { name: 'Remove change 1' }).click();

    // Ticking the barcode option as well changes step 7's reliability twice: refused, said why.
    const scan = scenario.getByRole('checkbox', { name: /Barcode scanning at loading/ });
    await scan.check();
    const conflict = scenario.getByRole('alert').filter({ hasText: 'BP031' });
    await expect(conflict.innerText()).resolves.toMatch(
      /"Barcode scanning at loading \(step 7 to 0\.99\)" and "Step 7 to 0\.99 by training".*the reliability of node "s7"/,
    );
    await scenario.screenshot({ path: shotPath('economics-scenario-conflict.png') });
    await scenario.getByRole('button', { name: 'Save scenario' }).click();
    await expect(scenario.isVisible()).resolves.toBe(true);
    await scan.uncheck();
    await expect(conflict.count()).resolves.toBe(0);
    await scenario.getByRole('button', { name: 'Save scenario' }).click();
    await scenario.waitFor({ state: 'detached' });

    // The Money tab prices the scenario from its option: 400,000 once, 50,000 a year.
    await page.getByRole('tab', { name: 'Money' }).click();
    const table = page.getByRole('table', { name: 'Money table of the scenarios' });
    const row = table.getByRole('row', { name: /^Training/ });
    await row.waitFor({ timeout: 10_000 });
    const text = await row.innerText();
    expect(text).toMatch(/400,000/);
    expect(text).toMatch(/50,000/);
    await page.screenshot({ path: shotPath('economics-courier-money.png') });

    // Deleting an option used by scenarios takes it out of them too, in one step, and says so.
    const undo = page.getByRole('toolbar').getByRole('button', { name: 'Undo', exact: true });
    await options
      .getByRole('button', {
        name: 'Delete option “Load checked against the manifest before departure”',
      })
      .click();
    const notice = page.getByText(
      /was also taken out of 2 scenarios: “Recover step 7”, “Recover steps 3 and 7”/,
    );
    await notice.waitFor();
    await expect(options.getByText('check-loading', { exact: true }).count()).resolves.toBe(0);
    await undo.click();
    await options.getByText('check-loading', { exact: true }).waitFor();
    await expect(
      options.getByRole('listitem').filter({ hasText: 'check-loading' }).first().innerText(),
    ).resolves.toMatch(/In scenarios: “Recover step 7”, “Recover steps 3 and 7”/);

    // Undo takes the scenario back, then the option.
    await undo.click();
    await row.waitFor({ state: 'detached' });
    await undo.click();
    await expect(options.getByText('Step 7 to 0.99 by training').count()).resolves.toBe(0);
    await context.close();
  });

  it('works in Chinese: the sections, the option form and the conflict sentence', async () => {
    const { context, page } = await openApp({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 1200 },
      panelHeight: 460,
    });
    const economics = page.getByRole('region', { name: '经济参数', exact: true });
    await economics.getByRole('textbox', { name: '每年顾客数' }).waitFor();
    await expect(economics.innerText()).resolves.toMatch(/每次消费/);
    const options = page.getByRole('region', { name: '改进选项', exact: true });
    await options.getByText('check-waybill').waitFor();
    await economics.getByRole('heading', { name: '经济参数' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('economics-zh.png') });

    await options.getByRole('button', { name: '添加选项' }).click();
    const form = page.getByRole('dialog', { name: '新建改进选项' });
    await form.getByRole('textbox', { name: '名称' }).fill('培训装车人员');
    await form.getByRole('textbox', { name: '一次性成本（CNY）' }).fill('400000');
    await form.getByRole('combobox', { name: '修改项 1：对象' }).selectOption('s7');
    await form.getByRole('textbox', { name: '修改项 1：取值' }).fill('0.99');
    await form.screenshot({ path: shotPath('economics-option-form-zh.png') });
    await form.getByRole('button', { name: '保存选项' }).click();
    await form.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: '改进方案' }).click();
    await page.getByRole('button', { name: /新建方案/ }).click();
    const scenario = page.getByRole('dialog', { name: '新建方案' });
    await scenario.getByRole('checkbox', { name: /培训装车人员/ }).check();
    await scenario.getByRole('checkbox', { name: /装车扫码/ }).check();
    const conflict = scenario.getByRole('alert').filter({ hasText: 'BP031' });
    await expect(conflict.innerText()).resolves.toMatch(/装车扫码.*培训装车人员.*可靠/);
    await scenario.screenshot({ path: shotPath('economics-scenario-conflict-zh.png') });
    await context.close();
  });
});

/** A loss table figure as a number (`2,347` → 2347). */
async function lossRowNumber(page: Page, row: RegExp): Promise<number> {
  const text = await lossRow(page, row).catch(() => '');
  const match = /([\d,]+(?:\.\d+)?)\s*$/.exec(text.trim());
  return match ? Number(match[1].replace(/,/g, '')) : NaN;
}
