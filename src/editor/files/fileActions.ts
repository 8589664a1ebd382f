/**
 * What the File commands do: new, open (picker or drop), save, examples, and the first
 * blueprint of a session. Every way in goes through one check: a file that does not validate
 * is refused whole, its problems are shown, and the blueprint being edited stays as it was.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../../sim/diagnostics';
import type { BlueprintDocument } from '../../sim/document';
import { getLanguage, translator, type Language } from '../i18n';
import { readBlueprintText } from '../engine/client';
import { useBlueprintStore } from '../store/blueprint';
import { runAction } from '../actions/registry';
import { AUTOSAVE_KEY, restoreAutosave, writeAutosave } from './autosave';
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
   * A short message about files for the status bar: restored, autosave failed, or the autosaved
   * blueprint was changed in another tab of this browser (`detail`: its title).
   */
  message: {
    key: 'restored' | 'restoreFailed' | 'autosaveFailed' | 'changedElsewhere' | 'openedDraft';
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
 * lanes. `startsHistory` opens without an undo step (the first blueprint of a session).
 */
export function openDocument(
  document: BlueprintDocument,
  options: { startsHistory?: boolean } = {},
): void {
  void runAction('replaceBlueprint', { document, ...options });
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

/** Downloads the baseline blueprint as `<title>.blueprint.json`. */
export function saveDocument(): void {
  const { document } = useBlueprintStore.getState();
  downloadText(
    `${JSON.stringify(document, null, 2)}\n`,
    blueprintFileName(document.title),
    'application/json',
  );
}

/**
 * The blueprint a session starts on: the one autosaved in this browser, or the courier example
 * in the interface language.
 */
export function openFirstDocument(language: Language): 'restored' | 'example' {
  const saved = restoreAutosave();
  if (saved.document) {
    openDocument(saved.document, { startsHistory: true });
    return 'restored';
  }
  const courier = courierExample(language);
  const opened = courier ? openBlueprintText(courier.title, courier.text) : null;
  if (opened?.ok) openDocument(opened.document, { startsHistory: true });
  else newDocument(language, { startsHistory: true });
  if (saved.corrupt) useFileState.setState({ message: { key: 'restoreFailed' } });
  return 'example';
}

/**
 * Opens the blueprint another tab saved (after `changedElsewhere`): it replaces this one as one
 * undo step, so this tab's own version is one Ctrl+Z away.
 */
export function openOtherTabVersion(): boolean {
  const saved = restoreAutosave();
  useFileState.setState({ message: null });
  if (!saved.document) return false;
  openDocument(saved.document);
  return true;
}

/**
 * Keeps this tab's version: it is saved again at once, so the other tab is told in its turn
 * (neither tab's work goes silently).
 */
export function keepThisTabVersion(): void {
  const failure = writeAutosave(useBlueprintStore.getState().document);
  useFileState.setState({
    message: failure ? { key: 'autosaveFailed', detail: failure } : null,
  });
}

const AUTOSAVE_DELAY = 250;

/**
 * Keeps the autosaved copy up to date: written shortly after every change, and at once when the
 * page is hidden or closed. Returns a function that stops it.
 */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const failure = writeAutosave(useBlueprintStore.getState().document);
    const { message } = useFileState.getState();
    if (failure) useFileState.setState({ message: { key: 'autosaveFailed', detail: failure } });
    else if (message?.key === 'autosaveFailed') useFileState.setState({ message: null });
  };
  const unsubscribe = useBlueprintStore.subscribe(
    (state) => state.document,
    () => {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY);
    },
  );
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  // Another tab of this browser saved its blueprint over this one's: say so, so neither tab's
  // work is overwritten silently, and offer to open that version (an undoable replacement).
  const onStorage = (event: StorageEvent) => {
    if (event.key !== AUTOSAVE_KEY || event.newValue === null) return;
    let title = '';
    try {
      title = String((JSON.parse(event.newValue) as { title?: unknown }).title ?? '');
    } catch {
      // Not readable as a blueprint: still say that it changed.
    }
    useFileState.setState({ message: { key: 'changedElsewhere', detail: title } });
  };
  window.addEventListener('pagehide', flush);
  window.addEventListener('storage', onStorage);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    flush();
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    window.removeEventListener('storage', onStorage);
    document.removeEventListener('visibilitychange', onHide);
  };
}
