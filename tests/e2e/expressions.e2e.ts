/**
 * The expression parser (mathjs) is no part of the first view: R is on screen before it is
 * fetched, it arrives right after, and expressions work as before — in a blueprint opened from
 * a link at start, and typed in the first moment after the page shows.
 */
import { readFileSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { blueprintLink } from '../../src/document/link';
import { formatDecimal } from '../../src/editor/results/format';
import { R_SHOWN_MARK } from '../../src/editor/results/timing';
import type { BlueprintDocument } from '../../src/sim/document';
import { systemReliability } from '../../src/sim/exact/reliability';
import { documentNeedsExpressionParser } from '../../src/sim/expressions';
import { parseBlueprint } from '../../src/sim/parse';
import { appUrl, expectHeadline, newPage, shotPath } from './browser';

/**
 * Texts found only in the parser's packages: mathjs's parser, typed-function (which mathjs's
 * functions are made of) and decimal.js.
 */
const PARSER_TEXTS = ['Parenthesis ) expected', 'Too few arguments in function', '[DecimalError]'];

function courier(): BlueprintDocument {
  const parsed = parseBlueprint(readFileSync('examples/courier.blueprint.json', 'utf8'));
  if (!parsed.ok) throw new Error('The courier example does not parse.');
  return parsed.blueprint.document;
}

/** The courier with the waybill step's reliability written as an expression over catchRate. */
function courierWithExpression(expression: string): BlueprintDocument {
  const document = courier();
  return {
    ...document,
    nodes: document.nodes.map((node) =>
      node.id === 's3' ? { ...node, reliability: expression } : node,
    ),
  };
}

/** R of the courier with the waybill step at `reliability`, as the headline shows it. */
function headlineWith(reliability: number): string {
  const document = courier();
  const parsed = parseBlueprint(
    JSON.stringify({
      ...document,
      nodes: document.nodes.map((node) => (node.id === 's3' ? { ...node, reliability } : node)),
    }),
  );
  if (!parsed.ok) throw new Error('The changed courier does not parse.');
  return formatDecimal(systemReliability(parsed.blueprint.model), 'en');
}

/** When R was first on screen, in the page's clock (ms after navigation). */
async function rShownAt(page: Page): Promise<number> {
  const shown = await page.waitForFunction(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null,
    R_SHOWN_MARK,
  );
  return (await shown.jsonValue()) as number;
}

interface Fetched {
  url: string;
  /** When it was requested (ms since the epoch). */
  at: number;
  request: Request;
}

/** Records the scripts a page fetches, with when. */
function recordScripts(page: Page): Fetched[] {
  const fetched: Fetched[] = [];
  page.on('request', (request) => {
    if (/\.m?js(\?|$)/.test(request.url())) {
      fetched.push({ url: request.url(), at: Date.now(), request });
    }
  });
  return fetched;
}

async function holdsParser(fetched: Fetched): Promise<boolean> {
  const body = (await (await fetched.request.response())?.text()) ?? '';
  return PARSER_TEXTS.some((text) => body.includes(text));
}

/**
 * Holds the parser's script back for `ms` milliseconds, as a slow network would; the returned
 * object says whether it has been let through yet.
 */
async function holdParser(page: Page, ms: number): Promise<{ released: boolean }> {
  const state = { released: false };
  await page.route(/\.m?js(\?|$)/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (PARSER_TEXTS.some((text) => body.includes(text))) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      state.released = true;
    }
    await route.fulfill({ response, body });
  });
  return state;
}

/**
 * Opens the app with the parser's script held back for 2 s and waits for the courier's R: the
 * first moment after the page shows, before expressions can be read.
 */
async function openWithParserHeld() {
  const { context, page } = await newPage();
  const parser = await holdParser(page, 2_000);
  await page.goto(appUrl);
  await rShownAt(page);
  await expectHeadline(page, '0.765');
  return { context, page, parser };
}

