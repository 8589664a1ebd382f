/**
 * The toolbar fits the window: at 1440×900, 1280×800 and 1024×768, in English and in Chinese, no
 * control covers another, every one is inside the window, the blueprint's title can be clicked,
 * and every command is still reachable by mouse and keyboard, in the toolbar or in its More menu.
 * Boxes are measured in the page, in CSS pixels.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, shotPath } from './browser';

/** Two boxes overlap when they share more than this many CSS pixels along both axes. */
const TOUCH_PX = 0.5;
/** The title must keep at least this width, in CSS pixels, to be read and clicked. */
const TITLE_MIN_PX = 80;

const WINDOWS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];

/** The commands of the toolbar, by the accessible name of their button (or menu item). */
const COMMANDS = {
  en: {
    locale: 'en-GB',
    title: /^Title: /,
    more: 'More',
    names: [
      'New',
      'Open…',
      'Save',
      'Library',
      'Examples',
      'Undo',
      'Redo',
      'Auto layout',
      'Fit view',
      'What-if',
      'Teach',
      'Export',
      'Present',
      'English',
      '中文',
      'Help',
    ],
  },
  zh: {
    locale: 'zh-CN',
    title: /^标题：/,
    more: '更多',
    names: [
      '新建',
      '打开…',
      '保存',
      '蓝图库',
      '示例',
      '撤销',
      '重做',
      '自动布局',
      '适合视图',
      '假设分析',
      '教学',
      '导出',
      '演示',
      'English',
      '中文',
      '帮助',
    ],
  },
} as const;

interface Control {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The toolbar's top-level controls as drawn: its buttons (not the items of an open menu) and
 * the reliability headline, each with its accessible name as far as the page can tell it.
 */
async function toolbarControls(page: Page): Promise<Control[]> {
  return page.getByRole('toolbar').evaluate((toolbar) => {
    const controls: Control[] = [];
    for (const element of toolbar.querySelectorAll<HTMLElement>('button, [role="status"]')) {
      if (element.closest('[role="menu"]')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || element.getClientRects().length === 0) continue;
      const box = element.getBoundingClientRect();
      controls.push({
        name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '?',
        left: box.left,
        top: box.top,
        right: box.right,
        bottom: box.bottom,
      });
    }
    return controls;
  });
}

/** Every pair of controls whose boxes overlap, named. */
function overlaps(controls: readonly Control[]): string[] {
  const found: string[] = [];
  controls.forEach((a, i) => {
    for (const b of controls.slice(i + 1)) {
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > TOUCH_PX && down > TOUCH_PX) found.push(`“${a.name}” over “${b.name}”`);
    }
  });
  return found;
}

