/**
 * The local library as a user meets it: a reload keeps the work, the Library dialog lists the
 * blueprints and their versions, restores one (and Ctrl+Z brings back what was open), renames
 * and deletes; a browser that will not keep anything says so and the blueprint stays editable.
 */
import { describe, expect, it } from 'vitest';
import { appUrl, browser, openApp, renameOpenBlueprint, shotPath, titleShows } from './browser';

describe('the library', () => {
  it('keeps the work over a reload', async () => {
    const { context, page } = await openApp();
    await renameOpenBlueprint(page, 'Kept over a reload');
    // At once, before the library has had time to write: the page keeps it on its way out.
    await page.reload();
    await titleShows(page, 'Kept over a reload');
    await page.getByRole('status').filter({ hasText: 'Restored your last blueprint' }).waitFor();
    await context.close();
  });

  it('lists the blueprint and restores an earlier version, one Ctrl+Z away from what was open', async () => {
    const { context, page } = await openApp();
    await renameOpenBlueprint(page, 'Edited courier');
    await page.getByRole('toolbar').getByRole('button', { name: 'Library', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Library' });
    const list = dialog.getByRole('table', { name: 'Blueprints in this browser' });
    const row = list.getByRole('row').filter({ hasText: 'Edited courier' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/open now/);
    // The working copy and the snapshot taken when the example opened.
    await expect(row.getByRole('cell').nth(1).innerText()).resolves.toBe('2');
    await expect(row.getByRole('cell').nth(0).innerText()).resolves.toMatch(/\d{4}/);
    await page.screenshot({ path: shotPath('library-en.png') });

    await row.getByRole('button', { name: 'Versions of “Edited courier”' }).click();
    const versions = page.getByRole('dialog', { name: 'Versions of “Edited courier”' });
    const rows = versions.getByRole('table').getByRole('row');
    await rows.filter({ hasText: 'Snapshot' }).waitFor();
    await expect(rows.nth(1).innerText()).resolves.toMatch(/Autosave\s+Edited courier/);
    await expect(rows.nth(2).innerText()).resolves.toMatch(
      /Snapshot\s+Courier pickup and delivery/,
    );
    await page.screenshot({ path: shotPath('library-versions-en.png') });
    await rows
      .filter({ hasText: 'Snapshot' })
      .getByRole('button', { name: /^Restore the version of / })
      .click();

    await titleShows(page, 'Courier pickup and delivery');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await page.locator('.react-flow').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await titleShows(page, 'Edited courier');
    await context.close();
  });

  it('keeps each Save as a version of its own', async () => {
    const { context, page } = await openApp();
    await renameOpenBlueprint(page, 'Saved once');
    await page.locator('.react-flow').click({ position: { x: 5, y: 5 } });
    await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    await page.getByRole('toolbar').getByRole('button', { name: 'Library', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Library' })
      .getByRole('button', { name: 'Versions of “Saved once”' })
      .click();
    const rows = page
      .getByRole('dialog', { name: 'Versions of “Saved once”' })
      .getByRole('table')
      .getByRole('row');
    await rows.filter({ has: page.getByRole('cell', { name: 'Saved', exact: true }) }).waitFor();
    const kinds = await rows.evaluateAll((all) =>
      all.slice(1).map((row) => row.querySelectorAll('td')[0]?.textContent ?? ''),
    );
    expect(kinds.sort()).toEqual(['Autosave', 'Saved', 'Snapshot']);
    await context.close();
  });

  it('renames and deletes a blueprint, naming it in the confirmation', async () => {
    const { context, page } = await openApp();
    await renameOpenBlueprint(page, 'Alpha');
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /Bank loan application/ }).click();
    await titleShows(page, 'Bank loan application');

    // The shortcut beside Ctrl+O.
    await page.locator('.react-flow').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+O');
    const dialog = page.getByRole('dialog', { name: 'Library' });
    const list = dialog.getByRole('table', { name: 'Blueprints in this browser' });
    await list.getByRole('row').filter({ hasText: 'Alpha' }).waitFor();
    await expect(list.getByRole('row').count()).resolves.toBe(3);
    // The open blueprint cannot be deleted from under the editor.
    await expect(
      dialog.getByRole('button', { name: 'Delete “Bank loan application”' }).isDisabled(),
    ).resolves.toBe(true);

    await dialog.getByRole('button', { name: 'Rename “Alpha”' }).click();
    const name = dialog.getByRole('textbox', { name: 'New name' });
    await name.fill('Alpha, renamed');
    await name.press('Enter');
    await list.getByRole('row').filter({ hasText: 'Alpha, renamed' }).waitFor();

    await dialog.getByRole('button', { name: 'Delete “Alpha, renamed”' }).click();
    const confirm = dialog.getByRole('alertdialog', { name: 'Delete “Alpha, renamed”' });
    await expect(confirm.innerText()).resolves.toMatch(
      /Delete “Alpha, renamed” and its 2 versions from this browser\?/,
    );
    await page.screenshot({ path: shotPath('library-delete-en.png') });
    await confirm.getByRole('button', { name: 'Delete “Alpha, renamed”' }).click();
    await list.getByRole('row').filter({ hasText: 'Alpha' }).waitFor({ state: 'detached' });
    await expect(list.getByRole('row').count()).resolves.toBe(2);

    // Opening from the library replaces the open blueprint as one undo step.
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('speaks Chinese, with dates in Chinese', async () => {
    const { context, page } = await openApp({ locale: 'zh-CN' });
    await page.getByRole('toolbar').getByRole('button', { name: '蓝图库', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '蓝图库' });
    const row = dialog.getByRole('table', { name: '本浏览器中的蓝图' }).getByRole('row').nth(1);
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/当前打开/);
    await expect(row.getByRole('cell').nth(0).innerText()).resolves.toMatch(/\d{4}年\d{1,2}月/);
    await page.screenshot({ path: shotPath('library-zh.png') });
    await context.close();
  });
});

describe('a browser that will not keep the blueprint', () => {
  it('says so plainly, and the blueprint stays editable', async () => {
    const context = await browser().newContext({
      locale: 'en-GB',
      viewport: { width: 1440, height: 900 },
    });
    await context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The browser denied access to storage.', 'SecurityError');
      };
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(appUrl);
    await page.getByRole('status', { name: /system reliability/i }).waitFor();
    const notice = page
      .getByRole('status')
      .filter({ hasText: 'This browser would not keep the blueprint' });
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toBe(
      'This browser would not keep the blueprint (its storage is switched off or private); your work stays in this tab: Save a file to keep it.',
    );
    await renameOpenBlueprint(page, 'Still editable');
    await notice.waitFor();
    await page.screenshot({ path: shotPath('library-storage-failure.png') });

    // The library says the same when asked.
    await page.getByRole('toolbar').getByRole('button', { name: 'Library', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Library' })
      .getByRole('alert')
      .filter({ hasText: 'switched off or private' })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
