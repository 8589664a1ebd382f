/**
 * The app as a user meets it: open it, read R, edit, undo, build a scenario, simulate, open a
 * broken file, reload, switch language, export. Controls are found by role and name.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/editor/results/format';
import { systemReliability } from '../../src/sim/exact';
import { parseBlueprint } from '../../src/sim/parse';
import {
  draftScenario,
  expectHeadline,
  headlineReliability,
  openApp,
  screenshotPath,
  scrollPanelToTop,
  startEndlessSimulation,
} from './browser';

const COURIER_STEPS = [
  'Customer phones to request a pickup',
  'Courier collects the parcel at the door',
  'Customer fills in the waybill',
  'Goods checked, carriage mode confirmed',
  'Details entered into the computer',
  'Inspected and taken into the depot',
  'Goods released and loaded',
  'Handover check, arrival processing',
  'Taken into the destination depot',
  'Goods delivered to the recipient',
];

/** A roomy window with a tall analysis panel, for the screenshots in docs/. */
const SCREENSHOT = { viewport: { width: 1440, height: 1000 }, panelHeight: 500 };
/** The first view a user gets on a laptop-sized screen, with the panels as they start. */
const FIRST_VIEW = { viewport: { width: 1440, height: 900 } };

/** The canvas region, where the blueprint is drawn. */
function canvas(page: Page) {
  return page.locator('.react-flow');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A step on the canvas, found as a screen reader meets it: "Step: <label>, reliability …". */
function step(page: Page, label: string) {
  return canvas(page).getByRole('group', { name: new RegExp(`^Step: ${escapeRegExp(label)},`) });
}

async function selectStep(page: Page, label: string) {
  await step(page, label).click();
}

/** The zoom of the canvas view. */
async function canvasZoom(page: Page): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
}

/** Adds a 60 % recovery to step 3 through the inspector, as the source's example does. */
async function recoverStepThree(page: Page) {
  await selectStep(page, 'Customer fills in the waybill');
  await page.getByRole('checkbox', { name: 'Recovery', exact: true }).check();
  const catchRate = page.getByRole('textbox', { name: 'Catch rate' });
  await catchRate.fill('0.6');
  await catchRate.press('Enter');
}

