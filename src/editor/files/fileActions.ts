/**
 * What the File commands do: new, open (picker or drop), save, examples, and the first
 * blueprint of a session (from the local library, `files/autosave.ts`). Every way in goes through one check: a file that does not validate
 * is refused whole, its problems are shown, and the blueprint being edited stays as it was.
 */
import { create } from 'zustand';
import type { ImportNote } from '../../document/bpmn';
import type { LinkRefusal } from '../../document/link-refusals';
import type { Diagnostic } from '../../sim/diagnostics';
import type { BlueprintDocument } from '../../sim/document';
// The BPMN import keeps bpmn-moddle behind a dynamic import of its own: this one is light.
import { openBpmnFile } from '../bpmn/bpmnImport';
import { getLanguage, translator, type Language } from '../i18n';
import type { Library } from '../library/database';
import { readBlueprintText } from '../engine/client';
import { useBlueprintStore } from '../store/blueprint';
import { runAction } from '../actions/registry';
import {
  claimNextOpen,
  currentBlueprintId,
  libraryConnection,
  migrateLegacyAutosave,
  recordOpenBlueprint,
  readLegacyAutosave,
  recoverUnsaved,
  startLibraryAutosave,
  unsavedAwaitingWording,
  writeOpenBlueprintNow,
} from './autosave';
import { blueprintFileName, downloadText } from './download';
import { courierExample, type ExampleEntry } from './examples';
import { newBlueprint } from './newBlueprint';
import {
  isBpmnFile,
  openBlueprintFile,
  openBlueprintText,
  readFileBytes,
  type OpenResult,
} from './openFile';
import { SchemaWordingUnavailableError, withSchemaWording, wordingReadyFor } from './schemaWording';

/** A refused file, as the rejection dialog shows it. */
export interface Rejection {
  name: string;
  diagnostics: Diagnostic[];
  readError?: string;
  /** The file does not fit the format, and the part that says how could not be fetched. */
  wordingUnavailable?: true;
  /** A refused BPMN file: its import report (the refusals name the elements). */
  notes?: ImportNote[];
  /**
   * A refused link (SPEC §10): `refusal` when it could not be decoded; without it the link
   * decoded but its blueprint was refused, and `diagnostics` say why.
   */
  link?: { refusal?: LinkRefusal };
}

interface FileState {
  rejection: Rejection | null;
  /**
   * A short message about files for the status bar: restored, the browser will not keep the
   * blueprint (`detail`: why), or the blueprint open here was saved by another tab of this
   * browser (`detail`: its title). `keptUntilOnline`: the blueprint to reopen (`detail`: its
   * title) does not fit the format and the schemas' wording could not be fetched, so it waits in
   * the library; `unsavedKept`: changes an earlier visit left in localStorage wait there for the
   * same reason (`detail`: how many); `otherTabUnavailable`: the version another tab saved
   * (`detail`: its title) cannot be opened for that reason, and the choice stays on offer.
   */
  message: {
    key:
      | 'restored'
      | 'restoreFailed'
      | 'libraryFailed'
      | 'changedElsewhere'
      | 'openedDraft'
      | 'lastInLibrary'
      | 'keptUntilOnline'
      | 'unsavedKept'
      | 'otherTabUnavailable';
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
        : 'wordingUnavailable' in result
          ? { name: result.name, diagnostics: [], wordingUnavailable: true }
          : { name: result.name, diagnostics: result.diagnostics },
  });
  return false;
}

/**
 * Opens a file the user picked or dropped: a BPMN file (`.bpmn`, `.xml`, or XML content) goes
 * through the BPMN import (its parser loaded only then); anything else is read as a blueprint.
 */
export async function openFile(file: File): Promise<boolean> {
  if (await isBpmnFile(file)) {
    const bytes = await readFileBytes(file);
    if (!bytes.ok) return settleOpen({ ok: false, name: file.name, readError: bytes.error });
    return openBpmnFile(file.name, bytes.bytes);
  }
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
 *
 * A library slower than `waitMs` (a very busy machine) does not hold up the first figures: the
 * page opens without it, and when it arrives the blueprint the user had open is put back if
 * nothing was edited meanwhile, or named in the status bar (it is in the Library) if it was.
 */
export async function openFirstDocument(
  language: Language,
  options: { waitMs?: number } = {},
): Promise<'restored' | 'example'> {
  const waitMs = options.waitMs ?? FIRST_OPEN_WAIT_MS;
  const library =
    waitMs > 0
      ? await Promise.race([
          libraryConnection(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs)),
        ])
      : null;
  // A legacy autosave that no longer reads as a blueprint is neither moved nor opened: say so.
  // The schemas' wording is fetched only if what is opened does not fit the format; one that
  // cannot be read until it can be fetched stays in localStorage for a later visit.
  const legacy = await readLegacyAutosave();
  let keptTitle: string | null = null;
  if (library?.ok) {
    const found = await lastOpenedInLibrary(library.value);
    if (found && 'document' in found) {
      claimNextOpen(found.blueprintId, JSON.stringify(found.document));
      openDocument(found.document, { startsHistory: true, keepClaim: true });
      sayWhatWaitsForWording(null, legacy.awaitingWording ? 1 : 0);
      return 'restored';
    }
    keptTitle = found?.keptTitle ?? null;
  } else {
    if (library) reportLibraryFailure(library.reason);
    if (legacy.document) {
      openDocument(legacy.document, { startsHistory: true });
      return 'restored';
    }
  }
  const courier = courierExample(language);
  const opened = courier
    ? await withSchemaWording(() => openBlueprintText(courier.title, courier.text))
    : null;
  if (opened?.ok) openDocument(opened.document, { startsHistory: true });
  else newDocument(language, { startsHistory: true });
  if (legacy.corrupt && useFileState.getState().message === null) {
    useFileState.setState({ message: { key: 'restoreFailed' } });
  }
  sayWhatWaitsForWording(keptTitle, legacy.awaitingWording ? 1 : 0);
  if (library === null) void reopenWhenLibraryArrives(useBlueprintStore.getState().document);
  return 'example';
}

