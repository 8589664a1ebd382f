/**
 * The presenting view as a teacher uses it in front of a class: Present in the toolbar, the
 * courier's table walked one slide at a time with Next, the arrow keys and Space (the product
 * so far 0.990, 0.970, 0.873, … 0.765), the step-3 recovery (0.816) and its growth (+0.051,
 * +6.67 %), back with Previous, and Escape returns to the blueprint as it was. In Chinese the
 * slides speak the source's words.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { presentingWalk } from '../../src/document/presenting';
import { formatDecimal } from '../../src/editor/results/format';
import { parseBlueprint } from '../../src/sim/parse';
import { expectHeadline, openApp, screenshotPath, shotPath } from './browser';

const PROJECTOR = { width: 1280, height: 720 };

/** The product so far after each of the courier's ten steps, as the slides round it. */
const SERVED = [
  '0.990',
  '0.970',
  '0.873',
  '0.856',
  '0.839',
  '0.830',
  '0.789',
  '0.781',
  '0.773',
  '0.765',
];

const view = (page: Page) => page.getByRole('dialog', { name: /^(Presenting: |演示：)/ });

/** Waits for the slide numbered `progress` ("3 / 14") and checks its kind when given. */
async function slideIs(page: Page, progress: string, kind?: string): Promise<void> {
  await view(page).getByTestId('present-progress').filter({ hasText: progress }).waitFor();
  if (kind === undefined) return;
  await expect(view(page).locator('[data-slide]').getAttribute('data-slide')).resolves.toBe(kind);
}

async function slideText(page: Page): Promise<string> {
  return view(page).locator('[data-slide]').innerText();
}