describe('the courier blueprint', () => {
  it('opens with its ten steps and R = 0.765', async () => {
    const { context, page } = await openApp(FIRST_VIEW);
    for (const label of COURIER_STEPS) {
      await expect(step(page, label).count()).resolves.toBe(1);
    }
    // Every node says what it is and what its card shows.
    await expect(
      canvas(page)
        .getByRole('group', {
          name: 'Step: Customer fills in the waybill, reliability 90 %',
          exact: true,
        })
        .count(),
    ).resolves.toBe(1);
    await expect(
      canvas(page).getByRole('group', { name: 'Start: Customer needs a parcel sent' }).count(),
    ).resolves.toBe(1);
    await expect(
      canvas(page).getByRole('group', { name: 'End: Parcel delivered' }).count(),
    ).resolves.toBe(1);
    await expect(
      canvas(page)
        .getByRole('group', {
          name: 'Edge from Customer fills in the waybill to Goods checked, carriage mode confirmed',
        })
        .count(),
    ).resolves.toBe(1);
    expect(await headlineReliability(page)).toBe('0.765');
    await expect(page.getByTestId('results-percent').innerText()).resolves.toBe('76.5 %');
    await expect(page.getByTestId('results-failures').innerText()).resolves.toBe('2,347');
    // The README's picture: a wide screen with the whole courier fitted into view.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('toolbar').getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: screenshotPath('screenshot-courier.png') });
    await context.close();
  });

  it('opens whole at a readable size on a laptop, the four lanes and all ten steps in view', async () => {
    const { context, page } = await openApp(FIRST_VIEW);
    // Step labels are 13 px: at 11/13 they read at 11 px on screen.
    expect(await canvasZoom(page)).toBeGreaterThanOrEqual(11 / 13 - 1e-6);
    const area = (await canvas(page).boundingBox())!;
    for (const lane of ['Customer', 'Frontstage', 'Backstage', 'Support processes']) {
      const box = (await canvas(page).getByText(lane, { exact: true }).boundingBox())!;
      expect(box.y, lane).toBeGreaterThanOrEqual(area.y);
      expect(box.y + box.height, lane).toBeLessThanOrEqual(area.y + area.height);
    }
    // The service starts at the left, right of the lane names, and every step is in view.
    const laneName = (await canvas(page).getByText('Customer', { exact: true }).boundingBox())!;
    for (const label of COURIER_STEPS) {
      const box = (await step(page, label).boundingBox())!;
      expect(box.x, label).toBeGreaterThan(laneName.x + laneName.width);
      expect(box.x + box.width, label).toBeLessThan(area.x + area.width);
    }
    // Nothing is a pan away, so the overview map stays out of the way, one click from shown.
    const mapButton = canvas(page).getByRole('button', { name: 'Overview map' });
    await expect(mapButton.getAttribute('aria-pressed')).resolves.toBe('false');
    await mapButton.click();
    await canvas(page).getByRole('img', { name: 'Overview map' }).waitFor();
    await expect(mapButton.getAttribute('aria-pressed')).resolves.toBe('true');
    // Fitting keeps it whole and readable.
    await canvas(page).getByRole('button', { name: 'Fit view' }).click();
    expect(await canvasZoom(page)).toBeGreaterThanOrEqual(11 / 13 - 1e-6);
    const last = step(page, COURIER_STEPS[COURIER_STEPS.length - 1]);
    const box = (await last.boundingBox())!;
    expect(box.x + box.width).toBeLessThan(area.x + area.width);
    await context.close();
  });

  it('goes to 0.816 with a 60 % recovery at step 3, and back to 0.765 on undo', async () => {
    const { context, page } = await openApp();
    await recoverStepThree(page);
    await expectHeadline(page, '0.816');
    // The step's name follows its card.
    await canvas(page)
      .getByRole('group', {
        name: 'Step: Customer fills in the waybill, reliability 90 %, recovery 60 %',
        exact: true,
      })
      .waitFor();
    // Two edits: the recovery switched on, then its catch rate set.
    const undo = page.getByRole('toolbar').getByRole('button', { name: 'Undo' });
    const redo = page.getByRole('toolbar').getByRole('button', { name: 'Redo' });
    await undo.click();
    // The recovery as first switched on catches half the failures: 0.90 + 0.10 × 0.5.
    await expectHeadline(page, '0.808');
    await undo.click();
    await expectHeadline(page, '0.765');
    await redo.click();
    await redo.click();
    await expectHeadline(page, '0.816');
    await context.close();
  });

  it('compares a new scenario with the baseline', async () => {
    const { context, page } = await openApp(SCREENSHOT);
    const dialog = await draftScenario(page, {
      name: 'Loading done right',
      node: 'Goods released and loaded (s7)',
      field: 'reliability',
      value: '0.99',
    });
    await dialog.getByRole('button', { name: 'Save scenario' }).click();
    const table = page.getByRole('table', { name: 'Scenario comparison' });
    const row = table.getByRole('row', { name: /Loading done right/ });
    await row.waitFor();
    // 0.76528 / 0.95 × 0.99 = 0.79750…
    await expect(row.innerText()).resolves.toMatch(/0\.798.*\+0\.032.*\+4\.21 %/s);
    // The source's own row.
    await expect(
      table
        .getByRole('row', { name: /Recover step 3/ })
        .first()
        .innerText(),
    ).resolves.toMatch(/0\.816\s+\+0\.051\s+\+6\.67 %/);
    await scrollPanelToTop(page);
    await page.screenshot({ path: screenshotPath('screenshot-scenarios.png') });
    await context.close();
  });

  it('applies a scenario to the baseline, undoably', async () => {
    const { context, page } = await openApp();
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: /Make “Recover step 3” the new baseline/ }).click();
    await expectHeadline(page, '0.816');
    await page.getByRole('toolbar').getByRole('button', { name: 'Undo' }).click();
    await expectHeadline(page, '0.765');
    await context.close();
  });

  it('records edits into a scenario in what-if mode and leaves the baseline as it was', async () => {
    const { context, page } = await openApp();
    const whatIf = page.getByRole('toolbar').getByRole('button', { name: /^What-if/ });
    await whatIf.click();
    await expect(whatIf.getAttribute('aria-pressed')).resolves.toBe('true');
    await recoverStepThree(page);
    // The figures shown are the scenario's; the baseline row still reads 0.765.
    await expectHeadline(page, '0.816');
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    const table = page.getByRole('table', { name: 'Scenario comparison' });
    await expect(table.getByRole('row', { name: /Baseline/ }).innerText()).resolves.toMatch(
      /0\.765/,
    );
    await whatIf.click();
    await expectHeadline(page, '0.765');
    await context.close();
  });
});

