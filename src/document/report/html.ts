/**
 * The report as one self-contained HTML document (SPEC §10 "Reports"): inline CSS with an A4
 * `@page` rule, the blueprint drawing inline as SVG, a small Pareto chart as SVG, and the tables,
 * in English or Chinese. No script, no external file, no date: the same blueprint gives the same
 * bytes, and the browser's "save as PDF" gives one clean page.
 *
 * One page whatever the blueprint holds: the page is a fixed A4 box; the drawing takes the room
 * the other sections leave (scaled to fit, never cropped), and long tables stop after a few rows
 * with "and N more" rather than spill onto a second page.
 */
import type { BlueprintDocument } from '../../sim/document';
import { drawBlueprint, escapeXml, type DrawingTexts } from '../drawing';
import { REPORT_MESSAGES, type ReportLanguage, type ReportMessages } from './messages';
import type { ReportChoice, ReportModel } from './model';

/** Rows of the Pareto table and bars of its chart. */
export const PARETO_ROWS = 6;
/** Rows of the scenario table, the baseline included. */
export const SCENARIO_ROWS = 7;
/** Rows of the options table. */
export const OPTION_ROWS = 6;

/** What the renderer needs besides the report. */
export interface ReportHtmlOptions {
  language: ReportLanguage;
  /** Lane and line names of the drawing, as the app or the command line names them. */
  drawingTexts: DrawingTexts;
}

/**
 * The report's style sheet. Every rule is scoped to `.fp-report`, so the same sheet serves the
 * standalone document and a report mounted inside the app for the browser's own print.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 0; }
.fp-report, .fp-report * { box-sizing: border-box; }
.fp-report {
  width: 210mm; height: 296mm; margin: 0 auto; padding: 11mm 12mm 8mm;
  display: flex; flex-direction: column; gap: 3mm; overflow: hidden;
  background: #fff; color: #1e293b;
  font-family: "Noto Sans", "Helvetica Neue", Helvetica, Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 8.5pt; line-height: 1.35;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.fp-report:lang(zh) {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", Arial, sans-serif;
}
.fp-report h1, .fp-report h2, .fp-report p, .fp-report ul, .fp-report dl, .fp-report dd { margin: 0; padding: 0; }
.fp-report header { border-bottom: 2px solid #1e3a8a; padding-bottom: 2.5mm; }
.fp-report .fp-kicker { color: #1d4ed8; font-size: 7.5pt; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; }
.fp-report h1 { font-size: 19pt; line-height: 1.15; margin-top: 0.8mm; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
.fp-report .fp-description { color: #475569; margin-top: 1.2mm; max-width: 170mm; }
.fp-report h2 { font-size: 10pt; color: #1e3a8a; margin-bottom: 1.2mm; }
.fp-report .fp-kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }
.fp-report .fp-kpi { border-left: 1.2mm solid #1d4ed8; background: #f1f5f9; padding: 1.3mm 2.5mm; }
.fp-report .fp-kpi--bad { border-left-color: #dc2626; }
.fp-report .fp-kpi--money { border-left-color: #b45309; }
.fp-report .fp-kpi dt { font-size: 7.5pt; color: #475569; font-weight: 600; }
.fp-report .fp-kpi dd { font-size: 17pt; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
.fp-report .fp-kpi dd small { font-size: 9pt; font-weight: 600; color: #475569; margin-left: 1mm; }
.fp-report .fp-kpi .fp-note { font-size: 7.5pt; color: #475569; font-weight: 400; line-height: 1.3; }
.fp-report .fp-drawing { flex: 1 1 0; min-height: 35mm; display: flex; flex-direction: column; }
.fp-report .fp-drawing figure { flex: 1 1 0; min-height: 0; margin: 0; border: 1px solid #e2e8f0; border-radius: 1.5mm; padding: 1.5mm; }
.fp-report .fp-drawing figure svg { display: block; width: 100%; height: 100%; }
.fp-report .fp-pareto { display: grid; grid-template-columns: 62mm 1fr; gap: 4mm; align-items: start; }
.fp-report .fp-pareto svg { display: block; width: 100%; height: auto; }
.fp-report table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 7.5pt; font-variant-numeric: tabular-nums; }
.fp-report th { text-align: left; font-weight: 600; color: #475569; border-bottom: 1px solid #94a3b8; padding: 0.6mm 1mm; vertical-align: bottom; line-height: 1.2; }
.fp-report td { border-bottom: 1px solid #e2e8f0; padding: 0.7mm 1mm; vertical-align: top; }
.fp-report .fp-num { text-align: right; white-space: nowrap; }
.fp-report th.fp-num { white-space: normal; }
.fp-report .fp-label { overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; }
.fp-report .fp-id { color: #64748b; font-size: 6.5pt; }
.fp-report tr.fp-baseline td { font-weight: 600; background: #f8fafc; }
.fp-report tr.fp-chosen td { background: #ecfdf5; }
.fp-report .fp-mark { color: #15803d; font-weight: 700; }
.fp-report td.fp-more { color: #64748b; font-style: italic; border-bottom: none; }
.fp-report .fp-small { font-size: 7pt; color: #64748b; margin-top: 0.8mm; }
.fp-report .fp-choice { display: grid; grid-template-columns: 1fr auto; gap: 0 6mm; margin-top: 2mm; border: 1px solid #86efac; background: #f0fdf4; border-radius: 1.5mm; padding: 1.8mm 2.5mm; }
.fp-report .fp-choice h2 { color: #166534; margin-bottom: 0.6mm; }
.fp-report .fp-choice ul { list-style: none; margin-top: 0.8mm; }
.fp-report .fp-choice li { font-weight: 600; }
.fp-report .fp-choice li::before { content: "✓ "; color: #15803d; }
.fp-report .fp-choice dl { display: grid; grid-template-columns: repeat(3, auto auto); gap: 0.4mm 2mm; align-content: start; margin-top: 0.5mm; }
.fp-report .fp-choice dt { color: #475569; }
.fp-report .fp-choice dd { font-weight: 700; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.fp-report footer { border-top: 1px solid #cbd5e1; padding-top: 1.5mm; font-size: 7pt; color: #64748b; display: flex; justify-content: space-between; gap: 4mm; }
@media screen {
  body.fp-report-page { background: #cbd5e1; margin: 0; padding: 8mm 0; }
  body.fp-report-page .fp-report { box-shadow: 0 1mm 4mm rgba(15, 23, 42, 0.25); }
}
@media print {
  body.fp-report-page { background: #fff; margin: 0; padding: 0; }
  .fp-report { margin: 0; box-shadow: none; break-after: avoid; page-break-after: avoid; }
}
`;

// ---- Numbers, the same in both languages (Chinese reports group thousands with commas too).

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function fixed(value: number, digits: number): string {
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A whole amount, grouped; "–" for what cannot be a number. */
function whole(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const rounded = Math.round(value);
  return grouped.format(rounded === 0 ? 0 : rounded);
}

