/**
 * The printable report (SPEC §10 "Reports"): its figures on the courier, the reference case, and
 * the one HTML page it renders in English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import { DRAWING_TEXTS } from '../src/cli/export';
import { drawBlueprint } from '../src/document/drawing';
import {
  buildReport,
  DESCRIPTION_LENGTH,
  PARETO_ROWS,
  REPORT_MESSAGES,
  renderReportHtml,
  shortDescription,
  type ReportModel,
} from '../src/document/report';
import { optimizeBlueprint, scenarioMoney } from '../src/sim/money';
import type { Blueprint } from '../src/sim/parse';
import { validateDocument } from '../src/sim/parse';
import { translator } from '../src/editor/i18n';
import { reportBudget, reportPage } from '../src/editor/report/reportHtml';
import { loadExample } from './examples';

const courier = loadExample('courier.blueprint.json');
const courierZh = loadExample('courier.zh.blueprint.json');

function html(report: ReportModel, blueprint: Blueprint, language: 'en' | 'zh'): string {
  return renderReportHtml(report, blueprint.document, {
    language,
    drawingTexts: DRAWING_TEXTS[language],
  });
}

/** The courier with `count` scenarios, each setting step s1 to another reliability. */
function withManyScenarios(count: number): Blueprint {
  const document = structuredClone(courier.document);
  document.scenarios = Array.from({ length: count }, (_, i) => ({
    id: `s-${i}`,
    name: `Scenario ${i}`,
    changes: [{ node: 's1', set: { reliability: 0.9 + i / 1000 } }],
  }));
  const parsed = validateDocument(document);
  if (!parsed.ok) throw new Error(parsed.diagnostics[0].message);
  return parsed.blueprint;
}