describe('Monte Carlo', () => {
  /** The exact R of the courier, 0.76527991… */
  const exactCourier = 0.99 * 0.98 * 0.9 * 0.98 * 0.98 * 0.99 * 0.95 * 0.99 * 0.99 * 0.99;

  it('shows progress, then an interval that contains the exact R', async () => {
    const { context, page } = await openApp(SCREENSHOT);
    await page.getByRole('tab', { name: 'Monte Carlo' }).click();
    await page.getByRole('spinbutton', { name: 'Trials' }).fill('4000000');
    await page.getByRole('checkbox', { name: /Compare scenarios/ }).uncheck();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByRole('progressbar', { name: 'Simulation progress' }).waitFor();
    await expect(page.getByTestId('sim-progress').innerText()).resolves.toMatch(
      /of 4,000,000 trials/,
    );
    const interval = page.getByTestId('sim-interval');
    await interval.waitFor({ timeout: 45_000 });
    const low = Number(await interval.getAttribute('data-low'));
    const high = Number(await interval.getAttribute('data-high'));
    expect(low).toBeLessThan(exactCourier);
    expect(high).toBeGreaterThan(exactCourier);
    expect(high - low).toBeLessThan(0.002);
    await expect(page.getByText(/lies inside the interval/).isVisible()).resolves.toBe(true);
    await page.getByTestId('convergence-chart').waitFor();
    await scrollPanelToTop(page);
    await page.screenshot({ path: screenshotPath('screenshot-monte-carlo.png') });
    await context.close();
  });

  it('cancels a long run within a moment and keeps its figures so far', async () => {
    const { context, page } = await openApp();
    await startEndlessSimulation(page);
    const started = Date.now();
    await page.getByRole('button', { name: 'Cancel' }).last().click();
    await page.getByText(/Cancelled after [\d,]+ trials/).waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    // The Run button is back and the run did not start again.
    await page.getByRole('button', { name: 'Run simulation' }).waitFor();
    await expect(page.getByRole('progressbar').count()).resolves.toBe(0);
    await context.close();
  });

  it('compares the scenarios with common random numbers', async () => {
    const { context, page } = await openApp();
    await page.getByRole('tab', { name: 'Monte Carlo' }).click();
    await page.getByRole('spinbutton', { name: 'Trials' }).fill('1000000');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const table = page.getByRole('table', { name: 'Paired scenario comparison' });
    await table.waitFor({ timeout: 45_000 });
    const row = await table
      .getByRole('row', { name: /Recover step 3/ })
      .first()
      .innerText();
    // ΔR and its own interval: the exact +0.0510 lies inside, and the interval is narrow.
    const numbers = [...row.matchAll(/[+-]?\d+\.\d+/g)].map((m) => Number(m[0]));
    const [deltaLow, deltaHigh] = numbers.slice(-2);
    expect(deltaLow).toBeLessThan(0.051);
    expect(deltaHigh).toBeGreaterThan(0.051);
    expect(deltaHigh - deltaLow).toBeLessThan(0.004);
    await context.close();
  });
});

