/**
 * The file format's zod schemas are no part of the first view: the courier's R reaches the
 * screen without them, they arrive just after, and a broken blueprint opened at the very start
 * (a link in the address) waits for them and gets the same sentences the command line gives.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueprintLink } from '../../src/document/link';
import type { BlueprintDocument } from '../../src/sim/document';
import { parseBlueprint } from '../../src/sim/parse';
import '../../src/sim/schema-wording-zod';
import { appUrl, launchBrowser, newPage, openApp, shotPath } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const R_SHOWN = 'failpoint:r-shown';

/** A string every build of zod's core carries (the name of its base type), and no other code. */
const ZOD_SIGNATURE = '$ZodType';

/** The scripts the page fetched, with when each fetch started (ms since navigation). */
async function scripts(page: Page): Promise<{ url: string; start: number }[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => ({ url: entry.name, start: entry.startTime })),
  );
}

async function scriptText(page: Page, url: string): Promise<string> {
  return page.evaluate(async (address) => (await fetch(address)).text(), url);
}

/** The courier with a misspelt field on a step: a shape problem only zod's issues describe. */
function brokenCourier(): BlueprintDocument {
  const courier = JSON.parse(
    readFileSync('examples/courier.blueprint.json', 'utf8'),
  ) as BlueprintDocument;
  const nodes = courier.nodes.map((node) => {
    if (node.id !== 's3' || node.type !== 'step') return node;
    const { reliability, ...rest } = node;
    return { ...rest, relability: reliability };
  });
  return { ...courier, nodes } as unknown as BlueprintDocument;
}

describe('the schemas’ wording', () => {
  it('is fetched after R is on screen, and no script of the first view holds zod', async () => {
    const { context, page } = await openApp(browser);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, R_SHOWN);
    const shownAt = await page.evaluate(
      (mark) => performance.getEntriesByName(mark)[0].startTime,
      R_SHOWN,
    );
    // It arrives in the background, without anyone asking for it.
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => e.name.includes('schema-wording-zod')),
    );
    const fetched = await scripts(page);
    const wording = fetched.filter((s) => s.url.includes('schema-wording-zod'));
    expect(wording).toHaveLength(1);
    expect(wording[0].start).toBeGreaterThanOrEqual(shownAt);
    // The part holds zod, and the signature looked for below is what shows it.
    expect(await scriptText(page, wording[0].url)).toContain(ZOD_SIGNATURE);

    const firstView = fetched.filter((s) => s.start < shownAt);
    expect(firstView.length).toBeGreaterThan(3);
    for (const script of firstView) {
      expect(await scriptText(page, script.url), script.url).not.toContain(ZOD_SIGNATURE);
    }
    await context.close();
  });

  it('words a broken blueprint linked at the very start as the command line does', async () => {
    const broken = brokenCourier();
    const expected = parseBlueprint(JSON.stringify(broken));
    expect(expected.ok).toBe(false);
    if (expected.ok) return;
    const sentence = expected.diagnostics[0].message;
    expect(sentence).toMatch(/relability[\s\S]*reliability/);

    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await page.goto(blueprintLink(broken, { base: appUrl }).link);
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain(sentence);
    expect(text).toContain(expected.diagnostics[0].code);
    await page.screenshot({ path: shotPath('schema-wording-link-at-start.png') });
    await context.close();
  });

  it('cannot be fetched (offline): a good file still opens, a broken one gets a sentence', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    let refused = 0;
    await page.route(/schema-wording-zod/, (route) => {
      refused++;
      return route.abort('internetdisconnected');
    });
    await page.goto(appUrl);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, R_SHOWN);
    const input = page.locator('input[type=file]');
    await input.setInputFiles({
      name: 'broken.blueprint.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(brokenCourier())),
    });
    const dialog = page.getByRole('alertdialog', {
      name: '“broken.blueprint.json” cannot be opened',
    });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(
      /does not have the shape of a blueprint, and the part of Failpoint that says exactly what is wrong could not be loaded/,
    );
    expect(refused).toBeGreaterThan(0);
    await page.screenshot({ path: shotPath('schema-wording-offline.png') });
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    // The courier is still there; a file that fits the format opens without the wording.
    const courier = JSON.parse(readFileSync('examples/courier.blueprint.json', 'utf8')) as object;
    await input.setInputFiles({
      name: 'offline.blueprint.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...courier, title: 'Opened offline' })),
    });
    await page.getByRole('toolbar').getByText('Opened offline').waitFor();
    await context.close();
  });

  it('cannot be fetched (offline): a link to a broken blueprint gets a sentence', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await page.route(/schema-wording-zod/, (route) => route.abort('internetdisconnected'));
    await page.goto(blueprintLink(brokenCourier(), { base: appUrl }).link);
    const dialog = page.getByRole('alertdialog', { name: 'This link cannot be opened' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(
      /The blueprint in this link does not have the shape of one, and the part of Failpoint that says exactly what is wrong could not be loaded/,
    );
    await page.screenshot({ path: shotPath('schema-wording-offline-link.png') });
    await context.close();
  });
});
