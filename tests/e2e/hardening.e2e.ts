/**
 * The app under a big file and a cancel: opening a large generated blueprint after the courier
 * shows "computing…" until its own figures arrive, never the courier's R under the new title;
 * and Cancel stops the simulation workers within 100 ms, as measured by the pool itself (the
 * moment its last worker confirmed it had stopped computing, shown by the Monte Carlo panel).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/editor/results/format';
import { generateBlueprint, toBlueprintDocument } from '../../src/sim/generate';
import { analyzeDocument } from '../../src/workers/analysis';
import { expectHeadline, openApp, screenshotPath, startEndlessSimulation } from './browser';

/**
 * A blueprint whose exact analysis takes a few seconds on a small machine: thousands of nodes
 * with rework loops, retries, nested parallel blocks and decisions.
 */
const BIG_NODES = 5_000;
const bigTitle = 'Generated stress blueprint';
const bigDocument = toBlueprintDocument(
  generateBlueprint({ nodes: BIG_NODES, seed: 11 }),
  bigTitle,
);
const bigText = JSON.stringify(bigDocument);
const bigAnalysis = analyzeDocument({ document: bigDocument, scenarioId: null });
/** Milliseconds to read and draw the big file, and to analyse it, on a busy two-core machine. */
const LOAD_TIMEOUT = 120_000;
/** Milliseconds for a whole test with the big file. */
const BIG_TEST_TIMEOUT = 300_000;

interface Sample {
  at: number;
  title: string;
  headline: string | null;
  computing: boolean;
  /** What the headline says while it computes, when it does. */
  computingText: string | null;
}

/**
 * Records the title and the headline after every change of the page, before it is painted (a
 * mutation observer), so that even a single frame of wrong figures would be caught.
 */
async function watchHeadline(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: Sample[] = [];
    const sample = () => {
      samples.push({
        at: performance.now(),
        title: document.querySelector('.brand__title')?.textContent ?? '',
        headline: document.querySelector('[data-testid=headline-decimal]')?.textContent ?? null,
        computing: document.querySelector('[data-testid=headline-computing]') !== null,
        computingText:
          document.querySelector('[data-testid=headline-computing]')?.textContent ?? null,
      });
    };
    new MutationObserver(sample).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    sample();
    (window as unknown as { headlineSamples: Sample[] }).headlineSamples = samples;
  });
}

function samplesOf(page: Page): Promise<Sample[]> {
  return page.evaluate(() => (window as unknown as { headlineSamples: Sample[] }).headlineSamples);
}

async function openBigFile(page: Page): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({
    name: 'stress.blueprint.json',
    mimeType: 'application/json',
    buffer: Buffer.from(bigText, 'utf8'),
  });
}

/**
 * With the courier's figures on screen and the headline watched, opens the big blueprint and
 * waits for its title; true when "computing…" was then still on screen to be seen (within 5 s).
 */