describe('Monte Carlo results are never stale', () => {
  it('marks a result out of date after an edit, and current again after undoing it', async () => {
    const { context, page } = await openApp();
    await page.getByRole('tab', { name: 'Monte Carlo' }).click();
    await page.getByRole('spinbutton', { name: 'Trials' }).fill('200000');
    await page.getByRole('checkbox', { name: /Compare scenarios/ }).uncheck();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('sim-interval').waitFor({ timeout: 45_000 });
    await expect(page.getByTestId('sim-stale').count()).resolves.toBe(0);
    // Two edits on the canvas: the figures shown belong to the blueprint before them.
    await recoverStepThree(page);
    await expectHeadline(page, '0.816');
    await page
      .getByTestId('sim-stale')
      .filter({ hasText: /blueprint has changed/ })
      .waitFor();
    // Undone, the blueprint is again the one simulated.
    const undo = page.getByRole('toolbar').getByRole('button', { name: 'Undo' });
    await undo.click();
    await undo.click();
    await expectHeadline(page, '0.765');
    await page.getByTestId('sim-stale').waitFor({ state: 'detached' });
    // Other settings make the result out of date too.
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('2');
    await page
      .getByTestId('sim-stale')
      .filter({ hasText: /settings have changed/ })
      .waitFor();
    await context.close();
  });
});

describe('problems', () => {
  it('says the blueprint is invalid and focuses the node a problem is about', async () => {
    const { context, page } = await openApp();
    // A decision added on its own is connected to nothing: the blueprint becomes invalid.
    await page.getByRole('button', { name: 'Add Decision' }).click();
    await page.getByTestId('headline-invalid').waitFor();
    await page.getByRole('alert').filter({ hasText: 'Invalid blueprint' }).waitFor();
    await expect(page.getByTestId('results-percent').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /Problems/ }).click();
    const problem = page.getByRole('button', { name: /BP0\d\d.*Node d1/ }).first();
    await problem.click();
    const decision = canvas(page).getByRole('group', { name: 'Decision: d1', exact: true });
    await expect.poll(() => decision.getAttribute('class')).toMatch(/\bselected\b/);
    // The view moves to the node (a short animation): it ends up inside the canvas.
    await page.waitForTimeout(600);
    const canvasBox = await canvas(page).boundingBox();
    const nodeBox = await decision.boundingBox();
    expect(nodeBox && canvasBox).toBeTruthy();
    expect(nodeBox!.width).toBeGreaterThan(40);
    expect(nodeBox!.x).toBeGreaterThan(canvasBox!.x);
    expect(nodeBox!.x + nodeBox!.width).toBeLessThan(canvasBox!.x + canvasBox!.width);
    await page.screenshot({ path: screenshotPath('screenshot-problems.png') });
    await context.close();
  });

  it('refuses a file that is not a blueprint, lists its problems and keeps the blueprint', async () => {
    const { context, page } = await openApp();
    const folder = mkdtempSync(join(tmpdir(), 'failpoint-e2e-'));
    const broken = join(folder, 'broken.blueprint.json');
    writeFileSync(
      broken,
      readFileSync(
        new URL('../fixtures/broken/BP002-wrong-format.blueprint.json', import.meta.url),
      ),
    );
    await page.locator('input[type=file]').setInputFiles(broken);
    const dialog = page.getByRole('alertdialog', { name: /broken\.blueprint\.json/ });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/BP002/);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    expect(await headlineReliability(page)).toBe('0.765');
    await expect(step(page, 'Customer fills in the waybill').count()).resolves.toBe(1);

    const notJson = join(folder, 'notes.blueprint.json');
    writeFileSync(notJson, 'this is not JSON');
    await page.locator('input[type=file]').setInputFiles(notJson);
    await expect(page.getByRole('alertdialog').innerText()).resolves.toMatch(/BP001/);
    await context.close();
  });

  it('opens a blueprint whose content has problems as a draft, undoably', async () => {
    const { context, page } = await openApp();
    const folder = mkdtempSync(join(tmpdir(), 'failpoint-e2e-'));
    const draft = join(folder, 'unfinished.blueprint.json');
    writeFileSync(
      draft,
      readFileSync(
        new URL(
          '../fixtures/broken/BP012-probabilities-do-not-sum-to-one.blueprint.json',
          import.meta.url,
        ),
      ),
    );
    await page.locator('input[type=file]').setInputFiles(draft);
    // No refusal: the draft is open, and its problem is listed where problems are.
    await page.getByRole('toolbar').getByText('Broken example').waitFor();
    await expect(page.getByRole('alertdialog').count()).resolves.toBe(0);
    await page.getByRole('tab', { name: /^Problems/ }).click();
    await page.getByText(/BP012/).first().waitFor();
    await page.screenshot({ path: screenshotPath('screenshot-draft-opened.png') });
    await page.keyboard.press('Escape');
    await page.locator('.react-flow').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expectHeadline(page, '0.765');
    await context.close();
  });
});

