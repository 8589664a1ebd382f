/**
 * The schemas' wording cannot be fetched (the network went away before it arrived): what the
 * app keeps from an earlier visit that does not fit the format at a glance is neither opened
 * nor dropped. Changes left in localStorage stay there for a later visit, the blueprint to
 * reopen stays in the library while the example opens and the status bar names it, and the
 * Library dialog refuses to open or restore such a blueprint with a sentence, changing nothing.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOSAVE_KEY,
  claimNextOpen,
  currentBlueprintId,
  forgetLibraryConnection,
  settled,
  migrateLegacyAutosave,
  readLegacyAutosave,
  recoverUnsaved,
  UNSAVED_PREFIX,
  unsavedAwaitingWording,
} from '../../src/editor/files/autosave';
import {
  openDocument,
  openFirstDocument,
  openOtherTabVersion,
  startAutosave,
  useFileState,
} from '../../src/editor/files/fileActions';
import { Library } from '../../src/editor/library/database';
import { openFromLibrary, restoreVersion, useLibraryView } from '../../src/editor/library/store';
import { useBlueprintStore } from '../../src/editor/store/blueprint';
import { installSchemaWording, schemaWordingInstalled } from '../../src/sim/schema-wording';
import { brokenCourier } from '../examples';
import { MemoryStorage } from './memory-storage';
import { blueprint, MINUTE, T0, until, value } from './library-fixtures';

// The part that holds zod cannot be fetched: importing it fails, as a cut network makes it.
vi.mock('../../src/sim/schema-wording-zod', () => {
  throw new TypeError('Failed to fetch dynamically imported module: schema-wording-zod.js');
});

function unsavedKeys(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '').filter((key) =>
    key.startsWith(UNSAVED_PREFIX),
  );
}

let library: Library;
let storage: MemoryStorage;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  forgetLibraryConnection();
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  library = value(await Library.open());
  useFileState.setState({ message: null });
  useLibraryView.setState({ refusal: null });
  // The test setup installs the wording as the command line does; this page has not got it.
  installSchemaWording(null);
});

afterEach(() => {
  library.close();
  forgetLibraryConnection();
  vi.unstubAllGlobals();
});

// The test files share one module graph: the files after this one read blueprints with the
// wording the setup installed, so it is given back (from the module this file cuts off).
afterAll(async () => {
  const wording = await vi.importActual<typeof import('../../src/sim/schema-wording-zod')>(
    '../../src/sim/schema-wording-zod',
  );
  wording.installZodSchemaWording();
});

describe('changes left in localStorage', () => {
  it('that need the wording stay there, set aside, while the others are moved', async () => {
    expect(brokenCourier('x').nodes.some((node) => 'relability' in node)).toBe(true);
    await library.autosave('a', blueprint('Before closing'), T0);
    storage.setItem(
      `${UNSAVED_PREFIX}a`,
      JSON.stringify({ time: T0 + MINUTE, document: blueprint('Typed just before closing') }),
    );
    const draft = JSON.stringify({ time: T0 + MINUTE, document: brokenCourier('Offline draft') });
    storage.setItem(`${UNSAVED_PREFIX}b`, draft);
    storage.setItem(`${UNSAVED_PREFIX}c`, 'not json');

    expect(value(await recoverUnsaved(library, storage))).toBe(1);
    expect(schemaWordingInstalled()).toBe(false);
    expect(value(await library.workingCopy('a'))?.title).toBe('Typed just before closing');
    expect(value(await library.workingCopy('b'))).toBeNull();
    // Unreadable whatever the wording says: dropped, as before. The draft is kept, word for word.
    const kept = unsavedKeys(storage);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(new RegExp(`^${UNSAVED_PREFIX.replaceAll('.', '\\.')}b~`));
    expect(storage.getItem(kept[0])).toBe(draft);
    expect(unsavedAwaitingWording(storage)).toBe(1);

    // This visit's own changes to the same blueprint do not overwrite what was set aside.
    storage.setItem(`${UNSAVED_PREFIX}b`, draft.replace('Offline draft', 'This visit'));
    expect(storage.getItem(kept[0])).toBe(draft);

    // Another visit still offline: the draft stays under the same key.
    storage.removeItem(`${UNSAVED_PREFIX}b`);
    expect(value(await recoverUnsaved(library, storage))).toBe(0);
    expect(unsavedKeys(storage)).toEqual(kept);
  });

  it('are moved into their blueprint on a later visit, once the wording is at hand', async () => {
    storage.setItem(
      `${UNSAVED_PREFIX}b`,
      JSON.stringify({ time: T0, document: brokenCourier('Offline draft') }),
    );
    await recoverUnsaved(library, storage);
    expect(unsavedAwaitingWording(storage)).toBe(1);
    // A wording that accepts the document (as the schema does one the quick check did not).
    installSchemaWording(() => null);
    expect(value(await recoverUnsaved(library, storage))).toBe(1);
    expect(value(await library.workingCopy('b'))?.title).toBe('Offline draft');
    expect(unsavedKeys(storage)).toEqual([]);
    expect(unsavedAwaitingWording(storage)).toBe(0);
  });
});

describe('the localStorage autosave of earlier versions', () => {
  it('that needs the wording stays where it is, and is not called corrupt', async () => {
    const text = JSON.stringify(brokenCourier('Legacy'));
    storage.setItem(AUTOSAVE_KEY, text);
    await expect(readLegacyAutosave(storage)).resolves.toEqual({
      document: null,
      corrupt: false,
      awaitingWording: true,
    });
    expect(value(await migrateLegacyAutosave(library, T0, storage))).toBeNull();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
    expect(value(await library.listBlueprints())).toEqual([]);
  });
});

describe('the first blueprint of a visit', () => {
  it('is the example when the last one needs the wording; the status bar names it', async () => {
    const mine = brokenCourier('My pharmacy');
    await library.autosave('b-mine', mine, T0);
    const draft = JSON.stringify({
      time: T0 + MINUTE,
      document: brokenCourier('My pharmacy, later'),
    });
    storage.setItem(`${UNSAVED_PREFIX}b-mine`, draft);

    await expect(openFirstDocument('en', { waitMs: 5000 })).resolves.toBe('example');
    expect(useBlueprintStore.getState().document.title).toBe('Courier pickup and delivery');
    expect(useFileState.getState().message).toEqual({
      key: 'keptUntilOnline',
      detail: 'My pharmacy',
    });
    expect(value(await library.workingCopy('b-mine'))).toEqual(mine);
    const kept = unsavedKeys(storage);
    expect(kept).toHaveLength(1);
    expect(storage.getItem(kept[0])).toBe(draft);
  });

  it('names the last one too when the library answers after the example opened', async () => {
    await library.autosave('b-mine', brokenCourier('My pharmacy'), T0);
    await expect(openFirstDocument('en', { waitMs: 0 })).resolves.toBe('example');
    await until(
      () => useFileState.getState().message?.key === 'keptUntilOnline',
      'the status bar to name the blueprint kept in the library',
    );
    expect(useFileState.getState().message?.detail).toBe('My pharmacy');
    expect(useBlueprintStore.getState().document.title).toBe('Courier pickup and delivery');
  });

  it('reopens a last blueprint that fits, and says that changes wait in localStorage', async () => {
    await library.autosave('b-mine', blueprint('My pharmacy'), T0);
    storage.setItem(
      `${UNSAVED_PREFIX}b-other`,
      JSON.stringify({ time: T0, document: brokenCourier('Elsewhere') }),
    );
    await expect(openFirstDocument('en', { waitMs: 5000 })).resolves.toBe('restored');
    expect(useBlueprintStore.getState().document.title).toBe('My pharmacy');
    expect(useFileState.getState().message).toEqual({ key: 'unsavedKept', detail: '1' });
  });
});

describe('the Library dialog', () => {
  it('refuses to open a blueprint that needs the wording, and changes nothing', async () => {
    await library.autosave('b-broken', brokenCourier('Broken pharmacy'), T0);
    useLibraryView.setState({ blueprints: value(await library.listBlueprints()) });
    const before = useBlueprintStore.getState().document;
    const versions = value(await library.versions('b-broken'));

    await expect(openFromLibrary('b-broken')).resolves.toBe(false);
    expect(useLibraryView.getState().refusal).toEqual({
      kind: 'openWordingUnavailable',
      title: 'Broken pharmacy',
    });
    expect(useBlueprintStore.getState().document).toBe(before);
    expect(value(await library.versions('b-broken'))).toEqual(versions);
  });

  it('refuses to restore such a version before keeping anything', async () => {
    await library.autosave('b-mixed', brokenCourier('Broken draft'), T0);
    await library.autosave('b-mixed', blueprint('Mended'), T0 + MINUTE);
    const versions = value(await library.versions('b-mixed'));
    const snapshot = versions.find((version) => version.kind === 'snapshot');
    expect(snapshot?.title).toBe('Broken draft');
    const before = useBlueprintStore.getState().document;

    await expect(restoreVersion(snapshot!)).resolves.toBe(false);
    expect(useLibraryView.getState().refusal).toEqual({
      kind: 'restoreWordingUnavailable',
      time: T0,
    });
    expect(useBlueprintStore.getState().document).toBe(before);
    expect(value(await library.versions('b-mixed'))).toEqual(versions);
    expect(value(await library.workingCopy('b-mixed'))?.title).toBe('Mended');
  });
});

describe('the version another tab saved', () => {
  it('is not opened when it needs the wording; this tab keeps its own and the choice', async () => {
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
    const stop = startAutosave();
    try {
      claimNextOpen('b-shared');
      openDocument(blueprint('Shared pharmacy'), { keepClaim: true });
      await until(() => currentBlueprintId() === 'b-shared', 'the blueprint to open');
      await settled();
      const mine = useBlueprintStore.getState().document;
      expect(mine.title).toBe('Shared pharmacy');
      // The other tab's write, which the page heard of over its channel.
      await library.autosave('b-shared', brokenCourier('Shared pharmacy'), Date.now() + MINUTE);
      useFileState.setState({ message: { key: 'changedElsewhere', detail: 'Shared pharmacy' } });

      await expect(openOtherTabVersion()).resolves.toBe(false);
      expect(useBlueprintStore.getState().document).toBe(mine);
      expect(useFileState.getState().message).toEqual({
        key: 'otherTabUnavailable',
        detail: 'Shared pharmacy',
      });
      expect(value(await library.workingCopy('b-shared'))?.title).toBe('Shared pharmacy');
    } finally {
      stop();
    }
  });
});
