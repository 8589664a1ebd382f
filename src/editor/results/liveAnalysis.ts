/**
 * Runs the exact analysis after every change of the blueprint (or of the what-if scenario) and
 * records the answers in the results store, with the revision and the load they are of. A short
 * pause lets a burst of edits (typing) settle into one request; the scheduler keeps only the
 * latest.
 *
 * What the screen shows meanwhile: when another blueprint is opened, the previous one's figures
 * leave at once and the panels say "computing…" until the new blueprint's own figures arrive
 * (on a large file that can take seconds). After an ordinary edit the previous figures stay,
 * since the new ones come within 100 ms, but only for {@link EDIT_GRACE_MS}: a slow analysis
 * says it is computing rather than leave old numbers up silently.
 */
import { engineClient } from '../engine/client';
import { useBlueprintStore, type BlueprintState } from '../store/blueprint';
import {
  EDIT_GRACE_MS,
  figuresAreStale,
  recordAnalysis,
  recordAnalysisError,
  recordComputing,
  revisionOf,
  useResultsStore,
  type ShownBlueprint,
} from '../store/results';
import { AnalysisScheduler, type AnalysisRequest } from './analysisClient';
import { afterFirstView } from './timing';

/** Milliseconds to wait for more edits before analysing. */
const SETTLE_DELAY = 12;

function shownBlueprint(state: BlueprintState): ShownBlueprint {
  return {
    revision: revisionOf(state.document),
    loadCount: state.loadCount,
    scenarioId: state.whatIfScenarioId,
  };
}

export function startLiveAnalysis(): () => void {
  const requests = new WeakMap<AnalysisRequest, { at: number; shown: ShownBlueprint }>();
  const scheduler = new AnalysisScheduler({
    deliver: (response, request) => {
      const asked = requests.get(request);
      if (!asked) return;
      // An answer for a blueprint that has been replaced since is never shown, even if no
      // request for the new one has been made yet (it waits for edits to settle).
      if (asked.shown.loadCount !== useBlueprintStore.getState().loadCount) return;
      recordAnalysis(asked.shown, response, performance.now() - asked.at);
    },
    fail: recordAnalysisError,
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let firstEdit: number | null = null;
  let changedAt = performance.now();

  /** Takes the figures off the screen if they are not (or no longer may pass for) the shown. */
  const hideStale = () => {
    const shown = shownBlueprint(useBlueprintStore.getState());
    if (figuresAreStale(useResultsStore.getState(), shown, performance.now() - changedAt)) {
      recordComputing(shown);
    }
  };

  const send = () => {
    timer = undefined;
    const state = useBlueprintStore.getState();
    const request: AnalysisRequest = {
      document: state.document,
      scenarioId: state.whatIfScenarioId,
    };
    requests.set(request, { at: firstEdit ?? performance.now(), shown: shownBlueprint(state) });
    firstEdit = null;
    scheduler.submit(request);
  };

  const unsubscribe = useBlueprintStore.subscribe(
    (state) => [state.document, state.whatIfScenarioId] as const,
    () => {
      changedAt = performance.now();
      firstEdit ??= changedAt;
      hideStale();
      clearTimeout(graceTimer);
      graceTimer = setTimeout(hideStale, EDIT_GRACE_MS);
      clearTimeout(timer);
      timer = setTimeout(send, SETTLE_DELAY);
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  );
  // The first figures are computed here and now, before the first render, so R is on screen
  // with the blueprint; the engine's worker starts meanwhile and answers every later edit.
  const state = useBlueprintStore.getState();
  const started = performance.now();
  try {
    const response = engineClient.analyzeHere(state.document, {
      scenarioId: state.whatIfScenarioId,
    });
    recordAnalysis(shownBlueprint(state), response, performance.now() - started);
  } catch (error) {
    recordAnalysisError(error);
  }
  // The worker fetches and compiles half a megabyte of its own: started with the page, it would
  // compete with the first view for the network and the processor, and nothing needs it before
  // the first edit (which starts it anyway, and is answered on this thread meanwhile).
  const cancelWarm = afterFirstView(() => engineClient.warm(), { idle: true });
  return () => {
    clearTimeout(timer);
    clearTimeout(graceTimer);
    cancelWarm();
    unsubscribe();
  };
}
