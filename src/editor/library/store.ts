/**
 * What the Library dialog shows and does: the list of blueprints kept in this browser, the
 * versions of one, and the commands on them (open, restore, rename, delete). Opening or
 * restoring goes through the same `replaceBlueprint` command as New and Open, so it is one undo
 * step and Ctrl+Z brings back the blueprint it replaced.
 */
import { create } from 'zustand';
import type { BlueprintDocument } from '../../sim/document';
import { runAction } from '../actions/registry';
import {
  claimNextOpen,
  currentBlueprintId,
  libraryConnection,
  recordOpenBlueprint,
  settled,
} from '../files/autosave';
import { openDocument } from '../files/fileActions';
import { SchemaWordingUnavailableError, wordingReadyFor } from '../files/schemaWording';
import type { Translate } from '../i18n';
import type { BlueprintSummary, LibraryResult, VersionRecord } from './database';
import { closeLibraryDialog } from './dialogState';

interface LibraryView {
  /** `loading` until the first list arrives; `failed` with `reason` when the browser refused. */
  status: 'loading' | 'ready' | 'failed';
  reason: string;
  blueprints: BlueprintSummary[];
  /** The blueprint whose versions are shown, or null for the list. */
  viewing: BlueprintSummary | null;
  versions: VersionRecord[];
  /** The blueprint being renamed in the list. */
  renaming: string | null;
  /** The blueprint waiting for the user to confirm its deletion. */
  deleting: string | null;
  /**
   * What could not be opened or restored just now, said above the list, which stays usable:
   * a blueprint (by its title) or a version (by its time, ms since 1970) that does not fit the
   * format while the schemas' wording cannot be fetched.
   */
  refusal: LibraryRefusal | null;
}

/** An open or a restore the library refused while the rest of the dialog stays usable. */
export type LibraryRefusal =
  | { kind: 'openWordingUnavailable'; title: string }
  | { kind: 'restoreWordingUnavailable'; time: number };

export const useLibraryView = create<LibraryView>(() => ({
  status: 'loading',
  reason: '',
  blueprints: [],
  viewing: null,
  versions: [],
  renaming: null,
  deleting: null,
  refusal: null,
}));

function fail(result: { reason: string }): false {
  useLibraryView.setState({ status: 'failed', reason: result.reason });
  return false;
}

/** Reads the list of blueprints again (after pending writes, so it shows the latest edit). */
export async function refreshLibrary(): Promise<boolean> {
  await settled();
  const library = await libraryConnection();
  if (!library.ok) return fail(library);
  const list = await library.value.listBlueprints();
  if (!list.ok) return fail(list);
  const { viewing } = useLibraryView.getState();
  useLibraryView.setState({
    status: 'ready',
    reason: '',
    refusal: null,
    blueprints: list.value,
    viewing: viewing ? (list.value.find((entry) => entry.id === viewing.id) ?? null) : null,
  });
  return true;
}

/** Shows the versions of one blueprint (`null`: back to the list). */
export async function showVersions(blueprintId: string | null): Promise<boolean> {
  if (blueprintId === null) {
    useLibraryView.setState({ viewing: null, versions: [], refusal: null });
    return true;
  }
  await settled();
  const library = await libraryConnection();
  if (!library.ok) return fail(library);
  const versions = await library.value.versions(blueprintId);
  if (!versions.ok) return fail(versions);
  const viewing = useLibraryView.getState().blueprints.find((entry) => entry.id === blueprintId);
  useLibraryView.setState({
    viewing: viewing ?? null,
    versions: versions.value,
    renaming: null,
    deleting: null,
    refusal: null,
  });
  return true;
}

/** Opens a blueprint of the library in place of the open one (one undo step). */
export async function openFromLibrary(blueprintId: string): Promise<boolean> {
  if (blueprintId === currentBlueprintId()) {
    closeLibraryDialog();
    return true;
  }
  await settled();
  const library = await libraryConnection();
  if (!library.ok) return fail(library);
  const copy = await library.value.workingCopy(blueprintId);
  if (!copy.ok) return fail(copy);
  // Deleted from another tab meanwhile: the list shows what is left.
  if (!copy.value) return refreshLibrary().then(() => false);
  const listed = useLibraryView.getState().blueprints.find((entry) => entry.id === blueprintId);
  if (!(await wordingAtHand(copy.value))) {
    return refuse({
      kind: 'openWordingUnavailable',
      title: listed?.title ?? titleOf(copy.value),
    });
  }
  claimNextOpen(blueprintId, JSON.stringify(copy.value));
  openDocument(copy.value, { keepClaim: true });
  closeLibraryDialog();
  return true;
}

