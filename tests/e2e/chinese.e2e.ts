/**
 * The Chinese interface holds no English: validation problems (problems panel, canvas marks,
 * inspector, rejected-file dialog) read as Chinese sentences, and the main screens (results,
 * scenarios, Monte Carlo after a short run, problems) show no English word in their text,
 * accessible names or tooltips beyond ids, labels, codes and units.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { diagnosticSentence } from '../../src/sim/diagnostics';
// The expected sentences are written here in Chinese too, synchronously.
import '../../src/sim/diagnostics/every-language';
import { parseBlueprint } from '../../src/sim/parse';
import { openApp, screenshotPath, scrollPanelToTop } from './browser';

/**
 * Latin words the Chinese interface may show: the product, file formats and units, keys as
 * printed on a keyboard, the names of the node kinds' ids and codes, and what the Chinese
 * courier itself is called.
 */
const ALLOWED = new Set([
  'Failpoint',
  'JSON',
  'CSV',
  'PNG',
  'SVG',
  'BP',
  'ms',
  'Ctrl',
  'Shift',
  'Alt',
  'Cmd',
  'Esc',
  'Enter',
  'Delete',
  'Del',
  'Backspace',
  // Function keys as printed on the keyboard (F2 edits a label in place).
  'F1',
  'F2',
  'Tab',
  'CI',
  'Birnbaum',
  // The language switch names English in English, and files end in .blueprint.json.
  'English',
  'blueprint',
  'json',
  // React Flow's link to its authors ("React Flow attribution"), which the library names itself.
  'React',
  'Flow',
  'attribution',
  // Currency codes (ISO 4217) are written the same in every language.
  'CNY',
  'EUR',
]);

/** Every piece of text a person or a screen reader meets: visible text, names and tooltips. */
async function textsOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return false;
      const style = getComputedStyle(element);
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (
      let node = walker.currentNode as Element | null;
      node;
      node = walker.nextNode() as Element | null
    ) {
      if (!visible(node)) continue;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = node.getAttribute(attribute);
        if (value) out.push(value);
      }
      if (node.tagName === 'SCRIPT' || node.tagName === 'STYLE') continue;
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE && child.textContent?.trim()) {
          out.push(child.textContent.trim());
        }
      }
    }
    // Descriptions a screen reader reads with an element, even where they are hidden.
    for (const element of document.querySelectorAll('[aria-describedby]')) {
      for (const id of (element.getAttribute('aria-describedby') ?? '').split(/\s+/)) {
        const text = id ? document.getElementById(id)?.textContent?.trim() : '';
        if (text) out.push(text);
      }
    }
    // Chart tooltips are <title> elements inside the SVG.
    for (const title of document.querySelectorAll('svg title')) {
      if (title.textContent?.trim()) out.push(title.textContent.trim());
    }
    return out;
  });
}

/** The English words among `texts`, with the text each was found in. */
function englishWords(texts: readonly string[], names: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    let rest = text;
    for (const name of names) rest = rest.split(name).join(' ');
    // Codes (BP012), ids (s3, e12, p1) and numbers with units are not English words.
    rest = rest.replace(/\bBP\d{3}\b/g, ' ').replace(/\b[a-z]{1,2}\d+\b/g, ' ');
    for (const word of rest.match(/[A-Za-z]{2,}/g) ?? []) {
      if (!ALLOWED.has(word)) found.add(`${word} — in "${text.slice(0, 120)}"`);
    }
  }
  return [...found];
}

/** Every text of a blueprint file (ids, labels, names, notes): the user's own words. */
function blueprintNames(example: string): string[] {
  const document: unknown = JSON.parse(
    readFileSync(new URL(`../../examples/${example}`, import.meta.url), 'utf8'),
  );
  const out = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') out.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  collect(document);
  return [...out].sort((a, b) => b.length - a.length);
}

async function expectNoEnglish(page: Page, screen: string, example: string): Promise<void> {
  const words = englishWords(await textsOnScreen(page), blueprintNames(example));
  expect(words, `English left on the ${screen} screen`).toEqual([]);
}

async function switchToChinese(page: Page): Promise<void> {
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('tab', { name: '分析结果' }).waitFor();
}

const CJK = /[\u4e00-\u9fff]/;

/** The example a first visit in Chinese opens. */
const ZH_COURIER = 'courier.zh.blueprint.json';

