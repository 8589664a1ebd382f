/**
 * Commands as a user meets them: what Undo will take back is named on the button, a form that
 * changes several things is one undo step, and the file commands answer their shortcuts.
 */
import { describe, expect, it } from 'vitest';
import { draftScenario, expectHeadline, openApp, shotPath } from './browser';

describe('undo names what it takes back', () => {
  it('undoes a scenario saved from the form, name and changes, in one step', async () => {
    const { context, page } = await openApp({ viewport: { width: 1440, height: 1000 } });
    const undo = page.getByRole('toolbar').getByRole('button', { name: 'Undo', exact: true });
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: 'Edit the changes of “Recover step 3”' }).click();
    const dialog = page.getByRole('dialog', { name: /Recover step 3/ });
    // The scenario is built from an improvement option; the form says so, and its own changes
    // come after the option's.
    await expect(dialog.innerText()).resolves.toMatch(
      /Built from the improvement options “Courier checks the waybill with the customer”/,
    );
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Waybill checked');
    await dialog.getByRole('button', { name: 'Add a change' }).click();
    await dialog.getByRole('textbox', { name: 'Change 1: value' }).fill('1');
    await dialog.getByRole('button', { name: 'Save scenario' }).click();

    const table = page.getByRole('table', { name: 'Scenario comparison' });
    // The option's recovery at step 3 (0.96) and step 1 made perfect: 0.816299 / 0.99 = 0.82454…
    const saved = table.getByRole('row', { name: /Waybill checked/ });
    await saved.waitFor();
    await expect(saved.innerText()).resolves.toMatch(/0\.825/);
    await expect(undo.getAttribute('title')).resolves.toMatch(/^Undo Save scenario \(/);
    await page.screenshot({ path: shotPath('undo-named.png') });

    await undo.click();
    // Name and changes come back together: the source's row, 0.816, under its own name.
    await expect(
      table
        .getByRole('row', { name: /Recover step 3/ })
        .first()
        .innerText(),
    ).resolves.toMatch(/0\.816\s+\+0\.051\s+\+6\.67 %/);
    await expect(table.getByRole('row', { name: /Waybill checked/ }).count()).resolves.toBe(0);
    await expect(
      page
        .getByRole('toolbar')
        .getByRole('button', { name: 'Redo', exact: true })
        .getAttribute('title'),
    ).resolves.toMatch(/^Redo Save scenario \(/);
    await context.close();
  });

  it('names the step in Chinese too', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    await page.getByRole('tab', { name: '改进方案' }).click();
    await page
      .getByRole('button', { name: /把“.*”设为新的基准/ })
      .first()
      .click();
    await expectHeadline(page, '0.816');
    const undo = page.getByRole('toolbar').getByRole('button', { name: '撤销', exact: true });
    await expect(undo.getAttribute('title')).resolves.toMatch(/^撤销"将情景应用到基准"/);
    await undo.click();
    await expectHeadline(page, '0.765');
    await context.close();
  });
});

describe('opening another blueprint', () => {
  it('is undone by Ctrl+Z, which brings back the blueprint it replaced with its edits', async () => {
    const { context, page } = await openApp();
    // An edit first: a 60 % recovery at step 3, as the source does (R = 0.816).
    await page
      .locator('.react-flow')
      .getByRole('group', { name: /^Step: Customer fills in the waybill,/ })
      .click();
    await page.getByRole('checkbox', { name: 'Recovery', exact: true }).check();
    await page.getByRole('textbox', { name: 'Catch rate' }).fill('0.6');
    await page.getByRole('textbox', { name: 'Catch rate' }).press('Enter');
    await expectHeadline(page, '0.816');

    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /Bank loan application/ }).click();
    const toolbar = page.getByRole('toolbar');
    await toolbar.getByText('Bank loan application').waitFor();
    const undo = toolbar.getByRole('button', { name: 'Undo', exact: true });
    await expect(undo.getAttribute('title')).resolves.toMatch(/^Undo Open blueprint \(/);

    await page.locator('.react-flow').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await toolbar.getByText('Courier pickup and delivery').waitFor();
    await expectHeadline(page, '0.816');
    await page.keyboard.press('Control+Shift+z');
    await toolbar.getByText('Bank loan application').waitFor();
    await context.close();
  });
});

describe('inserting into the flow', () => {
  it('adds a step after the selected step into its edge, keeping the blueprint valid', async () => {
    const { context, page } = await openApp();
    const canvas = page.locator('.react-flow');
    await canvas.getByRole('group', { name: /^Step: Customer fills in the waybill,/ }).click();
    await page.getByRole('button', { name: 'Add step' }).click();
    // Spliced in between step 3 and step 4 with reliability 1: R is unchanged and nothing is
    // left unconnected (an unconnected step would make the blueprint invalid).
    await expect(
      canvas
        .getByRole('group', {
          name: /^Edge from Customer fills in the waybill to Step after ‘Customer fills in the waybill’/,
        })
        .count(),
    ).resolves.toBe(1);
    await expect(
      canvas
        .getByRole('group', {
          name: /^Edge from Step after ‘Customer fills in the waybill’ to Goods checked, carriage mode confirmed/,
        })
        .count(),
    ).resolves.toBe(1);
    await expectHeadline(page, '0.765');
    await expect(page.getByRole('tab', { name: /^Problems/ }).innerText()).resolves.not.toMatch(
      /\d/,
    );
    await page.screenshot({ path: shotPath('add-after-splits.png') });
    await context.close();
  });

  it('splices a step dropped onto an edge into it', async () => {
    const { context, page } = await openApp();
    const canvas = page.locator('.react-flow');
    const edge = canvas.getByRole('group', {
      name: /^Edge from Customer phones to request a pickup to Courier collects the parcel/,
    });
    // The middle of the edge's drawn path, relative to the canvas.
    const box = await canvas.boundingBox();
    const middle = await edge.locator('path.react-flow__edge-path').evaluate((path) => {
      const svgPath = path as SVGPathElement;
      const point = svgPath.getPointAtLength(svgPath.getTotalLength() / 2);
      const matrix = svgPath.getScreenCTM()!;
      return { x: point.x * matrix.a + matrix.e, y: point.y * matrix.d + matrix.f };
    });
    await page
      .getByRole('button', { name: 'Add step' })
      .dragTo(canvas, { targetPosition: { x: middle.x - box!.x, y: middle.y - box!.y } });
    await expect(
      canvas
        .getByRole('group', {
          name: /^Edge from Customer phones to request a pickup to Step after ‘Customer phones to request a pickup’/,
        })
        .count(),
    ).resolves.toBe(1);
    await expect(
      canvas
        .getByRole('group', {
          name: /^Edge from Step after ‘Customer phones to request a pickup’ to Courier collects the parcel/,
        })
        .count(),
    ).resolves.toBe(1);
    await expectHeadline(page, '0.765');
    await page.screenshot({ path: shotPath('drop-splits.png') });
    await context.close();
  });
});

