/**
 * Whether the first blueprint of a visit has to wait for the library.
 *
 * Opening the browser's database takes from a few milliseconds to a second (a new profile, a
 * busy disk), and a first visit pays it for nothing: there is no blueprint to put back, the
 * courier example opens anyway. So the page remembers in localStorage that this browser has a
 * library ({@link LIBRARY_KNOWN_KEY}); without that note, and without anything an earlier
 * Failpoint left in localStorage to move into the library, the example opens at once and R is on
 * screen while the database is still opening. Should the library turn out to hold a blueprint
 * after all (the note was cleared on its own), it is put back as soon as the library answers,
 * unless the user has edited the example meanwhile (`openFirstDocument` with `waitMs: 0`).
 */
import { AUTOSAVE_KEY, libraryConnection, UNSAVED_PREFIX } from './autosave';

/** localStorage key saying that this browser's Failpoint library has been opened before. */
export const LIBRARY_KNOWN_KEY = 'failpoint.library.known';

/**
 * How long (ms) the first blueprint waits for the library: 0 when this browser has neither
 * opened a library before nor left anything in localStorage to move into one; `undefined`
 * (the usual wait) otherwise, and whenever localStorage cannot be read.
 */
export function firstOpenWaitMs(
  storage: Storage | undefined = globalThis.localStorage,
): number | undefined {
  if (!storage) return undefined;
  try {
    if (storage.getItem(LIBRARY_KNOWN_KEY) !== null) return undefined;
    if (storage.getItem(AUTOSAVE_KEY) !== null) return undefined;
    for (let index = 0; index < storage.length; index++) {
      if (storage.key(index)?.startsWith(UNSAVED_PREFIX)) return undefined;
    }
    return 0;
  } catch {
    // Storage the browser refuses to show (blocked site data): wait as usual.
    return undefined;
  }
}

/** Notes in localStorage, once the library has opened, that later visits must wait for it. */
export async function rememberLibrary(
  storage: Storage | undefined = globalThis.localStorage,
): Promise<void> {
  const library = await libraryConnection();
  if (!library.ok) return;
  try {
    storage?.setItem(LIBRARY_KNOWN_KEY, '1');
  } catch {
    // A full or refused localStorage: the next visit waits for the library, as before.
  }
}
