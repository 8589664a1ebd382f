/**
 * Starts and cancels Monte Carlo runs in the engine's worker and feeds the panel.
 *
 * The blueprint simulated is the one on screen: the baseline, or the scenario being edited in
 * what-if mode. With "compare scenarios" on (and a number of trials), every scenario runs
 * alongside the baseline with common random numbers. This thread neither validates nor
 * compiles: it names the document's revision, the engine (which already validated it for the
 * live analysis) compiles it once and runs it on its pool of workers, and the page redraws a
 * few times a second. The result is stored with the revision, scenario and settings it belongs
 * to, so the panel can say when it is out of date.
 */
import type { JobOutcome } from '../../workers/engine';
import type { SimulationProgress } from '../../workers/pool';
import { diagnosticSentence, type Diagnostic } from '../../sim/diagnostics';
import { engineClient } from '../engine/client';
import { getLanguage } from '../i18n';
import { useBlueprintStore } from '../store/blueprint';
import {
  recordMonteCarlo,
  revisionOf,
  useResultsStore,
  type MonteCarloResult,
} from '../store/results';
import { appendPoint, UPDATE_INTERVAL, useSimulationStore } from './simulationStore';

let controller: AbortController | null = null;
/** When Cancel was pressed for the run in progress, ms since the epoch (as the pool's times). */
let cancelledAt: number | null = null;

/** Whether this browser can run simulations (it has web workers). */
export function simulationAvailable(): boolean {
  return typeof Worker !== 'undefined';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Cancels the run in progress; its figures so far stay on screen. */
export function cancelSimulation(): void {
  if (!controller || controller.signal.aborted) return;
  cancelledAt = performance.timeOrigin + performance.now();
  controller.abort();
}

/** Runs a simulation with the panel's settings. Does nothing while one is running. */
export async function startSimulation(): Promise<void> {
  const state = useSimulationStore.getState();
  if (state.status === 'running') return;
  const { document, whatIfScenarioId } = useBlueprintStore.getState();
  const revision = revisionOf(document);
  const { settings } = state;
  const byPrecision = settings.stopBy === 'precision';
  const scenarioCount = document.scenarios?.length ?? 0;
  const compare =
    settings.compareScenarios && !byPrecision && whatIfScenarioId === null && scenarioCount > 0;
  const live = useResultsStore.getState();
  const exact =
    live.result && live.revision === revision && live.result.scenarioId === whatIfScenarioId
      ? live.result.analysis.reliability
      : null;

  const run = new AbortController();
  controller = run;
  cancelledAt = null;
  useSimulationStore.setState({
    status: 'running',
    progress: {
      done: 0,
      total: settings.trials,
      open: byPrecision,
      perSecond: 0,
      seconds: 0,
    },
    convergence: [],
    exact,
    error: null,
  });

  let lastUpdate = -Infinity;
  const onProgress = (progress: SimulationProgress) => {
    const now = performance.now();
    if (now - lastUpdate < UPDATE_INTERVAL && progress.done < progress.total) return;
    lastUpdate = now;
    useSimulationStore.setState((current) => ({
      progress: {
        done: progress.done,
        total: progress.total,
        open: byPrecision,
        perSecond: progress.perSecond,
        seconds: progress.elapsedSeconds,
      },
      convergence:
        Number.isFinite(progress.reliability) && progress.done > 0
          ? appendPoint(current.convergence, {
              trials: progress.done,
              reliability: progress.reliability,
              low: Math.max(0, progress.reliability - progress.halfWidth),
              high: Math.min(1, progress.reliability + progress.halfWidth),
            })
          : current.convergence,
    }));
  };

  try {
    const controls = { onProgress, signal: run.signal };
    const common = {
      trials: byPrecision ? undefined : settings.trials,
      seed: settings.seed,
      workers: settings.workers,
    };
    const base = { revision, scenarioId: whatIfScenarioId, settings, exact };
    const stopped = (workersEnded: MonteCarloResult['workersEnded']) => ({
      workersEnded,
      cancelledAt: workersEnded ? cancelledAt : null,
    });
    let result: MonteCarloResult;
    if (compare) {
      const outcome = await engineClient.run('compare', document, common, controls);
      if (!finished(outcome)) return;
      const { versions, seed, elapsedSeconds, perSecond, cancelled, labels, workersEnded } =
        outcome.result;
      result = {
        ...base,
        figures: {
          ...versions[0],
          seed,
          precision: null,
          precisionReached: false,
          seconds: elapsedSeconds,
          perSecond,
        },
        versions,
        convergence: useSimulationStore.getState().convergence,
        labels,
        cancelled,
        ...stopped(workersEnded),
      };
    } else {
      const outcome = await engineClient.run(
        'simulate',
        document,
        {
          ...common,
          scenarioId: whatIfScenarioId,
          precision: byPrecision ? settings.precision : undefined,
        },
        controls,
      );
      if (!finished(outcome)) return;
      const { convergence, chunkSize: _chunkSize, labels, workersEnded, ...rest } = outcome.result;
      result = {
        ...base,
        figures: { ...rest, seconds: rest.elapsedSeconds, perSecond: rest.perSecond },
        versions: [],
        // The run's own convergence points (one per chunk merged) replace the progress samples.
        convergence:
          convergence.length > 1 ? convergence : useSimulationStore.getState().convergence,
        labels,
        cancelled: rest.cancelled,
        ...stopped(workersEnded),
      };
    }
    recordMonteCarlo(result);
    useSimulationStore.setState({ status: result.cancelled ? 'cancelled' : 'done' });
  } catch (error) {
    useSimulationStore.setState({ status: 'failed', error: message(error) });
  } finally {
    if (controller === run) controller = null;
  }
}

/** The first problem as a sentence in the interface language, or null when there is none. */
function firstSentence(diagnostics: readonly Diagnostic[]): string | null {
  return diagnostics.length > 0 ? diagnosticSentence(diagnostics[0], getLanguage()) : null;
}

/**
 * True when the job ran; otherwise says why not in the panel. A blueprint with problems cannot
 * be simulated: the first problem is shown.
 */
function finished<K extends 'simulate' | 'compare'>(
  outcome: JobOutcome<K>,
): outcome is Extract<JobOutcome<K>, { status: 'done' }> {
  if (outcome.status === 'done') return true;
  if (outcome.status === 'invalid') {
    useSimulationStore.setState({
      status: 'failed',
      error: firstSentence(outcome.diagnostics),
    });
  } else {
    // Cancelled before the engine had the blueprint: nothing ran.
    useSimulationStore.setState({ status: 'idle' });
  }
  return false;
}