describe('files', () => {
  it('brings the edited blueprint back after a reload', async () => {
    const { context, page } = await openApp();
    await recoverStepThree(page);
    await expectHeadline(page, '0.816');
    await page.reload();
    await expectHeadline(page, '0.816');
    await context.close();
  });

  it('opens an example from the Examples menu', async () => {
    const { context, page } = await openApp();
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /Bank loan application/ }).click();
    await page.getByRole('toolbar').getByText('Bank loan application').waitFor();
    const parsed = parseBlueprint(
      readFileSync(new URL('../../examples/bank-loan.blueprint.json', import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error('The bank loan example should be valid.');
    await expectHeadline(page, formatDecimal(systemReliability(parsed.blueprint.model), 'en'));
    await context.close();
  });

  it('opens a blueprint file dropped onto the window', async () => {
    const { context, page } = await openApp();
    const text = readFileSync(
      new URL('../../examples/paint-360.blueprint.json', import.meta.url),
      'utf8',
    );
    const title = JSON.parse(text).title as string;
    const transfer = await page.evaluateHandle((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'paint-360.blueprint.json', { type: 'application/json' }));
      return data;
    }, text);
    await page.dispatchEvent('.react-flow', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('.react-flow', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('.react-flow', 'drop', { dataTransfer: transfer });
    await page.getByRole('toolbar').getByText(title).waitFor();
    await context.close();
  });

  it('saves the blueprint as <title>.blueprint.json', async () => {
    const { context, page } = await openApp();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Courier-pickup-and-delivery.blueprint.json');
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(saved.format).toBe('failpoint.blueprint');
    expect(saved.nodes.filter((node: { type: string }) => node.type === 'step')).toHaveLength(10);
    await context.close();
  });

  it('exports the canvas as a PNG picture', async () => {
    const { context, page } = await openApp();
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Canvas as PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(5_000);
    await context.close();
  });

  it('exports the per-step table as CSV', async () => {
    const { context, page } = await openApp();
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Per-step table as CSV' }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(11);
    expect(text).toMatch(/Customer fills in the waybill/);
    await context.close();
  });
});

describe('languages', () => {
  it('switches the interface to Chinese and remembers it', async () => {
    const { context, page } = await openApp();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('tab', { name: '分析结果' }).waitFor();
    await expect(page.getByRole('button', { name: '撤销' }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await page.reload();
    await page.getByRole('tab', { name: '改进方案' }).waitFor();
    await context.close();
  });

  it('opens the Chinese courier example on a first visit in Chinese', async () => {
    const { context, page } = await openApp({ ...FIRST_VIEW, locale: 'zh-CN' });
    await canvas(page)
      .getByRole('group', { name: '步骤：客户填写相关单据，可靠性 90%', exact: true })
      .waitFor();
    expect(await headlineReliability(page)).toBe('0.765');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('screenshot-courier-zh.png') });
    await context.close();
  });
});
