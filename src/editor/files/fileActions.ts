/**
 * What the File commands do: new, open (picker or drop), save, examples, and the first
 * blueprint of a session (from the local library, `files/autosave.ts`). Every way in goes through one check: a file that does not validate
 * is refused whole, its problems are shown, and the blueprint being edited stays as it was.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../../sim/diagnostics';
import type { BlueprintDocument } from '../../sim/document';
import { getLanguage, translator, type Language } from '../i18n';
import { readBlueprintText } from '../engine/client';
import { useBlueprintStore } from '../store/blueprint';
import { runAction } from '../actions/registry';
import {
  claimNextOpen,
  currentBlueprintId,
  libraryConnection,
  migrateLegacyAutosave,
  recordOpenBlueprint,
  recoverUnsaved,
  restoreAutosave,
  startLibraryAutosave,
  writeOpenBlueprintNow,
} from './autosave';
import { blueprintFileName, downloadText } from './download';
import { courierExample, type ExampleEntry } from './examples';
import { newBlueprint } from './newBlueprint';
import { openBlueprintFile, openBlueprintText, type OpenResult } from './openFile';

/** A refused file, as the rejection dialog shows it. */
export interface Rejection {
  name: string;
  diagnostics: Diagnostic[];
  readError?: string;
}

interface FileState {
  rejection: Rejection | null;
  /**
   * A short message about files for the status bar: restored, the browser will not keep the
   * blueprint (`detail`: why), or the blueprint open here was saved by another tab of this
   * browser (`detail`: its title).
   */
  message: {
    key: 'restored' | 'restoreFailed' | 'libraryFailed' | 'changedElsewhere' | 'openedDraft';
    detail?: string;
  } | null;
}

export const useFileState = create<FileState>(() => ({ rejection: null, message: null }));

export function dismissRejection(): void {
  useFileState.setState({ rejection: null });
}

/**
 * Replaces the blueprint being edited (the `replaceBlueprint` command): one undo step, so
 * Ctrl+Z brings back the blueprint it replaced. A file without positions is laid out into its
 * lanes. `startsHistory` opens without an undo step (the first blueprint of a session);
 * `keepClaim` keeps the library blueprint named by `claimNextOpen` just before.
 */
export function openDocument(
  document: BlueprintDocument,
  options: { startsHistory?: boolean; keepClaim?: boolean } = {},
): void {
  // Opened from outside the library: a blueprint of its own there, unless the caller (the
  // library, the other tab's version) has already said which blueprint it is.
  if (!options.keepClaim) claimNextOpen();
  void runAction('replaceBlueprint', {
    document,
    ...(options.startsHistory ? { startsHistory: true } : {}),
  });
}

/** Applies the outcome of reading a file: open it, or show why not. */
export function settleOpen(result: OpenResult): boolean {
  if (result.ok) {
    openDocument(result.document);
    // A draft: its problems are listed by the live analysis; the status line says why.
    useFileState.setState({
      message: result.problems?.length
        ? { key: 'openedDraft', detail: String(result.problems.length) }
        : null,
    });
    return true;
  }
  useFileState.setState({
    rejection:
      'readError' in result
        ? { name: result.name, diagnostics: [], readError: result.readError }
        : { name: result.name, diagnostics: result.diagnostics },
  });
  return false;
}

export async function openFile(file: File): Promise<boolean> {
  return settleOpen(await openBlueprintFile(file, readBlueprintText));
}

export function openExample(example: ExampleEntry): boolean {
  return settleOpen(openBlueprintText(example.title, example.text));
}

export function newDocument(
  language: Language = getLanguage(),
  options: { startsHistory?: boolean } = {},
): void {
  const t = translator(language);
  openDocument(
    newBlueprint({
      title: t('files.newTitle'),
      start: t('files.newStart'),
      end: t('files.newEnd'),
    }),
    options,
  );
}

/**
 * Downloads the baseline blueprint as `<title>.blueprint.json`, and keeps the same version in
 * the library as a Save.
 */