describe('the expression parser', () => {
  it('is fetched after R is on screen, not before', async () => {
    const { context, page } = await newPage();
    const fetched = recordScripts(page);
    await page.goto(appUrl);
    const shownAt = await rShownAt(page);
    const origin = (await page.evaluate(() => performance.timeOrigin)) as number;
    await expectHeadline(page, '0.765');
    const before = fetched.filter((script) => script.at <= origin + shownAt);
    expect(before.length).toBeGreaterThan(0);
    const parserBefore = await Promise.all(before.map(holdsParser));
    expect(before.filter((_, at) => parserBefore[at]).map((script) => script.url)).toEqual([]);
    // …and arrives right after, unasked.
    await expect
      .poll(async () => (await Promise.all(fetched.map(holdsParser))).some(Boolean), {
        timeout: 5_000,
      })
      .toBe(true);
    await context.close();
  });

  it('reads a blueprint with expressions from a link at start, with the right R', async () => {
    const expression = 'min(1, catchRate + 0.36)';
    const document = courierWithExpression(expression);
    expect(documentNeedsExpressionParser(document)).toBe(true);
    const link = blueprintLink(document, { base: appUrl }).link;
    const { context, page } = await newPage();
    await page.goto(link);
    await rShownAt(page);
    const expected = headlineWith(Math.min(1, 0.6 + 0.36));
    expect(expected).not.toBe('0.765');
    await expectHeadline(page, expected);
    // The linked blueprint opened as it is: no problems listed.
    await expect(page.getByRole('region', { name: 'Blueprint from a link' }).count()).resolves.toBe(
      1,
    );
    await page.screenshot({ path: shotPath('expression-link.png') });
    await context.close();
  });

  it('opens a link without expressions at start without waiting for the parser', async () => {
    // The courier with a plain number in place of the waybill step's reliability.
    const document = courierWithExpression('0.95');
    document.nodes = document.nodes.map((node) =>
      node.id === 's3' ? { ...node, reliability: 0.95 } : node,
    );
    expect(documentNeedsExpressionParser(document)).toBe(false);
    const { context, page } = await newPage();
    const parser = await holdParser(page, 8_000);
    await page.goto(blueprintLink(document, { base: appUrl }).link);
    await page.getByRole('region', { name: 'Blueprint from a link' }).waitFor();
    // The linked blueprint's own R, while the parser is still held back.
    await expectHeadline(page, headlineWith(0.95));
    expect(parser.released).toBe(false);
    // The parser is still held back: its route ends with the page, not with an error.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  });

  it('opens a link with expressions followed before the parser has arrived', async () => {
    const { context, page, parser } = await openWithParserHeld();
    const link = blueprintLink(courierWithExpression('min(1, catchRate + 0.36)'), {
      base: appUrl,
    }).link;
    await page.evaluate((hash) => (location.hash = hash), link.slice(link.indexOf('#')));
    const banner = page.getByRole('region', { name: 'Blueprint from a link' });
    await banner.waitFor();
    expect(parser.released).toBe(true);
    // Opened as it is, not as a draft with problems, and with its own R.
    await expectHeadline(page, headlineWith(Math.min(1, 0.6 + 0.36)));
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await context.close();
  });

  it('gives the right value to an expression typed before the parser has arrived', async () => {
    const { context, page, parser } = await openWithParserHeld();
    // The waybill step's reliability as an expression over catchRate (0.6), typed at once.
    const waybill = page
      .locator('.react-flow')
      .getByRole('group', { name: /^Step: Customer fills in the waybill,/ });
    await waybill.click();
    const reliability = page
      .getByRole('complementary', { name: 'Inspector' })
      .getByRole('textbox', { name: /^Reliability/ })
      .first();
    await reliability.fill('min(1, catchRate + 0.36)');
    await reliability.press('Enter');
    expect(parser.released).toBe(false);
    await page.screenshot({ path: shotPath('expression-typed-waiting.png') });
    // No figure is computed without the parser: R follows once it has arrived.
    await expectHeadline(page, headlineWith(Math.min(1, 0.6 + 0.36)), 10_000);
    expect(parser.released).toBe(true);
    await expect(reliability.inputValue()).resolves.toBe('min(1, catchRate + 0.36)');
    // The step on the canvas shows the value too, not the "n/a" of the moment before.
    await waybill.getByText('96%', { exact: true }).waitFor({ timeout: 5_000 });
    await expect(waybill.getByText('n/a').count()).resolves.toBe(0);
    await page.screenshot({ path: shotPath('expression-typed.png') });
    await context.close();
  });
});
