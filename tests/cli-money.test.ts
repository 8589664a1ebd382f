/**
 * Money on the command line (SPEC §9): `compare --json` rows carry the money keys, each agreeing
 * with the definitions recomputed from the row's R; `analyze` gives the yearly loss and its
 * Pareto in money; `optimize` finds the best affordable combination (checked against every
 * combination) and a frontier nothing dominates; a version-1 file reads by migration.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { moneyKeys } from '../src/cli/money';
import { main } from '../src/cli/main';
import { captureIO, runCli } from './cli-run';
import { analyze } from '../src/sim/exact';
import { recoveryCosts } from '../src/sim/money';
import { parseBlueprint, resolveScenario } from '../src/sim/parse';
import { loadExample } from './examples';

const COURIER = 'examples/courier.blueprint.json';
const folder = mkdtempSync(join(tmpdir(), 'failpoint-money-'));
const execute = promisify(execFile);

const run = runCli;

/** One `compare --json` row with economics: the scenario's id and R, then its money keys. */
type CompareRow = ReturnType<typeof moneyKeys> & { id: string; reliability: number };

const courier = loadExample('courier.blueprint.json');
const economics = courier.economics!;
const prices = new Map(courier.options.map((o) => [o.id, o]));

describe('failpoint compare with economics', () => {
  it("gives every row the money keys, each as defined, from the row's own R", async () => {
    const { code, stdout } = await run(['compare', COURIER, '--json']);
    expect(code).toBe(0);
    const { scenarios } = JSON.parse(stdout) as { scenarios: CompareRow[] };
    expect(scenarios.map((s) => s.id)).toEqual([
      'baseline',
      'recover-3',
      'recover-7',
      'recover-3-and-7',
    ]);
    const models = new Map([
      ['baseline', courier.model],
      ...courier.scenarios.map((s) => [s.id, s.model] as const),
    ]);
    const { customersPerYear, customerValue, lostShare, wordOfMouth, failureCost, horizonYears } =
      economics;
    const base = scenarios[0];
    const totalLoss = (row: CompareRow) => row.valueLostPerYear + row.recoveryCostPerYear;
    for (const row of scenarios) {
      const failed = customersPerYear * (1 - row.reliability);
      const lost = failed * (lostShare + wordOfMouth.told * wordOfMouth.lostShare);
      expect(row.failedPerYear).toBeCloseTo(failed, 6);
      expect(row.lostPerYear).toBeCloseTo(lost, 6);
      expect(row.valueLostPerYear).toBeCloseTo(lost * customerValue + failed * failureCost, 3);
      const model = models.get(row.id)!;
      const perCustomer = recoveryCosts(model, analyze(model)).perCustomer;
      expect(row.recoveryCostPerYear).toBeCloseTo(customersPerYear * perCustomer, 6);
      expect(row.costOnce).toBe(row.options.reduce((sum, id) => sum + prices.get(id)!.costOnce, 0));
      expect(row.costPerYear).toBe(
        row.options.reduce((sum, id) => sum + prices.get(id)!.costPerYear, 0),
      );
      if (row.id === 'baseline') {
        expect([row.protectedPerYear, row.netPerYear, row.paybackYears, row.roi]).toEqual([
          0,
          0,
          null,
          null,
        ]);
        continue;
      }
      const protectedPerYear = totalLoss(base) - totalLoss(row);
      const net = protectedPerYear - row.costPerYear;
      expect(row.protectedPerYear).toBeCloseTo(protectedPerYear, 3);
      expect(row.netPerYear).toBeCloseTo(net, 3);
      expect(row.paybackYears).toBeCloseTo(row.costOnce / net, 9);
      expect(row.roi).toBeCloseTo(
        (net * horizonYears - row.costOnce) / (row.costOnce + row.costPerYear * horizonYears),
        9,
      );
    }
    // The seed's figures, worked by hand from R = 0.765280 and the courier's economics: 2,347.2
    // of 10,000 customers fail a year; × (0.3 + 10 × 0.2) = 5,398.6 are lost; each is worth
    // 5 × 48 × 10 = 2,400 and each failure costs 20 to handle.
    expect(base.failedPerYear).toBeCloseTo(2_347.2, 1);
    expect(base.lostPerYear).toBeCloseTo(5_398.6, 1);
    expect(base.valueLostPerYear).toBeCloseTo(13_003_493, 0);
    // The seed's recovery at step 3: 510 fewer of 10,000 customers fail a year.
    expect(Math.round(base.failedPerYear - scenarios[1].failedPerYear)).toBe(510);
  });

  it('prints a money table under the scenario table', async () => {
    const { stdout } = await run(['compare', COURIER]);
    expect(stdout).toMatch(/Money \(CNY a year; ROI over 3 years\)/);
    expect(stdout).toMatch(/Recover step 3\s+1,837\s+4,225\s+10,177,059\s+291\s+\+2,826,143/);
    const zh = await run(['compare', 'examples/courier.zh.blueprint.json', '--lang', 'zh']);
    expect(zh.stdout).toMatch(/金额（CNY\/年；投资回报率按 3 年计）/);
  });

  it('leaves the money keys out when the blueprint has no economics', async () => {
    const { stdout } = await run(['compare', 'examples/bank-loan.blueprint.json', '--json']);
    const parsed = JSON.parse(stdout) as { scenarios: object[]; economics?: unknown };
    expect(parsed.economics).toBeUndefined();
    expect(Object.keys(parsed.scenarios[0])).not.toContain('netPerYear');
  });
});

