/**
 * BPMN 2.0 in the app (SPEC §7), as a user does it: a `.bpmn` file opened with the Open button
 * goes through the import dialog (pool, start event, lane map), replaces the blueprint as one
 * undo step and shows its import report; a refused file leaves the blueprint as it was; Export →
 * BPMN 2.0 downloads a file the BPMN reader reads back into the same figures.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readBpmn } from '../../src/document/bpmn';
import { systemReliability } from '../../src/sim/exact';
import { parseBlueprint, validateDocument } from '../../src/sim/parse';
import { expectHeadline, openApp, shotPath } from './browser';

function fixture(name: string): string {
  return new URL(`../fixtures/bpmn/${name}`, import.meta.url).pathname;
}

/** Opens a file through the toolbar's Open button and the browser's file chooser. */
async function openThroughButton(page: Page, path: string, open = 'Open…'): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('toolbar').getByRole('button', { name: open, exact: true }).click(),
  ]);
  await chooser.setFiles(path);
}

describe('BPMN in the app', () => {
  it('imports a file with lanes through the lane map, shows its report, and undoes it', async () => {
    const { context, page } = await openApp();
    await expectHeadline(page, '0.765');
    await openThroughButton(page, fixture('hand/lanes-and-di.bpmn'));

    const dialog = page.getByRole('dialog', { name: 'Import “lanes-and-di.bpmn”' });
    await dialog.waitFor();
    const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
    await expect.poll(() => importButton.evaluate((b) => b === document.activeElement)).toBe(true);
    // The suggestions of the name rules: Customer, Front office → frontstage, Kitchen → backstage.
    await expect(
      dialog.getByRole('combobox', { name: 'Blueprint lane for “Customer”' }).inputValue(),
    ).resolves.toBe('customer');
    await expect(
      dialog.getByRole('combobox', { name: 'Blueprint lane for “Front office”' }).inputValue(),
    ).resolves.toBe('frontstage');
    const kitchen = dialog.getByRole('combobox', { name: 'Blueprint lane for “Kitchen”' });
    expect(await kitchen.inputValue()).toBe('backstage');
    await kitchen.selectOption('support');
    await page.screenshot({ path: shotPath('bpmn-lane-map.png') });
    await importButton.click();

    const report = page.getByRole('dialog', { name: 'Import report of “lanes-and-di.bpmn”' });
    await report.waitFor();
    const notes = report.getByRole('table', { name: 'Import notes' });
    // The lane the user mapped, said as explicit, and the reliabilities that defaulted to 1.
    await expect(
      notes.getByRole('row').filter({ hasText: 'BPMN021' }).filter({ hasText: 'Kitchen' }).count(),
    ).resolves.toBe(1);
    await notes.getByRole('row').filter({ hasText: 'BPMN020' }).waitFor();
    await page.screenshot({ path: shotPath('bpmn-import-report.png') });
    await report.getByRole('button', { name: 'Close' }).last().click();
    await report.waitFor({ state: 'detached' });

    // Every step defaults to reliability 1: R is 1 and the title is the pool's name.
    await expectHeadline(page, '1.000');
    await page.getByRole('toolbar').getByText('Restaurant order').waitFor();
    // The kitchen's step sits in the Support lane the user chose.
    await page.locator('.react-flow__node').filter({ hasText: 'Cook prepares the dish' }).click();
    const lane = page.getByRole('complementary').getByRole('combobox', { name: 'Lane' });
    expect(await lane.inputValue()).toBe('support');
    await page.screenshot({ path: shotPath('bpmn-imported.png') });
    // The choice is remembered for the next file with a lane of that name.
    const memory = await page.evaluate(() => localStorage.getItem('failpoint.bpmnLaneMap'));
    expect(JSON.parse(memory ?? '{}')).toMatchObject({ kitchen: 'support' });

    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    // The report stays with the blueprint, in its notes, which the Blueprint panel edits.
    const notesField = page.getByRole('complementary').getByRole('textbox', { name: 'Notes' });
    expect(await notesField.inputValue()).toMatch(
      /Import report of the BPMN file “lanes-and-di\.bpmn”/,
    );
    await notesField.fill('Checked with the kitchen on Monday.');
    await notesField.press('Tab');
    const undo = page.getByRole('toolbar').getByRole('button', { name: /^Undo/ });
    await expect.poll(() => undo.getAttribute('title')).toMatch(/^Undo Edit notes/);
    await page.keyboard.press('Control+z');
    expect(await notesField.inputValue()).toMatch(/Import report of the BPMN file/);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expectHeadline(page, '0.765');
    await page.getByRole('toolbar').getByText('Courier pickup and delivery').waitFor();
    await context.close();
  });

  it('opens a .bpmn file dropped on the window through the same dialog', async () => {
    const { context, page } = await openApp();
    const text = readFileSync(fixture('hand/lanes-and-di.bpmn'), 'utf8');
    await page.evaluate((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'dropped.bpmn', { type: '' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        window.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }
    }, text);
    const dialog = page.getByRole('dialog', { name: 'Import “dropped.bpmn”' });
    await dialog.getByRole('combobox', { name: 'Blueprint lane for “Kitchen”' }).waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('dialog', { name: 'Import report of “dropped.bpmn”' }).waitFor();
    await page.getByRole('toolbar').getByText('Restaurant order').waitFor();
    await context.close();
  });

  it('asks which pool of a collaboration, the largest preselected', async () => {
    const { context, page } = await openApp();
    await openThroughButton(page, fixture('hand/several-pools.bpmn'));
    const dialog = page.getByRole('dialog', { name: 'Import “several-pools.bpmn”' });
    const pool = dialog.getByRole('combobox', { name: 'Pool' });
    await pool.waitFor();
    const options = await pool.locator('option').allInnerTexts();
    expect(options).toHaveLength(2);
    expect(options.every((text) => /· \d+ flow nodes$/.test(text))).toBe(true);
    const counts = options.map((text) => Number(/(\d+) flow nodes/.exec(text)?.[1]));
    // The preselected pool is the largest.
    const selected = await pool.evaluate((s: HTMLSelectElement) => s.selectedIndex);
    expect(counts[selected]).toBe(Math.max(...counts));
    await page.screenshot({ path: shotPath('bpmn-pools.png') });
    await pool.selectOption({ index: 1 - selected });
    const chosenName = options[1 - selected].split(' (')[0];
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByRole('dialog', { name: /Import report/ })
      .getByRole('button', { name: 'Close' })
      .last()
      .click();
    await page.getByRole('toolbar').getByText(chosenName, { exact: true }).waitFor();
    await context.close();
  });

  it('lets the user pick one of several start events', async () => {
    const { context, page } = await openApp();
    await openThroughButton(page, fixture('hand/refused-several-starts.bpmn'));
    const dialog = page.getByRole('dialog', { name: 'Import “refused-several-starts.bpmn”' });
    const start = dialog.getByRole('combobox', { name: 'Start event' });
    await start.waitFor();
    expect(await start.locator('option').allInnerTexts()).toEqual([
      'Customer phones (Phone)',
      'Customer books online (Web)',
    ]);
    await start.selectOption('Web');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('dialog', { name: /Import report/ });
    // The start not chosen is listed (BPMN042), named.
    await report
      .getByRole('row')
      .filter({ hasText: 'BPMN042' })
      .filter({ hasText: 'Phone' })
      .waitFor();
    await context.close();
  });

  it('refuses an inclusive gateway with a sentence naming it, leaving the blueprint as it was', async () => {
    const { context, page } = await openApp();
    await expectHeadline(page, '0.765');
    await openThroughButton(page, fixture('hand/refused-inclusiveGateway.bpmn'));
    const refused = page.getByRole('alertdialog', {
      name: '“refused-inclusiveGateway.bpmn” cannot be opened',
    });
    await refused.waitFor();
    const sentence = refused.getByRole('listitem').filter({ hasText: 'BPMN010' });
    await expect(sentence.innerText()).resolves.toMatch(/Which ones\?.*Gate|Gate.*Which ones\?/);
    await page.screenshot({ path: shotPath('bpmn-refused.png') });
    await refused.getByRole('button', { name: 'Close' }).last().click();
    await expectHeadline(page, '0.765');
    await page.getByRole('toolbar').getByText('Courier pickup and delivery').waitFor();
    // Nothing to undo: the refused file was never opened.
    await expect(page.getByRole('button', { name: 'Undo' }).isDisabled()).resolves.toBe(true);
    await context.close();
  });

  it('exports the blueprint as BPMN 2.0 that reads back into the courier’s R', async () => {
    const { context, page } = await openApp();
    await expectHeadline(page, '0.765');
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'BPMN 2.0 (.bpmn)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Courier-pickup-and-delivery.bpmn');
    const read = await readBpmn(new Uint8Array(readFileSync(await download.path())));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.report.notes.filter((note) => note.key === 'parser-warning')).toEqual([]);
    const parsed = validateDocument(read.document);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const original = parseBlueprint(
      readFileSync(new URL('../../examples/courier.blueprint.json', import.meta.url), 'utf8'),
    );
    if (!original.ok) throw new Error('The courier example does not parse.');
    const r = systemReliability(parsed.blueprint.model);
    expect(r.toFixed(6)).toBe('0.765280');
    expect(Math.abs(r - systemReliability(original.blueprint.model))).toBeLessThan(1e-12);
    await context.close();
  });

  it('shows the lane map in Chinese', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    await openThroughButton(page, fixture('hand/lanes-and-di.bpmn'), '打开…');
    const dialog = page.getByRole('dialog', { name: '导入“lanes-and-di.bpmn”' });
    await dialog.waitFor();
    const kitchen = dialog.getByRole('combobox', { name: '“Kitchen”对应的蓝图泳道' });
    expect(await kitchen.inputValue()).toBe('backstage');
    await dialog.getByRole('columnheader', { name: '蓝图泳道' }).waitFor();
    await dialog.getByRole('button', { name: '导入', exact: true }).waitFor();
    await page.screenshot({ path: shotPath('bpmn-lane-map-zh.png') });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    await context.close();
  });
});
