/**
 * Accessibility as axe-core measures it: no WCAG 2 A/AA rule and no best-practice rule is
 * violated on the main screen, on each analysis panel, in the inspector's three states, in the
 * help dialog, in the open menus and in the Chinese interface. Keyboard users reach the canvas
 * through a skip link, and charts have a role and a name that say what they show.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { openApp, shotPath } from './browser';

/** Fails with the list of violations, one a line, so a failure says what to fix and where. */
async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations.length, `axe-core on ${screen}:\n${violations.join('\n')}\n`).toBe(0);
}

/** Opens one of the broken fixtures as a draft: the blueprint has problems to list. */
async function openDraft(page: Page, fixture: string): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'failpoint-a11y-'));
  const file = join(folder, fixture);
  writeFileSync(file, readFileSync(new URL(`../fixtures/broken/${fixture}`, import.meta.url)));
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('toolbar').getByText('Broken example').waitFor();
}

function canvas(page: Page) {
  return page.locator('.react-flow');
}

describe('axe-core finds no violation', () => {
  it('on the main screen at first open', async () => {
    const { context, page } = await openApp();
    await expectNoViolations(page, 'the main screen');
    await context.close();
  });

  it('on the scenarios panel', async () => {
    const { context, page } = await openApp();
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByTestId('scenario-chart').locator('svg').waitFor();
    await expectNoViolations(page, 'the scenarios panel');
    await context.close();
  });

  it('on the Monte Carlo panel, before and after a short run', async () => {
    const { context, page } = await openApp();
    await page.getByRole('tab', { name: 'Monte Carlo' }).click();
    await page.getByRole('button', { name: 'Run simulation' }).waitFor();
    await expectNoViolations(page, 'the Monte Carlo panel before a run');
    await page.getByRole('spinbutton', { name: 'Trials' }).fill('100000');
    // A single run first: it draws the convergence and the histograms.
    await page.getByRole('checkbox', { name: /Compare scenarios/ }).uncheck();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('sim-interval').waitFor({ timeout: 45_000 });
    await page.getByTestId('convergence-chart').locator('svg').first().waitFor();
    await expectNoViolations(page, 'the Monte Carlo panel after a run');
    // Then the paired comparison of the scenarios.
    await page.getByRole('checkbox', { name: /Compare scenarios/ }).check();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page
      .getByRole('table', { name: 'Paired scenario comparison' })
      .waitFor({ timeout: 45_000 });
    await expectNoViolations(page, 'the Monte Carlo panel after a comparison');
    await context.close();
  });

  it('on the compound-failure explorer, with a refusal, and the formula of a scenario', async () => {
    const { context, page } = await openApp();
    await page.getByRole('tab', { name: 'Compound failure' }).click();
    await page.getByTestId('explorer-chart').locator('svg').waitFor();
    await expectNoViolations(page, 'the compound-failure explorer');
    await page.getByRole('spinbutton', { name: 'Steps in series (n)' }).fill('60');
    await page.getByRole('alert').filter({ hasText: '60 is not' }).waitFor();
    await expectNoViolations(page, 'the explorer refusing a value');
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page
      .getByRole('button', { name: 'Record edits into a scenario: Recover step 3' })
      .click();
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.locator('.formula mark').waitFor();
    await expectNoViolations(page, 'the formula of a scenario with its numbers');
    await context.close();
  });

  it('on the problems panel of a broken blueprint', async () => {
    const { context, page } = await openApp();
    await openDraft(page, 'BP012-probabilities-do-not-sum-to-one.blueprint.json');
    await page.getByRole('tab', { name: /^Problems/ }).click();
    await page.getByText(/BP012/).first().waitFor();
    await expectNoViolations(page, 'the problems panel');
    await page.getByRole('tab', { name: 'Results' }).click();
    await expectNoViolations(page, 'the results panel of an invalid blueprint');
    await context.close();
  });

  it('in the inspector with a step, an edge and nothing selected', async () => {
    const { context, page } = await openApp();
    await canvas(page)
      .getByRole('group', { name: /^Step: Customer fills in the waybill,/ })
      .click();
    await page.getByRole('checkbox', { name: 'Recovery', exact: true }).waitFor();
    await expectNoViolations(page, 'the inspector of a step');

    await canvas(page)
      .getByRole('group', { name: /^Edge from Customer fills in the waybill to / })
      .first()
      .click({ force: true });
    await page.locator('.fp-inspector__title').filter({ hasText: /edge/i }).waitFor();
    await expectNoViolations(page, 'the inspector of an edge');

    await canvas(page).click({ position: { x: 5, y: 5 } });
    await page.getByRole('region', { name: 'Parameters' }).waitFor();
    await expectNoViolations(page, 'the blueprint properties and parameters');
    await context.close();
  });

  it('in the help dialog', async () => {
    const { context, page } = await openApp();
    await canvas(page).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: /help/i }).waitFor();
    await expectNoViolations(page, 'the help dialog');
    await context.close();
  });

  it('in the presenting view: the question, a step of the walk and the growth', async () => {
    const { context, page } = await openApp({ viewport: { width: 1280, height: 720 } });
    await page.getByRole('toolbar').getByRole('button', { name: 'Present', exact: true }).click();
    const progress = page
      .getByRole('dialog', { name: /^Presenting: / })
      .getByTestId('present-progress');
    await progress.filter({ hasText: '1 / 14' }).waitFor();
    await expectNoViolations(page, 'the question slide');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await progress.filter({ hasText: '3 / 14' }).waitFor();
    await expectNoViolations(page, 'a step of the walk');
    await page.keyboard.press('End');
    await progress.filter({ hasText: '14 / 14' }).waitFor();
    await expectNoViolations(page, 'the growth slide');
    await context.close();
  });

  it('in the BPMN import dialog (lane map) and the import report', async () => {
    const { context, page } = await openApp();
    await page
      .locator('input[type=file]')
      .setInputFiles(new URL('../fixtures/bpmn/hand/lanes-and-di.bpmn', import.meta.url).pathname);
    const dialog = page.getByRole('dialog', { name: 'Import “lanes-and-di.bpmn”' });
    await dialog.getByRole('combobox', { name: 'Blueprint lane for “Kitchen”' }).waitFor();
    await expectNoViolations(page, 'the BPMN import dialog');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('table', { name: 'Import notes' }).waitFor();
    await expectNoViolations(page, 'the BPMN import report');
    await context.close();
  });

  it('with the Export and the Examples menus open', async () => {
    const { context, page } = await openApp();
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem').first().waitFor();
    await expectNoViolations(page, 'the Export menu');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /Bank loan application/ }).waitFor();
    await expectNoViolations(page, 'the Examples menu');
    await context.close();
  });

  it('in the Chinese interface', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    await expectNoViolations(page, 'the Chinese main screen');
    // The chart's image is named and described in Chinese, its lines joined the Chinese way.
    const pareto = page.getByTestId('pareto-chart').getByRole('img', { name: '失误来源' });
    // The chart library arrives after R: the description is there once the chart is drawn.
    await expect.poll(() => pareto.getAttribute('aria-describedby')).not.toBeNull();
    const described = await pareto.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${described}"] li`).first().textContent()).resolves.toMatch(
      /^客户填写相关单据，失误占比/,
    );
    await page.getByRole('tab', { name: '改进方案' }).click();
    await expectNoViolations(page, 'the Chinese scenarios panel');
    await context.close();
  });
});

