/**
 * The canvas as a modeller reads it: the first view of the courier on a laptop, Fit view on a
 * long blueprint, the splitter against the canvas, the lane names far out, the overview map.
 * Sizes are measured in the page, in CSS pixels.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBlueprint, toBlueprintDocument } from '../../src/sim/generate';
import { openApp, screenshotPath } from './browser';

/** Node labels must be drawn at least this large on screen, in CSS pixels. */
const READABLE_PX = 11;
const LAPTOP = { width: 1440, height: 900 };

let stressFile: string;

beforeAll(async () => {
  const document = toBlueprintDocument(
    generateBlueprint({ nodes: 1_000, seed: 7 }),
    'Stress test, 1,000 nodes',
  );
  stressFile = join(mkdtempSync(join(tmpdir(), 'failpoint-view-')), 'stress.blueprint.json');
  writeFileSync(stressFile, JSON.stringify(document));
});

function canvas(page: Page) {
  return page.locator('.react-flow');
}

/** The zoom of the canvas view. */
async function zoomOf(page: Page): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
}

/** The smallest computed font size of the node texts (step labels and figures, captions), unzoomed. */
async function smallestLabelFont(page: Page): Promise<number> {
  return page.evaluate(() => {
    const labels = document.querySelectorAll('.fp-step__label, .fp-step__meta, .fp-caption');
    let smallest = Infinity;
    for (const label of labels) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(label).fontSize));
    }
    return smallest;
  });
}

/** Waits for two frames, so that the view the last action set is painted. */
async function settle(page: Page, millis = 0): Promise<void> {
  if (millis > 0) await page.waitForTimeout(millis);
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

async function openStress(page: Page): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(stressFile);
  await canvas(page)
    .getByRole('group', { name: /^Start:/ })
    .first()
    .waitFor();
  await settle(page, 300);
}

/** Boxes of the nodes relative to the canvas box. */
async function nodeBoxesOutside(page: Page): Promise<string[]> {
  const area = (await canvas(page).boundingBox())!;
  const outside: string[] = [];
  for (const node of await canvas(page).locator('.react-flow__node').all()) {
    const box = (await node.boundingBox())!;
    const inside =
      box.x >= area.x - 0.5 &&
      box.y >= area.y - 0.5 &&
      box.x + box.width <= area.x + area.width + 0.5 &&
      box.y + box.height <= area.y + area.height + 0.5;
    if (!inside) outside.push((await node.getAttribute('data-id')) ?? '?');
  }
  return outside;
}

