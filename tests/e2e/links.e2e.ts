/**
 * Shared links as a user meets them (SPEC §10): a link made outside the app opens its blueprint
 * over the user's own without touching it; Back brings the user's blueprint back, Keep adds the
 * linked one to the library; a damaged link is refused as a bad file is; Copy link gives a link
 * that opens the same blueprint; `&scenario=` opens that scenario; the bar speaks Chinese too.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { blueprintLink } from '../../src/document/link';
import { systemReliability } from '../../src/sim/exact/reliability';
import type { BlueprintDocument } from '../../src/sim/document';
import { parseBlueprint } from '../../src/sim/parse';
import {
  appUrl,
  expectHeadline,
  openApp,
  renameOpenBlueprint,
  shotPath,
  titleShows,
} from './browser';

/** The courier example with step s3 at 0.96 (R = 0.816): the blueprint a colleague sends. */
function linkedCourier(): BlueprintDocument {
  const parsed = parseBlueprint(readFileSync('examples/courier.blueprint.json', 'utf8'));
  if (!parsed.ok) throw new Error('The courier example does not parse.');
  const document = parsed.blueprint.document;
  return {
    ...document,
    nodes: document.nodes.map((node) => (node.id === 's3' ? { ...node, reliability: 0.96 } : node)),
  };
}

function linkTo(options: { scenario?: string; teach?: boolean } = {}): string {
  return blueprintLink(linkedCourier(), { base: appUrl, ...options }).link;
}

