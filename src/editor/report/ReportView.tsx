/**
 * The report view: a full-window overlay showing the one-page report as it will print, with
 * Print and Close. The page is the same HTML the command line writes, shown in an iframe, so the
 * app's own styles cannot touch it; Print prints the iframe alone, which gives a clean A4 page
 * (or a PDF through the print dialog's "Save as PDF").
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import { useLanguage, useT } from '../i18n';
import { useBudgetState } from '../money/budgetState';
import { useBlueprintStore } from '../store/blueprint';
import { reportPage } from './reportHtml';
import { closeReport, useReportState } from './reportState';
import './report.css';

export function ReportView() {
  const t = useT();
  const language = useLanguage();
  const document = useBlueprintStore((state) => state.document);
  const budgetText = useBudgetState((state) => state.budgetText);
  const yearlyBudgetText = useBudgetState((state) => state.yearlyBudgetText);
  const goal = useBudgetState((state) => state.goal);
  const page = useMemo(
    () => reportPage(document, { budgetText, yearlyBudgetText, goal }, t, language),
    [document, budgetText, yearlyBudgetText, goal, t, language],
  );
  const dialog = useRef<HTMLDialogElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const print = () => frame.current?.contentWindow?.print();

  // Ctrl+P again while the view is open prints it.
  const printRequests = useReportState((state) => state.printRequests);
  const seenRequests = useRef(printRequests);
  useEffect(() => {
    if (printRequests === seenRequests.current) return;
    seenRequests.current = printRequests;
    frame.current?.contentWindow?.print();
  }, [printRequests]);
  const title = page.ok ? (page.title ?? t('report.untitled')) : (document.title ?? '');

  return (
    <dialog
      ref={dialog}
      className="report-view"
      // Named for the shortcuts, which leave keys inside dialogs alone (Escape closes this one).
      role="dialog"
      aria-labelledby={titleId}
      onClose={closeReport}
      onCancel={(event) => {
        event.preventDefault();
        closeReport();
      }}
    >
      <div className="report-view__bar">
        <div className="report-view__heading">
          <h2 id={titleId}>{t('report.viewLabel', { title: title || t('report.untitled') })}</h2>
          <p>{t('report.hint')}</p>
        </div>
        <button
          type="button"
          className="button button--primary"
          onClick={print}
          disabled={!page.ok}
          autoFocus
        >
          {t('report.print')}
        </button>
        <button type="button" className="button" onClick={closeReport}>
          {t('report.close')}
        </button>
      </div>
      {/* Scrolls the page on a small window; focusable so the keyboard can scroll it too. */}
      <div
        className="report-view__stage"
        role="region"
        aria-label={t('report.stageLabel')}
        tabIndex={0}
      >
        {page.ok ? (
          <iframe
            ref={frame}
            className="report-view__page"
            title={t('report.pageLabel')}
            srcDoc={page.html}
          />
        ) : (
          <p className="report-view__problem" role="alert">
            {page.reason === 'invalid'
              ? t('report.invalid')
              : t('report.failed', { reason: page.detail })}
          </p>
        )}
      </div>
    </dialog>
  );
}