describe('the scenario form', () => {
  it('refuses a reliability of 1.2 and saves nothing until it is put right', async () => {
    const { context, page } = await openApp({ viewport: { width: 1440, height: 1000 } });
    const dialog = await draftScenario(page, {
      name: 'Too good to be true',
      node: 'Goods released and loaded (s7)',
      field: 'reliability',
      value: '1.2',
    });
    await dialog.getByRole('button', { name: 'Save scenario' }).click();
    await expect(dialog.getByRole('alert').innerText()).resolves.toMatch(/^Change 1: .*1\.2/);
    await page.screenshot({ path: shotPath('scenario-form-refuses.png') });
    // Still open, and nothing was added to the comparison.
    await expect(dialog.isVisible()).resolves.toBe(true);
    await dialog.getByRole('textbox', { name: 'Change 1: value' }).fill('0.99');
    await dialog.getByRole('button', { name: 'Save scenario' }).click();
    const row = page
      .getByRole('table', { name: 'Scenario comparison' })
      .getByRole('row', { name: /Too good to be true/ });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/0\.798/);
    await context.close();
  });
});

describe('the blueprint itself', () => {
  it('gets a new title from the toolbar, undoably, with its parameters at hand', async () => {
    const { context, page } = await openApp();
    const toolbar = page.getByRole('toolbar');
    await toolbar
      .getByRole('button', { name: /^Title: Courier pickup and delivery\. Edit the title/ })
      .click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const title = inspector.getByRole('textbox', { name: 'Title' });
    await expect(title.evaluate((element) => element === document.activeElement)).resolves.toBe(
      true,
    );
    // The parameters are there too, with the courier's catch rate.
    await inspector
      .getByRole('region', { name: 'Parameters' })
      .getByText('catchRate')
      .first()
      .waitFor();
    await title.fill('Courier, with checks');
    await title.press('Enter');
    await toolbar.getByRole('button', { name: /^Title: Courier, with checks\./ }).waitFor();
    await page.screenshot({ path: shotPath('blueprint-properties.png') });
    await toolbar.getByRole('button', { name: 'Undo', exact: true }).click();
    await toolbar.getByRole('button', { name: /^Title: Courier pickup and delivery\./ }).waitFor();
    await context.close();
  });
});

describe('the keyboard', () => {
  it('opens the help with ? and connects two selected nodes with L', async () => {
    const { context, page } = await openApp();
    const canvas = page.locator('.react-flow');
    await canvas.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: /help/i });
    await help.waitFor();
    await expect(
      help.getByRole('row', { name: /Connect the two selected nodes/ }).innerText(),
    ).resolves.toMatch(/L/);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // Step 1 and step 3 have their ways out taken, so a link between them is refused, and says so.
    await canvas
      .getByRole('group', { name: /^Step: Customer phones to request a pickup,/ })
      .click();
    await canvas
      .getByRole('group', { name: /^Step: Customer fills in the waybill,/ })
      .click({ modifiers: ['Shift'] });
    await page.keyboard.press('l');
    await page
      .getByRole('status')
      .filter({ hasText: /already/ })
      .first()
      .waitFor();
    await context.close();
  });
});

describe('two tabs', () => {
  it('never overwrite each other silently: the other tab says so and offers that version', async () => {
    const { context, page: first } = await openApp();
    const second = await context.newPage();
    await second.goto(first.url());
    await second.getByRole('status', { name: /system reliability/i }).waitFor();

    // The first tab renames its blueprint; its autosave lands over the second tab's copy.
    const toolbar = first.getByRole('toolbar');
    await toolbar.getByRole('button', { name: /^Title: / }).click();
    const title = first.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', {
      name: 'Title',
    });
    await title.fill('Renamed in the first tab');
    await title.press('Enter');

    const notice = second.getByRole('status').filter({ hasText: /Another tab saved/ });
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toMatch(/Renamed in the first tab/);
    await second.screenshot({ path: shotPath('two-tabs.png') });
    await notice.getByRole('button', { name: 'Open that version' }).click();
    await second
      .getByRole('toolbar')
      .getByRole('button', { name: /^Title: Renamed in the first tab/ })
      .waitFor();
    // Its own version is one undo away.
    await second.getByRole('toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
    await second
      .getByRole('toolbar')
      .getByRole('button', { name: /^Title: Courier pickup and delivery/ })
      .waitFor();
    await context.close();
  });
});
