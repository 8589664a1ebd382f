/**
 * The printed report as a manager gets it: the courier with a budget typed in the Money panel,
 * Print report… from the Export menu, the page as it will print, and that page rendered to PDF
 * by Chromium: one clean A4 page. The browser's own print gives the report too, not the editor.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { openApp, screenshotPath, shotPath } from './browser';

/** Pages of a PDF: its `/Type /Page` objects (not the `/Type /Pages` tree above them). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** The axe-core rules the report view breaks, one line each (see {@link axeViolations}). */
const viewViolations = (page: Page) => axeViolations(page, '.report-view');

/** A4 at 96 pixels per inch: 210 × 297 mm. */
const A4 = { width: 794, height: 1123 };

/**
 * The report's HTML as the app prints it (the view's page), opened on its own A4 page in print
 * media: the PDF Chromium makes of it, and a screenshot of its first page.
 */
async function printed(page: Page, screenshot: string): Promise<{ html: string; pdf: Buffer }> {
  const html = await page.locator('iframe.report-view__page').getAttribute('srcdoc');
  if (!html) throw new Error('The report view shows no page.');
  const paper = await page.context().newPage();
  await paper.setViewportSize(A4);
  await paper.setContent(html);
  await paper.emulateMedia({ media: 'print' });
  await paper.evaluate(() => document.fonts.ready);
  await paper.screenshot({ path: screenshot });
  const pdf = await paper.pdf({ format: 'A4' });
  await paper.close();
  return { html, pdf };
}

describe('the printed report', () => {
  it('shows the courier on one A4 page with the options chosen within the Money panel’s budget', async () => {
    const { context, page } = await openApp({
      viewport: { width: 1440, height: 1000 },
      panelHeight: 560,
    });
    await page.getByRole('tab', { name: 'Money' }).click();
    await page.getByRole('textbox', { name: 'Budget, one-off (CNY)' }).fill('3,000,000');
    await page
      .getByRole('list', { name: 'Best within the budget' })
      .getByText('Load checked against the manifest before departure')
      .waitFor();

    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Print report…' }).click();
    const view = page.getByRole('dialog', { name: 'Report: Courier pickup and delivery' });
    await view.waitFor();
    const sheet = page.frameLocator('iframe[title="The report as it will print"]');
    await expect(sheet.locator('[data-figure="reliability"]').innerText()).resolves.toBe('0.765');
    await expect(sheet.locator('[data-figure="failures"]').innerText()).resolves.toBe('2,347');
    const pareto = sheet.getByRole('table', { name: 'Where customers fail' });
    await expect(pareto.getByRole('row').nth(1).innerText()).resolves.toMatch(
      /^1\s+Customer fills in the waybill s3\s+970\s+41\.3 %/,
    );
    const scenarios = sheet.getByRole('table', { name: 'Scenarios against the baseline' });
    await expect(
      scenarios.getByRole('row', { name: /Recover step 3/ }).innerText(),
    ).resolves.toMatch(/0\.816\s+\+0\.051\s+\+6\.67 %\s+1,837\s+1,837\s+\+2,826,143\s+1,200,000/);
    await expect(
      sheet.getByRole('list', { name: 'Chosen options' }).getByRole('listitem').allInnerTexts(),
    ).resolves.toEqual([
      'Courier checks the waybill with the customer',
      'Load checked against the manifest before departure',
    ]);
    await expect(sheet.getByText('Within a one-off budget of 3,000,000 CNY').count()).resolves.toBe(
      1,
    );
    await page.screenshot({ path: shotPath('report-view.png') });
    expect((await viewViolations(page)).join('\n')).toBe('');

    const { pdf } = await printed(page, shotPath('report-en.png'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pageCount(pdf)).toBe(1);
    // Text and vector drawing, no pictures of them: tens of kilobytes, not megabytes.
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.length).toBeLessThan(2_000_000);
    mkdirSync(new URL('../../test-results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('../../test-results/report.pdf', import.meta.url), pdf);
    copyFileSync(shotPath('report-en.png'), screenshotPath('screenshot-report.png'));

    // Close gives the editor back.
    await view.getByRole('button', { name: 'Close' }).click();
    await view.waitFor({ state: 'detached' });

    // The browser's own print (its menu, window.print()) prints the report, not the editor.
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(() => {
      window.dispatchEvent(new Event('beforeprint'));
      return document.getElementById('fp-print-report') !== null;
    });
    await expect(page.locator('#root').isVisible()).resolves.toBe(false);
    await expect(
      page.locator('#fp-print-report [data-figure="reliability"]').innerText(),
    ).resolves.toBe('0.765');
    const appPdf = await page.pdf({ format: 'A4' });
    expect(pageCount(appPdf)).toBe(1);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect(page.locator('#fp-print-report').count()).resolves.toBe(0);
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('#root').isVisible()).resolves.toBe(true);
    await context.close();
    // Two PDFs and a screenshot from Chromium: slow on a busy machine.
  }, 180_000);

  it('prints in Chinese, opened with Ctrl+P', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    await page.keyboard.press('Control+p');
    const view = page.getByRole('dialog', { name: /^报告：/ });
    await view.waitFor();
    await view.getByRole('button', { name: '打印…' }).waitFor();
    const sheet = page.frameLocator('iframe[title="报告的打印效果"]');
    await expect(sheet.locator('[data-figure="reliability"]').innerText()).resolves.toBe('0.765');
    await expect(sheet.getByRole('heading', { name: '顾客在哪里遇到失败' }).count()).resolves.toBe(
      1,
    );
    const { html, pdf } = await printed(page, shotPath('report-zh.png'));
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('服务可靠性报告');
    expect(pageCount(pdf)).toBe(1);
    // Escape closes the view, as any dialog (once the app's tab is in front again).
    await page.bringToFront();
    await view.getByRole('button', { name: '关闭' }).focus();
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    await context.close();
  }, 180_000);
});
