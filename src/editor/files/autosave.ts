/**
 * Autosave: the blueprint being edited is kept in the local library (IndexedDB, see
 * `library/database.ts`) and reopened on the next visit. What is kept is the document exactly
 * as edited, valid or not: an unfinished blueprint comes back unfinished.
 *
 * The editor's document carries no id of its own, so this module follows which library
 * blueprint each document belongs to: a document opened from outside (a file, an example, New)
 * starts a blueprint of its own, one opened from the library keeps its blueprint, and an edit
 * belongs to the blueprint of the document it was made on. Undo brings back the very document
 * objects seen before, so undoing "Open" writes to the blueprint that was open then, not over
 * the one opened since.
 *
 * Earlier versions of Failpoint kept one autosave in localStorage; {@link migrateLegacyAutosave}
 * moves it into the library once.
 */
import type { BlueprintDocument } from '../../sim/document';
import { upgradeDocument } from '../../sim/parse';
import { fitsBlueprintShape } from '../../sim/schema-wording';
import { Library, type LibraryResult } from '../library/database';
import { useBlueprintStore } from '../store/blueprint';
import { SchemaWordingUnavailableError, withSchemaWording } from './schemaWording';

/** Where earlier versions of Failpoint kept the autosave (localStorage). */
export const AUTOSAVE_KEY = 'failpoint.autosave';

/** The legacy autosaved document, or `null` when there is none or it no longer reads as one. */
export function restoreAutosave(storage: Storage | undefined = globalThis.localStorage): {
  document: BlueprintDocument | null;
  corrupt: boolean;
} {
  let text: string | null;
  try {
    text = storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return { document: null, corrupt: false };
  }
  if (text === null) return { document: null, corrupt: false };
  let document: unknown;
  try {
    document = upgradeDocument(JSON.parse(text));
  } catch {
    return { document: null, corrupt: true };
  }
  // Made here from the text, so the editor may keep it as it is.
  return fitsBlueprintShape(document)
    ? { document: document as BlueprintDocument, corrupt: false }
    : { document: null, corrupt: true };
}

