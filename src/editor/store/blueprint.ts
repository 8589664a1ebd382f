/**
 * The editor's state. The blueprint document is the single source of truth: every edit replaces
 * it with a new document through {@link commitDocument}, which records one undo step. React
 * Flow's nodes and edges are derived from it (see `canvas/adapter.ts`) and never stored.
 *
 * Selection, the drag in progress, the clipboard, notices and what-if mode live next to the
 * document but outside its history: undoing an edit does not undo a selection.
 *
 * Documents are immutable. An edit copies only what it changes, so a history entry costs little
 * more than the objects it replaced, and unchanged nodes keep their identity (the canvas uses
 * that to re-render only what changed).
 */
import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import {
  EMPTY_HISTORY,
  recordChange,
  stepBack,
  stepForward,
  type HistoryEntry,
} from '../../document/history';
import {
  EMPTY_SELECTION,
  pruneSelection,
  selectionOf,
  type ClipboardContent,
  type Selection,
} from '../../document/selection';
import {
  BLUEPRINT_FORMAT,
  BLUEPRINT_VERSION,
  type BlueprintDocument,
  type Position,
} from '../../sim/document';
import { applyScenario } from '../../sim/scenario';
import { bindStore } from './bind';

export { HISTORY_LIMIT } from '../../document/history';
export { EMPTY_SELECTION, type ClipboardContent, type HistoryEntry, type Selection };

/**
 * A message for the user, by key and variables. The store keeps it as it was given; the action
 * registry and the canvas, which know the message catalogues, make it and translate it.
 */
export interface NoticeMessage {
  readonly key: string;
  readonly vars?: Readonly<Record<string, string | number>>;
}

/** A message for the user (a refused edit, a hint), shown by the canvas in a live region. */
export interface Notice extends NoticeMessage {
  /** Grows with every notice, so the same message shown twice is still announced twice. */
  id: number;
  tone: 'info' | 'warning';
}

export interface BlueprintState {
  /** The baseline blueprint: what is saved, and what undo and redo move through. */
  document: BlueprintDocument;
  /** Grows with every change of the document (edit, undo, redo, load): a cheap change signal. */
  revision: number;
  /** Grows with every load: a new blueprint was opened. */
  loadCount: number;
  /** Grows whenever the canvas should fit the whole blueprint into view (load, layout). */
  fitViewRequest: number;
  /** Undo steps, oldest first (see `document/history.ts`). */
  past: readonly HistoryEntry[];
  /** Redo steps, the next one last. */
  future: readonly HistoryEntry[];
  selection: Selection;
  /** The scenario that edits of values go into while what-if mode is on; null when it is off. */
  whatIfScenarioId: string | null;
  /** The scenario what-if mode last recorded into: switching the mode on again resumes it. */
  lastWhatIfScenarioId: string | null;
  /** Positions of the nodes being dragged, until the drag ends and is committed. */
  dragPositions: ReadonlyMap<string, Position> | null;
  clipboard: ClipboardContent | null;
  /** Pastes of the current clipboard so far: each lands a little further down and right. */
  pasteCount: number;
  notice: Notice | null;
  /** A loaded file without positions is being laid out. */
  layoutPending: boolean;
}

/** A small valid blueprint: a start connected to a success end. */
export function emptyDocument(): BlueprintDocument {
  return {
    format: BLUEPRINT_FORMAT,
    version: BLUEPRINT_VERSION,
    title: '',
    nodes: [
      { id: 'start', type: 'start', lane: 'customer', position: { x: 0, y: 58 } },
      { id: 'end', type: 'end', lane: 'customer', position: { x: 400, y: 58 } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'end' }],
  };
}

function initialState(): BlueprintState {
  return {
    document: emptyDocument(),
    revision: 0,
    loadCount: 0,
    fitViewRequest: 0,
    ...EMPTY_HISTORY,
    selection: EMPTY_SELECTION,
    whatIfScenarioId: null,
    lastWhatIfScenarioId: null,
    dragPositions: null,
    clipboard: null,
    pasteCount: 0,
    notice: null,
    layoutPending: false,
  };
}

