/**
 * The Monte Carlo panel's "Reliability only" switch as a user meets it: off for a number of
 * trials, on once the run is to a precision of R, the user's choice kept; a run with it on
 * shows R and the fail points and says that durations and costs were not sampled.
 */
import { describe, expect, it } from 'vitest';
import { openApp, shotPath } from './browser';

describe('the reliability-only switch', () => {
  it('follows the stop rule until chosen, and a run with it on skips time and cost', async () => {
    const { context, page } = await openApp({
      viewport: { width: 1440, height: 1000 },
      panelHeight: 760,
    });
    await page.getByRole('tab', { name: 'Monte Carlo' }).click();
    const only = page.getByRole('checkbox', { name: /Reliability only/ });
    await expect(only.isChecked()).resolves.toBe(false);
    await page.getByRole('radio', { name: 'a precision' }).check();
    await expect(only.isChecked()).resolves.toBe(true);
    const settings = page.locator('.sim-card').filter({ has: only });
    await settings.screenshot({ path: shotPath('reliability-only-en.png') });

    await page.getByRole('radio', { name: 'a number of trials' }).check();
    await expect(only.isChecked()).resolves.toBe(false);
    await only.check();
    await page.getByRole('spinbutton', { name: 'Trials' }).fill('20000');
    const compare = page.getByRole('checkbox', { name: /Compare scenarios/ });
    if ((await compare.count()) > 0) await compare.uncheck();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('sim-interval').waitFor({ timeout: 45_000 });
    await page.getByText('Durations and costs were not sampled in this run').waitFor();
    await expect(page.getByRole('heading', { name: 'Time (minutes)' }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: '中文' }).click();
    const onlyZh = page.getByRole('checkbox', { name: /仅模拟可靠性/ });
    await expect(onlyZh.isChecked()).resolves.toBe(true);
    await page.getByText('本次运行没有抽样时间和成本').waitFor();
    await page.locator('.simulation').screenshot({ path: shotPath('reliability-only-zh.png') });
    await context.close();
  });
});
