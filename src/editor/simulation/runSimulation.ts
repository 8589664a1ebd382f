/**
 * Starts and cancels Monte Carlo runs in the engine's worker and feeds the panel.
 *
 * The blueprint simulated is the one on screen: the baseline, or the scenario being edited in
 * what-if mode. With "compare scenarios" on (and a number of trials), every scenario runs
 * alongside the baseline with common random numbers. This thread neither validates nor
 * compiles: it names the document's revision, the engine (which already validated it for the
 * live analysis) compiles it once and runs it on its pool of workers, and the page redraws a
 * few times a second. The result is stored with the revision, scenario and settings it belongs
 * to, so the panel can say when it is out of date; opening another blueprint clears it (and
 * cancels a run in progress), since its figures would describe a blueprint no longer on screen.
 *
 * The convergence chart draws the pool's trace: R at checkpoints from the first chunk on,
 * carried by the progress reports while the run goes on and complete in the result.
 */
import type { JobOutcome } from '../../workers/engine';
import type { SimulationProgress } from '../../workers/pool';
import { diagnosticSentence, type Diagnostic } from '../../sim/diagnostics';
import { engineClient } from '../engine/client';
import { getLanguage } from '../i18n';
import { useBlueprintStore } from '../store/blueprint';
import {
  recordMonteCarlo,
  reliabilityOnlyIn,
  revisionOf,
  useResultsStore,
  type MonteCarloResult,
} from '../store/results';
import type { ConvergencePoint } from '../../sim/montecarlo';
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
  // Every report's points are kept, including those of reports not drawn at once.
  let pending: ConvergencePoint[] = [];
  const onProgress = (progress: SimulationProgress) => {
    if (controller !== run) return;
    pending.push(...progress.points);
    const now = performance.now();
    if (now - lastUpdate < UPDATE_INTERVAL && progress.done < progress.total) return;
    lastUpdate = now;
    const points = pending;
    pending = [];
    useSimulationStore.setState((current) => ({
      progress: {
        done: progress.done,
        total: progress.total,
        open: byPrecision,
        perSecond: progress.perSecond,
        seconds: progress.elapsedSeconds,
      },
      convergence: points.reduce(appendPoint, current.convergence),
    }));
  };

  try {
    const controls = { onProgress, signal: run.signal };
    const common = {
      trials: byPrecision ? undefined : settings.trials,
      seed: settings.seed,
      workers: settings.workers,
      timeAndCost: !reliabilityOnlyIn(settings),
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
      const {
        versions,
        seed,
        elapsedSeconds,
        perSecond,
        cancelled,
        labels,
        workersEnded,
        convergenceTrace,
      } = outcome.result;
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
        convergence: convergenceTrace,
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
      const {
        convergence: _perChunk,
        convergenceTrace,
        chunkSize: _chunkSize,
        labels,
        workersEnded,
        ...rest
      } = outcome.result;
      result = {
        ...base,
        figures: { ...rest, seconds: rest.elapsedSeconds, perSecond: rest.perSecond },
        versions: [],
        convergence: convergenceTrace,
        labels,
        cancelled: rest.cancelled,
        ...stopped(workersEnded),
      };
    }
    // A run overtaken by the opening of another blueprint has nothing left to say.
    if (controller !== run) return;
    recordMonteCarlo(result);
    useSimulationStore.setState({ status: result.cancelled ? 'cancelled' : 'done' });
  } catch (error) {
    if (controller !== run) return;
    useSimulationStore.setState({ status: 'failed', error: message(error) });
  } finally {
    if (controller === run) controller = null;
  }
}

/**
 * Forgets the run of the blueprint that was on screen: cancels it if it is still going, clears
 * its result and the panel's progress. Called when another blueprint is opened.
 */
export function clearSimulation(): void {
  const running = controller;
  controller = null;
  running?.abort();
  recordMonteCarlo(null);
  useSimulationStore.setState({
    status: 'idle',
    progress: null,
    convergence: [],
    exact: null,
    error: null,
  });
}

// Another blueprint opened (new, a file, an example, the library): `loadCount` moves on.
useBlueprintStore.subscribe((state, previous) => {
  if (state.loadCount !== previous.loadCount) clearSimulation();
});

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