describe('validation problems in Chinese', () => {
  it('shows Chinese sentences in the problems panel, on canvas marks and in the inspector', async () => {
    const { context, page } = await openApp({
      viewport: { width: 1440, height: 1000 },
      panelHeight: 420,
    });
    await switchToChinese(page);
    // A decision on its own is connected to nothing: the draft becomes invalid.
    await page.getByRole('button', { name: '添加判断' }).click();
    await page.getByTestId('headline-invalid').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /问题/ }).click();

    const messages = page.locator('.problem-message');
    await messages.first().waitFor();
    const sentences = await messages.allInnerTexts();
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) {
      expect(sentence).toMatch(CJK);
      expect(sentence).toContain('d1');
      expect(englishWords([sentence], ['d1'])).toEqual([]);
    }
    expect(sentences.join('\n')).toContain('判断节点“d1”');

    // The mark on the node says the same, as its tooltip.
    const mark = page.locator('.react-flow .fp-mark--problem').first();
    await mark.waitFor();
    const title = (await mark.getAttribute('title')) ?? '';
    expect(title).toMatch(CJK);
    expect(sentences).toContain(title);
    expect(await mark.getAttribute('aria-label')).toMatch(CJK);

    // Clicking a problem selects its node; the inspector lists the node's problems.
    await page
      .getByRole('button', { name: /BP0\d\d/ })
      .first()
      .click();
    const inspectorProblems = page.locator('.fp-problem-list li');
    await inspectorProblems.first().waitFor();
    for (const item of await inspectorProblems.allInnerTexts()) {
      expect(item).toMatch(/^BP0\d\d /);
      expect(item).toMatch(CJK);
      expect(englishWords([item.replace(/^BP0\d\d /, '')], ['d1'])).toEqual([]);
    }
    await expectNoEnglish(page, 'problems', 'courier.blueprint.json');
    await page.screenshot({ path: screenshotPath('screenshot-problems-zh.png') });
    await context.close();
  });

  it('lists the problems of a refused file in Chinese', async () => {
    const { context, page } = await openApp();
    await switchToChinese(page);
    const folder = mkdtempSync(join(tmpdir(), 'failpoint-e2e-'));
    const broken = join(folder, 'broken.blueprint.json');
    const text = readFileSync(
      new URL('../fixtures/broken/BP002-wrong-format.blueprint.json', import.meta.url),
      'utf8',
    );
    writeFileSync(broken, text);
    const parsed = parseBlueprint(text);
    if (parsed.ok) throw new Error('The BP002 fixture should be refused.');
    await page.locator('input[type=file]').setInputFiles(broken);
    const dialog = page.getByRole('alertdialog', { name: /broken\.blueprint\.json/ });
    await dialog.waitFor();
    const sentence = await dialog.locator('.problem-message').first().innerText();
    expect(sentence).toBe(diagnosticSentence(parsed.diagnostics[0], 'zh'));
    expect(sentence).toMatch(/[\u4e00-\u9fff]/);
    await context.close();
  });
});

describe('the Chinese interface', () => {
  it('shows no English on the results, scenarios, Monte Carlo and problems screens', async () => {
    const { context, page } = await openApp({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 1000 },
      panelHeight: 500,
    });
    await page.getByRole('tab', { name: '分析结果' }).click();
    await page.waitForTimeout(300);
    await expectNoEnglish(page, 'results', ZH_COURIER);
    await scrollPanelToTop(page);
    await page.screenshot({ path: screenshotPath('screenshot-results-zh.png') });

    await page.getByRole('tab', { name: '改进方案' }).click();
    await page.waitForTimeout(300);
    await expectNoEnglish(page, 'scenarios', ZH_COURIER);
    await page.screenshot({ path: screenshotPath('screenshot-scenarios-zh.png') });

    await page.getByRole('tab', { name: '蒙特卡洛模拟' }).click();
    await page.getByRole('spinbutton', { name: '试验次数' }).fill('20000');
    await page.getByRole('button', { name: '开始模拟' }).click();
    await page.getByTestId('sim-interval').waitFor({ timeout: 45_000 });
    await page.waitForTimeout(500);
    await expectNoEnglish(page, 'Monte Carlo', ZH_COURIER);
    await scrollPanelToTop(page);
    await page.screenshot({ path: screenshotPath('screenshot-monte-carlo-zh.png') });

    await page.getByRole('tab', { name: /问题/ }).click();
    await page.waitForTimeout(300);
    await expectNoEnglish(page, 'problems', ZH_COURIER);
    await context.close();
  });
});