describe('the first view on a laptop', () => {
  for (const { language, locale, shot } of [
    { language: 'English', locale: 'en-GB', shot: 'screenshot-first-open.png' },
    { language: 'Chinese', locale: 'zh-CN', shot: 'screenshot-first-open-zh.png' },
  ]) {
    it(`opens the whole courier in ${language}, every node in view, labels of at least 11 px`, async () => {
      const { context, page } = await openApp({ viewport: LAPTOP, locale });
      await settle(page, 200);
      const zoom = await zoomOf(page);
      const font = await smallestLabelFont(page);
      console.log(
        `${language} first open: zoom ${zoom.toFixed(3)}, labels ${font} px → ${(font * zoom).toFixed(1)} px`,
      );
      // The readable floor: 13 px labels at zoom 11/13 at least.
      expect(zoom).toBeGreaterThanOrEqual(11 / 13 - 0.001);
      expect(font * zoom).toBeGreaterThanOrEqual(READABLE_PX - 0.01);
      const area = (await canvas(page).boundingBox())!;
      console.log(`${language} first open: canvas ${area.width} × ${area.height} px`);
      // The canvas has most of the window's height.
      expect(area.height).toBeGreaterThanOrEqual(LAPTOP.height * 0.6);
      const lanes = await canvas(page).locator('.fp-lane-label').all();
      expect(lanes).toHaveLength(4);
      for (const lane of lanes) {
        const box = (await lane.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(area.y);
        expect(box.y + box.height).toBeLessThanOrEqual(area.y + area.height);
      }
      // Every one of the courier's twelve nodes is in view, none under the lane names.
      const nodes = await canvas(page).locator('.react-flow__node').all();
      expect(nodes).toHaveLength(12);
      expect(await nodeBoxesOutside(page)).toEqual([]);
      const column = (await lanes[0].boundingBox())!;
      for (const node of nodes) {
        expect((await node.boundingBox())!.x).toBeGreaterThanOrEqual(column.x + column.width);
      }
      // And the captions of the start and the end too.
      for (const caption of await canvas(page).locator('.fp-caption').all()) {
        const box = (await caption.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(column.x + column.width);
        expect(box.x + box.width).toBeLessThanOrEqual(area.x + area.width);
      }
      // The blueprint fits, so the overview map is not in the way.
      await expect(
        canvas(page)
          .getByRole('img', { name: /Overview map|全局缩略图/ })
          .count(),
      ).resolves.toBe(0);
      await page.screenshot({ path: screenshotPath(shot) });
      await context.close();
    });
  }
});

describe('Fit view', () => {
  it('never goes below the readable zoom on the 1,000-node blueprint, and says so', async () => {
    const { context, page } = await openApp({ viewport: LAPTOP });
    await openStress(page);
    expect((await smallestLabelFont(page)) * (await zoomOf(page))).toBeGreaterThanOrEqual(
      READABLE_PX - 0.01,
    );
    await page.getByRole('toolbar').getByRole('button', { name: 'Fit view' }).click();
    await settle(page, 400);
    const zoom = await zoomOf(page);
    console.log(`Fit view on 1,000 nodes: zoom ${zoom.toFixed(3)}`);
    expect((await smallestLabelFont(page)) * zoom).toBeGreaterThanOrEqual(READABLE_PX - 0.01);
    // The notice region sits over the canvas, beside React Flow's own element.
    await page
      .locator('.fp-notice-region')
      .getByText(/smallest readable size/)
      .waitFor();
    // The map is shown, and it draws the blueprint's nodes.
    const map = canvas(page).getByRole('img', { name: 'Overview map' });
    await expect(map.locator('.fp-minimap-node').count()).resolves.toBeGreaterThan(900);
    await page.screenshot({ path: 'test-results/screens/fit-view-1000.png' });
    await context.close();
  });

  it('keeps the lane names on screen at 11 px at the lowest zoom', async () => {
    const { context, page } = await openApp({ viewport: LAPTOP });
    await openStress(page);
    const zoomOut = canvas(page).getByRole('button', { name: 'Zoom out' });
    // React Flow disables the button once the lowest zoom is reached.
    for (let i = 0; i < 40 && (await zoomOut.isEnabled()); i++) {
      await zoomOut.click();
      await settle(page, 180);
    }
    const zoom = await zoomOf(page);
    expect(zoom).toBeLessThan(0.03);
    const area = (await canvas(page).boundingBox())!;
    for (const name of ['Customer', 'Frontstage', 'Backstage', 'Support processes']) {
      const label = canvas(page).locator('.fp-lane-label').filter({ hasText: name });
      await expect(label.isVisible()).resolves.toBe(true);
      const box = (await label.boundingBox())!;
      expect(box.height, name).toBeGreaterThanOrEqual(20);
      expect(box.y, name).toBeGreaterThanOrEqual(area.y);
      expect(box.y + box.height, name).toBeLessThanOrEqual(area.y + area.height);
      const size = await label.evaluate((element) =>
        parseFloat(getComputedStyle(element).fontSize),
      );
      expect(size, name).toBeGreaterThanOrEqual(READABLE_PX);
    }
    await page.screenshot({ path: 'test-results/screens/lanes-lowest-zoom.png' });
    await context.close();
  });
});

describe('the splitter', () => {
  it('cannot push the canvas under its minimum, and a remembered height is clamped', async () => {
    const { context, page } = await openApp({ viewport: LAPTOP });
    const splitter = page.getByRole('separator', { name: 'Resize the analysis panel' });
    const handle = (await splitter.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, 5, { steps: 8 });
    await page.mouse.up();
    await settle(page);
    const minimum = Math.max(320, LAPTOP.height * 0.45);
    const dragged = (await canvas(page).boundingBox())!;
    expect(dragged.height).toBeGreaterThanOrEqual(minimum - 1);
    // The panel is still there, with its tabs, below the canvas.
    const tab = (await page.getByRole('tab', { name: 'Results' }).boundingBox())!;
    expect(tab.y).toBeGreaterThanOrEqual(dragged.y + dragged.height);

    // A height remembered from a taller window does not squeeze the canvas either.
    await page.evaluate(() => localStorage.setItem('failpoint.panelHeight', '2000'));
    await page.reload();
    await page.getByRole('tab', { name: 'Results' }).waitFor();
    const reloaded = (await canvas(page).boundingBox())!;
    expect(reloaded.height).toBeGreaterThanOrEqual(minimum - 1);

    // Collapsing gives the canvas nearly the whole height.
    await page.getByRole('button', { name: 'Collapse the analysis panel' }).click();
    await settle(page);
    const collapsed = (await canvas(page).boundingBox())!;
    expect(collapsed.height).toBeGreaterThan(LAPTOP.height - 160);
    await context.close();
  });
});

describe('the overview map', () => {
  it('draws each node in its shape and lane colour, and its choice is kept', async () => {
    const { context, page } = await openApp({ viewport: LAPTOP });
    const toggle = canvas(page).getByRole('button', { name: 'Overview map' });
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    const map = canvas(page).getByRole('img', { name: 'Overview map' });
    const nodes = map.locator('.fp-minimap-node');
    await expect(nodes.count()).resolves.toBe(12);
    await expect(map.locator('circle.fp-minimap-node').count()).resolves.toBe(2);
    await expect(map.locator('rect.fp-minimap-node--step').count()).resolves.toBe(10);
    const fills = new Set(
      await map
        .locator('rect.fp-minimap-node--step')
        .evaluateAll((rects) => rects.map((rect) => rect.getAttribute('fill'))),
    );
    // The courier's steps sit in three lanes: three colours.
    expect(fills.size).toBe(3);
    await toggle.click();
    await expect(map.count()).resolves.toBe(0);
    await page.reload();
    await page.getByRole('tab', { name: 'Results' }).waitFor();
    await expect(canvas(page).getByRole('img', { name: 'Overview map' }).count()).resolves.toBe(0);
    await context.close();
  });
});

describe('the parameters in the inspector', () => {
  it('show names and values in full, and a long Chinese label across the width', async () => {
    const { context, page } = await openApp({ viewport: LAPTOP, locale: 'zh-CN' });
    const name = page.getByRole('textbox', { name: '参数 catchRate 的名称' });
    const value = page.getByRole('textbox', { name: '参数 catchRate 的数值' });
    const label = page.getByRole('textbox', { name: '参数 catchRate 的说明' });
    const long = '快递员上门取件时发现单据填写有误并当场协助客户改正的失误所占比例';
    await label.fill(long);
    await label.press('Enter');
    // Nothing is cut: each box is as wide as its text needs (scrollWidth = clientWidth).
    for (const field of [name, value]) {
      const clipped = await field.evaluate(
        (input) =>
          (input as HTMLInputElement).scrollWidth > (input as HTMLInputElement).clientWidth,
      );
      expect(clipped).toBe(false);
    }
    const nameBox = (await name.boundingBox())!;
    const labelBox = (await label.boundingBox())!;
    // The label has a line of its own, below the name, across the inspector.
    expect(labelBox.y).toBeGreaterThanOrEqual(nameBox.y + nameBox.height);
    expect(labelBox.width).toBeGreaterThan(250);
    await expect(label.inputValue()).resolves.toBe(long);
    await page
      .locator('.app__inspector')
      .screenshot({ path: 'test-results/screens/parameters-zh.png' });
    await context.close();
  });
});

describe('the palette beside the canvas', () => {
  it('is a rail of named icons on a laptop, shows its names on request, and in full on a wide screen', async () => {
    const { context, page } = await openApp({ viewport: LAPTOP });
    const palette = page.getByRole('navigation', { name: 'Node palette' });
    expect((await palette.boundingBox())!.width).toBeLessThanOrEqual(60);
    // Each button keeps its name for assistive technology, and says it in its tooltip.
    const step = palette.getByRole('button', { name: 'Add Step' });
    await expect(step.getAttribute('title')).resolves.toMatch(/^Step: /);
    const canvasBefore = (await canvas(page).boundingBox())!.width;
    await palette.getByRole('button', { name: 'Show the names of the node kinds' }).click();
    await settle(page, 100);
    expect((await palette.boundingBox())!.width).toBeGreaterThanOrEqual(150);
    expect((await canvas(page).boundingBox())!.width).toBeLessThan(canvasBefore);
    const name = (await palette.locator('.fp-palette__name').first().boundingBox())!;
    expect(name.width).toBeGreaterThan(20);
    await page.screenshot({ path: 'test-results/screens/palette-names-shown.png' });
    await palette.getByRole('button', { name: 'Hide the names of the node kinds' }).click();
    await settle(page, 100);
    expect((await palette.boundingBox())!.width).toBeLessThanOrEqual(60);
    await context.close();

    const wide = await openApp({ viewport: { width: 1700, height: 900 } });
    const full = wide.page.getByRole('navigation', { name: 'Node palette' });
    expect((await full.boundingBox())!.width).toBeGreaterThanOrEqual(150);
    await expect(
      full.getByRole('button', { name: 'Show the names of the node kinds' }).isVisible(),
    ).resolves.toBe(false);
    await wide.context.close();
  });
});
