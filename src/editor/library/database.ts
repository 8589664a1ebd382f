/**
 * The local library: every blueprint edited in this browser, kept in IndexedDB with its
 * versions. Three object stores:
 *
 * - `blueprints`: one record per blueprint (its title and times), without the document, so the
 *   list opens fast however large the blueprints are;
 * - `autosaves`: the working copy of each blueprint, rewritten shortly after every change;
 * - `versions`: the copies kept on purpose, one per Save (never dropped by the library) and
 *   snapshots taken while editing (at most {@link SNAPSHOTS_KEPT} per blueprint, the oldest
 *   goes first).
 *
 * Every method returns a {@link LibraryResult} and never throws: a browser that will not keep
 * data (private mode, storage full, IndexedDB switched off) is a failure to report in a
 * sentence, while the blueprint stays open in memory.
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPObjectStore,
  type StoreNames,
} from 'idb';
import type { BlueprintDocument } from '../../sim/document';

/** The database's name in the browser's storage. */
export const LIBRARY_DATABASE = 'failpoint-library';
const SCHEMA_VERSION = 1;

/** A snapshot is taken when the blueprint changed and this long passed since the last one (ms). */
export const SNAPSHOT_INTERVAL_MS = 5 * 60_000;
/** Snapshots kept per blueprint; older ones are dropped. Saves are never dropped. */
export const SNAPSHOTS_KEPT = 20;

/** How a version came to be: a Save (download), a periodic snapshot, or the working copy. */
export type VersionKind = 'saved' | 'snapshot' | 'autosave';

/** A blueprint of the library, without its document. Times in ms since 1970 (UTC). */
export interface BlueprintRecord {
  id: string;
  title: string;
  created: number;
  /** When its document last changed. */
  edited: number;
  /** When a tab last opened or wrote it: the blueprint the app reopens is the latest. */
  opened: number;
  /** When the last snapshot was taken, or null before the first one. */
  lastSnapshot: number | null;
}

/** A blueprint as the library lists it. */
export interface BlueprintSummary extends BlueprintRecord {
  /** Saves and snapshots, plus one for the working copy. */
  versions: number;
}

/** A kept copy of a blueprint. `time` in ms since 1970 (UTC). */
export interface VersionRecord {
  /** Absent for the working copy, which has no row of its own. */
  id?: number;
  blueprintId: string;
  kind: VersionKind;
  time: number;
  title: string;
  document: BlueprintDocument;
}

interface AutosaveRecord {
  blueprintId: string;
  time: number;
  document: BlueprintDocument;
}

interface LibrarySchema extends DBSchema {
  blueprints: { key: string; value: BlueprintRecord };
  autosaves: { key: string; value: AutosaveRecord };
  versions: {
    key: number;
    value: VersionRecord;
    indexes: { byBlueprint: string };
  };
}

/** What a library call gives back: its value, or why the browser refused. */
export type LibraryResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The browser's refusal in a few words: the name of a DOMException (`QuotaExceededError`,
 * `InvalidStateError`, …) is what the status bar turns into a sentence; anything else keeps its
 * message.
 */
export function failureReason(error: unknown): string {
  if (error instanceof DOMException || (error instanceof Error && error.name !== 'Error')) {
    return error.message ? `${error.name}: ${error.message}` : error.name;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

async function attempt<T>(work: () => Promise<T>): Promise<LibraryResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, reason: failureReason(error) };
  }
}

function titleOf(document: BlueprintDocument): string {
  return document.title?.trim() ?? '';
}

/** The library database, open. Make one with {@link openLibrary}. */
export class Library {
  private constructor(private readonly db: IDBPDatabase<LibrarySchema>) {}

  /**
   * Opens (and on first use creates) the database in the browser's IndexedDB. Refused when the
   * browser has none or will not open it (private mode in some browsers, storage switched off).
   */
  static async open(name = LIBRARY_DATABASE): Promise<LibraryResult<Library>> {
    return attempt(async () => {
      if (typeof indexedDB === 'undefined') {
        throw new Error('IndexedDB is not available in this browser');
      }
      const db = await openDB<LibrarySchema>(name, SCHEMA_VERSION, {
        upgrade(database) {
          database.createObjectStore('blueprints', { keyPath: 'id' });
          database.createObjectStore('autosaves', { keyPath: 'blueprintId' });
          const versions = database.createObjectStore('versions', {
            keyPath: 'id',
            autoIncrement: true,
          });
          versions.createIndex('byBlueprint', 'blueprintId');
        },
        // A newer Failpoint in another tab wants to upgrade: let it, rather than block it.
        blocking() {
          db.close();
        },
      });
      return new Library(db);
    });
  }