/**
 * The editor store. Read it with a selector (`useBlueprintStore((s) => s.selection)`) or one of
 * the hooks in `store/index.ts`; change it with the functions of this module and the actions.
 */
export const useBlueprintStore = bindStore(
  createStore<BlueprintState>()(subscribeWithSelector(initialState)),
);

export type BlueprintStoreApi = typeof useBlueprintStore;

/** Puts the store back to its first state (tests, and "new blueprint" before a load). */
export function resetBlueprintStore(): void {
  useBlueprintStore.setState(initialState(), true);
}

// ---------------------------------------------------------------------------------------------
// The document and its history

function pruneWhatIf(id: string | null, document: BlueprintDocument): string | null {
  if (id === null) return null;
  return document.scenarios?.some((s) => s.id === id) ? id : null;
}

export interface CommitOptions {
  /** The selection after the change; by default the old one, minus what no longer exists. */
  selection?: Selection;
}

/**
 * Replaces the document and records the change as one undo step. A change to the same document
 * (a no-op edit) records nothing. Clears the redo stack, as any new edit does.
 *
 * @returns whether anything changed.
 */
export function commitDocument(
  label: string,
  next: BlueprintDocument,
  options: CommitOptions = {},
): boolean {
  const state = useBlueprintStore.getState();
  if (next === state.document) {
    if (options.selection) useBlueprintStore.setState({ selection: options.selection });
    return false;
  }
  useBlueprintStore.setState({
    document: next,
    revision: state.revision + 1,
    ...recordChange(state, label, state.document),
    selection: pruneSelection(options.selection ?? state.selection, next),
    whatIfScenarioId: pruneWhatIf(state.whatIfScenarioId, next),
  });
  return true;
}

/** Steps back one edit. Returns false when there is nothing to undo. */
export function undo(): boolean {
  return moveThroughHistory(stepBack);
}

/** Repeats the last undone edit. Returns false when there is nothing to redo. */
export function redo(): boolean {
  return moveThroughHistory(stepForward);
}

function moveThroughHistory(step: typeof stepBack): boolean {
  const state = useBlueprintStore.getState();
  const next = step(state, state.document);
  if (!next) return false;
  useBlueprintStore.setState({
    document: next.document,
    revision: state.revision + 1,
    ...next.history,
    selection: pruneSelection(state.selection, next.document),
    whatIfScenarioId: pruneWhatIf(state.whatIfScenarioId, next.document),
    dragPositions: null,
  });
  return true;
}

/**
 * Takes back the last change as if it had never been made, without a redo step: for a change
 * the user did not mean to keep (what-if mode switched on and off again, which leaves its empty
 * scenario). Only when the last step was made by `label` and its earlier document passes
 * `matches`. Returns whether it was taken back.
 */
export function discardLastStep(
  label: string,
  matches: (before: BlueprintDocument) => boolean,
): boolean {
  const state = useBlueprintStore.getState();
  const entry = state.past[state.past.length - 1];
  if (!entry || entry.label !== label || !matches(entry.document)) return false;
  useBlueprintStore.setState({
    document: entry.document,
    revision: state.revision + 1,
    past: state.past.slice(0, -1),
    selection: pruneSelection(state.selection, entry.document),
    whatIfScenarioId: pruneWhatIf(state.whatIfScenarioId, entry.document),
  });
  return true;
}

/**
 * Replaces the document without recording an undo step and without touching the history (used
 * when the automatic layout of a freshly opened file arrives).
 */
export function replaceDocumentSilently(next: BlueprintDocument): void {
  const state = useBlueprintStore.getState();
  if (next === state.document) return;
  useBlueprintStore.setState({
    document: next,
    revision: state.revision + 1,
    selection: pruneSelection(state.selection, next),
  });
}