/** A signed whole amount with a true minus sign. */
function signedWhole(value: number): string {
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return `${rounded > 0 ? '+' : '−'}${grouped.format(Math.abs(rounded))}`;
}

function signedFixed(value: number, digits: number): string {
  const text = fixed(Math.abs(value), digits);
  if (Number(text.replace(/,/g, '')) === 0) return fixed(0, digits);
  return `${value > 0 ? '+' : '−'}${text}`;
}

function percent(share: number, digits: number): string {
  return `${fixed(share * 100, digits)} %`;
}

function signedPercent(share: number, digits: number): string {
  if (!Number.isFinite(share)) return share > 0 ? '+∞' : '−∞';
  return `${signedFixed(share * 100, digits)} %`;
}

const text = escapeXml;

function cell(content: string, numeric = false): string {
  return `<td${numeric ? ' class="fp-num"' : ''}>${content}</td>`;
}

function headerCell(content: string, numeric = false, width?: string): string {
  const style = width ? ` style="width:${width}"` : '';
  return `<th scope="col"${numeric ? ' class="fp-num"' : ''}${style}>${text(content)}</th>`;
}

function label(name: string, id?: string): string {
  const idPart = id && id !== name ? ` <span class="fp-id">${text(id)}</span>` : '';
  return `<div class="fp-label">${text(name)}${idPart}</div>`;
}

function moreRow(hidden: number, columns: number, say: ReportMessages): string {
  return hidden > 0
    ? `<tr><td class="fp-more" colspan="${columns}">${text(say.more(hidden))}</td></tr>`
    : '';
}

function payback(years: number | null, hasReturn: boolean, say: ReportMessages): string {
  if (!hasReturn) return '';
  return years === null ? say.never : say.years(fixed(years, 1));
}

// ---- Sections.