describe('the skip links', () => {
  /** Where focus is: the element's id, and whether the blueprint canvas is inside it. */
  function focused(page: Page) {
    return page.evaluate(() => ({
      id: document.activeElement?.id ?? '',
      tag: document.activeElement?.tagName.toLowerCase() ?? '',
      holdsCanvas: document.activeElement?.querySelector('.react-flow') != null,
      insideCanvas: document.activeElement?.closest('#canvas') != null,
    }));
  }

  it('are the first stop of Tab, show when focused, and Enter moves focus to the canvas', async () => {
    const { context, page } = await openApp();
    const skip = page.getByRole('link', { name: 'Skip to the canvas' });
    // Out of sight until focused.
    const hidden = await skip.boundingBox();
    expect(hidden!.y + hidden!.height).toBeLessThanOrEqual(0);

    await page.keyboard.press('Tab');
    await expect(skip.evaluate((link) => link === document.activeElement)).resolves.toBe(true);
    const shown = await skip.boundingBox();
    expect(shown!.y).toBeGreaterThanOrEqual(0);
    expect(shown!.height).toBeGreaterThan(20);
    await page.screenshot({ path: shotPath('skip-link-focused.png') });

    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toMatchObject({ id: 'canvas', holdsCanvas: true });
    await page.screenshot({ path: shotPath('skip-link-canvas-focused.png') });
    // Focus moved without a #fragment: a reload does not jump anywhere.
    expect(new URL(page.url()).hash).toBe('');
    // The skip link hides again, and the next Tab goes into the blueprint.
    expect((await skip.boundingBox())!.y).toBeLessThan(0);
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ insideCanvas: true });
    await context.close();
  });

  it('has a second stop that moves focus to the analysis panels, in Chinese too', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    await page.keyboard.press('Tab');
    await expect(
      page
        .getByRole('link', { name: '跳到画布' })
        .evaluate((link) => link === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('Tab');
    const panels = page.getByRole('link', { name: '跳到分析面板' });
    await expect(panels.evaluate((link) => link === document.activeElement)).resolves.toBe(true);
    await page.screenshot({ path: shotPath('skip-link-panels-zh.png') });
    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toMatchObject({ id: 'panels', tag: 'section' });
    await page.screenshot({ path: shotPath('skip-link-panels-focused-zh.png') });
    await context.close();
  });
});

