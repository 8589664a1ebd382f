/**
 * The one results store of the app: the latest exact analysis with the revision (and the load) of
 * the blueprint it is of, and the last Monte Carlo result with the revision, scenario and
 * settings it was run on. The live analysis and the Monte Carlo runs write here; panels and canvas nodes read
 * through selectors, so a new analysis re-renders only the nodes whose figures changed
 * ({@link useNodeHeat}, {@link useNodeProblems}), and a Monte Carlo result of an earlier revision
 * or other settings is shown as out of date ({@link selectMonteCarloFreshness}).
 *
 * Figures are never shown under another blueprint's title: when another blueprint is opened, its
 * predecessor's figures leave at once and the status is `computing` until the new blueprint's
 * own analysis arrives. After an ordinary edit the previous figures may stay for a moment (live
 * editing answers within 100 ms), but no longer than {@link EDIT_GRACE_MS}
 * ({@link figuresAreStale}).
 */
import { createStore } from 'zustand/vanilla';
import { useShallow } from 'zustand/react/shallow';
import {
  diagnosticSentence,
  type Diagnostic,
  type DiagnosticLanguage,
} from '../../sim/diagnostics';
import type { Analysis } from '../../sim/exact';
import type { ComparedVersion, ConvergencePoint, SimulationResult } from '../../sim/montecarlo';
import type { AnalysisResponse, ValidAnalysis } from '../../workers/analysis';
import type { WorkersEnded } from '../../workers/pool';
import { bindStore } from './bind';

export type { ValidAnalysis };

/**
 * `idle` before the first analysis; `computing` while the blueprint on screen waits for its
 * figures and none are shown; `ok` with figures; `invalid` when the blueprint has problems.
 */
export type ResultsStatus = 'idle' | 'computing' | 'ok' | 'invalid';

/**
 * Milliseconds the figures of the previous revision may stay on screen after an edit while the
 * new ones are computed; after that the panels say they are computing.
 */
export const EDIT_GRACE_MS = 250;

/** How a Monte Carlo run is asked for (the panel's settings). */
export interface SimulationSettings {
  stopBy: 'trials' | 'precision';
  trials: number;
  /** Target 95 % half-width, probability. */
  precision: number;
  seed: number;
  workers: number;
  /** Run every scenario alongside the baseline with common random numbers. */
  compareScenarios: boolean;
  /**
   * Simulate R only, without sampling durations and costs; null follows the default
   * ({@link reliabilityOnlyIn}).
   */
  reliabilityOnly: boolean | null;
}

/**
 * Whether a run with `settings` simulates R only. Unless the user has chosen, it does when the
 * run stops at a precision: the precision is R's, so R is all that run is asked for; a run of
 * a number of trials samples durations and costs too, for their histograms.
 */
export function reliabilityOnlyIn(settings: SimulationSettings): boolean {
  return settings.reliabilityOnly ?? settings.stopBy === 'precision';
}

/** The figures of a run: final when it is done, those reached so far after a cancel. */
export type SimulationFigures = Omit<SimulationResult, 'convergence' | 'chunkSize'> & {
  seconds: number;
  perSecond: number;
};

/** A finished (or cancelled) Monte Carlo run and what it belongs to. */
export interface MonteCarloResult {
  /** Revision of the blueprint simulated ({@link revisionOf}). */
  revision: number;
  /** The what-if scenario simulated, or null for the baseline. */
  scenarioId: string | null;
  /** The settings it ran with. */
  settings: SimulationSettings;
  figures: SimulationFigures;
  /** The paired comparison (baseline first), when scenarios were compared. */
  versions: ComparedVersion[];
  /** R and its 95 % interval as trials accumulated. */
  convergence: ConvergencePoint[];
  /** The exact R of the blueprint simulated, for the convergence line. */
  exact: number | null;
  /** Node id → label of the blueprint simulated. */
  labels: Record<string, string>;
  cancelled: boolean;
  /** When a cancelled run's workers ended, as the pool measured it; null otherwise. */
  workersEnded: WorkersEnded | null;
  /** When Cancel was pressed, milliseconds since the epoch; null when it was not. */
  cancelledAt: number | null;
}

export interface ResultsState {
  /** `idle` before the first analysis, `ok` with figures, `invalid` when the blueprint has problems. */
  status: ResultsStatus;
  /** Revision of the blueprint the analysis (or its problems) is of; null before the first. */
  revision: number | null;
  /** The load of that blueprint (`loadCount` of the document store); null before the first. */
  loadCount: number | null;
  /** The what-if scenario the analysis is of (null for the baseline). */
  scenarioId: string | null;
  /** The latest analysis of a valid blueprint; null as soon as the blueprint is invalid. */
  result: ValidAnalysis | null;
  /** Validation problems of the blueprint on screen (empty when `status` is `ok`). */
  problems: Diagnostic[];
  /** A failure of the analysis itself (not of the blueprint), as a sentence. */
  error: string | null;
  /** Milliseconds from the edit (or the opening) to the answer on screen, for the latest answer. */
  latency: number | null;
  /** While `computing`: the revision whose figures are awaited. */
  awaiting: number | null;
  /** The last Monte Carlo run, or null. */
  monteCarlo: MonteCarloResult | null;
}