/** Whether the slide's content fits inside the window: nothing cut off at any edge. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const slide = document.querySelector('.present__slide');
    if (!slide) return ['no slide'];
    const frame = slide.getBoundingClientRect();
    for (const element of slide.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (
        box.left < frame.left - 1 ||
        box.right > frame.right + 1 ||
        box.top < frame.top - 1 ||
        box.bottom > frame.bottom + 1
      ) {
        out.push(`${element.tagName.toLowerCase()}.${element.className}`);
      }
    }
    return out;
  });
}

describe('presenting the courier', () => {
  it('walks every slide with Next, the arrows and Space, and shows the source figures', async () => {
    const { context, page } = await openApp({ viewport: PROJECTOR });
    // A node selected before presenting: Delete during the show must not remove it.
    await page
      .locator('.react-flow')
      .getByRole('group', { name: /^Step: Customer fills in the waybill,/ })
      .click();
    const nodes = await page.locator('.react-flow__node').count();
    const undo = page.getByRole('toolbar').getByRole('button', { name: 'Undo', exact: true });
    const undoBefore = await undo.isDisabled();

    await page.getByRole('toolbar').getByRole('button', { name: 'Present', exact: true }).click();
    await view(page).waitFor();
    await expect(view(page).getAttribute('aria-label')).resolves.toBe(
      'Presenting: Courier pickup and delivery',
    );
    await slideIs(page, '1 / 14', 'question');
    await expect(slideText(page)).resolves.toContain(
      '10 steps, each done right 90–99 % of the time: how many customers are served?',
    );
    await expect(view(page).getByRole('img', { name: 'The blueprint' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(view(page).getByRole('button', { name: 'Previous' }).isDisabled()).resolves.toBe(
      true,
    );
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.screenshot({ path: shotPath('presenting-question.png') });

    // Ten steps, moved on by each of the ways a presenter has.
    const moves: (() => Promise<void>)[] = [
      () => view(page).getByRole('button', { name: 'Next' }).click(),
      () => page.keyboard.press('ArrowRight'),
      () => page.keyboard.press('Space'),
      () => page.keyboard.press('PageDown'),
      () => page.keyboard.press('ArrowDown'),
    ];
    for (let i = 0; i < SERVED.length; i++) {
      await moves[i % moves.length]();
      await slideIs(page, `${i + 2} / 14`, 'step');
      await expect(view(page).getByTestId('present-figure').innerText()).resolves.toBe(SERVED[i]);
      const rows = view(page).locator('tbody tr');
      await expect(rows.count()).resolves.toBe(i + 1);
      if (i === 2) {
        await expect(view(page).locator('.present__row--new').innerText()).resolves.toMatch(
          /3\s+Customer fills in the waybill\s+0\.90/,
        );
        await expect(slideText(page)).resolves.toContain(
          '12.7 % of customers have already met a failure',
        );
        await expect(overflowing(page)).resolves.toEqual([]);
        await page.screenshot({ path: shotPath('presenting-step-3.png') });
      }
    }
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.screenshot({ path: shotPath('presenting-step-10.png') });

    await page.keyboard.press('ArrowRight');
    await slideIs(page, '12 / 14', 'result');
    await expect(view(page).getByTestId('present-figure').innerText()).resolves.toBe('0.765');
    const result = await slideText(page);
    expect(result).toContain('Total reliability');
    expect(result).toContain('2,347 of every 10,000 customers fail');
    expect(result).toContain('About 1 customer in 4 meets a failure');
    expect(result).toContain(
      '0.99 × 0.98 × 0.90 × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.765',
    );
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.screenshot({ path: shotPath('presenting-result.png') });

    await page.keyboard.press('Space');
    await slideIs(page, '13 / 14', 'recovery');
    await expect(view(page).getByTestId('present-figure').innerText()).resolves.toBe('0.816');
    const recovery = await slideText(page);
    expect(recovery).toContain('The recovery: Recover step 3');
    expect(recovery).toMatch(
      /Customer fills in the waybill\s+0\.90\s*→\s*\(0\.90 \+ 0\.10 × 0\.6\) = 0\.96/,
    );
    expect(recovery).toContain('1,837 of every 10,000 customers fail');
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.screenshot({ path: shotPath('presenting-recovery.png') });

    await view(page).getByRole('button', { name: 'Next' }).click();
    await slideIs(page, '14 / 14', 'growth');
    await expect(view(page).getByTestId('present-delta').innerText()).resolves.toBe('+0.051');
    await expect(view(page).getByTestId('present-growth').innerText()).resolves.toBe('+6.67 %');
    const growth = await slideText(page);
    expect(growth).toMatch(/0\.765\s*→\s*0\.816/);
    expect(growth).toContain('510 more of every 10,000 customers are served');
    await expect(view(page).getByRole('button', { name: 'Next' }).isDisabled()).resolves.toBe(true);
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('screenshot-presenting.png') });

    // Past the end nothing moves; back with the arrow and with Previous.
    await page.keyboard.press('ArrowRight');
    await slideIs(page, '14 / 14', 'growth');
    await page.keyboard.press('ArrowLeft');
    await slideIs(page, '13 / 14', 'recovery');
    await view(page).getByRole('button', { name: 'Previous' }).click();
    await slideIs(page, '12 / 14', 'result');
    await page.keyboard.press('Home');
    await slideIs(page, '1 / 14', 'question');
    await page.keyboard.press('End');
    await slideIs(page, '14 / 14', 'growth');

    // The editor's keys do nothing behind the slides.
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+z');

    await page.keyboard.press('Escape');
    await view(page).waitFor({ state: 'detached' });
    await expectHeadline(page, '0.765');
    await expect(page.locator('.react-flow__node').count()).resolves.toBe(nodes);
    await expect(
      page
        .locator('.react-flow')
        .getByRole('group', { name: /^Step: Customer fills in the waybill,/ })
        .count(),
    ).resolves.toBe(1);
    await expect(undo.isDisabled()).resolves.toBe(undoBefore);
    await context.close();
  });

  it('opens with Ctrl+Alt+P and closes with its Back to editing button', async () => {
    const { context, page } = await openApp({ viewport: PROJECTOR });
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Alt+p');
    await slideIs(page, '1 / 14', 'question');
    const fullscreen = () => page.evaluate(() => document.fullscreenElement !== null);
    await expect.poll(fullscreen).toBe(true);
    await view(page).getByRole('button', { name: 'Back to editing' }).click();
    await view(page).waitFor({ state: 'detached' });
    // The screen is given back with the view.
    await expect.poll(fullscreen).toBe(false);
    await expect(
      page.getByRole('toolbar').getByRole('button', { name: 'Present', exact: true }).isVisible(),
    ).resolves.toBe(true);

    // Leaving full screen the browser's way (its own Escape) closes the view too.
    await page.getByRole('toolbar').getByRole('button', { name: 'Present', exact: true }).click();
    await slideIs(page, '1 / 14', 'question');
    await expect.poll(fullscreen).toBe(true);
    await page.evaluate(() => document.exitFullscreen());
    await view(page).waitFor({ state: 'detached' });

    // The help lists the shortcut and says how to move through the slides.
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: 'Failpoint help' });
    await expect(
      help.getByRole('row', { name: /Present full screen/ }).innerText(),
    ).resolves.toMatch(/Ctrl\+Alt\+P/);
    await expect(help.innerText()).resolves.toContain('→ or Space for the next slide');
    await context.close();
  });
});

describe('presenting a blueprint that is not in series', () => {
  it('walks the bank loan without a running product and ends at its exact R', async () => {
    const parsed = parseBlueprint(
      readFileSync(new URL('../../examples/bank-loan.blueprint.json', import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error('The bank loan example should be valid.');
    const walk = presentingWalk(parsed.blueprint);
    const total = walk.slides.length;
    const steps = walk.steps.length;
    expect(steps).toBeGreaterThan(10);

    const { context, page } = await openApp({ viewport: PROJECTOR });
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /Bank loan application/ }).click();
    await page.getByRole('toolbar').getByText('Bank loan application').waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Present', exact: true }).click();
    await slideIs(page, `1 / ${total}`, 'question');
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
    await slideIs(page, `${steps + 1} / ${total}`, 'step');
    const text = await slideText(page);
    expect(text).toContain('With loops or failure routes, the product of the steps is not R.');
    expect(text).not.toContain('Customers served so far');
    // The earliest rows fold into one line; the newest stays in view.
    expect(text).toContain(`… ${steps - 9} earlier steps`);
    await expect(view(page).locator('tbody tr').count()).resolves.toBe(10);
    await expect(view(page).getByTestId('present-figure').innerText()).resolves.toBe(
      walk.steps[steps - 1].text,
    );
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.screenshot({ path: shotPath('presenting-bank-loan-step.png') });

    await page.keyboard.press('ArrowRight');
    await slideIs(page, `${steps + 2} / ${total}`, 'result');
    await expect(view(page).getByTestId('present-figure').innerText()).resolves.toBe(
      formatDecimal(walk.reliability, 'en'),
    );
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.keyboard.press('Escape');
    await view(page).waitFor({ state: 'detached' });
    await context.close();
  });
});

describe('presenting in Chinese', () => {
  it('shows the Chinese courier in the source’s own words and figures', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN', viewport: PROJECTOR });
    await page.getByRole('toolbar').getByRole('button', { name: '演示', exact: true }).click();
    await view(page).waitFor();
    await expect(view(page).getAttribute('aria-label')).resolves.toBe('演示：快递取件与派送服务');
    await slideIs(page, '1 / 14', 'question');
    await expect(slideText(page)).resolves.toContain(
      '10 个步骤，每一步做对的概率都在 90%–99%：有多少客户能得到完整的服务？',
    );
    await expect(view(page).getByRole('button', { name: '下一页' }).isVisible()).resolves.toBe(
      true,
    );

    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await slideIs(page, '4 / 14', 'step');
    const step = await slideText(page);
    expect(step).toContain('至此顺利通过的客户');
    expect(step).toMatch(/3\s+客户填写相关单据\s+0\.90/);
    expect(step).toContain('已有 12.7% 的客户遇到了失误');
    await expect(view(page).getByTestId('present-figure').innerText()).resolves.toBe('0.873');
    await page.screenshot({ path: shotPath('presenting-step-3-zh.png') });

    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await slideIs(page, '12 / 14', 'result');
    const result = await slideText(page);
    expect(result).toContain('总体可靠性');
    expect(result).toContain('约每 4 位客户中就有 1 位遇到失误');
    await expect(view(page).getByTestId('present-figure').innerText()).resolves.toBe('0.765');

    await page.keyboard.press('ArrowRight');
    await slideIs(page, '13 / 14', 'recovery');
    await expect(slideText(page)).resolves.toContain('补救：步骤3的补救');
    await expect(view(page).getByTestId('present-figure').innerText()).resolves.toBe('0.816');

    await page.keyboard.press('ArrowRight');
    await slideIs(page, '14 / 14', 'growth');
    const growth = await slideText(page);
    expect(growth).toContain('可靠性提高');
    expect(growth).toContain('可靠性增长率');
    await expect(view(page).getByTestId('present-delta').innerText()).resolves.toBe('+0.051');
    await expect(view(page).getByTestId('present-growth').innerText()).resolves.toBe('+6.67%');
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.screenshot({ path: shotPath('presenting-growth-zh.png') });

    // No English on any slide: words in Latin letters are only the Esc key's name and R.
    const latin = new Set<string>();
    await page.keyboard.press('Home');
    for (let slide = 1; slide <= 14; slide++) {
      await slideIs(page, `${slide} / 14`, slide === 1 ? 'question' : undefined);
      const texts = await view(page).evaluate((root) => [
        (root as HTMLElement).innerText,
        ...[...root.querySelectorAll('[aria-label], [title], img[alt]')].map(
          (element) =>
            `${element.getAttribute('aria-label') ?? ''} ${element.getAttribute('title') ?? ''} ${element.getAttribute('alt') ?? ''}`,
        ),
      ]);
      for (const word of texts.join(' ').match(/[A-Za-z]{2,}/g) ?? []) latin.add(word);
      await page.keyboard.press('ArrowRight');
    }
    expect([...latin].filter((word) => word !== 'Esc')).toEqual([]);

    await page.keyboard.press('Escape');
    await view(page).waitFor({ state: 'detached' });
    await expectHeadline(page, '0.765');
    await context.close();
  });
});