describe('charts', () => {
  /** The figures a chart's image is described by, one entry per datum. */
  async function figuresOf(page: Page, testId: string): Promise<string[]> {
    const image = page.getByTestId(testId).getByRole('img');
    // Described once the chart library (loaded after R) has drawn it.
    await expect.poll(() => image.getAttribute('aria-describedby')).toBeTruthy();
    const described = await image.getAttribute('aria-describedby');
    return page.locator(`[id="${described}"] li`).allTextContents();
  }

  it('are images named by what they show and described by their figures', async () => {
    const { context, page } = await openApp();
    const pareto = page.getByTestId('pareto-chart');
    await pareto.locator('svg').first().waitFor();
    await pareto.getByRole('img', { name: 'Where failures come from' }).waitFor();
    const figures = await figuresOf(page, 'pareto-chart');
    // The courier's biggest fail point is step 3: it fails in 0.99 × 0.98 × 0.1 = 0.0970 of
    // the trips, 41 % of the 0.2347 that fail; its bar and its cumulative dot told together.
    expect(figures[0]).toBe(
      'Customer fills in the waybill, Share of failures: 41 %, Cumulative: 41 %',
    );
    expect(figures.length).toBeGreaterThan(5);
    // The tick labels drawn for the eye are inside the image, not read one by one.
    await expect(pareto.getByText('Customer fills…').count()).resolves.toBe(0);
    await context.close();
  });

  it('name parallel splits and joins by where they stand, never by their ids', async () => {
    const { context, page } = await openApp();
    // The bank loan with its parallel splits and joins left unlabelled, as the palette adds them.
    const blueprint = JSON.parse(
      readFileSync(new URL('../../examples/bank-loan.blueprint.json', import.meta.url), 'utf8'),
    ) as { title: string; nodes: { type: string; label?: string }[] };
    blueprint.title = 'Unlabelled gateways';
    for (const node of blueprint.nodes) {
      if (node.type === 'parallel' || node.type === 'join') delete node.label;
    }
    const folder = mkdtempSync(join(tmpdir(), 'failpoint-a11y-'));
    const file = join(folder, 'gateways.blueprint.json');
    writeFileSync(file, JSON.stringify(blueprint));
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('toolbar').getByText('Unlabelled gateways').waitFor();
    await page.getByTestId('pareto-chart').locator('svg').first().waitFor();
    const figures = (await figuresOf(page, 'pareto-chart')).join('\n');
    expect(figures).toMatch(/Join of ‘/);
    expect(figures).not.toMatch(/\b[pj]\d\b/);
    await expectNoViolations(page, 'the results of a blueprint with unlabelled gateways');
    await context.close();
  });
});