/** The titles the Library dialog lists, then closes it. */
async function libraryTitles(page: Page): Promise<string[]> {
  await page.getByRole('toolbar').getByRole('button', { name: 'Library', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Library' });
  const rows = dialog.getByRole('table', { name: 'Blueprints in this browser' }).getByRole('row');
  await rows.nth(1).waitFor();
  const texts = await rows.allInnerTexts();
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  return texts.slice(1);
}

function banner(page: Page) {
  return page.getByRole('region', { name: 'Blueprint from a link' });
}

describe('opening a link', () => {
  it('shows the linked blueprint, then goes back to the user’s own, untouched', async () => {
    const { context, page } = await openApp();
    await expectHeadline(page, '0.765');
    await renameOpenBlueprint(page, 'My own courier');

    // The link arrives while the app is open (a hash change), then again on a fresh page.
    await page.goto(linkTo());
    await banner(page).waitFor();
    await expectHeadline(page, '0.816');
    await titleShows(page, 'Courier pickup and delivery');
    await expect(banner(page).innerText()).resolves.toMatch(
      /Opened from a link — not in your library yet\./,
    );
    await page.screenshot({ path: shotPath('link-banner-en.png') });
    expect(await libraryTitles(page)).toEqual([expect.stringMatching(/^My own courier/)]);

    await banner(page).getByRole('button', { name: 'Back to my blueprint' }).click();
    await titleShows(page, 'My own courier');
    await expectHeadline(page, '0.765');
    await expect(banner(page).count()).resolves.toBe(0);
    expect(new URL(page.url()).hash).toBe('');
    await page.getByTestId('link-status').filter({ hasText: 'Back to your blueprint' }).waitFor();

    // A reload without the link opens the user's blueprint; the linked one was never kept.
    await page.reload();
    await titleShows(page, 'My own courier');
    await expectHeadline(page, '0.765');
    expect(await libraryTitles(page)).toEqual([expect.stringMatching(/^My own courier/)]);
    await context.close();
  });

  it('opens the link again on a reload, the user’s work still safe; edits ask before Back', async () => {
    const { context, page } = await openApp();
    await renameOpenBlueprint(page, 'My own courier');
    const linked = await context.newPage();
    await linked.goto(linkTo());
    await banner(linked).waitFor();
    await expectHeadline(linked, '0.816');
    await linked.reload();
    await banner(linked).waitFor();
    await expectHeadline(linked, '0.816');

    await renameOpenBlueprint(linked, 'Edited from the link');
    await expect(banner(linked).innerText()).resolves.toMatch(/You have changed it/);
    await banner(linked).getByRole('button', { name: 'Back to my blueprint' }).click();
    await banner(linked).getByText('Go back to your blueprint?').first().waitFor();
    await banner(linked).getByRole('button', { name: 'Cancel' }).click();
    await titleShows(linked, 'Edited from the link');
    await banner(linked).getByRole('button', { name: 'Back to my blueprint' }).click();
    await banner(linked).getByRole('button', { name: 'Discard changes and go back' }).click();
    await titleShows(linked, 'My own courier');
    expect(await libraryTitles(linked)).toEqual([expect.stringMatching(/^My own courier/)]);
    await context.close();
  });

  it('keeps the linked blueprint in the library when asked', async () => {
    const { context, page } = await openApp();
    await renameOpenBlueprint(page, 'My own courier');
    await page.goto(linkTo());
    await banner(page).getByRole('button', { name: 'Keep in my library' }).click();
    await page.getByTestId('link-status').filter({ hasText: 'Kept in your library' }).waitFor();
    await expect(banner(page).count()).resolves.toBe(0);
    const titles = await libraryTitles(page);
    expect(titles).toHaveLength(2);
    expect(titles.some((row) => row.startsWith('Courier pickup and delivery'))).toBe(true);
    expect(titles.some((row) => row.startsWith('My own courier'))).toBe(true);

    // Kept: a reload opens it from the library, as the last blueprint, without the bar.
    await page.reload();
    await titleShows(page, 'Courier pickup and delivery');
    await expectHeadline(page, '0.816');
    await expect(banner(page).count()).resolves.toBe(0);
    await context.close();
  });

  it('refuses a damaged link, naming the problem, and leaves the user’s blueprint open', async () => {
    const { context, page } = await openApp();
    await renameOpenBlueprint(page, 'My own courier');
    const good = linkTo();
    // A character a chat tool might slip in, part way through the blueprint.
    const at = good.indexOf('#bp=') + 4 + 10;
    await page.goto(`${good.slice(0, at)}$${good.slice(at + 1)}`);
    const dialog = page.getByRole('alertdialog', { name: 'This link cannot be opened' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(
      /LK002[\s\S]*character 11 is "\$", which base64url does not use[\s\S]*Your own blueprint was left as it was\./,
    );
    await page.screenshot({ path: shotPath('link-refused-en.png') });
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await titleShows(page, 'My own courier');
    await expectHeadline(page, '0.765');
    await expect(banner(page).count()).resolves.toBe(0);
    await context.close();
  });

  it('opens the scenario the link names, and says so when the blueprint lacks it', async () => {
    const { context, page } = await openApp();
    const document = linkedCourier();
    const parsed = parseBlueprint(JSON.stringify(document));
    if (!parsed.ok) throw new Error('The linked courier does not parse.');
    const scenario = parsed.blueprint.scenarios.find((s) => s.id === 'recover-3');
    if (!scenario) throw new Error('The courier has no scenario recover-3.');
    const expected = systemReliability(scenario.model).toFixed(3);
    expect(expected).not.toBe('0.816');

    await page.goto(linkTo({ scenario: 'recover-3' }));
    await banner(page).waitFor();
    await expectHeadline(page, expected);
    await page
      .getByRole('toolbar')
      .getByRole('button', { name: /What-if/ })
      .filter({ hasText: 'Recover step 3' })
      .waitFor();

    await page.goto(linkTo({ scenario: 'recover-9' }));
    await banner(page)
      .getByText(/The link opens scenario "recover-9", but its blueprint has no such scenario/)
      .waitFor();
    await expect(banner(page).innerText()).resolves.toMatch(/The baseline is shown\./);
    await expectHeadline(page, '0.816');
    await page.screenshot({ path: shotPath('link-missing-scenario-en.png') });
    await context.close();
  });
});

describe('copying a link', () => {
  it('copies a link that opens the same blueprint on another page', async () => {
    const { context, page } = await openApp();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(appUrl).origin,
    });
    await page.goto(linkTo());
    await expectHeadline(page, '0.816');
    await banner(page).getByRole('button', { name: 'Keep in my library' }).click();
    await renameOpenBlueprint(page, 'Courier with a better waybill');

    await page.getByRole('toolbar').getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Copy link', exact: true }).click();
    const status = page.getByTestId('link-status');
    await status.filter({ hasText: /Link copied \(\d[\d,]* characters\)\./ }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(`${appUrl}#bp=`)).toBe(true);
    await expect(status.innerText()).resolves.toBe(
      `Link copied (${copied.length.toLocaleString('en-US')} characters).`,
    );
    await page.screenshot({ path: shotPath('link-copied-en.png') });

    // Someone else, with a library of their own.
    const other = await openApp();
    await other.page.goto(copied);
    await banner(other.page).waitFor();
    await titleShows(other.page, 'Courier with a better waybill');
    await expectHeadline(other.page, '0.816');
    await other.context.close();
    await context.close();
  });

  it('offers the link to copy by hand when the clipboard is refused', async () => {
    const { context, page } = await openApp();
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      });
    });
    await page.getByRole('toolbar').getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Copy teaching link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy this link' });
    const field = dialog.getByRole('textbox', { name: 'Link to this blueprint' });
    const link = await field.inputValue();
    expect(link.startsWith(`${appUrl}#bp=`)).toBe(true);
    expect(link.endsWith('&mode=teach')).toBe(true);
    // Selected, ready for Ctrl+C.
    await expect(
      field.evaluate(
        (element: HTMLTextAreaElement) => element.selectionEnd - element.selectionStart,
      ),
    ).resolves.toBe(link.length);
    await page.screenshot({ path: shotPath('link-manual-en.png') });
    await context.close();
  });
});

describe('in Chinese', () => {
  it('shows the bar in Chinese', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    await page.goto(linkTo());
    const bar = page.getByRole('region', { name: '来自链接的蓝图' });
    await bar.waitFor();
    await expect(bar.innerText()).resolves.toMatch(/从链接打开——尚未加入你的蓝图库。/);
    await bar.getByRole('button', { name: '保留到我的蓝图库' }).waitFor();
    await bar.getByRole('button', { name: '返回我的蓝图' }).waitFor();
    await expectHeadline(page, '0.816');
    await page.screenshot({ path: shotPath('link-banner-zh.png') });

    // A link cut short, refused in Chinese; the blueprint from the first link stays open.
    const good = linkTo();
    await page.goto(good.slice(0, good.length - 7));
    const dialog = page.getByRole('alertdialog', { name: '无法打开此链接' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/LK00[23][\s\S]*你自己的蓝图保持不变。/);
    await page.screenshot({ path: shotPath('link-refused-zh.png') });
    await dialog.getByRole('button', { name: '关闭' }).first().click();
    await bar.waitFor();
    await expectHeadline(page, '0.816');
    await context.close();
  });
});