  /** Closes the connection (tests; a newer version of the app upgrading the database). */
  close(): void {
    this.db.close();
  }

  /** Every blueprint, the most recently opened first. */
  listBlueprints(): Promise<LibraryResult<BlueprintSummary[]>> {
    return attempt(async () => {
      const tx = this.db.transaction(['blueprints', 'versions'], 'readonly');
      const records = await tx.objectStore('blueprints').getAll();
      const index = tx.objectStore('versions').index('byBlueprint');
      const counts = await Promise.all(records.map((record) => index.count(record.id)));
      await tx.done;
      return records
        .map((record, i) => ({ ...record, versions: counts[i] + 1 }))
        .sort((a, b) => b.opened - a.opened);
    });
  }

  /** One blueprint's working copy, saves and snapshots, the newest first. */
  versions(blueprintId: string): Promise<LibraryResult<VersionRecord[]>> {
    return attempt(async () => {
      const tx = this.db.transaction(['autosaves', 'versions'], 'readonly');
      const autosave = await tx.objectStore('autosaves').get(blueprintId);
      const kept = await tx.objectStore('versions').index('byBlueprint').getAll(blueprintId);
      await tx.done;
      const all: VersionRecord[] = [...kept];
      if (autosave) {
        all.push({
          blueprintId,
          kind: 'autosave',
          time: autosave.time,
          title: titleOf(autosave.document),
          document: autosave.document,
        });
      }
      // Newest first; at equal times the working copy leads, then the later row.
      return all.sort((a, b) => b.time - a.time || (b.id ?? Infinity) - (a.id ?? Infinity));
    });
  }

  /** The working copy of one blueprint, or null when the library has none. */
  workingCopy(blueprintId: string): Promise<LibraryResult<BlueprintDocument | null>> {
    return attempt(async () => (await this.db.get('autosaves', blueprintId))?.document ?? null);
  }

  /**
   * The blueprint opened last and its working copy: what the app reopens on the next visit.
   * `except` leaves one blueprint out (the one this page has open already).
   */
  latest(
    except?: string,
  ): Promise<LibraryResult<{ blueprintId: string; document: BlueprintDocument } | null>> {
    return attempt(async () => {
      const tx = this.db.transaction(['blueprints', 'autosaves'], 'readonly');
      const records = await tx.objectStore('blueprints').getAll();
      records.sort((a, b) => b.opened - a.opened);
      let found: { blueprintId: string; document: BlueprintDocument } | null = null;
      for (const record of records) {
        if (record.id === except) continue;
        const autosave = await tx.objectStore('autosaves').get(record.id);
        if (autosave) {
          found = { blueprintId: record.id, document: autosave.document };
          break;
        }
      }
      await tx.done;
      return found;
    });
  }

  /**
   * Writes the working copy of a blueprint (creating the blueprint on its first write), and
   * takes a snapshot when none was taken in the last {@link SNAPSHOT_INTERVAL_MS}.
   *
   * @param now ms since 1970
   * @returns whether a snapshot was taken
   */
  autosave(
    blueprintId: string,
    document: BlueprintDocument,
    now: number,
  ): Promise<LibraryResult<{ snapshot: boolean }>> {
    return attempt(async () => {
      const tx = this.db.transaction(['blueprints', 'autosaves', 'versions'], 'readwrite');
      const blueprints = tx.objectStore('blueprints');
      // Issued before anything is awaited: when the page is closing, the working copy is the
      // request that must already be on its way.
      const saving = tx.objectStore('autosaves').put({ blueprintId, time: now, document });
      const existing = await blueprints.get(blueprintId);
      const due =
        !existing ||
        existing.lastSnapshot === null ||
        now - existing.lastSnapshot >= SNAPSHOT_INTERVAL_MS;
      await saving;
      if (due) {
        await tx.objectStore('versions').add(version(blueprintId, 'snapshot', document, now));
        await pruneSnapshots(tx.objectStore('versions'), blueprintId);
      }
      await blueprints.put({
        id: blueprintId,
        title: titleOf(document),
        created: existing?.created ?? now,
        edited: now,
        opened: now,
        lastSnapshot: due ? now : (existing?.lastSnapshot ?? null),
      });
      await tx.done;
      return { snapshot: due };
    });
  }