export function saveDocument(): void {
  const { document } = useBlueprintStore.getState();
  downloadText(
    `${JSON.stringify(document, null, 2)}\n`,
    blueprintFileName(document.title),
    'application/json',
  );
  void recordOpenBlueprint('saved').then((result) => {
    if (!result.ok) reportLibraryFailure(result.reason);
  });
}

/** How long the first blueprint waits for the library before opening without it (ms). */
const FIRST_OPEN_WAIT_MS = 3000;

/**
 * The blueprint a session starts on: the one opened last in this browser's library (after
 * moving an earlier Failpoint's localStorage autosave into it), or the courier example in the
 * interface language. When the browser will not keep a library, the legacy autosave (if any)
 * or the example opens all the same, and the status bar says that nothing is being kept.
 */
export async function openFirstDocument(language: Language): Promise<'restored' | 'example'> {
  // A library slower than this (a very busy machine) does not hold up the first figures: the
  // page opens without it, and the autosave uses it once it is there.
  const library = await Promise.race([
    libraryConnection(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), FIRST_OPEN_WAIT_MS)),
  ]);
  // A legacy autosave that no longer reads as a blueprint is neither moved nor opened: say so.
  const legacyCorrupt = restoreAutosave().corrupt;
  if (library?.ok) {
    const migrated = await migrateLegacyAutosave(library.value, Date.now());
    if (!migrated.ok) reportLibraryFailure(migrated.reason);
    const recovered = await recoverUnsaved(library.value);
    if (!recovered.ok) reportLibraryFailure(recovered.reason);
    const latest = await library.value.latest();
    if (!latest.ok) reportLibraryFailure(latest.reason);
    else if (latest.value) {
      const { blueprintId, document } = latest.value;
      claimNextOpen(blueprintId, JSON.stringify(document));
      openDocument(document, { startsHistory: true, keepClaim: true });
      return 'restored';
    }
  } else {
    if (library) reportLibraryFailure(library.reason);
    const legacy = restoreAutosave();
    if (legacy.document) {
      openDocument(legacy.document, { startsHistory: true });
      return 'restored';
    }
  }
  const courier = courierExample(language);
  const opened = courier ? openBlueprintText(courier.title, courier.text) : null;
  if (opened?.ok) openDocument(opened.document, { startsHistory: true });
  else newDocument(language, { startsHistory: true });
  if (legacyCorrupt && useFileState.getState().message === null) {
    useFileState.setState({ message: { key: 'restoreFailed' } });
  }
  return 'example';
}

/** Says in the status bar that the browser will not keep the blueprint, and why. */
export function reportLibraryFailure(reason: string): void {
  useFileState.setState({ message: { key: 'libraryFailed', detail: reason } });
}

/**
 * Opens the blueprint another tab saved (after `changedElsewhere`): it replaces this one as one
 * undo step, so this tab's own version is one Ctrl+Z away.
 */
export async function openOtherTabVersion(): Promise<boolean> {
  useFileState.setState({ message: null });
  const id = currentBlueprintId();
  const library = await libraryConnection();
  if (!library.ok || id === null) return false;
  const copy = await library.value.workingCopy(id);
  if (!copy.ok) {
    reportLibraryFailure(copy.reason);
    return false;
  }
  if (!copy.value) return false;
  claimNextOpen(id, JSON.stringify(copy.value));
  openDocument(copy.value, { keepClaim: true });
  return true;
}

/**
 * Keeps this tab's version: it is saved again at once, so the other tab is told in its turn
 * (neither tab's work goes silently).
 */
export function keepThisTabVersion(): void {
  useFileState.setState({ message: null });
  void writeOpenBlueprintNow();
}

/**
 * Keeps the library's working copy of the open blueprint up to date (see `files/autosave.ts`),
 * reporting in the status bar a browser that refuses and another tab that wrote the same
 * blueprint. Returns a function that stops it.
 */
export function startAutosave(): () => void {
  return startLibraryAutosave({
    written: () => {
      if (useFileState.getState().message?.key === 'libraryFailed') {
        useFileState.setState({ message: null });
      }
    },
    failed: reportLibraryFailure,
    changedElsewhere: (title) =>
      useFileState.setState({ message: { key: 'changedElsewhere', detail: title } }),
  });
}