const INITIAL: ResultsState = {
  status: 'idle',
  revision: null,
  loadCount: null,
  scenarioId: null,
  result: null,
  problems: [],
  error: null,
  latency: null,
  awaiting: null,
  monteCarlo: null,
};

export const useResultsStore = bindStore(createStore<ResultsState>()(() => INITIAL));

const revisions = new WeakMap<object, number>();
let lastRevision = 0;

/**
 * The revision of a blueprint document. Documents are never changed in place (every edit makes
 * a new one), so each document object gets one number: an undo back to a document finds its
 * revision again, and with it what the engine kept for it.
 */
export function revisionOf(document: object): number {
  let revision = revisions.get(document);
  if (revision === undefined) {
    revision = ++lastRevision;
    revisions.set(document, revision);
  }
  return revision;
}

/** The blueprint on screen, as far as its figures are concerned. */
export interface ShownBlueprint {
  /** {@link revisionOf} its document. */
  revision: number;
  /** `loadCount` of the document store: which opened blueprint it is. */
  loadCount: number;
  /** The what-if scenario applied, or null. */
  scenarioId: string | null;
}

/** Records an answer of the live analysis for the blueprint `of`. */
export function recordAnalysis(
  of: ShownBlueprint,
  response: AnalysisResponse,
  latency: number,
): void {
  const tag = { revision: of.revision, loadCount: of.loadCount, scenarioId: of.scenarioId };
  useResultsStore.setState(
    response.ok
      ? {
          status: 'ok',
          ...tag,
          result: response,
          problems: [],
          error: null,
          latency,
          awaiting: null,
        }
      : {
          status: 'invalid',
          ...tag,
          result: null,
          problems: response.diagnostics,
          error: null,
          latency,
          awaiting: null,
        },
  );
}

/**
 * Whether the figures (or problems) in the store must leave the screen because they are not of
 * `shown`: always when they are of another opened blueprint (another load), and after an edit
 * once `sinceChange` (milliseconds since the blueprint on screen last changed) reaches
 * {@link EDIT_GRACE_MS}. Figures of `shown` itself are never stale; nor is an empty store.
 */
export function figuresAreStale(
  state: Pick<ResultsState, 'status' | 'revision' | 'loadCount' | 'scenarioId'>,
  shown: ShownBlueprint,
  sinceChange: number,
): boolean {
  if (state.status !== 'ok' && state.status !== 'invalid') return false;
  if (state.revision === shown.revision && state.scenarioId === shown.scenarioId) return false;
  if (state.loadCount !== shown.loadCount) return true;
  return sinceChange >= EDIT_GRACE_MS;
}

/**
 * Takes the figures and problems off the screen while the analysis of `shown` is computed: the
 * panels, the headline, the canvas tints and the status bar say "computing…" until
 * {@link recordAnalysis} brings the figures of `shown`.
 */
export function recordComputing(shown: ShownBlueprint): void {
  useResultsStore.setState({
    status: 'computing',
    result: null,
    problems: [],
    error: null,
    latency: null,
    awaiting: shown.revision,
  });
}

/** Records a failure of the analysis itself (a bug, not a bad blueprint). */
export function recordAnalysisError(error: unknown): void {
  useResultsStore.setState({ error: error instanceof Error ? error.message : String(error) });
}

/** Records a Monte Carlo result (null clears it). */
export function recordMonteCarlo(result: MonteCarloResult | null): void {
  useResultsStore.setState({ monteCarlo: result });
}

/** The exact analysis shown, if any. */
export function selectAnalysis(state: ResultsState): Analysis | undefined {
  return state.status === 'ok' ? state.result?.analysis : undefined;
}

/**
 * Whether the Monte Carlo result still describes what is on screen: `current`, or out of date
 * because the blueprint (or the what-if scenario) changed since the run, or because the settings
 * did. `none` without a result.
 */
export type MonteCarloFreshness = 'none' | 'current' | 'blueprintChanged' | 'settingsChanged';

