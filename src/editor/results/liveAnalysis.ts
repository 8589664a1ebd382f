/**
 * Runs the exact analysis after every change of the blueprint (or of the what-if scenario) and
 * publishes the answers. A short pause lets a burst of edits (typing) settle into one request;
 * the scheduler keeps only the latest.
 */
import { analysisApi, analyzeDocument } from '../../workers/analysis.worker';
import { useBlueprintStore } from '../store/blueprint';
import { AnalysisScheduler, type AnalysisRequest, type ReadResult } from './analysisClient';
import { recordAnalysis, recordAnalysisError } from './liveResults';
import { publishAnalysis } from './publish';

/** Milliseconds to wait for more edits before analysing. */
const SETTLE_DELAY = 12;

let current: AnalysisScheduler | null = null;

/** Reads and validates blueprint text off the main thread once the analysis worker is up. */
export function readBlueprintText(text: string): Promise<ReadResult> {
  return current ? current.read(text) : Promise.resolve(analysisApi.readBlueprint(text));
}

export function startLiveAnalysis(): () => void {
  const requestedAt = new WeakMap<AnalysisRequest, number>();
  const scheduler = new AnalysisScheduler({
    deliver: (response, request) => {
      const latency = performance.now() - (requestedAt.get(request) ?? performance.now());
      recordAnalysis(response, latency);
      publishAnalysis(response);
    },
    fail: recordAnalysisError,
  });
  current = scheduler;

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
  // with the blueprint; the worker starts meanwhile and answers every later edit.
  const { document, whatIfScenarioId } = useBlueprintStore.getState();
  const first: AnalysisRequest = { document, scenarioId: whatIfScenarioId };
  const started = performance.now();
  try {
    const response = analyzeDocument(first);
    recordAnalysis(response, performance.now() - started);
    publishAnalysis(response);
  } catch (error) {
    recordAnalysisError(error);
  }
  scheduler.warm(first);
  return () => {
    clearTimeout(timer);
    unsubscribe();
    if (current === scheduler) current = null;
  };
}
