/**
 * Runs the exact analysis after every change of the blueprint (or of the what-if scenario) and
 * records the answers in the results store, with the revision they are of. A short pause lets a
 * burst of edits (typing) settle into one request; the scheduler keeps only the latest.
 */
import { engineClient } from '../engine/client';
import { useBlueprintStore } from '../store/blueprint';
import { recordAnalysis, recordAnalysisError, revisionOf } from '../store/results';
import { AnalysisScheduler, type AnalysisRequest } from './analysisClient';

/** Milliseconds to wait for more edits before analysing. */
const SETTLE_DELAY = 12;

export function startLiveAnalysis(): () => void {
  const requestedAt = new WeakMap<AnalysisRequest, number>();
  const scheduler = new AnalysisScheduler({
    deliver: (response, request) => {
      const latency = performance.now() - (requestedAt.get(request) ?? performance.now());
      recordAnalysis(revisionOf(request.document as object), response, latency);
    },
    fail: recordAnalysisError,
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstEdit: number | null = null;
  const send = () => {
    timer = undefined;
    const { document, whatIfScenarioId } = useBlueprintStore.getState();
    const request: AnalysisRequest = { document, scenarioId: whatIfScenarioId };
    requestedAt.set(request, firstEdit ?? performance.now());
    firstEdit = null;
    scheduler.submit(request);
  };

  const unsubscribe = useBlueprintStore.subscribe(
    (state) => [state.document, state.whatIfScenarioId] as const,
    () => {
      firstEdit ??= performance.now();
      clearTimeout(timer);
      timer = setTimeout(send, SETTLE_DELAY);
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  );
  // The first figures are computed here and now, before the first render, so R is on screen
  // with the blueprint; the engine's worker starts meanwhile and answers every later edit.
  const { document, whatIfScenarioId } = useBlueprintStore.getState();
  const started = performance.now();
  try {
    const response = engineClient.analyzeHere(document, { scenarioId: whatIfScenarioId });
    recordAnalysis(revisionOf(document), response, performance.now() - started);
  } catch (error) {
    recordAnalysisError(error);
  }
  engineClient.warm();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