describe('the toolbar fits the window', () => {
  for (const size of WINDOWS) {
    for (const language of ['en', 'zh'] as const) {
      const { locale, title, more, names } = COMMANDS[language];
      it(`at ${size.width}×${size.height} in ${language === 'en' ? 'English' : 'Chinese'}`, async () => {
        const { context, page } = await openApp({ viewport: size, locale });
        const toolbar = page.getByRole('toolbar');
        const controls = await toolbarControls(page);
        console.log(
          `${size.width}×${size.height} ${language}: ${controls.length} controls: ` +
            controls.map((c) => `${c.name} ${Math.round(c.right - c.left)}`).join(', '),
        );
        await toolbar.screenshot({ path: shotPath(`toolbar-${size.width}-${language}.png`) });

        // Nothing covers anything, and nothing is cut off by the window or scrolled out of it.
        expect(overlaps(controls)).toEqual([]);
        for (const control of controls) {
          expect(control.left, control.name).toBeGreaterThanOrEqual(0);
          expect(control.top, control.name).toBeGreaterThanOrEqual(0);
          expect(control.right, control.name).toBeLessThanOrEqual(size.width);
          expect(control.bottom, control.name).toBeLessThanOrEqual(size.height);
        }
        const scroll = await toolbar.evaluate(
          (element) => element.scrollWidth - element.clientWidth,
        );
        expect(scroll).toBeLessThanOrEqual(0);

        // The title keeps a readable width and takes a click (nothing lies over it).
        const titleButton = toolbar.getByRole('button', { name: title });
        const titleBox = (await titleButton.boundingBox())!;
        expect(titleBox.width).toBeGreaterThanOrEqual(TITLE_MIN_PX);
        await titleButton.click({ timeout: 2_000 });
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.id))
          .toBe('fp-blueprint-title');

        // Every command is a button in the toolbar or an item of its More menu.
        const inToolbar = new Set<string>();
        for (const name of names) {
          const button = toolbar.getByRole('button', { name, exact: true });
          if ((await button.count()) === 1 && (await button.isVisible())) inToolbar.add(name);
        }
        const missing = names.filter((name) => !inToolbar.has(name));
        if (missing.length > 0) {
          // The rest are in the More menu, which a keyboard opens and walks too.
          const moreButton = toolbar.getByRole('button', { name: more, exact: true });
          await moreButton.focus();
          await page.keyboard.press('Enter');
          const menu = page.getByRole('menu', { name: more });
          await menu.waitFor();
          await page.screenshot({
            path: shotPath(`toolbar-${size.width}-${language}-more.png`),
            clip: { x: 0, y: 0, width: size.width, height: 260 },
          });
          for (const name of missing) {
            await expect(
              menu.getByRole('menuitem', { name, exact: true }).count(),
              name,
            ).resolves.toBe(1);
          }
          await expect
            .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
            .toBe('menuitem');
          await page.keyboard.press('Escape');
          await menu.waitFor({ state: 'detached' });
        }
        console.log(
          `${size.width}×${size.height} ${language}: title ${Math.round(titleBox.width)} px; in More: ${missing.join(', ') || 'nothing'}`,
        );
        await context.close();
      });
    }
  }
});

describe('the toolbar follows the window', () => {
  it('keeps Teach in sight while teaching and gives the commands back when the window widens', async () => {
    const { context, page } = await openApp({ viewport: { width: 1024, height: 768 } });
    const toolbar = page.getByRole('toolbar');
    const more = toolbar.getByRole('button', { name: 'More', exact: true });
    const teach = toolbar.getByRole('button', { name: 'Teach', exact: true });
    await expect(more.isVisible()).resolves.toBe(true);
    await expect(teach.isVisible()).resolves.toBe(false);

    // Teaching starts from the More menu; the pressed Teach button then shows the mode.
    await more.click();
    await page.getByRole('menu', { name: 'More' }).getByRole('menuitem', { name: 'Teach' }).click();
    await page.getByRole('region', { name: 'Teaching' }).waitFor();
    await expect(teach.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(teach.isVisible()).resolves.toBe(true);
    await expect(overlaps(await toolbarControls(page))).toEqual([]);
    await toolbar.screenshot({ path: shotPath('toolbar-1024-en-teaching.png') });
    await more.click();
    const items = page.getByRole('menu', { name: 'More' }).getByRole('menuitem');
    await expect(items.allInnerTexts()).resolves.not.toContain('Teach');
    // Closed by its button: Escape would also end the teaching mode, which answers it first.
    await more.click();
    await teach.click();
    await page.getByRole('region', { name: 'Teaching' }).waitFor({ state: 'detached' });

    // A wider window gives the commands back to the toolbar and the More menu goes.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => more.isVisible()).toBe(false);
    for (const name of ['New', 'Library', 'Teach', 'Present', 'Fit view']) {
      await expect(
        toolbar.getByRole('button', { name, exact: true }).isVisible(),
        name,
      ).resolves.toBe(true);
    }
    await expect(overlaps(await toolbarControls(page))).toEqual([]);
    await context.close();
  });
});