function keyFigures(report: ReportModel, say: ReportMessages): string {
  const loss = report.loss;
  const money = loss
    ? `<div class="fp-kpi fp-kpi--money"><dt>${text(say.valueLost)}</dt><dd>${whole(loss.valueLostPerYear)}<small>${text(loss.currency)}</small></dd><dd class="fp-note">${text(say.valueLostNote(whole(loss.failedPerYear), whole(loss.lostPerYear)))}</dd></div>`
    : `<div class="fp-kpi fp-kpi--money"><dt>${text(say.valueLost)}</dt><dd class="fp-note">${text(say.noEconomics)}</dd></div>`;
  return `<dl class="fp-kpis">
<div class="fp-kpi"><dt>${text(say.reliability)}</dt><dd data-figure="reliability">${fixed(report.reliability, 3)}</dd><dd class="fp-note">${text(say.reliabilityNote(percent(report.reliability, 1)))}</dd></div>
<div class="fp-kpi fp-kpi--bad"><dt>${text(say.failures)}</dt><dd data-figure="failures">${whole(report.failuresPer10k)}</dd><dd class="fp-note">${text(say.failuresNote)}</dd></div>
${money}
</dl>`;
}

function drawingSection(
  report: ReportModel,
  document: BlueprintDocument,
  options: ReportHtmlOptions,
  say: ReportMessages,
): string {
  if (document.nodes.length === 0) return '';
  const failShares = new Map(report.pareto.map((point) => [point.id, point.share]));
  const { svg } = drawBlueprint(document, {
    texts: options.drawingTexts,
    failShares,
    compactEmptyLanes: true,
  });
  // Inline in HTML the XML declaration has no place; the drawing's viewBox lets CSS scale it.
  const inline = svg
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .replace('<svg ', `<svg role="img" aria-label="${text(say.drawingLabel)}" `);
  return `<section class="fp-drawing"><h2>${text(say.drawing)}</h2><figure>${inline}</figure></section>`;
}

