/**
 * Editing on the canvas itself: the context pad of the selected node, the label edited in
 * place, and finding a node by its label — driven as a user does, by role and accessible name.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectHeadline, openApp, shotPath } from './browser';

const WAYBILL = /^Step: Customer fills in the waybill,/;

function canvas(page: Page) {
  return page.locator('.react-flow');
}

function pad(page: Page, node: string) {
  return page.getByRole('toolbar', { name: `Actions for “${node}”` });
}

async function stepRows(page: Page): Promise<number> {
  return page.getByTestId('steps-table').locator('tbody tr').count();
}

describe('the context pad', () => {
  it('appends a step after the selected step, spliced into its edge, and the figures follow', async () => {
    const { context, page } = await openApp();
    await page.getByTestId('steps-table').waitFor();
    const rowsBefore = await stepRows(page);
    await canvas(page).getByRole('group', { name: WAYBILL }).click();
    const toolbar = pad(page, 'Customer fills in the waybill');
    await toolbar.waitFor();
    await expect(
      toolbar.getByRole('button', { name: 'Append a step' }).getAttribute('title'),
    ).resolves.toBe('Add a step after the selected node (S)');
    await page.screenshot({ path: shotPath('context-pad.png') });

    await toolbar.getByRole('button', { name: 'Append a step' }).click();
    // The new step sits between the waybill and the goods check, on the edge that joined them.
    const into = canvas(page).getByRole('group', {
      name: /^Edge from Customer fills in the waybill to Step after ‘Customer fills in the waybill’$/,
    });
    // Edges are SVG groups with no box of their own: present is what counts.
    await into.waitFor({ state: 'attached' });
    await canvas(page)
      .getByRole('group', {
        name: /^Edge from Step after ‘Customer fills in the waybill’ to Goods checked, carriage mode confirmed$/,
      })
      .waitFor({ state: 'attached' });
    // The pad follows the new step; the step table has one row more, and R (reliability 1) stays.
    await pad(page, 's11').waitFor();
    await expect.poll(() => stepRows(page), { timeout: 10_000 }).toBe(rowsBefore + 1);
    await expectHeadline(page, '0.765');
    await context.close();
  });

  it('turns the end into a failure end, and Ctrl+Z takes it back', async () => {
    const { context, page } = await openApp();
    await canvas(page).getByRole('group', { name: 'End: Parcel delivered' }).click();
    await pad(page, 'Parcel delivered')
      .getByRole('button', { name: 'Make it a failure end' })
      .click();
    await canvas(page).getByRole('group', { name: 'Failure end: Parcel delivered' }).waitFor();
    // The pad now offers the way back.
    await pad(page, 'Parcel delivered')
      .getByRole('button', { name: 'Make it a success end' })
      .waitFor();
    await page.keyboard.press('Control+z');
    await canvas(page).getByRole('group', { name: 'End: Parcel delivered' }).waitFor();
    await expectHeadline(page, '0.765');
    await context.close();
  });

  it('connects from the pad to the next node clicked, and Escape cancels', async () => {
    const { context, page } = await openApp();
    await canvas(page).getByRole('group', { name: WAYBILL }).click();
    await pad(page, 'Customer fills in the waybill')
      .getByRole('button', { name: 'Append a decision' })
      .click();
    const decision = pad(page, 'd1');
    await decision.waitFor();

    // Escape ends a connection that waits.
    await decision.getByRole('button', { name: 'Connect to…' }).click();
    const status = page
      .getByRole('status')
      .filter({ hasText: 'Click the node that “d1” should lead to' });
    await status.waitFor();
    await page.keyboard.press('Escape');
    await status.waitFor({ state: 'detached' });
    await decision.waitFor();

    await decision.getByRole('button', { name: 'Connect to…' }).click();
    await status.waitFor();
    await page.screenshot({ path: shotPath('context-pad-connecting.png') });
    await canvas(page)
      .getByRole('group', { name: /^Step: Courier collects the parcel at the door,/ })
      .click();
    await canvas(page)
      .getByRole('group', {
        name: /^Edge from Decision after ‘Customer fills in the waybill’ to Courier collects the parcel at the door, 50 %$/,
      })
      .waitFor({ state: 'attached' });
    await status.waitFor({ state: 'detached' });
    await context.close();
  });

  it('deletes the selected node from the pad, and Ctrl+Z brings it back', async () => {
    const { context, page } = await openApp();
    const node = canvas(page).getByRole('group', {
      name: /^Step: Details entered into the computer,/,
    });
    await node.click();
    await pad(page, 'Details entered into the computer')
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await node.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await node.waitFor();
    await expectHeadline(page, '0.765');
    await context.close();
  });

  it('is not shown for two selected nodes', async () => {
    const { context, page } = await openApp();
    await canvas(page).getByRole('group', { name: WAYBILL }).click();
    await pad(page, 'Customer fills in the waybill').waitFor();
    await canvas(page)
      .getByRole('group', { name: /^Step: Goods checked, carriage mode confirmed,/ })
      .click({ modifiers: ['Shift'] });
    await expect(page.locator('.fp-pad').count()).resolves.toBe(0);
    await context.close();
  });

  it('speaks Chinese in the Chinese interface', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    const step = canvas(page)
      .getByRole('group', { name: /^步骤：/ })
      .nth(2);
    await step.click();
    const toolbar = page.getByRole('toolbar', { name: /^“.+”的操作$/ });
    await toolbar.waitFor();
    for (const name of ['追加步骤', '追加判断', '追加结束', '改为判断', '连接到…', '删除']) {
      await toolbar.getByRole('button', { name, exact: true }).waitFor();
    }
    await expect(
      toolbar.getByRole('button', { name: '追加步骤' }).getAttribute('title'),
    ).resolves.toBe('在所选节点后添加步骤 (S)');
    await page.screenshot({ path: shotPath('context-pad-zh.png') });
    await context.close();
  });
});

describe('editing a label in place', () => {
  it('renames a step on a double click: one undo step, seen on the canvas and in the inspector', async () => {
    const { context, page } = await openApp();
    await canvas(page).getByRole('group', { name: WAYBILL }).dblclick();
    const field = page.getByRole('textbox', { name: 'Label of “Customer fills in the waybill”' });
    await field.waitFor();
    await page.screenshot({ path: shotPath('label-in-place.png') });
    await field.fill('Customer writes the waybill');
    await field.press('Enter');
    await canvas(page)
      .getByRole('group', { name: /^Step: Customer writes the waybill,/ })
      .waitFor();
    await expect(
      page.getByRole('textbox', { name: 'Label', exact: true }).inputValue(),
    ).resolves.toBe('Customer writes the waybill');

    await page.keyboard.press('Control+z');
    await canvas(page).getByRole('group', { name: WAYBILL }).waitFor();
    await expect(
      page.getByRole('textbox', { name: 'Label', exact: true }).inputValue(),
    ).resolves.toBe('Customer fills in the waybill');
    await context.close();
  });

  it('refuses an empty label, and Escape keeps the old one (F2 opens the editor)', async () => {
    const { context, page } = await openApp();
    await canvas(page).getByRole('group', { name: WAYBILL }).click();
    await page.keyboard.press('F2');
    const field = page.getByRole('textbox', { name: 'Label of “Customer fills in the waybill”' });
    await field.fill('   ');
    await field.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'A label cannot be empty' }).waitFor();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await field.press('Escape');
    await field.waitFor({ state: 'detached' });
    await canvas(page).getByRole('group', { name: WAYBILL }).waitFor();
    await expect(
      page.getByRole('toolbar').getByRole('button', { name: 'Undo', exact: true }).isDisabled(),
    ).resolves.toBe(true);
    await context.close();
  });
});

describe('editing an edge label in place', () => {
  it('renames the label of an edge on a double click', async () => {
    const { context, page } = await openApp();
    const edge = canvas(page).getByRole('group', {
      name: /^Edge from Customer fills in the waybill to Goods checked/,
    });
    // A straight edge has a box of no width (or height), which Playwright calls invisible
    // though a pointer hits its line: the click is aimed at the box's middle all the same.
    await edge.click({ force: true });
    const inspectorLabel = page.getByRole('textbox', { name: 'Label', exact: true });
    await inspectorLabel.fill('Waybill handed over');
    await inspectorLabel.press('Enter');
    await canvas(page).locator('.fp-edge-label', { hasText: 'Waybill handed over' }).waitFor();

    await edge.dblclick({ force: true });
    const field = page.getByRole('textbox', { name: 'Label of the edge' });
    await expect(field.inputValue()).resolves.toBe('Waybill handed over');
    await field.fill('Waybill checked');
    await field.press('Enter');
    await canvas(page)
      .getByRole('group', { name: /, Waybill checked$/ })
      .waitFor({ state: 'attached' });
    await expect(inspectorLabel.inputValue()).resolves.toBe('Waybill checked');
    await page.keyboard.press('Control+z');
    await canvas(page).locator('.fp-edge-label', { hasText: 'Waybill handed over' }).waitFor();
    await context.close();
  });
});

describe('finding a node', () => {
  it('finds “waybill” with Ctrl+F, lists it with its lane, and selects it with Enter', async () => {
    const { context, page } = await openApp();
    await canvas(page).click({ position: { x: 300, y: 20 } });
    await page.keyboard.press('Control+f');
    const box = page.getByRole('dialog', { name: 'Find a node' });
    const field = box.getByRole('combobox', { name: 'Label to find' });
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // Full-width letters and capitals find the same label.
    await field.fill('ＷＡＹＢＩＬＬ');
    const option = box.getByRole('option', { name: /Customer fills in the waybill/ });
    await expect(option.innerText()).resolves.toMatch(/Customer fills in the waybill\s+Customer/);
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await page.screenshot({ path: shotPath('find-box.png') });
    await field.press('Enter');
    await pad(page, 'Customer fills in the waybill').waitFor();
    await expect(
      page.getByRole('textbox', { name: 'Label', exact: true }).inputValue(),
    ).resolves.toBe('Customer fills in the waybill');
    await field.press('Escape');
    await box.waitFor({ state: 'detached' });
    await context.close();
  });

  it('moves through several matches with the arrow keys, in Chinese too', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    await canvas(page).click({ position: { x: 300, y: 20 } });
    await page.keyboard.press('Control+f');
    const box = page.getByRole('dialog', { name: '查找节点' });
    const field = box.getByRole('combobox', { name: '要查找的名称' });
    await field.fill('客户');
    const options = box.getByRole('option');
    const count = await options.count();
    expect(count).toBeGreaterThan(1);
    await field.press('ArrowDown');
    await expect(options.nth(1).getAttribute('aria-selected')).resolves.toBe('true');
    await field.press('ArrowUp');
    await field.press('ArrowUp');
    await expect(options.nth(count - 1).getAttribute('aria-selected')).resolves.toBe('true');
    await field.fill('没有这个');
    await box.getByText('没有名称包含“没有这个”的节点。').waitFor();
    await context.close();
  });

  it('is listed in the help dialog with its shortcut, with the pad commands', async () => {
    const { context, page } = await openApp();
    await canvas(page).click({ position: { x: 300, y: 20 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: /help/i });
    await expect(
      help.getByRole('row', { name: /Find a node by its label/ }).innerText(),
    ).resolves.toMatch(/Ctrl\+F/);
    await expect(
      help.getByRole('row', { name: /Edit the label in place/ }).innerText(),
    ).resolves.toMatch(/F2/);
    await expect(
      help.getByRole('row', { name: /Add a step after the selected node/ }).innerText(),
    ).resolves.toMatch(/\bS\b/);
    await context.close();
  });
});
