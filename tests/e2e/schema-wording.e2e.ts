/**
 * The file format's zod schemas are no part of the first view: the courier's R reaches the
 * screen without them, they arrive just after, and a broken blueprint opened at the very start
 * (a link in the address) waits for them and gets the same sentences the command line gives.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { blueprintLink } from '../../src/document/link';
import type { BlueprintDocument } from '../../src/sim/document';
import { parseBlueprint } from '../../src/sim/parse';
import '../../src/sim/schema-wording-zod';
import { brokenCourier } from '../examples';
import { appUrl, newPage, openApp, shotPath, titleShows } from './browser';

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

/** Cuts the part holding the schemas' wording off, as a network gone before it arrived. */
async function cutWordingOff(page: Page): Promise<void> {
  await page.route(/schema-wording-zod/, (route) => route.abort('internetdisconnected'));
}

/**
 * Puts a blueprint into the page's library as an earlier visit would have left it: its working
 * copy and one snapshot, opened at `opened` (ms since 1970). The page has the library open.
 */
async function putInLibrary(
  page: Page,
  id: string,
  document: BlueprintDocument,
  opened: number,
): Promise<void> {
  await page.evaluate(
    async ({ id, document, opened }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('failpoint-library');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('no library'));
      });
      const tx = db.transaction(['blueprints', 'autosaves', 'versions'], 'readwrite');
      const title = document.title ?? '';
      tx.objectStore('autosaves').put({ blueprintId: id, time: opened, document });
      tx.objectStore('versions').add({
        blueprintId: id,
        kind: 'snapshot',
        time: opened,
        title,
        document,
      });
      tx.objectStore('blueprints').put({
        id,
        title,
        created: opened,
        edited: opened,
        opened,
        lastSnapshot: opened,
      });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error ?? new Error('not written'));
      });
      db.close();
    },
    { id, document, opened },
  );
}

/** The localStorage entries of changes left behind, with their text. */
async function leftInStorage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((key) => key.startsWith('failpoint.library.unsaved.'))
        .map((key) => [key, localStorage.getItem(key) ?? '']),
    ),
  );
}

describe('the schemas’ wording', () => {
  it('is fetched after R is on screen, and no script of the first view holds zod', async () => {
    const { context, page } = await openApp();
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

    const { context, page } = await newPage({ viewport: { width: 1440, height: 900 } });
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
    const { context, page } = await newPage({ viewport: { width: 1440, height: 900 } });
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
    const { context, page } = await newPage({ viewport: { width: 1440, height: 900 } });
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

  const START_UP = [
    {
      language: 'en',
      locale: 'en-GB',
      courier: 'Courier pickup and delivery',
      status:
        /^Your last blueprint, “Broken pharmacy”, does not fit the file format and cannot be checked offline, so the example opened\. It is kept in the Library: open it there once you are online\.$/,
    },
    {
      language: 'zh',
      locale: 'zh-CN',
      courier: '快递取件与派送服务',
      status:
        /^您上次的蓝图“Broken pharmacy”不符合文件格式，离线时无法检查，因此打开了示例。它原样保存在蓝图库中：联网后可在蓝图库中打开它。$/,
    },
  ];

  for (const { language, locale, courier, status } of START_UP) {
    it(`cannot be fetched (offline): start-up opens the example, keeps the last blueprint and the unsaved changes, and says so (${language})`, async () => {
      const { context, page } = await newPage({
        locale,
        viewport: { width: 1440, height: 900 },
      });
      await cutWordingOff(page);
      await page.goto(appUrl);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, R_SHOWN);
      // An earlier visit: the blueprint opened last does not fit the format, and the page
      // closed with changes to it that the library had not confirmed.
      const mine = { ...brokenCourier(), title: 'Broken pharmacy' };
      await putInLibrary(page, 'bp-broken', mine, Date.now() + 3_600_000);
      const draft = JSON.stringify({
        time: Date.now(),
        document: { ...mine, title: 'Broken pharmacy, typed before closing' },
      });
      await page.evaluate((text) => {
        localStorage.setItem('failpoint.library.unsaved.bp-broken', text);
      }, draft);

      await page.reload();
      await page.getByRole('status', { name: /system reliability|总体可靠性/i }).waitFor();
      await titleShows(page, courier);
      const said = page.getByRole('status').filter({ hasText: 'Broken pharmacy' });
      await said.waitFor();
      await expect(said.innerText()).resolves.toMatch(status);
      // The changes are still in localStorage, word for word, for a visit with the wording.
      const left = await leftInStorage(page);
      expect(Object.values(left)).toEqual([draft]);
      expect(Object.keys(left)[0]).toMatch(/^failpoint\.library\.unsaved\.bp-broken~/);
      await page.screenshot({ path: shotPath(`schema-wording-offline-start-${language}.png`) });
      await context.close();
    });
  }

  it('cannot be fetched (offline): the Library refuses a broken blueprint with a sentence, and opens it once online', async () => {
    const { context, page } = await newPage({ viewport: { width: 1440, height: 900 } });
    await cutWordingOff(page);
    await page.goto(appUrl);
    await page.getByRole('status', { name: /system reliability/i }).waitFor();
    const broken = { ...brokenCourier(), title: 'Broken pharmacy' };
    await putInLibrary(page, 'bp-broken', broken, Date.now() - 3_600_000);

    await page.getByRole('toolbar').getByRole('button', { name: 'Library', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Library' });
    const open = dialog.getByRole('button', { name: 'Open “Broken pharmacy”' });
    await open.click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toBe(
      '“Broken pharmacy” cannot be opened now: it does not have the shape of a blueprint, and the part of Failpoint that says exactly what is wrong could not be loaded (is the network down?). It stays in the library as it is; open it again once you are online to see its problems.',
    );
    // The dialog stays usable, the courier stays open, and the library is as it was.
    await titleShows(page, 'Courier pickup and delivery');
    const list = dialog.getByRole('table', { name: 'Blueprints in this browser' });
    await expect(
      list.getByRole('row').filter({ hasText: 'Broken pharmacy' }).count(),
    ).resolves.toBe(1);
    await page.screenshot({ path: shotPath('schema-wording-offline-library.png') });

    // The restore of its version is refused in the same way, before anything is kept.
    await dialog.getByRole('button', { name: 'Versions of “Broken pharmacy”' }).click();
    const versions = page.getByRole('dialog', { name: 'Versions of “Broken pharmacy”' });
    const rows = versions.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const before = await rows.count();
    await versions
      .getByRole('button', { name: /^Restore the version of / })
      .first()
      .click();
    await expect(versions.getByRole('alert').innerText()).resolves.toMatch(
      /^The version of .+ cannot be restored now: .+ Nothing in the library was changed; restore it again once you are online to see its problems\.$/,
    );
    await expect(rows.count()).resolves.toBe(before);
    await versions.getByRole('button', { name: /All blueprints/ }).click();

    // Back online: the same action opens it, and its problems are listed.
    await page.unroute(/schema-wording-zod/);
    await dialog.getByRole('button', { name: 'Open “Broken pharmacy”' }).click();
    await titleShows(page, 'Broken pharmacy');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    // Opened as it is, its problems worded as the command line words them.
    const expected = parseBlueprint(JSON.stringify(broken));
    if (expected.ok) throw new Error('The broken courier parsed.');
    await page.getByRole('tab', { name: /^Problems/ }).click();
    await page.getByRole('tabpanel').getByText(expected.diagnostics[0].message).first().waitFor();
    await page.screenshot({ path: shotPath('schema-wording-online-library.png') });
    await context.close();
  });
});
