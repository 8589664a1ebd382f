/**
 * The compound-failure explorer and the formula with its numbers, as a teacher uses them: the
 * Compound failure tab with its sliders and fields (R = pⁿ, what each step needs for a target R,
 * refusals for values out of range), the courier marked on the curve with its best single step
 * made perfect, the Results panel writing R with its numbers (and, in what-if mode on the
 * step-3 recovery, the changed factor highlighted), and the same in Chinese.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectHeadline, openApp, screenshotPath, shotPath } from './browser';

const VIEW = { viewport: { width: 1440, height: 1000 }, panelHeight: 470 } as const;
/** Tall enough for the whole explorer beside the canvas, for the docs. */
const DOCS_VIEW = { viewport: { width: 1440, height: 1100 }, panelHeight: 530 } as const;

/** The explorer's large R = pⁿ figure. */
function explorerR(page: Page) {
  return page.getByTestId('explorer-reliability');
}

async function openExplorer(page: Page, tab = 'Compound failure'): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await explorerR(page).waitFor();
}

describe('the compound-failure explorer', () => {
  it('gives R = pⁿ and what each step needs for a target R', async () => {
    const { context, page } = await openApp(VIEW);
    await openExplorer(page);
    const steps = page.getByRole('spinbutton', { name: 'Steps in series (n)' });
    const p = page.getByRole('spinbutton', { name: 'Reliability of each step (p)' });
    await steps.fill('10');
    await p.fill('0.95');
    await expect(explorerR(page).innerText()).resolves.toBe('0.599');

    // Ten steps for R ≥ 0.9: 0.9895 rounded, and honest that 0.9895 itself falls short.
    await page.getByRole('spinbutton', { name: 'Target R' }).fill('0.9');
    const requirement = page.getByTestId('explorer-requirement');
    await expect(requirement.innerText()).resolves.toMatch(
      /Each of the 10 steps needs\s*≈ 0\.9895/,
    );
    await expect(requirement.innerText()).resolves.toMatch(/at least 0\.98952/);
    await expect(requirement.innerText()).resolves.toMatch(/0\.9896 to be safe/);

    // The sliders move the figures too: 20 steps at 0.990 → 0.990²⁰ = 0.818.
    const stepSlider = page.getByRole('slider', { name: 'Steps in series (n)' });
    await stepSlider.focus();
    for (let i = 0; i < 10; i++) await stepSlider.press('ArrowRight');
    await expect(steps.inputValue()).resolves.toBe('20');
    const pSlider = page.getByRole('slider', { name: 'Reliability of each step (p)' });
    await pSlider.fill('0.99');
    await expect(p.inputValue()).resolves.toBe('0.99');
    await expect(explorerR(page).innerText()).resolves.toBe('0.818');
    await expect(requirement.innerText()).resolves.toMatch(/Each of the 20 steps needs/);

    // Out of range: refused in words, nothing clamped, the slider stays where it was.
    await steps.fill('60');
    await expect(
      page.getByRole('alert').filter({ hasText: '60 is not' }).innerText(),
    ).resolves.toBe('The number of steps must be a whole number from 1 to 50; 60 is not.');
    await expect(steps.inputValue()).resolves.toBe('60');
    await expect(stepSlider.inputValue()).resolves.toBe('20');
    await expect(explorerR(page).count()).resolves.toBe(0);
    await p.fill('0.5');
    await expect(
      page.getByRole('alert').filter({ hasText: '0.5 is not in that range' }).count(),
    ).resolves.toBe(1);
    await context.close();
  });

  it('marks the courier on the curve and shows that one perfect step cannot rescue it', async () => {
    const { context, page } = await openApp(DOCS_VIEW);
    await openExplorer(page);
    await expect(page.getByTestId('explorer-placement').innerText()).resolves.toBe(
      '“Courier pickup and delivery” has 10 steps and R = 0.765: as if each step had a reliability of p̄ = 0.9736.',
    );
    const chart = page.getByRole('img', { name: /Curve of R = pⁿ for p = 0\.950/ });
    await chart.waitFor();
    const description = page.getByTestId('explorer-chart-figures');
    // The figures are written once the chart library (loaded after R) has drawn the curve.
    await expect
      .poll(() => description.textContent())
      .toMatch(/Courier pickup and delivery: 10 steps, R = 0\.765/);
    await expect(description.textContent()).resolves.toMatch(/10 steps at p = 0\.950: R = 0\.599/);

    const lesson = page.getByRole('region', {
      name: 'Perfecting one step cannot rescue a flawed system',
    });
    await expect(lesson.getByTestId('explorer-lesson').innerText()).resolves.toMatch(
      /R today\s*0\.765[\s\S]*R with “Customer fills in the waybill” perfect\s*0\.850/,
    );
    await expect(lesson.innerText()).resolves.toMatch(/one customer in 7 meets a failure/);

    // The blueprint's n and p on the sliders: 0.9736¹⁰ = 0.765.
    await page.getByRole('button', { name: 'Use the blueprint’s n and p' }).click();
    await expect(
      page.getByRole('spinbutton', { name: 'Reliability of each step (p)' }).inputValue(),
    ).resolves.toBe('0.9736');
    await expect(explorerR(page).innerText()).resolves.toBe('0.765');
    await expect(
      page.getByRole('status', { name: 'System reliability R = pⁿ' }).innerText(),
    ).resolves.toMatch(/0\.9736\s*10\s*=\s*0\.765/);
    const target = page.getByRole('spinbutton', { name: 'Target R' });
    await target.fill('0.9');
    await target.blur();
    await page.waitForTimeout(200);
    await page.screenshot({ path: screenshotPath('screenshot-explorer.png') });
    await context.close();
  });

  it('speaks Chinese', async () => {
    const { context, page } = await openApp({ ...VIEW, locale: 'zh-CN' });
    await openExplorer(page, '失败累积');
    await expect(
      page.getByRole('spinbutton', { name: '串联步骤数 (n)' }).inputValue(),
    ).resolves.toBe('10');
    await page.getByRole('spinbutton', { name: '目标 R' }).fill('0.9');
    await expect(page.getByTestId('explorer-requirement').innerText()).resolves.toMatch(
      /10 个步骤中每一个都需要\s*≈ 0\.9895/,
    );
    await expect(
      page.getByRole('region', { name: '完善单个步骤挽救不了有缺陷的系统' }).innerText(),
    ).resolves.toMatch(/0\.765[\s\S]*0\.850/);
    await page.getByRole('button', { name: '采用蓝图的 n 和 p' }).click();
    await expect(explorerR(page).innerText()).resolves.toBe('0.765');
    await page.screenshot({ path: shotPath('explorer-zh.png') });
    await context.close();
  });
});