export function selectMonteCarloFreshness(
  state: ResultsState,
  shown: { revision: number; scenarioId: string | null; settings: SimulationSettings },
): MonteCarloFreshness {
  const result = state.monteCarlo;
  if (!result) return 'none';
  if (result.revision !== shown.revision || result.scenarioId !== shown.scenarioId) {
    return 'blueprintChanged';
  }
  const a = result.settings;
  const b = shown.settings;
  const same =
    a.stopBy === b.stopBy &&
    a.seed === b.seed &&
    a.compareScenarios === b.compareScenarios &&
    reliabilityOnlyIn(a) === reliabilityOnlyIn(b) &&
    (a.stopBy === 'trials' ? a.trials === b.trials : a.precision === b.precision);
  // The number of workers is left out on purpose: the figures do not depend on it.
  return same ? 'current' : 'settingsChanged';
}

/** Clears every result (tests, and a fresh start). */
export function resetResults(): void {
  useResultsStore.setState(INITIAL, true);
}

/** How many fail points are marked "F" on the canvas. */
export const TOP_FAIL_POINTS = 3;

/** A node's part in the failures of the blueprint. */
export interface NodeHeat {
  /** Share, 0–1, of all failures that happen at this node. */
  share: number;
  /** 0–1: the share relative to the largest share, rounded to 1/50 (drives the tint). */
  intensity: number;
  /** 1 for the most frequent fail point, up to {@link TOP_FAIL_POINTS}; null otherwise. */
  rank: number | null;
}

let heatCache: { analysis: Analysis | undefined; map: Map<string, NodeHeat> } | null = null;

/** Heat of every node that fails trials, memoised on the analysis. */
export function selectHeatMap(state: ResultsState): ReadonlyMap<string, NodeHeat> {
  const analysis = selectAnalysis(state);
  if (heatCache && heatCache.analysis === analysis) return heatCache.map;
  const map = new Map<string, NodeHeat>();
  if (analysis) {
    const ranking = analysis.failPointRanking;
    const largest = ranking.reduce((max, f) => Math.max(max, f.share), 0);
    ranking.forEach((point, i) => {
      if (point.share <= 0) return;
      map.set(point.id, {
        share: point.share,
        intensity: largest > 0 ? Math.round((point.share / largest) * 50) / 50 : 0,
        rank: i < TOP_FAIL_POINTS ? i + 1 : null,
      });
    });
  }
  heatCache = { analysis, map };
  return map;
}

let problemCache: {
  problems: Diagnostic[];
  nodes: Map<string, Diagnostic[]>;
  edges: Map<string, Diagnostic[]>;
} | null = null;

function problemMaps(state: ResultsState): NonNullable<typeof problemCache> {
  if (problemCache && problemCache.problems === state.problems) return problemCache;
  const nodes = new Map<string, Diagnostic[]>();
  const edges = new Map<string, Diagnostic[]>();
  for (const problem of state.problems) {
    const target = problem.target;
    const map = target.kind === 'node' ? nodes : target.kind === 'edge' ? edges : null;
    if (!map || !('id' in target)) continue;
    const list = map.get(target.id);
    if (list) list.push(problem);
    else map.set(target.id, [problem]);
  }
  problemCache = { problems: state.problems, nodes, edges };
  return problemCache;
}

const NO_HEAT = { share: 0, intensity: 0, rank: null } as const;

/** A node's heat (all zero for a node where no trial fails, or without results). */
export function useNodeHeat(id: string): NodeHeat {
  return useResultsStore(useShallow((state) => selectHeatMap(state).get(id) ?? NO_HEAT));
}

/** Alias of {@link useNodeHeat} for step cards. */
export const useStepHeat = useNodeHeat;

/** The first of a node's or edge's problems as a sentence in `language`, and how many there are. */
function firstProblem(
  list: readonly Diagnostic[],
  language: DiagnosticLanguage,
): { count: number; message: string; code: string } {
  return { count: list.length, message: diagnosticSentence(list[0], language), code: list[0].code };
}

/** The first problem of a node, in `language`, and how many it has; `null` when it has none. */
export function useNodeProblems(
  id: string,
  language: DiagnosticLanguage,
): { count: number; message: string; code: string } | null {
  return useResultsStore(
    useShallow((state) => {
      const list = problemMaps(state).nodes.get(id);
      return list ? firstProblem(list, language) : null;
    }),
  );
}

/** The first problem of an edge, in `language`, and how many it has; `null` when it has none. */
export function useEdgeProblems(
  id: string,
  language: DiagnosticLanguage,
): { count: number; message: string; code: string } | null {
  return useResultsStore(
    useShallow((state) => {
      const list = problemMaps(state).edges.get(id);
      return list ? firstProblem(list, language) : null;
    }),
  );
}

const NO_PROBLEMS: readonly Diagnostic[] = [];

/** Problems of one node or edge, for the inspector (the same array until the problems change). */
export function problemsOf(
  state: ResultsState,
  kind: 'node' | 'edge',
  id: string,
): readonly Diagnostic[] {
  const maps = problemMaps(state);
  return (kind === 'node' ? maps.nodes : maps.edges).get(id) ?? NO_PROBLEMS;
}
