/**
 * The undo history of a blueprint, as plain data: each entry holds the document on the other
 * side of one change and the name of the command (or batch of commands) that made it, so the
 * app can say what Undo will take back ("Undo Save scenario").
 *
 * Documents are immutable and share every object a change did not touch, so an entry costs
 * little more than what that change replaced.
 */
import type { BlueprintDocument } from '../sim/document';

/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export interface HistoryEntry {
  /** The command or batch that made the change (`addNode`, `saveScenario`). */
  readonly label: string;
  /** The document on the other side of the change. */
  readonly document: BlueprintDocument;
}

export interface History {
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

/**
 * Records a change from `before` made by `label`: one new undo step, and no redo (any new edit
 * ends the redo branch). Keeps at most {@link HISTORY_LIMIT} steps.
 */
export function recordChange(history: History, label: string, before: BlueprintDocument): History {
  const past = [...history.past, { label, document: before }];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [] };
}

/** What a step through the history gives: the document to show and the history after it. */
export interface HistoryStep {
  document: BlueprintDocument;
  history: History;
  /** The command the step undid or redid. */
  label: string;
}

/** Steps back from `current`; null when there is nothing to undo. */
export function stepBack(history: History, current: BlueprintDocument): HistoryStep | null {
  const entry = history.past[history.past.length - 1];
  if (!entry) return null;
  return {
    document: entry.document,
    label: entry.label,
    history: {
      past: history.past.slice(0, -1),
      future: [...history.future, { label: entry.label, document: current }],
    },
  };
}

/** Steps forward from `current`; null when there is nothing to redo. */
export function stepForward(history: History, current: BlueprintDocument): HistoryStep | null {
  const entry = history.future[history.future.length - 1];
  if (!entry) return null;
  return {
    document: entry.document,
    label: entry.label,
    history: {
      past: [...history.past, { label: entry.label, document: current }],
      future: history.future.slice(0, -1),
    },
  };
}

/** The command the next Undo takes back, if any. */
export function undoLabel(history: History): string | null {
  return history.past[history.past.length - 1]?.label ?? null;
}

/** The command the next Redo repeats, if any. */
export function redoLabel(history: History): string | null {
  return history.future[history.future.length - 1]?.label ?? null;
}
