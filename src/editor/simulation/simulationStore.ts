/**
 * The Monte Carlo panel's state: the settings and the run in progress. It lives outside the
 * panel so a run goes on while another tab is open; its result goes to the one results store
 * (`../store/results.ts`), with the revision and settings it belongs to.
 *
 * Progress reaches the store at most every {@link UPDATE_INTERVAL} milliseconds, whatever rate
 * the workers report at: the panel and its charts redraw a few times a second, no more.
 */
import { create } from 'zustand';
import type { ConvergencePoint } from '../../sim/montecarlo';
import type { SimulationFigures, SimulationSettings } from '../store/results';

export type { SimulationFigures, SimulationSettings };

export type StopRule = SimulationSettings['stopBy'];

export interface SimulationProgressView {
  done: number;
  /** Trials asked for (the most, when running to a precision). */
  total: number;
  /** Whether the run stops at a precision rather than at `total`. */
  open: boolean;
  perSecond: number;
  seconds: number;
}

export type SimulationStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface SimulationState {
  settings: SimulationSettings;
  status: SimulationStatus;
  progress: SimulationProgressView | null;
  /** R and its 95 % interval as trials accumulate, while a run goes on. */
  convergence: ConvergencePoint[];
  /** The exact R of the blueprint being simulated, for the convergence line. */
  exact: number | null;
  error: string | null;
}

/** Milliseconds between two updates of the panel while a run goes on. */
export const UPDATE_INTERVAL = 250;

export function defaultWorkers(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(8, cores || 2));
}

export const useSimulationStore = create<SimulationState>(() => ({
  settings: {
    stopBy: 'trials',
    trials: 1_000_000,
    precision: 0.001,
    seed: 1,
    workers: defaultWorkers(),
    compareScenarios: true,
    reliabilityOnly: null,
  },
  status: 'idle',
  progress: null,
  convergence: [],
  exact: null,
  error: null,
}));

export function updateSettings(patch: Partial<SimulationSettings>): void {
  useSimulationStore.setState((state) => ({ settings: { ...state.settings, ...patch } }));
}

/** At most this many convergence points are kept while running. */
const MAX_POINTS = 240;

/** Adds a convergence point, keeping the series short enough to draw at once. */
export function appendPoint(
  points: readonly ConvergencePoint[],
  point: ConvergencePoint,
): ConvergencePoint[] {
  const last = points[points.length - 1];
  if (last && point.trials <= last.trials) return [...points];
  const next = [...points, point];
  if (next.length <= MAX_POINTS) return next;
  // Thin the older half: the early, fast-moving part keeps its shape on a log axis.
  const half = Math.floor(next.length / 2);
  return [...next.slice(0, half).filter((_, i) => i % 2 === 0), ...next.slice(half)];
}
