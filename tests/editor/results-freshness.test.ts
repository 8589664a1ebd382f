/**
 * The figures on screen belong to the blueprint on screen: after another blueprint is opened,
 * nothing of the previous one shows while the new one is computed; after an edit, the previous
 * figures stay at most EDIT_GRACE_MS; and "Computed in" is the time of the answer shown.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { courierExample } from '../../src/editor/files/examples';
import { openBlueprintText } from '../../src/editor/files/openFile';
import { engineClient } from '../../src/editor/engine/client';
import { startLiveAnalysis } from '../../src/editor/results/liveAnalysis';
import {
  commitDocument,
  emptyDocument,
  resetBlueprintStore,
  setLoadedDocument,
  useBlueprintStore,
} from '../../src/editor/store/blueprint';
import {
  EDIT_GRACE_MS,
  figuresAreStale,
  resetResults,
  revisionOf,
  selectHeatMap,
  useResultsStore,
  type ShownBlueprint,
} from '../../src/editor/store/results';
import type { AnalysisResponse } from '../../src/workers/analysis';
import { analyzeDocument } from '../../src/workers/analysis';

function courierDocument() {
  const example = courierExample('en');
  if (!example) throw new Error('The courier example is missing.');
  const opened = openBlueprintText(example.file, example.text);
  if (!opened.ok) throw new Error('The courier example does not open.');
  return opened.document;
}

describe('figuresAreStale', () => {
  const shown: ShownBlueprint = { revision: 7, loadCount: 2, scenarioId: null };
  const analysed = { status: 'ok' as const, revision: 6, loadCount: 2, scenarioId: null };

  it('never hides the figures of the blueprint on screen', () => {
    expect(figuresAreStale({ ...analysed, revision: 7 }, shown, 10_000)).toBe(false);
  });

  it('hides the figures of another opened blueprint at once', () => {
    expect(figuresAreStale({ ...analysed, loadCount: 1 }, shown, 0)).toBe(true);
    expect(figuresAreStale({ ...analysed, loadCount: 1, status: 'invalid' }, shown, 0)).toBe(true);
  });

  it('keeps the previous edit’s figures for the grace period only', () => {
    expect(figuresAreStale(analysed, shown, EDIT_GRACE_MS - 1)).toBe(false);
    expect(figuresAreStale(analysed, shown, EDIT_GRACE_MS)).toBe(true);
  });

  it('treats the figures of another what-if scenario as another edit', () => {
    const scenario = { ...shown, scenarioId: 'recover-3' };
    expect(figuresAreStale({ ...analysed, revision: 7 }, scenario, 0)).toBe(false);
    expect(figuresAreStale({ ...analysed, revision: 7 }, scenario, EDIT_GRACE_MS)).toBe(true);
  });

  it('has nothing to hide while computing or before the first answer', () => {
    expect(figuresAreStale({ ...analysed, status: 'computing' }, shown, 1e6)).toBe(false);
    expect(figuresAreStale({ ...analysed, status: 'idle' }, shown, 1e6)).toBe(false);
  });
});

describe('the live analysis while an answer is on its way', () => {
  /** Analyses the engine was asked for, answered when a test says so. */
  let asked: { document: object; answer: (response: AnalysisResponse) => void }[];
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    resetBlueprintStore();
    resetResults();
    setLoadedDocument(courierDocument());
    asked = [];
    vi.spyOn(engineClient, 'analyze').mockImplementation(
      (document) =>
        new Promise((resolve) => asked.push({ document, answer: (response) => resolve(response) })),
    );
    stop = startLiveAnalysis();
  });

  afterEach(() => {
    stop();
    vi.restoreAllMocks();
    vi.useRealTimers();
    resetResults();
    resetBlueprintStore();
  });

  const answerLatest = async () => {
    const request = asked[asked.length - 1];
    request.answer(analyzeDocument({ document: request.document, scenarioId: null }));
    await vi.advanceTimersByTimeAsync(0);
  };

  it('shows the courier, then "computing" the moment another blueprint opens', async () => {
    const before = useResultsStore.getState();
    expect(before.status).toBe('ok');
    expect(before.result?.analysis.reliability).toBeCloseTo(0.765, 3);
    expect(selectHeatMap(before).size).toBeGreaterThan(0);

    const other = { ...emptyDocument(), title: 'Another blueprint' };
    setLoadedDocument(other);
    const computing = useResultsStore.getState();
    expect(computing.status).toBe('computing');
    expect(computing.result).toBeNull();
    expect(computing.latency).toBeNull();
    expect(selectHeatMap(computing).size).toBe(0);

    // The new blueprint's analysis takes 3 s; nothing of the courier comes back meanwhile.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(useResultsStore.getState().status).toBe('computing');
    await answerLatest();
    const after = useResultsStore.getState();
    expect(after.status).toBe('ok');
    expect(after.revision).toBe(revisionOf(other));
    expect(after.loadCount).toBe(useBlueprintStore.getState().loadCount);
    expect(after.result?.analysis.reliability).toBe(1);
    // "Computed in": from the opening to the answer, not the engine's time for a cached answer.
    expect(after.latency).toBeGreaterThanOrEqual(3_000);
  });

  it('never shows an answer for the previous blueprint that arrives after the opening', async () => {
    const courier = useBlueprintStore.getState().document;
    commitDocument('Rename', { ...courier, title: 'Courier, renamed' });
    await vi.advanceTimersByTimeAsync(20);
    expect(asked).toHaveLength(1);
    // Another blueprint opens before the courier's answer is back, and before its own request.
    setLoadedDocument({ ...emptyDocument(), title: 'Another blueprint' });
    await answerLatest();
    expect(useResultsStore.getState().status).toBe('computing');
    expect(useResultsStore.getState().result).toBeNull();
  });

  it('keeps the previous figures through a quick edit, and says "computing" after a slow one', async () => {
    const courier = useBlueprintStore.getState().document;
    commitDocument('Rename', { ...courier, title: 'Courier, renamed' });
    expect(useResultsStore.getState().status).toBe('ok');
    await vi.advanceTimersByTimeAsync(EDIT_GRACE_MS - 10);
    expect(useResultsStore.getState().status).toBe('ok');
    expect(useResultsStore.getState().result?.analysis.reliability).toBeCloseTo(0.765, 3);
    await vi.advanceTimersByTimeAsync(10);
    expect(useResultsStore.getState().status).toBe('computing');
    await answerLatest();
    const after = useResultsStore.getState();
    expect(after.status).toBe('ok');
    expect(after.revision).toBe(revisionOf(useBlueprintStore.getState().document));

    // A quick answer replaces the figures before the grace period is over: no "computing".
    const renamed = useBlueprintStore.getState().document;
    commitDocument('Rename again', { ...renamed, title: 'Courier, renamed again' });
    await vi.advanceTimersByTimeAsync(40);
    await answerLatest();
    await vi.advanceTimersByTimeAsync(EDIT_GRACE_MS);
    expect(useResultsStore.getState().status).toBe('ok');
    expect(useResultsStore.getState().revision).toBe(
      revisionOf(useBlueprintStore.getState().document),
    );
  });
});
