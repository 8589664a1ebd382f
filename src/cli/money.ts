/**
 * Money in the command line's output (SPEC §9): the keys `compare --json` rows carry, the money
 * table under the scenario table, and the yearly loss `analyze` prints with its Pareto in money.
 */
import type { MoneyRow, FailPointLoss } from '../sim/money';
import type { Economics, YearlyLoss } from '../sim/money';
import { shown } from './escape';
import type { CliLanguage } from './language';
import { count, percent, table, truncate } from './format';
import { readableText } from './readable';

const LABEL_WIDTH = 40;

/** The money keys of one `compare --json` row, as SPEC §9 names them. */
export function moneyKeys(row: MoneyRow) {
  const earned = row.return;
  return {
    failedPerYear: row.failedPerYear,
    lostPerYear: row.lostPerYear,
    lostDirectlyPerYear: row.lostDirectlyPerYear,
    lostByWordOfMouthPerYear: row.lostByWordOfMouthPerYear,
    valueLostPerYear: row.valueLostPerYear,
    recoveryCostPerYear: row.recoveryCostPerYear,
    protectedPerYear: earned?.protectedPerYear ?? 0,
    costOnce: earned?.costOnce ?? 0,
    costPerYear: earned?.costPerYear ?? 0,
    netPerYear: earned?.netPerYear ?? 0,
    paybackYears: earned ? earned.paybackYears : null,
    roi: earned ? earned.roi : null,
    options: row.options,
  };
}

/** An amount of money, whole units with thousands separators. */
export function money(value: number): string {
  return count(Math.round(value), 0);
}

/** A signed amount of money. */
function signedMoney(value: number): string {
  const rounded = Math.round(value);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${count(Math.abs(rounded), 0)}`;
}

const TEXT = {
  en: {
    moneyTitle: (currency: string, years: number) =>
      `Money (${currency} a year; ROI over ${years} year${years === 1 ? '' : 's'})`,
    headers: [
      'scenario',
      'failed / yr',
      'lost / yr',
      'value lost / yr',
      'recovery cost / yr',
      'protected / yr',
      'cost once',
      'cost / yr',
      'net / yr',
      'payback',
      'ROI',
    ],
    years: (y: number) => `${y.toFixed(1)} yr`,
    never: 'never',
    lossTitle: (currency: string) => `What failures cost a year (${currency})`,
    failed: (n: string, of: string) => `  Customers who meet a failure  ${n} of ${of}`,
    lost: (n: string, direct: string, heard: string) =>
      `  Customers lost                ${n} (${direct} leave, ${heard} by word of mouth)`,
    valueLost: (v: string) => `  Value lost                    ${v}`,
    recovery: (v: string) => `  Recovery costs                ${v}`,
    total: (v: string) => `  In all                        ${v} a year`,
    paretoTitle: 'Value lost by fail point, largest first',
    paretoHeaders: ['node', 'where', 'failed / yr', 'lost / yr', 'value lost / yr', 'cumulative'],
  },
  zh: {
    moneyTitle: (currency: string, years: number) =>
      `金额（${currency}/年；投资回报率按 ${years} 年计）`,
    headers: [
      '方案',
      '每年失败',
      '每年流失',
      '每年损失价值',
      '每年补救成本',
      '每年挽回',
      '一次性成本',
      '每年成本',
      '每年净收益',
      '回收期',
      '投资回报率',
    ],
    years: (y: number) => `${y.toFixed(1)} 年`,
    never: '无法回收',
    lossTitle: (currency: string) => `失败每年的代价（${currency}）`,
    failed: (n: string, of: string) => `  遭遇失败的顾客  ${of} 位中的 ${n} 位`,
    lost: (n: string, direct: string, heard: string) =>
      `  流失的顾客      ${n} 位（${direct} 位直接离开，${heard} 位因口碑流失）`,
    valueLost: (v: string) => `  损失的价值      ${v}`,
    recovery: (v: string) => `  补救成本        ${v}`,
    total: (v: string) => `  合计            每年 ${v}`,
    paretoTitle: '各失败点损失的价值，从大到小',
    paretoHeaders: ['节点', '位置', '每年失败', '每年流失', '每年损失价值', '累计'],
  },
} as const;

/** The money table printed under `compare`'s scenario table. */
export function moneyTable(
  rows: readonly MoneyRow[],
  economics: Economics,
  language: CliLanguage,
): string {
  const text = TEXT[language];
  const right = { align: 'right' as const };
  let out = `\n${text.moneyTitle(shown(economics.currency), economics.horizonYears)}\n`;
  out += table(
    text.headers.map((header, i) => (i === 0 ? { header } : { header, ...right })),
    rows.map((row, i) => {
      const earned = row.return;
      return [
        i === 0 ? readableText(language).baseline : shown(row.name),
        count(row.failedPerYear, 0),
        count(row.lostPerYear, 0),
        money(row.valueLostPerYear),
        money(row.recoveryCostPerYear),
        earned ? signedMoney(earned.protectedPerYear) : '',
        earned ? money(earned.costOnce) : '',
        earned ? money(earned.costPerYear) : '',
        earned ? signedMoney(earned.netPerYear) : '',
        earned ? (earned.paybackYears === null ? text.never : text.years(earned.paybackYears)) : '',
        earned && earned.roi !== null ? percent(earned.roi, 0) : '',
      ];
    }),
  );
  return out;
}

/** The baseline's yearly loss and where it comes from, as `analyze` prints it. */
export function lossText(
  loss: YearlyLoss,
  byFailPoint: readonly FailPointLoss[],
  economics: Economics,
  language: CliLanguage,
): string {
  const text = TEXT[language];
  let out = `${text.lossTitle(shown(economics.currency))}\n`;
  out += `${text.failed(count(loss.failedPerYear, 0), count(economics.customersPerYear, 0))}\n`;
  out += `${text.lost(count(loss.lostPerYear, 0), count(loss.lostDirectlyPerYear, 0), count(loss.lostByWordOfMouthPerYear, 0))}\n`;
  out += `${text.valueLost(money(loss.valueLostPerYear))}\n`;
  out += `${text.recovery(money(loss.recoveryCostPerYear))}\n`;
  out += `${text.total(money(loss.totalLossPerYear))}\n\n`;
  if (byFailPoint.length === 0) return out;
  let cumulative = 0;
  out += `${text.paretoTitle}\n`;
  out += table(
    text.paretoHeaders.map((header, i) =>
      i < 2 ? { header } : { header, align: 'right' as const },
    ),
    byFailPoint.map((point) => {
      cumulative += point.share;
      return [
        shown(point.id),
        truncate(shown(point.label), LABEL_WIDTH),
        count(point.failedPerYear, 0),
        count(point.lostPerYear, 0),
        money(point.valueLostPerYear),
        percent(cumulative, 1),
      ];
    }),
  );
  return `${out}\n`;
}
