/**
 * The editor store and the hooks that read it. Components select only what they need, so an
 * edit re-renders only what it changed.
 */
import { useShallow } from 'zustand/react/shallow';
import type {
  BlueprintDocument,
  EdgeSpec,
  NodeSpec,
  ParameterSpec,
  ScenarioSpec,
} from '../../sim/document';
import {
  selectEffectiveDocument,
  useBlueprintStore,
  type BlueprintState,
  type Notice,
  type Selection,
} from './blueprint';

export {
  EMPTY_SELECTION,
  HISTORY_LIMIT,
  clearSelection,
  commitDocument,
  dismissNotice,
  emptyDocument,
  redo,
  requestFitView,
  resetBlueprintStore,
  select,
  selectEffectiveDocument,
  setDragPositions,
  setSelection,
  showNotice,
  undo,
  useBlueprintStore,
  type BlueprintState,
  type BlueprintStoreApi,
  type ClipboardContent,
  type HistoryEntry,
  type Notice,
  type NoticeMessage,
  type Selection,
} from './blueprint';
export { loadDocument } from './load';
export {
  TOP_FAIL_POINTS,
  selectHeatMap,
  recordAnalysis,
  recordMonteCarlo,
  revisionOf,
  useEdgeProblems,
  useNodeHeat,
  useNodeProblems,
  useResultsStore,
  useStepHeat,
  type NodeHeat,
  type ResultsState,
  type ResultsStatus,
} from './results';

/** The baseline document (what is saved). */
export function useDocument(): BlueprintDocument {
  return useBlueprintStore((s) => s.document);
}

/** The document as shown: the baseline, or with the what-if scenario applied. */
export function useEffectiveDocument(): BlueprintDocument {
  return useBlueprintStore(selectEffectiveDocument);
}

/** One node as shown (with the what-if scenario applied), or undefined. */
export function useNodeSpec(id: string | null): NodeSpec | undefined {
  return useBlueprintStore((s) =>
    id === null ? undefined : selectEffectiveDocument(s).nodes.find((n) => n.id === id),
  );
}

/** One edge as shown (with the what-if scenario applied), or undefined. */
export function useEdgeSpec(id: string | null): EdgeSpec | undefined {
  return useBlueprintStore((s) =>
    id === null ? undefined : selectEffectiveDocument(s).edges.find((e) => e.id === id),
  );
}

export function useSelection(): Selection {
  return useBlueprintStore((s) => s.selection);
}

/** The selected node's id when exactly one node and no edge is selected. */
export function useSingleSelectedNode(): string | null {
  return useBlueprintStore((s) =>
    s.selection.nodes.size === 1 && s.selection.edges.size === 0
      ? s.selection.nodes.values().next().value!
      : null,
  );
}

/** The selected edge's id when exactly one edge and no node is selected. */
export function useSingleSelectedEdge(): string | null {
  return useBlueprintStore((s) =>
    s.selection.edges.size === 1 && s.selection.nodes.size === 0
      ? s.selection.edges.values().next().value!
      : null,
  );
}

export function useCanUndo(): boolean {
  return useBlueprintStore((s) => s.past.length > 0);
}

export function useCanRedo(): boolean {
  return useBlueprintStore((s) => s.future.length > 0);
}

/** The scenario what-if mode records into, or null when the mode is off. */
export function useWhatIfScenario(): ScenarioSpec | null {
  return useBlueprintStore(
    (s) => s.document.scenarios?.find((sc) => sc.id === s.whatIfScenarioId) ?? null,
  );
}

export function useScenarios(): readonly ScenarioSpec[] {
  return useBlueprintStore((s) => s.document.scenarios ?? EMPTY_SCENARIOS);
}

const EMPTY_SCENARIOS: readonly ScenarioSpec[] = [];
const EMPTY_PARAMETERS: Readonly<Record<string, ParameterSpec>> = {};

/** The baseline's parameters, name → spec. */
export function useParameters(): Readonly<Record<string, ParameterSpec>> {
  return useBlueprintStore((s) => s.document.parameters ?? EMPTY_PARAMETERS);
}

export function useNotice(): Notice | null {
  return useBlueprintStore((s) => s.notice);
}

/** Title and description of the blueprint. */
export function useBlueprintProperties(): { title: string; description: string } {
  return useBlueprintStore(
    useShallow((s: BlueprintState) => ({
      title: s.document.title ?? '',
      description: s.document.description ?? '',
    })),
  );
}