/**
 * Opens a document in place of the current one: selection, drag, what-if mode and notices are
 * reset and the view is fitted. With `recordAs`, the blueprint it replaces is kept as one undo
 * step under that name (Ctrl+Z brings it back, whole); without it, the undo history starts
 * again (the first blueprint of a session, and tests). The document must already be valid in
 * shape (it comes from `parseBlueprint`/`validateDocument`, or from the app itself).
 *
 * This is the raw replacement; `loadDocument` (store/load.ts) also lays out a file that has
 * no positions.
 */
export function setLoadedDocument(document: BlueprintDocument, recordAs?: string): void {
  const state = useBlueprintStore.getState();
  useBlueprintStore.setState({
    document,
    revision: state.revision + 1,
    loadCount: state.loadCount + 1,
    fitViewRequest: state.fitViewRequest + 1,
    ...(recordAs === undefined ? EMPTY_HISTORY : recordChange(state, recordAs, state.document)),
    selection: EMPTY_SELECTION,
    whatIfScenarioId: null,
    lastWhatIfScenarioId: null,
    dragPositions: null,
    pasteCount: 0,
    notice: null,
  });
}

// ---------------------------------------------------------------------------------------------
// State outside the history

export function setSelection(selection: Selection): void {
  useBlueprintStore.setState({ selection });
}

/** Selects exactly the given nodes and edges. */
export function select(nodes: Iterable<string> = [], edges: Iterable<string> = []): void {
  setSelection(selectionOf(nodes, edges));
}

export function clearSelection(): void {
  const { selection } = useBlueprintStore.getState();
  if (selection.nodes.size > 0 || selection.edges.size > 0) setSelection(EMPTY_SELECTION);
}

export function setDragPositions(positions: ReadonlyMap<string, Position> | null): void {
  useBlueprintStore.setState({ dragPositions: positions });
}

let noticeCounter = 0;

/** Shows a message to the user (replacing the previous one). */
export function showNotice(message: NoticeMessage, tone: Notice['tone'] = 'warning'): void {
  noticeCounter += 1;
  useBlueprintStore.setState({ notice: { id: noticeCounter, ...message, tone } });
}

export function dismissNotice(): void {
  useBlueprintStore.setState({ notice: null });
}

export function setClipboard(clipboard: ClipboardContent | null): void {
  useBlueprintStore.setState({ clipboard, pasteCount: 0 });
}

/** Turns what-if mode on (edits of values go into the scenario) or off (`null`). */
export function setWhatIfScenario(id: string | null): void {
  useBlueprintStore.setState(
    id === null ? { whatIfScenarioId: null } : { whatIfScenarioId: id, lastWhatIfScenarioId: id },
  );
}

export function setLayoutPending(pending: boolean): void {
  useBlueprintStore.setState({ layoutPending: pending });
}

/** Asks the canvas to fit the whole blueprint into view. */
export function requestFitView(): void {
  useBlueprintStore.setState((state) => ({ fitViewRequest: state.fitViewRequest + 1 }));
}

// ---------------------------------------------------------------------------------------------
// Derived values

let effectiveCache: {
  document: BlueprintDocument;
  scenarioId: string | null;
  result: BlueprintDocument;
} | null = null;

/**
 * The document as the canvas and the inspector show it: the baseline, or in what-if mode the
 * baseline with the active scenario applied. Memoised on the document and the scenario, so it
 * can be used directly as a selector.
 */
export function selectEffectiveDocument(state: BlueprintState): BlueprintDocument {
  const { document, whatIfScenarioId } = state;
  if (whatIfScenarioId === null) return document;
  if (
    effectiveCache &&
    effectiveCache.document === document &&
    effectiveCache.scenarioId === whatIfScenarioId
  ) {
    return effectiveCache.result;
  }
  const scenario = document.scenarios?.find((s) => s.id === whatIfScenarioId);
  const result = scenario ? applyScenario(document, scenario) : document;
  effectiveCache = { document, scenarioId: whatIfScenarioId, result };
  return result;
}