/** A rounded-up axis maximum: 1, 2 or 5 times a power of ten. */
function niceMaximum(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/** The Pareto chart: failures per 10,000 by fail point as bars, the cumulative share as a line. */
function paretoChart(report: ReportModel, say: ReportMessages): string {
  const points = report.pareto.slice(0, PARETO_ROWS);
  const width = 240;
  const height = 150;
  const left = 30;
  const right = 26;
  const top = 10;
  const bottom = 18;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const maximum = niceMaximum(points[0]?.failuresPer10k ?? 0);
  const slot = plotWidth / Math.max(points.length, 1);
  const y = (per10k: number) => top + plotHeight * (1 - per10k / maximum);
  const yShare = (share: number) => top + plotHeight * (1 - share);
  const parts: string[] = [];
  for (const fraction of [0, 0.5, 1]) {
    const lineY = top + plotHeight * (1 - fraction);
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${lineY}" y2="${lineY}" stroke="#e2e8f0" stroke-width="0.6"/>`,
      `<text x="${left - 3}" y="${lineY + 2.5}" text-anchor="end" font-size="7" fill="#64748b">${whole(maximum * fraction)}</text>`,
      `<text x="${width - right + 3}" y="${lineY + 2.5}" font-size="7" fill="#64748b">${fixed(fraction * 100, 0)} %</text>`,
    );
  }
  const line: string[] = [];
  points.forEach((point, i) => {
    const x = left + slot * i + slot * 0.15;
    const barWidth = slot * 0.7;
    const barTop = y(point.failuresPer10k);
    parts.push(
      `<rect x="${x.toFixed(2)}" y="${barTop.toFixed(2)}" width="${barWidth.toFixed(2)}" height="${(top + plotHeight - barTop).toFixed(2)}" fill="${i < 3 ? '#dc2626' : '#f87171'}"/>`,
      `<text x="${(x + barWidth / 2).toFixed(2)}" y="${(top + plotHeight + 9).toFixed(2)}" text-anchor="middle" font-size="7" fill="#334155">${i + 1}</text>`,
    );
    line.push(`${(x + barWidth / 2).toFixed(2)},${yShare(point.cumulativeShare).toFixed(2)}`);
  });
  if (line.length > 0) {
    parts.push(
      `<polyline points="${line.join(' ')}" fill="none" stroke="#1e3a8a" stroke-width="1.2"/>`,
      ...line.map((xy) => {
        const [cx, cy] = xy.split(',');
        return `<circle cx="${cx}" cy="${cy}" r="1.6" fill="#1e3a8a"/>`;
      }),
    );
  }
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="#94a3b8" stroke-width="0.8"/>`,
    `<text x="${left}" y="${height - 1}" font-size="6.5" fill="#64748b">${text(say.paretoHeaders.per10k)}</text>`,
    `<text x="${width - right}" y="${height - 1}" font-size="6.5" fill="#1e3a8a" text-anchor="end">— ${text(say.paretoCumulative)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${text(say.paretoChart)}">${parts.join('')}</svg>`;
}

function paretoSection(report: ReportModel, say: ReportMessages): string {
  const head = `<h2>${text(say.pareto)}</h2>`;
  if (report.pareto.length === 0) return `<section>${head}<p>${text(say.noFailures)}</p></section>`;
  const withMoney = report.loss !== null;
  const h = say.paretoHeaders;
  const rows = report.pareto
    .slice(0, PARETO_ROWS)
    .map(
      (point, i) =>
        `<tr>${cell(String(i + 1), true)}${cell(label(point.label, point.id))}${cell(whole(point.failuresPer10k), true)}${cell(percent(point.share, 1), true)}${cell(percent(point.cumulativeShare, 1), true)}${withMoney ? cell(whole(point.valueLostPerYear ?? NaN), true) : ''}</tr>`,
    );
  const columns = withMoney ? 6 : 5;
  const table = `<table aria-label="${text(say.pareto)}"><thead><tr>${headerCell(h.rank, true, '6mm')}${headerCell(h.failPoint)}${headerCell(h.per10k, true, '15mm')}${headerCell(h.share, true, '13mm')}${headerCell(h.cumulative, true, '13mm')}${withMoney ? headerCell(h.valueLost, true, '22mm') : ''}</tr></thead><tbody>${rows.join('')}${moreRow(report.pareto.length - PARETO_ROWS, columns, say)}</tbody></table>`;
  return `<section>${head}<div class="fp-pareto">${paretoChart(report, say)}${table}</div></section>`;
}

function scenarioSection(report: ReportModel, say: ReportMessages): string {
  const h = say.scenarioHeaders;
  const loss = report.loss;
  const money = loss !== null;
  const headers = [
    headerCell(h.scenario),
    headerCell(h.reliability, true, '10mm'),
    headerCell(h.delta, true, '11mm'),
    headerCell(h.change, true, '13mm'),
    headerCell(h.per10k, true, money ? '16mm' : '24mm'),
  ];
  if (money) {
    headers.push(
      headerCell(h.failedPerYear, true, '14mm'),
      headerCell(h.protectedPerYear, true, '17mm'),
      headerCell(h.costOnce, true, '16mm'),
      headerCell(h.costPerYear, true, '15mm'),
      headerCell(h.netPerYear, true, '17mm'),
      headerCell(h.payback, true, '12mm'),
      headerCell(h.roi, true, '12mm'),
    );
  }
  const rows = report.scenarios.slice(0, SCENARIO_ROWS).map((row) => {
    const baseline = row.id === 'baseline';
    const cells = [
      cell(label(baseline ? say.baseline : row.name)),
      cell(fixed(row.reliability, 3), true),
      cell(baseline ? '' : signedFixed(row.delta, 3), true),
      cell(baseline ? '' : signedPercent(row.growth, 2), true),
      cell(whole(row.failuresPer10k), true),
    ];
    if (money) {
      const m = row.money;
      cells.push(
        cell(m ? whole(m.failedPerYear) : '', true),
        cell(m && !baseline ? signedWhole(m.protectedPerYear) : '', true),
        cell(m && !baseline ? whole(m.costOnce) : '', true),
        cell(m && !baseline ? whole(m.costPerYear) : '', true),
        cell(m && !baseline ? signedWhole(m.netPerYear) : '', true),
        cell(m ? payback(m.paybackYears, !baseline, say) : '', true),
        cell(m && m.roi !== null ? percent(m.roi, 0) : '', true),
      );
    }
    return `<tr${baseline ? ' class="fp-baseline"' : ''} data-scenario="${text(row.id)}">${cells.join('')}</tr>`;
  });
  const note = loss
    ? `<p class="fp-small">${text(say.moneyNote(loss.currency, whole(loss.horizonYears)))}</p>`
    : '';
  return `<section><h2>${text(say.scenarios)}</h2><table aria-label="${text(say.scenarios)}"><thead><tr>${headers.join('')}</tr></thead><tbody>${rows.join('')}${moreRow(report.scenarios.length - SCENARIO_ROWS, headers.length, say)}</tbody></table>${note}</section>`;
}

function optionsTable(report: ReportModel, say: ReportMessages): string {
  const h = say.optionHeaders;
  const money = report.loss !== null;
  const headers = [
    headerCell(h.option),
    headerCell(h.costOnce, true, '16mm'),
    headerCell(h.costPerYear, true, '15mm'),
    headerCell(h.reliability, true, '12mm'),
  ];
  if (money) {
    headers.push(
      headerCell(h.netPerYear, true, '17mm'),
      headerCell(h.payback, true, '12mm'),
      headerCell(h.roi, true, '11mm'),
    );
  }
  const rows = report.options.slice(0, OPTION_ROWS).map((option) => {
    const mark = option.chosen ? ` <span class="fp-mark">✓ ${text(say.chosenMark)}</span>` : '';
    const cells = [
      `<td><div class="fp-label">${text(option.label)}${mark}</div></td>`,
      cell(whole(option.costOnce), true),
      cell(whole(option.costPerYear), true),
      cell(fixed(option.reliability, 3), true),
    ];
    if (money) {
      cells.push(
        cell(option.netPerYear === null ? '' : signedWhole(option.netPerYear), true),
        cell(payback(option.paybackYears, option.netPerYear !== null, say), true),
        cell(option.roi === null ? '' : percent(option.roi, 0), true),
      );
    }
    return `<tr${option.chosen ? ' class="fp-chosen"' : ''} data-option="${text(option.id)}">${cells.join('')}</tr>`;
  });
  return `<section><h2>${text(say.options)}</h2><table aria-label="${text(say.options)}"><thead><tr>${headers.join('')}</tr></thead><tbody>${rows.join('')}${moreRow(report.options.length - OPTION_ROWS, headers.length, say)}</tbody></table></section>`;
}

function choiceBox(choice: ReportChoice, report: ReportModel, say: ReportMessages): string {
  const currency = report.loss?.currency;
  const budget = `${whole(choice.budget)}${currency ? ` ${currency}` : ''}`;
  const yearly =
    choice.yearlyBudget === null
      ? null
      : `${whole(choice.yearlyBudget)}${currency ? ` ${currency}` : ''}`;
  const intro = choice.budgetCoversAll
    ? say.choiceBudgetAll(budget, yearly, choice.goal)
    : say.choiceBudget(budget, yearly, choice.goal);
  const method = `<p class="fp-small">${text(say.method(choice.method, whole(choice.evaluated)))}</p>`;
  if (choice.ids.length === 0) {
    return `<section class="fp-choice"><div><h2>${text(say.choice)}</h2><p>${text(intro)}</p><p>${text(say.choiceNothing)}</p>${method}</div></section>`;
  }
  const h = say.optionHeaders;
  const figures: [string, string][] = [
    [say.choiceReliability, `${fixed(report.reliability, 3)} → ${fixed(choice.reliability, 3)}`],
    [h.costOnce, whole(choice.costOnce)],
    [h.costPerYear, whole(choice.costPerYear)],
  ];
  if (choice.netPerYear !== null) {
    figures.push(
      [say.choiceNet, signedWhole(choice.netPerYear)],
      [say.choicePayback, payback(choice.paybackYears, true, say)],
      [h.roi, choice.roi === null ? '' : percent(choice.roi, 0)],
    );
  }
  const items = choice.labels.map((name) => `<li>${text(name)}</li>`).join('');
  const list = figures
    .map(([term, value]) => `<dt>${text(term)}</dt><dd>${text(value)}</dd>`)
    .join('');
  return `<section class="fp-choice"><div><h2>${text(say.choice)}</h2><p>${text(intro)}</p><ul aria-label="${text(say.choice)}">${items}</ul></div><div><dl>${list}</dl>${method}</div></section>`;
}

/** The report as one `<article class="fp-report">`, without the style sheet. */
export function renderReportArticle(
  report: ReportModel,
  document: BlueprintDocument,
  options: ReportHtmlOptions,
): string {
  const say = REPORT_MESSAGES[options.language];
  const title = report.title ?? say.untitled;
  const description = report.description
    ? `<p class="fp-description">${text(report.description)}</p>`
    : '';
  const lower =
    report.options.length > 0
      ? `${optionsTable(report, say)}${report.choice ? choiceBox(report.choice, report, say) : ''}`
      : '';
  return `<article class="fp-report" lang="${say.htmlLang}">
<header><p class="fp-kicker">${text(say.kicker)}</p><h1>${text(title)}</h1>${description}</header>
${keyFigures(report, say)}
${drawingSection(report, document, options, say)}
${paretoSection(report, say)}
${scenarioSection(report, say)}
${lower}
<footer><span>${text(report.loss ? say.footer : say.footerNoMoney)}</span><span>Failpoint</span></footer>
</article>`;
}

/** The report as a complete, self-contained HTML document. */
export function renderReportHtml(
  report: ReportModel,
  document: BlueprintDocument,
  options: ReportHtmlOptions,
): string {
  const say = REPORT_MESSAGES[options.language];
  return `<!doctype html>
<html lang="${say.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(say.documentTitle(report.title ?? say.untitled))}</title>
<style>${REPORT_CSS}</style>
</head>
<body class="fp-report-page">
${renderReportArticle(report, document, options)}
</body>
</html>
`;
}