/**
 * Says in the status bar what the page could not open or move because the schemas' wording
 * could not be fetched: the blueprint to reopen (`keptTitle`), which waits in the library, or
 * else changes an earlier visit left in localStorage (and `legacy` legacy autosaves), which wait
 * there for a later visit. A message said already (the browser refused) stays.
 */
function sayWhatWaitsForWording(keptTitle: string | null, legacy = 0): void {
  const { message } = useFileState.getState();
  if (keptTitle !== null) {
    if (message === null || message.key === 'unsavedKept' || message.key === 'restoreFailed') {
      useFileState.setState({ message: { key: 'keptUntilOnline', detail: keptTitle } });
    }
    return;
  }
  const waiting = unsavedAwaitingWording() + legacy;
  // Changes waiting in localStorage matter more than "restored", which would hide them.
  if (waiting > 0 && (message === null || message.key === 'restored')) {
    useFileState.setState({ message: { key: 'unsavedKept', detail: String(waiting) } });
  }
}

/** What {@link lastOpenedInLibrary} found: a blueprint to reopen, or the title of one kept. */
type LastOpened =
  { blueprintId: string; document: BlueprintDocument } | { blueprintId: string; keptTitle: string };

/**
 * The blueprint to reopen from the library, after moving in what earlier visits left in
 * localStorage; `except` leaves out the blueprint this page has open already. Failures are
 * said in the status bar and give null. A blueprint that does not fit the format while the
 * schemas' wording cannot be fetched is not opened (the editor could not word its problems):
 * its title is given instead, and it stays in the library as it is.
 */
async function lastOpenedInLibrary(library: Library, except?: string): Promise<LastOpened | null> {
  const migrated = await migrateLegacyAutosave(library, Date.now());
  if (!migrated.ok) reportLibraryFailure(migrated.reason);
  const recovered = await recoverUnsaved(library);
  if (!recovered.ok) reportLibraryFailure(recovered.reason);
  const latest = await library.latest(except);
  if (!latest.ok) {
    reportLibraryFailure(latest.reason);
    return null;
  }
  if (!latest.value) return null;
  const { blueprintId, document } = latest.value;
  try {
    await wordingReadyFor(document);
  } catch (error) {
    if (!(error instanceof SchemaWordingUnavailableError)) throw error;
    const title: unknown = (document as { title?: unknown }).title;
    return { blueprintId, keptTitle: typeof title === 'string' ? title : '' };
  }
  return latest.value;
}

/**
 * The library answered after the first blueprint opened without it. If the page still shows
 * that first blueprint untouched, the one the user had open last replaces it (no undo step: there
 * was nothing to take back); if the user has edited since, nothing is replaced and the status bar
 * says where their last blueprint is.
 */
async function reopenWhenLibraryArrives(firstDocument: BlueprintDocument): Promise<void> {
  const library = await libraryConnection();
  if (!library.ok) {
    reportLibraryFailure(library.reason);
    return;
  }
  // The autosave may already have written the first blueprint as one of its own: skip it.
  const found = await lastOpenedInLibrary(library.value, currentBlueprintId() ?? undefined);
  if (!found) return;
  if (!('document' in found)) {
    sayWhatWaitsForWording(found.keptTitle);
    return;
  }
  if (useBlueprintStore.getState().document === firstDocument) {
    claimNextOpen(found.blueprintId, JSON.stringify(found.document));
    openDocument(found.document, { startsHistory: true, keepClaim: true });
    useFileState.setState({ message: { key: 'restored' } });
  } else {
    useFileState.setState({
      message: { key: 'lastInLibrary', detail: found.document.title ?? '' },
    });
  }
  sayWhatWaitsForWording(null);
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
  const asked = useFileState.getState().message;
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
  try {
    await wordingReadyFor(copy.value);
  } catch (error) {
    if (!(error instanceof SchemaWordingUnavailableError)) throw error;
    // This tab's version stays; the choice stays on offer, to be made again once online.
    const title = asked?.key === 'changedElsewhere' ? (asked.detail ?? '') : '';
    useFileState.setState({ message: { key: 'otherTabUnavailable', detail: title } });
    return false;
  }
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