async function openBigAfterCourier(page: Page): Promise<boolean> {
  await expectHeadline(page, '0.765');
  await watchHeadline(page);
  await openBigFile(page);
  await page.locator('.brand__title', { hasText: bigTitle }).waitFor({ timeout: LOAD_TIMEOUT });
  return page
    .getByTestId('headline-computing')
    .waitFor({ timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
}

describe('a big blueprint opened after the courier', () => {
  if (!bigAnalysis.ok) throw new Error('The generated blueprint should be valid.');
  const expected = formatDecimal(bigAnalysis.analysis.reliability, 'en');

  it(
    'shows "computing…" until its own figures arrive, never the courier’s 0.765',
    async () => {
      expect(expected).not.toBe('0.765');
      const { context, page } = await openApp();
      // While it computes, every part of the figures says so. The figures may already be in
      // when the title is seen: the samples below say what was shown meanwhile.
      if (await openBigAfterCourier(page)) {
        await expect(page.getByTestId('analysis-computing').innerText()).resolves.toBe(
          'Computing…',
        );
        await expect(page.getByTestId('results-computing').innerText()).resolves.toBe(
          'Computing the figures of this blueprint…',
        );
        await expect(page.locator('.headline').innerText()).resolves.not.toMatch(/0\.765|76\.5/);
        await page.screenshot({ path: screenshotPath('screenshot-computing.png') });
      }

      await expectHeadline(page, expected, LOAD_TIMEOUT);
      const samples = await samplesOf(page);
      const underNewTitle = samples.filter((s) => s.title === bigTitle);
      expect(underNewTitle.length).toBeGreaterThan(0);
      // Under the new title, the headline was "computing…" and then the new R, nothing else.
      expect(underNewTitle.filter((s) => s.headline === '0.765')).toEqual([]);
      expect(underNewTitle.every((s) => s.computing || s.headline === expected)).toBe(true);
      const firstFigure = underNewTitle.find((s) => s.headline === expected)!;
      const computingFor = firstFigure.at - underNewTitle[0].at;
      expect(underNewTitle.some((s) => s.computing)).toBe(true);

      // "Computed in": the time this blueprint's figures took, not an earlier answer's.
      const latency = Number(
        await page.getByTestId('analysis-latency').getAttribute('data-latency'),
      );
      expect(latency).toBeGreaterThanOrEqual(computingFor * 0.9);
      await context.close();
    },
    BIG_TEST_TIMEOUT,
  );

  it(
    'says so in Chinese too',
    async () => {
      const { context, page } = await openApp({ locale: 'zh-CN' });
      // The figures may already be in when the title is seen: the samples, taken before every
      // paint, say what the headline showed meanwhile; the picture is taken when there is time.
      if (await openBigAfterCourier(page)) {
        await expect(page.getByTestId('results-computing').innerText()).resolves.toBe(
          '正在计算此蓝图的结果…',
        );
        await page.screenshot({ path: screenshotPath('screenshot-computing-zh.png') });
      }
      await expectHeadline(page, expected, LOAD_TIMEOUT);
      const underNewTitle = (await samplesOf(page)).filter((s) => s.title === bigTitle);
      const said = underNewTitle.filter((s) => s.computing).map((s) => s.computingText);
      expect(said.length).toBeGreaterThan(0);
      expect(new Set(said)).toEqual(new Set(['计算中…']));
      expect(underNewTitle.filter((s) => s.headline === '0.765')).toEqual([]);
      await context.close();
    },
    BIG_TEST_TIMEOUT,
  );
});

describe('Cancel', () => {
  it('stops the simulation workers within 100 ms, by the pool’s own report', async () => {
    const { context, page } = await openApp();
    await startEndlessSimulation(page);
    // The moment of the click, on the page's clock, seen by the test itself.
    await page.evaluate(() => {
      document.addEventListener(
        'click',
        (event) => {
          const button = (event.target as Element).closest('button');
          if (button?.textContent === 'Cancel') {
            (window as unknown as { cancelClickAt: number }).cancelClickAt =
              performance.timeOrigin + performance.now();
          }
        },
        { capture: true },
      );
    });
    await page.getByRole('button', { name: 'Cancel' }).last().click();
    const report = page.getByTestId('sim-workers-ended');
    await report.waitFor({ timeout: 5_000 });
    const clickAt = await page.evaluate(
      () => (window as unknown as { cancelClickAt: number }).cancelClickAt,
    );
    const endedAt = Number(await report.getAttribute('data-ended-at'));
    expect(await report.getAttribute('data-unconfirmed')).toBe('0');
    expect(endedAt).toBeGreaterThan(clickAt);
    expect(endedAt - clickAt).toBeLessThan(100);
    await expect(report.innerText()).resolves.toMatch(
      /Every worker had stopped \d+ ms after Cancel/,
    );

    // The next run starts new workers and completes.
    await page.getByRole('spinbutton', { name: 'Trials' }).fill('1000000');
    await page.getByRole('checkbox', { name: /Compare scenarios/ }).uncheck();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('sim-interval').waitFor({ timeout: 45_000 });
    await context.close();
  });
});