describe('the report model', () => {
  const report = buildReport(courier, { budget: 3_000_000, goal: 'value' });

  it('gives the courier R 0.765 and 2,347 failures per 10,000', () => {
    expect(report.title).toBe('Courier pickup and delivery');
    expect(report.reliabilityRounded).toBe(0.765);
    expect(report.reliability).toBeCloseTo(0.76528, 5);
    expect(Math.round(report.failuresPer10k)).toBe(2347);
  });

  it('ranks the waybill step first in the Pareto, shares adding up to 1', () => {
    expect(report.pareto[0].id).toBe('s3');
    expect(report.pareto[0].label).toBe('Customer fills in the waybill');
    expect(Math.round(report.pareto[0].failuresPer10k)).toBe(970);
    expect(report.pareto[0].share).toBeCloseTo(0.413, 3);
    expect(report.pareto[1].id).toBe('s7');
    expect(report.pareto[1].cumulativeShare).toBeCloseTo(0.59, 2);
    expect(report.pareto.at(-1)!.cumulativeShare).toBeCloseTo(1, 12);
    // In money: the waybill step's failures, 970 a year, cost 5,374,908 a year.
    expect(Math.round(report.pareto[0].valueLostPerYear!)).toBe(5_374_908);
  });

  it('has the reference table: recover-3 at 0.816, +0.051, +6.67 %', () => {
    expect(report.scenarios.map((row) => row.id)).toEqual([
      'baseline',
      'recover-3',
      'recover-7',
      'recover-3-and-7',
    ]);
    const recover3 = report.scenarios[1];
    expect(recover3.reliability.toFixed(3)).toBe('0.816');
    expect(recover3.delta.toFixed(3)).toBe('0.051');
    expect((recover3.growth * 100).toFixed(2)).toBe('6.67');
    expect(Math.round(recover3.failuresPer10k)).toBe(1837);
  });

  it('carries the same money as scenarioMoney, row by row', () => {
    const money = scenarioMoney(courier)!;
    expect(report.scenarios).toHaveLength(money.length);
    report.scenarios.forEach((row, i) => {
      const expected = money[i];
      expect(row.id).toBe(expected.id);
      expect(row.money).toEqual({
        failedPerYear: expected.failedPerYear,
        lostPerYear: expected.lostPerYear,
        valueLostPerYear: expected.valueLostPerYear,
        recoveryCostPerYear: expected.recoveryCostPerYear,
        protectedPerYear: expected.return?.protectedPerYear ?? 0,
        costOnce: expected.return?.costOnce ?? 0,
        costPerYear: expected.return?.costPerYear ?? 0,
        netPerYear: expected.return?.netPerYear ?? 0,
        paybackYears: expected.return ? expected.return.paybackYears : null,
        roi: expected.return ? expected.return.roi : null,
      });
    });
    expect(report.loss?.currency).toBe('CNY');
    expect(Math.round(report.loss!.valueLostPerYear)).toBe(13_003_493);
  });

  it('chooses the optimiser’s options at the budget, and marks them among the options', () => {
    const answer = optimizeBlueprint(courier, 3_000_000, 'value');
    if (!answer.ok) throw new Error(answer.reason);
    expect(report.choice?.ids).toEqual(answer.result.chosen.ids);
    expect(report.choice?.ids).toEqual(['check-waybill', 'check-loading']);
    expect(report.choice?.labels).toEqual([
      'Courier checks the waybill with the customer',
      'Load checked against the manifest before departure',
    ]);
    expect(report.choice?.reliability.toFixed(3)).toBe('0.842');
    expect(Math.round(report.choice!.netPerYear!)).toBe(2_653_970);
    expect(report.choice?.budgetCoversAll).toBe(false);
    expect(report.options.filter((o) => o.chosen).map((o) => o.id)).toEqual([
      'check-waybill',
      'check-loading',
    ]);
    // Each option's own figures: check-waybill alone is recover-3.
    const waybill = report.options.find((o) => o.id === 'check-waybill')!;
    expect(waybill.reliability).toBeCloseTo(report.scenarios[1].reliability, 12);
    expect(waybill.netPerYear).toBeCloseTo(report.scenarios[1].money!.netPerYear, 6);
  });

  it('without a budget, buys within the sum of every option’s one-off cost', () => {
    const open = buildReport(courier);
    const all = courier.options.reduce((sum, option) => sum + option.costOnce, 0);
    expect(open.choice?.budget).toBe(all);
    expect(open.choice?.budgetCoversAll).toBe(true);
    // A budget of nothing buys nothing.
    expect(buildReport(courier, { budget: 0 }).choice?.ids).toEqual([]);
  });

  it('falls back to the highest R without economics, and shows no money', () => {
    const document = structuredClone(courier.document);
    delete document.economics;
    const parsed = validateDocument(document);
    if (!parsed.ok) throw new Error(parsed.diagnostics[0].message);
    const plain = buildReport(parsed.blueprint, { goal: 'value' });
    expect(plain.loss).toBeNull();
    expect(plain.scenarios.every((row) => row.money === null)).toBe(true);
    expect(plain.pareto[0].valueLostPerYear).toBeNull();
    expect(plain.choice?.goal).toBe('reliability');
    expect(plain.options.every((o) => o.netPerYear === null)).toBe(true);
    const page = html(plain, parsed.blueprint, 'en');
    expect(page).toContain(REPORT_MESSAGES.en.noEconomics);
    expect(page).toContain(REPORT_MESSAGES.en.footerNoMoney);
    expect(page).not.toContain(REPORT_MESSAGES.en.scenarioHeaders.netPerYear);
  });

  it('is reproducible: the same blueprint gives the same report, with no date in it', () => {
    const again = buildReport(courier, { budget: 3_000_000, goal: 'value' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
    expect(html(again, courier, 'en')).toBe(html(report, courier, 'en'));
    expect(html(report, courier, 'en')).not.toMatch(/20\d\d-\d\d-\d\d/);
  });
});

describe('the short description', () => {
  it('keeps whole sentences, never cutting at a decimal point', () => {
    const short = shortDescription(courier.document.description)!;
    expect(short).toBe(
      "Failpoint's reference case: a courier company's ten-step pickup and delivery service, one customer at a time.",
    );
    expect(shortDescription('   ')).toBeNull();
    expect(shortDescription('Short.')).toBe('Short.');
  });

  it('cuts one long sentence at a word with an ellipsis, Chinese counted full width', () => {
    const long = shortDescription('word '.repeat(100))!;
    expect(long.endsWith('word…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
    const chinese = shortDescription('快'.repeat(300))!;
    expect(Array.from(chinese).length).toBeLessThanOrEqual(DESCRIPTION_LENGTH / 2);
    expect(chinese.endsWith('…')).toBe(true);
  });
});

describe('the report page', () => {
  const report = buildReport(courier, { budget: 3_000_000 });
  const en = html(report, courier, 'en');
  const zhReport = buildReport(courierZh, { budget: 3_000_000 });
  const zh = html(zhReport, courierZh, 'zh');

  it('is one self-contained document: A4 page rule, no script, no outside file', () => {
    expect(en.startsWith('<!doctype html>')).toBe(true);
    expect(en).toMatch(/@page \{ size: A4; margin: 0; \}/);
    expect(en).not.toMatch(/<script|<link |src="http|url\(http/i);
  });

  it('holds the drawing’s own SVG (empty lanes below the steps thin), inline, and a Pareto chart', () => {
    const drawing = drawBlueprint(courier.document, {
      texts: DRAWING_TEXTS.en,
      failShares: new Map(report.pareto.map((p) => [p.id, p.share])),
      compactEmptyLanes: true,
    }).svg;
    // The drawing's body, after its XML declaration and opening tag, is in the page as it is.
    const body = drawing.slice(drawing.indexOf('>', drawing.indexOf('<svg')) + 1);
    expect(en).toContain(body);
    expect(en).not.toContain('<?xml');
    expect(en).toContain(`aria-label="${REPORT_MESSAGES.en.paretoChart}"`);
  });

  it('prints the key figures, the reference row and the chosen options', () => {
    expect(en).toContain('<h1>Courier pickup and delivery</h1>');
    expect(en).toContain('data-figure="reliability">0.765<');
    expect(en).toContain('data-figure="failures">2,347<');
    expect(en).toMatch(
      /data-scenario="recover-3">.*?0\.816.*?\+0\.051.*?\+6\.67 %.*?1,837.*?\+2,826,143/,
    );
    expect(en).toContain('<li>Courier checks the waybill with the customer</li>');
    expect(en).toContain('<li>Load checked against the manifest before departure</li>');
    expect(en).toContain('Within a one-off budget of 3,000,000 CNY, for the most value:');
  });

  it('is in Chinese with the Chinese words and title', () => {
    expect(zh).toContain('<html lang="zh-Hans">');
    expect(zh).toContain(`<h1>${courierZh.document.title}</h1>`);
    expect(zh).toContain(REPORT_MESSAGES.zh.kicker);
    expect(zh).toContain(
      `<title>${REPORT_MESSAGES.zh.documentTitle(courierZh.document.title!)}</title>`,
    );
    expect(zh).toContain('>互动分界线</text>');
    expect(zh).not.toContain(REPORT_MESSAGES.en.kicker);
    expect(en).toContain(`<title>Courier pickup and delivery – reliability report</title>`);
  });

  it('stops long tables with “and N more” instead of spilling onto a second page', () => {
    expect(report.pareto.length).toBe(10);
    expect(en).toContain(REPORT_MESSAGES.en.more(10 - PARETO_ROWS));
    const many = withManyScenarios(12);
    const manyHtml = html(buildReport(many), many, 'en');
    // 13 rows with the baseline; seven shown.
    expect(manyHtml).toContain('>and 6 more<');
    expect((manyHtml.match(/data-scenario=/g) ?? []).length).toBe(7);
  });

  it('escapes what the blueprint says', () => {
    const document = structuredClone(courier.document);
    document.title = 'A <b>bold</b> & "quoted" title';
    const parsed = validateDocument(document);
    if (!parsed.ok) throw new Error(parsed.diagnostics[0].message);
    const page = html(buildReport(parsed.blueprint), parsed.blueprint, 'en');
    expect(page).toContain('<h1>A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title</h1>');
    expect(page).not.toContain('<b>bold</b>');
  });
});

describe('the app’s report', () => {
  it('reads the Money panel’s budget as typed: nothing or no amount buys every option', () => {
    expect(reportBudget({ budgetText: null, yearlyBudgetText: '', goal: 'value' })).toEqual({
      budget: undefined,
      yearlyBudget: undefined,
      goal: 'value',
    });
    expect(
      reportBudget({
        budgetText: '3,000,000',
        yearlyBudgetText: ' 1 000 000 ',
        goal: 'reliability',
      }),
    ).toEqual({ budget: 3_000_000, yearlyBudget: 1_000_000, goal: 'reliability' });
    expect(reportBudget({ budgetText: 'lots', yearlyBudgetText: '', goal: 'value' }).budget).toBe(
      undefined,
    );
  });

  it('is the command line’s page, with the app’s own lane names', () => {
    const page = reportPage(
      courier.document,
      { budgetText: '3,000,000', yearlyBudgetText: '', goal: 'value' },
      translator('en'),
      'en',
    );
    if (!page.ok) throw new Error(page.reason);
    const cli = html(buildReport(courier, { budget: 3_000_000 }), courier, 'en');
    // The drawing's words come from the app's catalogue; everything else is the same page.
    expect(page.html.replace(/<svg[\s\S]*?<\/svg>/, '')).toBe(
      cli.replace(/<svg[\s\S]*?<\/svg>/, ''),
    );
    expect(page.article.startsWith('<article class="fp-report" lang="en">')).toBe(true);
    expect(page.title).toBe('Courier pickup and delivery');
  });

  it('says the blueprint has problems rather than print half a report', () => {
    const broken = structuredClone(courier.document);
    broken.edges = broken.edges.slice(1);
    const page = reportPage(
      broken,
      { budgetText: null, yearlyBudgetText: '', goal: 'value' },
      translator('zh'),
      'zh',
    );
    expect(page).toEqual({ ok: false, reason: 'invalid' });
  });
});
