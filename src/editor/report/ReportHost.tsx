/**
 * Where the report lives in the app: the report view while it is open (loaded on first use), and
 * the browser's own print (its menu, Ctrl+P outside the app, `window.print()`) turned into the
 * report instead of the editor's chrome.
 *
 * The report code is not part of the app's first load: it is fetched when the browser is idle
 * after the first results are on screen (never competing with them), so that it is at hand when
 * `beforeprint` fires, which leaves no time to load anything. Should a print come before that,
 * the page prints as it is.
 */
import { lazy, Suspense, useEffect } from 'react';
import { getLanguage, translator } from '../i18n';
import { useBudgetState } from '../money/budgetState';
import { useBlueprintStore } from '../store/blueprint';
import { useResultsStore } from '../store/results';
import { useReportState } from './reportState';

const ReportView = lazy(() =>
  import('./ReportView').then((module) => ({ default: module.ReportView })),
);

type ReportModule = typeof import('./reportHtml');
let loaded: ReportModule | null = null;

function loadReportModule(): Promise<ReportModule> {
  return import('./reportHtml').then((module) => (loaded = module));
}

/** Mounts the report for the browser's print; undone after printing. */
function beforePrint(): void {
  if (!loaded) return;
  const language = getLanguage();
  const page = loaded.reportPage(
    useBlueprintStore.getState().document,
    useBudgetState.getState(),
    translator(language),
    language,
  );
  loaded.mountPrintReport(page);
}

function afterPrint(): void {
  loaded?.unmountPrintReport();
}

/**
 * Listens for the browser's print, and fetches the report code when the browser is idle once
 * the first results are shown.
 */
function usePrintAsReport(): void {
  const resultsShown = useResultsStore((state) => state.result !== null);
  useEffect(() => {
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
    };
  }, []);
  useEffect(() => {
    if (!resultsShown || loaded) return;
    const preload = () => void loadReportModule().catch(() => undefined);
    const idle =
      typeof window.requestIdleCallback === 'function'
        ? window.requestIdleCallback(preload, { timeout: 5_000 })
        : null;
    const timer = idle === null ? window.setTimeout(preload, 2_000) : null;
    return () => {
      if (idle !== null) window.cancelIdleCallback(idle);
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [resultsShown]);
}

/** The report view when open, and the report for the browser's own print. */
export function ReportHost() {
  const open = useReportState((state) => state.open);
  usePrintAsReport();
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <ReportView />
    </Suspense>
  );
}