describe('failpoint analyze with economics', () => {
  it("gives the baseline's yearly loss and the value lost by fail point", async () => {
    const { stdout } = await run(['analyze', COURIER, '--json']);
    const { money, reliability } = JSON.parse(stdout) as {
      reliability: number;
      money: {
        failedPerYear: number;
        valueLostPerYear: number;
        byFailPoint: { id: string; valueLostPerYear: number; share: number }[];
      };
    };
    expect(money.failedPerYear).toBeCloseTo(10_000 * (1 - reliability), 6);
    expect(money.byFailPoint[0].id).toBe('s3');
    const sum = money.byFailPoint.reduce((total, point) => total + point.valueLostPerYear, 0);
    expect(sum).toBeCloseTo(money.valueLostPerYear, 3);
    const text = await run(['analyze', COURIER]);
    expect(text.stdout).toMatch(/Customers lost\s+5,399 \(704 leave, 4,694 by word of mouth\)/);
    expect(text.stdout).toMatch(/s3\s+Customer fills in the waybill\s+970/);
  });
});

describe('failpoint optimize', () => {
  /** Every combination of the courier's four options, evaluated from the document. */
  function everyCombination() {
    const ids = courier.options.map((o) => o.id);
    return Array.from({ length: 1 << ids.length }, (_, mask) => {
      const chosen = ids.filter((_, i) => mask & (1 << i));
      const resolved = resolveScenario(courier.document, {
        id: 'c',
        name: 'c',
        options: chosen,
        changes: [],
      });
      if (!resolved.ok) throw new Error(resolved.diagnostics[0].message);
      const { model } = resolved.scenario;
      const analysis = analyze(model);
      const failed = economics.customersPerYear * (1 - analysis.reliability);
      const loss =
        failed *
          ((economics.lostShare + economics.wordOfMouth.told * economics.wordOfMouth.lostShare) *
            economics.customerValue +
            economics.failureCost) +
        economics.customersPerYear * recoveryCosts(model, analysis).perCustomer;
      const costOnce = chosen.reduce((s, id) => s + prices.get(id)!.costOnce, 0);
      const costPerYear = chosen.reduce((s, id) => s + prices.get(id)!.costPerYear, 0);
      return { chosen, reliability: analysis.reliability, loss, costOnce, costPerYear };
    });
  }
  const combos = everyCombination();
  const baseLoss = combos[0].loss;
  const value = (c: (typeof combos)[number]) =>
    (baseLoss - c.loss - c.costPerYear) * economics.horizonYears - c.costOnce;

  for (const budget of [0, 1_000_000, 2_500_000, 4_000_000, 10_000_000]) {
    for (const goal of ['value', 'reliability'] as const) {
      it(`finds the best affordable combination (budget ${budget}, goal ${goal})`, async () => {
        const { code, stdout } = await run([
          'optimize',
          COURIER,
          '--budget',
          String(budget),
          '--goal',
          goal,
          '--json',
        ]);
        expect(code).toBe(0);
        const result = JSON.parse(stdout) as {
          chosen: string[];
          costOnce: number;
          reliability: number;
          valueOverHorizon: number;
          method: string;
        };
        expect(result.method).toBe('exhaustive');
        const affordable = combos.filter((c) => c.costOnce <= budget);
        const score = (c: (typeof combos)[number]) => (goal === 'value' ? value(c) : c.reliability);
        const best = Math.max(...affordable.map(score));
        const got = combos.find((c) => JSON.stringify(c.chosen) === JSON.stringify(result.chosen))!;
        expect(score(got)).toBeCloseTo(best, 6);
        expect(result.costOnce).toBeLessThanOrEqual(budget);
        if (goal === 'value') expect(result.valueOverHorizon).toBeCloseTo(value(got), 3);
      });
    }
  }

  for (const [budget, yearly] of [
    [null, 1_000_000],
    [null, 0],
    [3_000_000, 1_000_000],
    [5_000_000, 1_200_000],
  ] as const) {
    for (const goal of ['value', 'reliability'] as const) {
      it(`keeps to a yearly budget (one-off ${budget ?? 'none'}, yearly ${yearly}, goal ${goal})`, async () => {
        const args = ['optimize', COURIER, '--yearly-budget', String(yearly), '--goal', goal];
        if (budget !== null) args.push('--budget', String(budget));
        const { code, stdout } = await run([...args, '--json']);
        expect(code).toBe(0);
        const result = JSON.parse(stdout) as {
          budget: number | null;
          yearlyBudget: number;
          chosen: string[];
          costOnce: number;
          costPerYear: number;
          frontier: Record<'reliability' | 'value', { costPerYear: number }[]>;
        };
        expect([result.budget, result.yearlyBudget]).toEqual([budget, yearly]);
        const affordable = combos.filter(
          (c) => c.costPerYear <= yearly && (budget === null || c.costOnce <= budget),
        );
        const score = (c: (typeof combos)[number]) => (goal === 'value' ? value(c) : c.reliability);
        const best = Math.max(...affordable.map(score));
        const got = combos.find((c) => JSON.stringify(c.chosen) === JSON.stringify(result.chosen))!;
        expect(score(got)).toBeCloseTo(best, 6);
        expect(result.costPerYear).toBeLessThanOrEqual(yearly);
        // The frontiers hold only combinations whose running cost is within the yearly budget.
        for (const point of [...result.frontier.reliability, ...result.frontier.value]) {
          expect(point.costPerYear).toBeLessThanOrEqual(yearly);
        }
      });
    }
  }

  it('says the yearly budget in its title, in both languages', async () => {
    const both = await run(['optimize', COURIER, '--budget', '3000000', '--yearly-budget', '1e6']);
    expect(both.stdout).toMatch(
      /within a one-off budget of 3,000,000 and a yearly budget of 1,000,000,/,
    );
    const yearly = await run(['optimize', COURIER, '--yearly-budget', '1600000', '--lang', 'zh']);
    expect(yearly.stdout).toMatch(/每年预算 1,600,000 内的最佳选项/);
    expect(yearly.stdout).not.toMatch(/一次性预算/);
  });

  it('counts the combinations weighed on a terminal, and erases the count before the answer', async () => {
    const argv = ['optimize', COURIER, '--budget', '3000000'];
    const terminal = captureIO({ isTTY: true, columns: 100 });
    expect(await main(argv, terminal.io, {})).toBe(0);
    const shown = terminal.stdout();
    // Drawn after the first of the courier's 16 combinations, then erased: the answer follows
    // on a clean line.
    expect(shown.startsWith('\rWeighing combinations: 1 of 16…\x1b[K')).toBe(true);
    const answerAt = shown.indexOf('\r\x1b[K') + '\r\x1b[K'.length;
    expect(shown.slice(answerAt)).toBe((await run(argv)).stdout);
    const zh = captureIO({ isTTY: true, language: 'zh' });
    await main([...argv, '--lang', 'zh'], zh.io, {});
    expect(zh.stdout()).toMatch(/^\r正在权衡组合：1\/16……/);
    // Scripts get the answer alone.
    const json = captureIO({ isTTY: true });
    await main([...argv, '--json'], json.io, {});
    expect(json.stdout()).not.toMatch(/Weighing|\r/);
    expect((await run(argv)).stdout).not.toMatch(/Weighing|\r/);
  });

  it('draws frontiers that no combination dominates', async () => {
    const { stdout } = await run(['optimize', COURIER, '--budget', '3000000', '--json']);
    const { frontier } = JSON.parse(stdout) as {
      frontier: Record<
        'reliability' | 'value',
        { options: string[]; costOnce: number; reliability: number; valueOverHorizon: number }[]
      >;
    };
    for (const point of frontier.reliability) {
      expect(
        combos.some(
          (c) =>
            c.costOnce <= point.costOnce &&
            c.reliability > point.reliability + 1e-12 &&
            (c.costOnce < point.costOnce || c.reliability > point.reliability + 1e-12),
        ),
      ).toBe(false);
    }
    for (const point of frontier.value) {
      expect(
        combos.some(
          (c) => c.costOnce <= point.costOnce && value(c) > point.valueOverHorizon + 1e-6,
        ),
      ).toBe(false);
    }
    expect(frontier.reliability.length).toBeGreaterThan(2);
  });

  it('says what is wrong with its arguments and with the file', async () => {
    const noBudget = await run(['optimize', COURIER]);
    expect(noBudget.code).toBe(2);
    expect(noBudget.stderr).toMatch(/needs --budget B .*, --yearly-budget Y .*, or both/);
    const badYearly = await run(['optimize', COURIER, '--yearly-budget=-3']);
    expect([badYearly.code, badYearly.stderr]).toEqual([
      2,
      expect.stringMatching(/--yearly-budget must be an amount of money of 0 or more.*"-3"/),
    ]);
    const negative = await run(['optimize', COURIER, '--budget', 'lots']);
    expect(negative.stderr).toMatch(/--budget must be an amount of money of 0 or more.*"lots"/);
    const goal = await run(['optimize', COURIER, '--budget', '1', '--goal', 'fame']);
    expect(goal.stderr).toMatch(/--goal must be "value" or "reliability"; got "fame"/);
    const none = await run(['optimize', 'examples/bank-loan.blueprint.json', '--budget', '1']);
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/no improvement options/)]);
  });

  it('runs from the built command line, in Chinese too', async () => {
    const { stdout } = await execute(
      process.execPath,
      [
        'bin/failpoint.mjs',
        'optimize',
        'examples/courier.zh.blueprint.json',
        '--budget',
        '3000000',
        '--lang',
        'zh',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(stdout).toMatch(/方法：穷举，全部 16 种组合都经过精确计算/);
    expect(stdout).toMatch(/check-waybill\s+快递员与客户当面核对运单/);
  });
});

describe('format version 1', () => {
  it('reads by migration into version 2, with the same figures', () => {
    const text = readFileSync('examples/bank-loan.blueprint.json', 'utf8').replace(
      '"version": 2',
      '"version": 1',
    );
    const file = join(folder, 'old.blueprint.json');
    writeFileSync(file, text);
    const parsed = parseBlueprint(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.diagnostics[0].message);
    expect(parsed.blueprint.document.version).toBe(2);
    expect(parsed.blueprint.economics).toBeNull();
    expect(analyze(parsed.blueprint.model).reliability).toBe(
      analyze(loadExample('bank-loan.blueprint.json').model).reliability,
    );
  });
});
