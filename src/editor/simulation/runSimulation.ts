/**
 * Starts and cancels Monte Carlo runs on the browser's worker pool and feeds the panel.
 *
 * The blueprint simulated is the one on screen: the baseline, or the scenario being edited in
 * what-if mode. With "compare scenarios" on (and a number of trials), every scenario runs
 * alongside the baseline with common random numbers. The main thread only merges chunks and
 * redraws a few times a second; the trials run in the workers.
 */
import type { Model } from '../../sim/model';
import type { ComparedModel } from '../../sim/montecarlo';
import { validateDocument } from '../../sim/parse';
import { createBrowserSimulationPool } from '../../workers/browser-pool';
import type { SimulationPool, SimulationProgress } from '../../workers/pool';
import { useLiveResults } from '../results/liveResults';
import { useBlueprintStore } from '../store/blueprint';
import {
  appendPoint,
  UPDATE_INTERVAL,
  useSimulationStore,
  type SimulationFigures,
} from './simulationStore';

let pool: SimulationPool | null = null;
let controller: AbortController | null = null;

/** Whether this browser can run simulations (it has web workers). */
export function simulationAvailable(): boolean {
  return typeof Worker !== 'undefined';
}

function poolOfSize(size: number): SimulationPool {
  if (pool && pool.size === size) return pool;
  pool?.terminate();
  pool = createBrowserSimulationPool(size);
  return pool;
}

function labelsOf(model: Model): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const node of model.nodes) labels[node.id] = node.label || node.id;
  return labels;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Cancels the run in progress; its figures so far stay on screen. */
export function cancelSimulation(): void {
  controller?.abort();
}

/** Runs a simulation with the panel's settings. Does nothing while one is running. */
export async function startSimulation(): Promise<void> {
  const state = useSimulationStore.getState();
  if (state.status === 'running') return;
  const { document, whatIfScenarioId } = useBlueprintStore.getState();
  const parsed = validateDocument(document);
  if (!parsed.ok) {
    useSimulationStore.setState({
      status: 'failed',
      error: parsed.diagnostics[0]?.message ?? null,
    });
    return;
  }
  const { blueprint } = parsed;
  const shown = blueprint.scenarios.find((scenario) => scenario.id === whatIfScenarioId);
  const model = shown ? shown.model : blueprint.model;
  const { settings } = state;
  const byPrecision = settings.stopBy === 'precision';
  const compare =
    settings.compareScenarios && !byPrecision && !shown && blueprint.scenarios.length > 0;
  const live = useLiveResults.getState().result;
  const exact = live && live.scenarioId === (shown?.id ?? null) ? live.analysis.reliability : null;

  const run = new AbortController();
  controller = run;
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
    figures: null,
    versions: [],
    exact,
    labels: labelsOf(model),
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
    const workers = poolOfSize(settings.workers);
    const options = {
      trials: byPrecision ? undefined : settings.trials,
      seed: settings.seed,
      onProgress,
      signal: run.signal,
    };
    let figures: SimulationFigures;
    let cancelled: boolean;
    if (compare) {
      const versions: ComparedModel[] = [
        { id: 'baseline', name: 'Baseline', model },
        ...blueprint.scenarios.map(({ id, name, model: scenarioModel }) => ({
          id,
          name,
          model: scenarioModel,
        })),
      ];
      const result = await workers.compare(versions, options);
      const baseline = result.versions[0];
      cancelled = result.cancelled;
      figures = {
        ...baseline,
        seed: result.seed,
        precision: null,
        precisionReached: false,
        seconds: result.elapsedSeconds,
        perSecond: result.perSecond,
      };
      useSimulationStore.setState({ versions: result.versions });
    } else {
      const result = await workers.simulate(model, {
        ...options,
        precision: byPrecision ? settings.precision : undefined,
      });
      cancelled = result.cancelled;
      const { convergence, chunkSize: _chunkSize, ...rest } = result;
      figures = { ...rest, seconds: result.elapsedSeconds, perSecond: result.perSecond };
      // The run's own convergence points (one per chunk merged) replace the progress samples.
      if (convergence.length > 1) useSimulationStore.setState({ convergence });
    }
    useSimulationStore.setState({ status: cancelled ? 'cancelled' : 'done', figures });
  } catch (error) {
    useSimulationStore.setState({ status: 'failed', error: message(error) });
  } finally {
    if (controller === run) controller = null;
  }
}