  /**
   * Keeps a copy on purpose: `saved` for a Save (never dropped), `snapshot` before the working
   * copy is replaced by a restored version. The working copy is set to the same document.
   *
   * @param now ms since 1970
   */
  recordVersion(
    blueprintId: string,
    document: BlueprintDocument,
    kind: 'saved' | 'snapshot',
    now: number,
  ): Promise<LibraryResult<void>> {
    return attempt(async () => {
      const tx = this.db.transaction(['blueprints', 'autosaves', 'versions'], 'readwrite');
      const blueprints = tx.objectStore('blueprints');
      const existing = await blueprints.get(blueprintId);
      await tx.objectStore('versions').add(version(blueprintId, kind, document, now));
      if (kind === 'snapshot') await pruneSnapshots(tx.objectStore('versions'), blueprintId);
      await tx.objectStore('autosaves').put({ blueprintId, time: now, document });
      await blueprints.put({
        id: blueprintId,
        title: titleOf(document),
        created: existing?.created ?? now,
        edited: now,
        opened: now,
        lastSnapshot: kind === 'snapshot' ? now : (existing?.lastSnapshot ?? null),
      });
      await tx.done;
    });
  }

  /**
   * Brings back changes a closed page left behind (see `files/autosave.ts`): they become the
   * working copy unless the library already holds a newer one (another tab went on editing),
   * in which case they are kept as a snapshot instead, so neither is lost.
   *
   * @param time when the changes were made, ms since 1970
   * @returns whether they became the working copy
   */
  recover(
    blueprintId: string,
    document: BlueprintDocument,
    time: number,
  ): Promise<LibraryResult<boolean>> {
    return attempt(async () => {
      const stored = await this.db.get('autosaves', blueprintId);
      if (stored && stored.time > time) {
        const tx = this.db.transaction('versions', 'readwrite');
        await tx.store.add(version(blueprintId, 'snapshot', document, time));
        await pruneSnapshots(tx.store, blueprintId);
        await tx.done;
        return false;
      }
      const written = await this.autosave(blueprintId, document, time);
      if (!written.ok) throw new Error(written.reason);
      return true;
    });
  }

  /** Marks a blueprint as the one opened last, so the next visit reopens it. */
  touch(blueprintId: string, now: number): Promise<LibraryResult<void>> {
    return attempt(async () => {
      const tx = this.db.transaction('blueprints', 'readwrite');
      const existing = await tx.store.get(blueprintId);
      if (existing) await tx.store.put({ ...existing, opened: now });
      await tx.done;
    });
  }

  /**
   * Renames a blueprint: its record and its working copy take the new title (the kept versions
   * keep the title they had).
   */
  rename(blueprintId: string, title: string, now: number): Promise<LibraryResult<void>> {
    return attempt(async () => {
      const tx = this.db.transaction(['blueprints', 'autosaves'], 'readwrite');
      const existing = await tx.objectStore('blueprints').get(blueprintId);
      if (!existing) throw new Error(`The library has no blueprint “${blueprintId}”`);
      await tx.objectStore('blueprints').put({ ...existing, title, edited: now });
      const autosave = await tx.objectStore('autosaves').get(blueprintId);
      if (autosave) {
        await tx
          .objectStore('autosaves')
          .put({ ...autosave, time: now, document: { ...autosave.document, title } });
      }
      await tx.done;
    });
  }

  /** Deletes a blueprint with its working copy and every version. */
  remove(blueprintId: string): Promise<LibraryResult<void>> {
    return attempt(async () => {
      const tx = this.db.transaction(['blueprints', 'autosaves', 'versions'], 'readwrite');
      await tx.objectStore('blueprints').delete(blueprintId);
      await tx.objectStore('autosaves').delete(blueprintId);
      const keys = await tx.objectStore('versions').index('byBlueprint').getAllKeys(blueprintId);
      await Promise.all(keys.map((key) => tx.objectStore('versions').delete(key)));
      await tx.done;
    });
  }
}

function version(
  blueprintId: string,
  kind: VersionKind,
  document: BlueprintDocument,
  time: number,
): VersionRecord {
  return { blueprintId, kind, time, title: titleOf(document), document };
}

type VersionStore = IDBPObjectStore<
  LibrarySchema,
  ArrayLike<StoreNames<LibrarySchema>>,
  'versions',
  'readwrite'
>;

/** Drops the oldest snapshots of a blueprint beyond {@link SNAPSHOTS_KEPT}; saves stay. */
async function pruneSnapshots(store: VersionStore, blueprintId: string): Promise<void> {
  const rows = await store.index('byBlueprint').getAll(blueprintId);
  const snapshots = rows
    .filter((row) => row.kind === 'snapshot')
    .sort((a, b) => a.time - b.time || (a.id ?? 0) - (b.id ?? 0));
  const excess = snapshots.slice(0, Math.max(0, snapshots.length - SNAPSHOTS_KEPT));
  await Promise.all(excess.map((row) => store.delete(row.id!)));
}