/**
 * Restores a version: it becomes the blueprint's working copy and is opened (one undo step).
 * What it replaces in the library is kept first as a snapshot, so a restore loses nothing.
 */
export async function restoreVersion(version: VersionRecord): Promise<boolean> {
  // Checked before the working copy is kept: a version that cannot be opened changes nothing.
  if (!(await wordingAtHand(version.document))) {
    return refuse({ kind: 'restoreWordingUnavailable', time: version.time });
  }
  const kept = await keepWorkingCopy(version.blueprintId);
  if (!kept.ok) return fail(kept);
  claimNextOpen(version.blueprintId);
  openDocument(version.document, { keepClaim: true });
  closeLibraryDialog();
  return true;
}

/**
 * Waits for the schemas' wording when `document` does not fit the format at a glance; false
 * when it is needed and cannot be fetched (the network went away): the editor could not word
 * the document's problems, so it is not opened.
 */
async function wordingAtHand(document: unknown): Promise<boolean> {
  try {
    await wordingReadyFor(document);
    return true;
  } catch (error) {
    if (error instanceof SchemaWordingUnavailableError) return false;
    throw error;
  }
}

function refuse(refusal: LibraryRefusal): false {
  useLibraryView.setState({ refusal, renaming: null, deleting: null });
  return false;
}

/** The title of a document that may not fit the format (`''` when it has none). */
function titleOf(document: unknown): string {
  const title: unknown = (document as { title?: unknown } | null)?.title;
  return typeof title === 'string' ? title : '';
}

async function keepWorkingCopy(blueprintId: string): Promise<LibraryResult<void>> {
  if (blueprintId === currentBlueprintId()) return recordOpenBlueprint('snapshot');
  await settled();
  const library = await libraryConnection();
  if (!library.ok) return library;
  const copy = await library.value.workingCopy(blueprintId);
  if (!copy.ok || !copy.value) return copy.ok ? { ok: true, value: undefined } : copy;
  return library.value.recordVersion(blueprintId, copy.value, 'snapshot', Date.now());
}

export function startRenaming(blueprintId: string | null): void {
  useLibraryView.setState({ renaming: blueprintId, deleting: null });
}

/**
 * Renames a blueprint. The open one is renamed in the editor too (the Title command, one undo
 * step), so the next autosave does not write the old name back.
 */
export async function renameBlueprint(blueprintId: string, title: string): Promise<boolean> {
  const name = title.trim();
  useLibraryView.setState({ renaming: null });
  if (!name) return true;
  await settled();
  const library = await libraryConnection();
  if (!library.ok) return fail(library);
  const renamed = await library.value.rename(blueprintId, name, Date.now());
  if (!renamed.ok) return fail(renamed);
  if (blueprintId === currentBlueprintId()) await runAction('setTitle', { title: name });
  return refreshLibrary();
}

export function askToDelete(blueprintId: string | null): void {
  useLibraryView.setState({ deleting: blueprintId, renaming: null });
}

/** Deletes a blueprint and its versions, after the user confirmed. The open one cannot be. */
export async function deleteBlueprint(blueprintId: string): Promise<boolean> {
  useLibraryView.setState({ deleting: null });
  if (blueprintId === currentBlueprintId()) return false;
  const library = await libraryConnection();
  if (!library.ok) return fail(library);
  const removed = await library.value.remove(blueprintId);
  if (!removed.ok) return fail(removed);
  return refreshLibrary();
}

/**
 * The browser's refusal as the user reads it: storage full, storage switched off (private
 * mode, blocked by settings), no answer; anything else in the browser's own words.
 */
export function describeStorageFailure(reason: string, t: Translate): string {
  if (/quota/i.test(reason)) return t('library.reasonQuota');
  if (/^TimeoutError/.test(reason)) return t('library.reasonTimeout');
  if (
    /not available|^(SecurityError|InvalidStateError|UnknownError|NotAllowedError)/.test(reason)
  ) {
    return t('library.reasonUnavailable');
  }
  return reason;
}

/** The title to show for a blueprint or version without one. */
export function shownTitle(document: Pick<BlueprintDocument, 'title'>, t: Translate): string {
  return document.title?.trim() || t('shell.untitled');
}
