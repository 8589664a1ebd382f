/**
 * The latest analysis results, as the canvas reads them. The app shell runs the analysis (in a
 * worker) after every edit and writes the outcome here; canvas nodes then pick out only their
 * own figures with {@link useNodeHeat} and {@link useNodeProblems}, so a new analysis re-renders
 * only the nodes whose figures changed.
 */
import { createStore } from 'zustand/vanilla';
import { useShallow } from 'zustand/react/shallow';
import type { Diagnostic } from '../../sim/diagnostics';
import type { Analysis } from '../../sim/exact';
import { bindStore } from './bind';

export type ResultsStatus = 'idle' | 'ok' | 'invalid';

export interface ResultsState {
  /** `idle` before the first analysis, `ok` with figures, `invalid` when the blueprint has problems. */
  status: ResultsStatus;
  /** The exact analysis of the blueprint on screen (present when `status` is `ok`). */
  analysis?: Analysis;
  /** Validation problems of the blueprint on screen (empty when `status` is `ok`). */
  problems: Diagnostic[];
}

/** The store the shell fills: `useResultsStore.setState({ status: 'ok', analysis, problems: [] })`. */
export const useResultsStore = bindStore(
  createStore<ResultsState>()(() => ({ status: 'idle', problems: [] })),
);

/** Writes new results (same as `useResultsStore.setState`, spelled out for readers). */
export function setResults(results: ResultsState): void {
  useResultsStore.setState(
    { status: results.status, analysis: results.analysis, problems: results.problems },
    true,
  );
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

let heatCache: {
  analysis: Analysis | undefined;
  status: ResultsStatus;
  map: Map<string, NodeHeat>;
} | null = null;

/** Heat of every node that fails trials, memoised on the analysis. */
export function selectHeatMap(state: ResultsState): ReadonlyMap<string, NodeHeat> {
  if (heatCache && heatCache.analysis === state.analysis && heatCache.status === state.status) {
    return heatCache.map;
  }
  const map = new Map<string, NodeHeat>();
  if (state.status === 'ok' && state.analysis) {
    const ranking = state.analysis.failPointRanking;
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
  heatCache = { analysis: state.analysis, status: state.status, map };
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

/** The first problem of a node and how many it has; `null` when it has none. */
export function useNodeProblems(
  id: string,
): { count: number; message: string; code: string } | null {
  return useResultsStore(
    useShallow((state) => {
      const list = problemMaps(state).nodes.get(id);
      return list ? { count: list.length, message: list[0].message, code: list[0].code } : null;
    }),
  );
}

/** The first problem of an edge and how many it has; `null` when it has none. */
export function useEdgeProblems(
  id: string,
): { count: number; message: string; code: string } | null {
  return useResultsStore(
    useShallow((state) => {
      const list = problemMaps(state).edges.get(id);
      return list ? { count: list.length, message: list[0].message, code: list[0].code } : null;
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
