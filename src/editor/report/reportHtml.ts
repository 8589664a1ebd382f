/**
 * The report of the blueprint being edited, as the command line's `failpoint report` writes it:
 * the same model and the same HTML (src/document/report), with the Money panel's budget and goal
 * and the app's language. Loaded only when a report is shown or printed.
 */
import {
  buildReport,
  renderReportArticle,
  renderReportHtml,
  REPORT_CSS,
} from '../../document/report';
import type { BlueprintDocument } from '../../sim/document';
import { validateDocument } from '../../sim/parse';
import type { Language, Translate } from '../i18n';
import { parseBudget } from '../money/moneyData';
import type { BudgetState } from '../money/budgetState';
import { drawingTexts } from '../shell/exports';

/** The report of a document, or why there is none. */
export type ReportPage =
  | { ok: true; title: string | null; html: string; article: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'failed'; detail: string };

/**
 * The budget the report chooses options within: the Money panel's, as typed. Nothing typed (or
 * text that is not an amount) means a budget that buys every option, the panel's own default;
 * an empty yearly budget means no bound on the running cost.
 */
export function reportBudget(
  budget: Pick<BudgetState, 'budgetText' | 'yearlyBudgetText' | 'goal'>,
): {
  budget: number | undefined;
  yearlyBudget: number | undefined;
  goal: BudgetState['goal'];
} {
  const oneOff = budget.budgetText === null ? null : parseBudget(budget.budgetText);
  const yearly =
    budget.yearlyBudgetText.trim() === '' ? null : parseBudget(budget.yearlyBudgetText);
  return { budget: oneOff ?? undefined, yearlyBudget: yearly ?? undefined, goal: budget.goal };
}

/** Builds the report page of `document` in `language`. */
export function reportPage(
  document: BlueprintDocument,
  budget: Pick<BudgetState, 'budgetText' | 'yearlyBudgetText' | 'goal'>,
  t: Translate,
  language: Language,
): ReportPage {
  const parsed = validateDocument(document);
  if (!parsed.ok) return { ok: false, reason: 'invalid' };
  try {
    const report = buildReport(parsed.blueprint, reportBudget(budget));
    const options = { language, drawingTexts: drawingTexts(t, language) };
    return {
      ok: true,
      title: report.title,
      html: renderReportHtml(report, parsed.blueprint.document, options),
      article: renderReportArticle(report, parsed.blueprint.document, options),
    };
  } catch (error) {
    // A blueprint the exact analysis cannot solve: said in the view rather than thrown.
    return {
      ok: false,
      reason: 'failed',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

const PRINT_ROOT = 'fp-print-report';

/**
 * Puts the report into the page for the browser's own print (its menu, or `window.print()`):
 * a container after the app, with a print style sheet that hides everything else. Returns
 * false when there is no report to print (the app then prints as it is).
 */
export function mountPrintReport(page: ReportPage): boolean {
  unmountPrintReport();
  if (!page.ok) return false;
  const root = document.createElement('div');
  root.id = PRINT_ROOT;
  root.className = 'fp-print-root';
  // The report's own rules, and for print only: nothing but the report on the page.
  root.innerHTML = `<style>${REPORT_CSS}
@media screen { #${PRINT_ROOT} { display: none; } }
@media print {
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; height: auto !important; overflow: visible !important; }
  body > :not(#${PRINT_ROOT}) { display: none !important; }
}</style>${page.article}`;
  document.body.appendChild(root);
  return true;
}

/** Takes the print copy of the report away again. */
export function unmountPrintReport(): void {
  document.getElementById(PRINT_ROOT)?.remove();
}
