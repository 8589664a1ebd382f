/**
 * `failpoint report`: the one-page report as HTML, to standard output or to the file `-o` names,
 * its figures with `--json`, the chosen options at `--budget`, and clear sentences for mistakes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run';

const COURIER = 'examples/courier.blueprint.json';
const COURIER_ZH = 'examples/courier.zh.blueprint.json';
const folder = mkdtempSync(join(tmpdir(), 'failpoint-report-'));

describe('failpoint report', () => {
  it('writes the HTML page to standard output without -o', async () => {
    const { code, stdout, stderr } = await runCli(['report', COURIER, '--budget', '3000000']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.startsWith('<!doctype html>')).toBe(true);
    expect(stdout).toContain('<h1>Courier pickup and delivery</h1>');
    expect(stdout).toContain('data-figure="reliability">0.765<');
    expect(stdout).toContain('>Line of visibility</text>');
    expect(stdout).toContain('<li>Courier checks the waybill with the customer</li>');
    expect(stdout.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('writes the file -o names, the same page as standard output', async () => {
    const out = join(folder, 'courier.html');
    const { code, stdout, stderr } = await runCli(['report', COURIER, '-o', out]);
    expect([code, stdout, stderr]).toEqual([0, '', '']);
    expect(readFileSync(out, 'utf8')).toBe((await runCli(['report', COURIER])).stdout);
  });

  it('prints the model with --json: the reference figures and the optimiser’s choice', async () => {
    const { code, stdout } = await runCli(['report', COURIER, '--budget', '3,000,000', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.reliabilityRounded).toBe(0.765);
    expect(Math.round(report.failuresPer10k)).toBe(2347);
    expect(report.pareto[0].id).toBe('s3');
    expect(report.scenarios[1]).toMatchObject({ id: 'recover-3', name: 'Recover step 3' });
    expect(report.choice).toMatchObject({
      budget: 3_000_000,
      goal: 'value',
      ids: ['check-waybill', 'check-loading'],
    });
    // --goal reliability with a smaller budget: what `optimize` chooses, the recovery at step 3
    // (R 0.816) rather than the waybill app (0.808) or both recoveries (2,100,000, too dear).
    const args = ['--budget', '2000000', '--goal', 'reliability', '--json'];
    const reliability = JSON.parse((await runCli(['report', COURIER, ...args])).stdout);
    const optimized = JSON.parse((await runCli(['optimize', COURIER, ...args])).stdout);
    expect(reliability.choice.goal).toBe('reliability');
    expect(reliability.choice.ids).toEqual(optimized.chosen);
    expect(reliability.choice.ids).toEqual(['check-waybill']);
  });

  it('bounds the running cost with --yearly-budget, and says so on the page', async () => {
    const args = ['--budget', '3000000', '--yearly-budget', '1000000'];
    const report = JSON.parse((await runCli(['report', COURIER, ...args, '--json'])).stdout);
    // Both recoveries cost 1,600,000 a year: over the yearly budget, so one of them alone.
    expect(report.choice.yearlyBudget).toBe(1_000_000);
    expect(report.choice.costPerYear).toBeLessThanOrEqual(1_000_000);
    expect(report.choice.ids).toEqual(['check-waybill']);
    const page = (await runCli(['report', COURIER, ...args])).stdout;
    expect(page).toContain('Within a one-off budget of 3,000,000 CNY and 1,000,000 CNY a year');
  });

  it('speaks Chinese with --lang zh', async () => {
    const { code, stdout } = await runCli(['report', COURIER_ZH, '--lang', 'zh']);
    expect(code).toBe(0);
    expect(stdout).toContain('<html lang="zh-Hans">');
    expect(stdout).toContain('服务可靠性报告');
    expect(stdout).toContain('>互动分界线</text>');
  });

  it('refuses a bad budget or goal with a sentence and exit code 2', async () => {
    const budget = await runCli(['report', COURIER, '--budget', 'lots']);
    expect(budget.code).toBe(2);
    expect(budget.stdout).toBe('');
    expect(budget.stderr).toMatch(/--budget must be an amount of money of 0 or more.*"lots"/);
    const goal = await runCli(['report', COURIER, '--goal', 'speed']);
    expect(goal.code).toBe(2);
    expect(goal.stderr).toMatch(/--goal must be "value" or "reliability"; got "speed"/);
    const yearly = await runCli(['report', COURIER, '--yearly-budget', '-5']);
    expect(yearly.code).toBe(2);
    expect(yearly.stderr).toMatch(/--yearly-budget must be an amount of money of 0 or more/);
    const zh = await runCli(['report', COURIER, '--goal', 'speed', '--lang', 'zh']);
    expect(zh.stderr).toMatch(/--goal 必须是/);
  });

  it('says what is wrong with a file that cannot be read or written', async () => {
    const missing = await runCli(['report', 'no-such.blueprint.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    const unwritable = await runCli([
      'report',
      COURIER,
      '-o',
      join(folder, 'no', 'such', 'x.html'),
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^failpoint: Cannot write the output: .*x\.html/);
    expect(unwritable.stderr).not.toMatch(/\n\s+at /);
  });

  it('is listed in the help', async () => {
    const { stdout } = await runCli(['help']);
    expect(stdout).toMatch(/^ {2}report {3}FILE \[-o OUT\.html\]/m);
  });
});