describe('the formula with its numbers', () => {
  it('writes the courier’s R with its step values, and the recovery scenario’s changed factor', async () => {
    const { context, page } = await openApp(VIEW);
    const numbers = page.getByRole('group', { name: 'R with the step values' });
    await expect(numbers.innerText()).resolves.toBe(
      '0.99 × 0.98 × 0.90 × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.765',
    );
    await expect(numbers.locator('mark').count()).resolves.toBe(0);
    await page.locator('.results-top').screenshot({ path: shotPath('formula-numbers.png') });

    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page
      .getByRole('button', { name: 'Record edits into a scenario: Recover step 3' })
      .click();
    await expectHeadline(page, '0.816');
    await page.getByRole('tab', { name: 'Results' }).click();
    const scenario = page.getByRole('group', {
      name: 'R of scenario “Recover step 3” with the step values',
    });
    await expect(scenario.locator('code').innerText()).resolves.toBe(
      '0.99 × 0.98 × (0.90 + 0.10 × 0.6) × 0.98 × 0.98 × 0.99 × 0.95 × 0.99 × 0.99 × 0.99 = 0.816',
    );
    await expect(scenario.locator('mark').allInnerTexts()).resolves.toEqual([
      '(0.90 + 0.10 × 0.6)',
    ]);
    await expect(scenario.innerText()).resolves.toMatch(/The baseline gives R = 0\.765/);
    await page.locator('.formula').screenshot({ path: shotPath('formula-numbers-scenario.png') });
    await context.close();
  });
});