/** A new library id for a blueprint: random, so two tabs never pick the same. */
export function newBlueprintId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `bp-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The legacy autosave as {@link restoreAutosave} reads it, the schemas' wording loaded first if
 * it does not fit the format at a glance. When that wording cannot be fetched (the network went
 * away), whether it can be opened is not known yet: `awaitingWording`, and it stays where it is.
 */
export async function readLegacyAutosave(
  storage: Storage | undefined = globalThis.localStorage,
): Promise<{ document: BlueprintDocument | null; corrupt: boolean; awaitingWording: boolean }> {
  try {
    return { ...(await withSchemaWording(() => restoreAutosave(storage))), awaitingWording: false };
  } catch (error) {
    if (!(error instanceof SchemaWordingUnavailableError)) throw error;
    return { document: null, corrupt: false, awaitingWording: true };
  }
}

/**
 * Moves the localStorage autosave of an earlier Failpoint into the library, as a blueprint of
 * its own (its working copy and a first snapshot), then removes it from localStorage so it is
 * moved once. An unreadable one is left where it is, and so is one that cannot be read until
 * the schemas' wording can be fetched (it is moved on a later visit).
 *
 * @param now ms since 1970
 * @returns the id of the moved blueprint, `null` when there was nothing to move, or why the
 * library refused (the localStorage copy then stays, to be moved on a later visit)
 */
export async function migrateLegacyAutosave(
  library: Library,
  now: number,
  storage: Storage | undefined = globalThis.localStorage,
): Promise<LibraryResult<string | null>> {
  const legacy = await readLegacyAutosave(storage);
  if (!legacy.document) return { ok: true, value: null };
  const id = newBlueprintId();
  const written = await library.autosave(id, legacy.document, now);
  if (!written.ok) return written;
  try {
    storage?.removeItem(AUTOSAVE_KEY);
  } catch {
    // Moved already; a copy left behind is moved again as a second blueprint, never lost.
  }
  return { ok: true, value: id };
}

/**
 * A page that closes may not finish an IndexedDB write, so when it is hidden with changes the
 * library has not confirmed, they are also written synchronously to localStorage under this
 * prefix and the blueprint's id; {@link recoverUnsaved} puts them into the library next time.
 */
export const UNSAVED_PREFIX = 'failpoint.library.unsaved.';

/**
 * Marks, in the key of changes left in localStorage, those set aside because they could not be
 * read without the schemas' wording: `<prefix><blueprint id><mark><random>`. Set aside under a
 * key of their own, they are not overwritten when this page leaves its own changes to the same
 * blueprint under {@link UNSAVED_PREFIX} and the id.
 */
const SET_ASIDE_MARK = '~offline-';

/** The blueprint a key of changes left in localStorage belongs to. */
function unsavedBlueprintId(key: string): string {
  const id = key.slice(UNSAVED_PREFIX.length);
  const mark = id.indexOf(SET_ASIDE_MARK);
  return mark < 0 ? id : id.slice(0, mark);
}

/**
 * Moves changes left in localStorage by a page that closed before the library had them (see
 * {@link UNSAVED_PREFIX}) into their blueprints, then removes them. Unreadable ones are dropped.
 * Those that do not fit the format at a glance need the schemas' wording to be read; when it
 * cannot be fetched (the network went away) they stay in localStorage, set aside under a key
 * of their own, and are moved on a later visit (see {@link unsavedAwaitingWording}).
 *
 * @returns how many were brought back, or why the library refused (the
 * changes then stay for a later visit)
 */
export async function recoverUnsaved(
  library: Library,
  storage: Storage | undefined = globalThis.localStorage,
): Promise<LibraryResult<number>> {
  let keys: string[];
  try {
    keys = storage
      ? Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '').filter((key) =>
          key.startsWith(UNSAVED_PREFIX),
        )
      : [];
  } catch {
    return { ok: true, value: 0 };
  }
  let recovered = 0;
  for (const key of keys) {
    const text = storage!.getItem(key);
    let entry: ReturnType<typeof readUnsaved>;
    try {
      entry = await withSchemaWording(() => readUnsaved(text));
    } catch (error) {
      if (!(error instanceof SchemaWordingUnavailableError)) throw error;
      setAside(storage!, key, text);
      continue;
    }
    if (entry) {
      const written = await library.recover(unsavedBlueprintId(key), entry.document, entry.time);
      if (!written.ok) return written;
      recovered += 1;
    }
    storage!.removeItem(key);
  }
  return { ok: true, value: recovered };
}

/** Moves changes that cannot be read yet to a key of their own (see {@link SET_ASIDE_MARK}). */
function setAside(storage: Storage, key: string, text: string | null): void {
  if (text === null || key.includes(SET_ASIDE_MARK)) return;
  try {
    storage.setItem(`${key}${SET_ASIDE_MARK}${newBlueprintId().slice(3)}`, text);
    storage.removeItem(key);
  } catch {
    // A full localStorage: they stay under their first key, which only this page's own later
    // changes to the same blueprint would replace.
  }
}

/**
 * How many changes left in localStorage by earlier visits wait there for the schemas' wording
 * (set aside by {@link recoverUnsaved} because it could not be fetched).
 */
export function unsavedAwaitingWording(
  storage: Storage | undefined = globalThis.localStorage,
): number {
  try {
    if (!storage) return 0;
    let count = 0;
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index) ?? '';
      if (key.startsWith(UNSAVED_PREFIX) && key.includes(SET_ASIDE_MARK)) count += 1;
    }
    return count;
  } catch {
    return 0;
  }
}

function readUnsaved(text: string | null): { time: number; document: BlueprintDocument } | null {
  if (text === null) return null;
  let parsed: { time?: unknown; document?: unknown };
  let document: unknown;
  try {
    parsed = JSON.parse(text) as { time?: unknown; document?: unknown };
    document = upgradeDocument(parsed.document);
  } catch {
    return null;
  }
  return fitsBlueprintShape(document) && typeof parsed.time === 'number'
    ? { time: parsed.time, document: document as BlueprintDocument }
    : null;
}

// ---------------------------------------------------------------------------------------------
// The library connection of this page

let connection: Promise<LibraryResult<Library>> | null = null;

/** A library that has not opened after this long (ms) counts as refused. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The library of this page, opened once. A browser that does not answer within
 * {@link CONNECT_TIMEOUT_MS} (another tab holding an old version of the database open) counts
 * as a refusal, so the page says so instead of waiting silently.
 */
/**
 * Forgets the library connection of this page, so the next {@link libraryConnection} opens the
 * database afresh (a test that swaps the browser's storage for an empty one).
 */
export function forgetLibraryConnection(): void {
  void connection?.then((library) => {
    if (library.ok) library.value.close();
  });
  connection = null;
}

export function libraryConnection(): Promise<LibraryResult<Library>> {
  connection ??= Promise.race([
    Library.open(),
    new Promise<LibraryResult<Library>>((resolve) =>
      setTimeout(
        () => resolve({ ok: false, reason: 'TimeoutError: the storage did not answer' }),
        CONNECT_TIMEOUT_MS,
      ),
    ),
  ]);
  return connection;
}

// ---------------------------------------------------------------------------------------------
// Which library blueprint the open document belongs to

const blueprintOf = new WeakMap<BlueprintDocument, string>();
/** The JSON of each blueprint's working copy as last written or read here: no rewrite of it. */
const lastWritten = new Map<string, string>();
let currentId: string | null = null;
let seenLoadCount = useBlueprintStore.getState().loadCount;
let claim: string | undefined;

/**
 * The next document opened in the editor belongs to `blueprintId` (a blueprint of the library),
 * or, without it, to a new blueprint. `knownText` is that blueprint's working copy as the
 * library holds it, so opening it does not write it back.
 */
export function claimNextOpen(blueprintId?: string, knownText?: string): void {
  claim = blueprintId ?? newBlueprintId();
  if (blueprintId !== undefined && knownText !== undefined) lastWritten.set(blueprintId, knownText);
}

/** The library id of the blueprint open in the editor (null before the first one opens). */
export function currentBlueprintId(): string | null {
  return currentId;
}

/** The library id a document of the editor belongs to, once the autosave has followed it. */
export function blueprintIdOf(document: BlueprintDocument): string | undefined {
  return blueprintOf.get(document);
}

/**
 * Blueprints the library must not receive: one opened from a link stays out of it, edits and
 * Saves included, until the user chooses to keep it (SPEC §10: opening a link does not touch
 * the user's own work).
 */
const held = new Set<string>();

/** Keeps `blueprintId` out of the library until {@link releaseBlueprint}. */
export function holdBlueprint(blueprintId: string): void {
  held.add(blueprintId);
}

/** Lets `blueprintId` into the library again; its next write creates it there. */
export function releaseBlueprint(blueprintId: string): void {
  held.delete(blueprintId);
}

/** Whether `blueprintId` is kept out of the library. */
export function isHeld(blueprintId: string): boolean {
  return held.has(blueprintId);
}

/** Follows a document that just entered the store; says whether it was opened (not edited). */
function follow(document: BlueprintDocument, loadCount: number): { id: string; opened: boolean } {
  const opened = loadCount !== seenLoadCount;
  seenLoadCount = loadCount;
  let id = blueprintOf.get(document);
  if (id === undefined) {
    if (opened) {
      id = claim ?? newBlueprintId();
      claim = undefined;
    } else {
      id = currentId ?? newBlueprintId();
    }
    blueprintOf.set(document, id);
  }
  currentId = id;
  return { id, opened };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** What the autosave tells the page about. */
export interface AutosaveEvents {
  /** A write went through (a failure shown earlier can go). */
  written(): void;
  /** The browser refused to keep the blueprint; `reason` as the browser put it. */
  failed(reason: string): void;
  /** Another tab of this browser wrote the working copy of the blueprint open here. */
  changedElsewhere(title: string): void;
}

/** After a change, the working copy is written this much later (ms), once the edits pause. */
const AUTOSAVE_DELAY_MS = 250;
const CHANNEL = 'failpoint.library';

interface Written {
  blueprintId: string;
  title: string;
  tab: string;
}

const tabId = newBlueprintId();
let channel: BroadcastChannel | null = null;
let events: AutosaveEvents | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** Runs library writes one after another, in the order they were asked for. */
function enqueue<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Writes the working copy of `blueprintId` unless the library already holds this text; a
 * blueprint just opened is marked as the one to reopen next time even when nothing changed.
 * With `force`, writes in any case (keeping this tab's version after another tab's).
 */
function write(
  blueprintId: string,
  document: BlueprintDocument,
  options: { opened?: boolean; force?: boolean } = {},
): Promise<void> {
  return enqueue(async () => {
    // Checked when the write's turn comes: a blueprint released meanwhile is written.
    if (held.has(blueprintId)) return;
    const library = await libraryConnection();
    if (!library.ok) {
      events?.failed(library.reason);
      return;
    }
    const text = JSON.stringify(document);
    if (!options.force && lastWritten.get(blueprintId) === text) {
      if (options.opened) await library.value.touch(blueprintId, Date.now());
      return;
    }
    const result = await library.value.autosave(blueprintId, document, Date.now());
    if (!result.ok) {
      events?.failed(result.reason);
      return;
    }
    lastWritten.set(blueprintId, text);
    // Only the write of the very text left in localStorage makes that copy unneeded.
    if (journaled.get(blueprintId) === text) {
      journaled.delete(blueprintId);
      forgetUnsaved(blueprintId);
    }
    events?.written();
    const message: Written = { blueprintId, title: document.title ?? '', tab: tabId };
    channel?.postMessage(message);
  });
}

/** Blueprints whose changes this page has left in localStorage, with their JSON. */
const journaled = new Map<string, string>();

function forgetUnsaved(blueprintId: string): void {
  try {
    globalThis.localStorage?.removeItem(UNSAVED_PREFIX + blueprintId);
  } catch {
    // Recovered on the next visit instead: the same document, written again.
  }
}

/**
 * Writes the open blueprint to localStorage at once when the library has not confirmed it yet:
 * the page is being hidden and may close before IndexedDB finishes.
 */
function journalOpenBlueprint(): void {
  const { document } = useBlueprintStore.getState();
  if (currentId === null || held.has(currentId)) return;
  const text = JSON.stringify(document);
  if (lastWritten.get(currentId) === text) return;
  try {
    globalThis.localStorage?.setItem(
      UNSAVED_PREFIX + currentId,
      JSON.stringify({ time: Date.now(), document }),
    );
    journaled.set(currentId, text);
  } catch {
    // Storage refused too: the IndexedDB write under way is all there is.
  }
}

/** Writes the open blueprint now, whatever the library holds (this tab's version wins). */
export function writeOpenBlueprintNow(): Promise<void> {
  const { document } = useBlueprintStore.getState();
  const id = currentId ?? follow(document, useBlueprintStore.getState().loadCount).id;
  return write(id, document, { force: true });
}

/**
 * Keeps a copy of the open blueprint on purpose (`saved` for a Save, `snapshot` before a
 * restore replaces it), after any write already under way.
 */
export function recordOpenBlueprint(kind: 'saved' | 'snapshot'): Promise<LibraryResult<void>> {
  const { document, loadCount } = useBlueprintStore.getState();
  const id = currentId ?? follow(document, loadCount).id;
  return enqueue(async () => {
    if (held.has(id)) return { ok: true, value: undefined };
    const library = await libraryConnection();
    if (!library.ok) return library;
    const result = await library.value.recordVersion(id, document, kind, Date.now());
    if (result.ok) lastWritten.set(id, JSON.stringify(document));
    return result;
  });
}

/** Starts at once the write the autosave is holding back until edits pause, if any. */
let flushPending: () => void = () => undefined;

/**
 * Waits until every write asked for so far is done, the one held back until edits pause
 * included: what the library shows after it is what the editor shows (tests, and before
 * reading the library).
 */
export function settled(): Promise<void> {
  flushPending();
  return enqueue(() => Promise.resolve());
}

/**
 * Keeps the library's working copy of the open blueprint up to date: written shortly after
 * every change, at once when a blueprint is opened, and when the page is hidden or closed.
 * Another tab writing the same blueprint is reported through `changedElsewhere`, so neither
 * tab's work is overwritten silently. Returns a function that stops it.
 */
export function startLibraryAutosave(handlers: AutosaveEvents): () => void {
  events = handlers;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { id: string; document: BlueprintDocument; opened: boolean } | null = null;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { id, document, opened } = pending;
    pending = null;
    void write(id, document, { opened });
  };
  flushPending = flush;
  const unsubscribe = useBlueprintStore.subscribe(
    (state) => state.document,
    (document) => {
      const { id, opened } = follow(document, useBlueprintStore.getState().loadCount);
      // Another blueprint's edits still waiting go first, to their own blueprint.
      if (pending && pending.id !== id) flush();
      pending = { id, document, opened: opened || (pending?.opened ?? false) };
      clearTimeout(timer);
      timer = setTimeout(flush, opened ? 0 : AUTOSAVE_DELAY_MS);
    },
  );
  const onPageHide = () => {
    flush();
    journalOpenBlueprint();
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') onPageHide();
  };
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<Written>) => {
      const message = event.data;
      if (message.tab === tabId || message.blueprintId !== currentId) return;
      // This tab's next write must go through even if it matches what this tab wrote last.
      lastWritten.delete(message.blueprintId);
      events?.changedElsewhere(message.title);
    };
  }
  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    flush();
    flushPending = () => undefined;
    unsubscribe();
    channel?.close();
    channel = null;
    events = null;
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onHide);
  };
}
