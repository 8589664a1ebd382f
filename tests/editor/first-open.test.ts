/**
 * The first blueprint of a visit when the browser's storage answers late: the example opens at
 * once, and when the library arrives the blueprint the user had open comes back, unless the
 * user has edited since (then it is named in the status bar, and nothing is replaced).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Library } from '../../src/editor/library/database';
import { forgetLibraryConnection } from '../../src/editor/files/autosave';
import { openFirstDocument, useFileState } from '../../src/editor/files/fileActions';
import { newBlueprint } from '../../src/editor/files/newBlueprint';
import { commitDocument, useBlueprintStore } from '../../src/editor/store/blueprint';
import { MemoryStorage } from './memory-storage';
import { T0, until } from './library-fixtures';

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  forgetLibraryConnection();
  vi.stubGlobal('localStorage', new MemoryStorage());
  const library = await Library.open();
  if (!library.ok) throw new Error(library.reason);
  const mine = newBlueprint({ title: 'My pharmacy', start: 'Arrives', end: 'Served' });
  const written = await library.value.autosave('b-mine', mine, T0);
  if (!written.ok) throw new Error(written.reason);
  library.value.close();
  useFileState.setState({ message: null });
});

afterEach(() => {
  forgetLibraryConnection();
  vi.unstubAllGlobals();
});

describe('a library that answers after the first blueprint opened', () => {
  it('opens the example at once, then puts back the blueprint the user had open', async () => {
    await expect(openFirstDocument('en', { waitMs: 0 })).resolves.toBe('example');
    expect(useBlueprintStore.getState().document.title).toBe('Courier pickup and delivery');
    await until(
      () => useBlueprintStore.getState().document.title === 'My pharmacy',
      'the last blueprint to come back',
    );
    expect(useFileState.getState().message).toEqual({ key: 'restored' });
  });

  it('replaces nothing the user has edited meanwhile, and says where the last blueprint is', async () => {
    await openFirstDocument('en', { waitMs: 0 });
    const { document } = useBlueprintStore.getState();
    commitDocument('setTitle', { ...document, title: 'Courier, my notes' });
    await until(
      () => useFileState.getState().message?.key === 'lastInLibrary',
      'the status bar to name the last blueprint',
    );
    expect(useFileState.getState().message).toEqual({
      key: 'lastInLibrary',
      detail: 'My pharmacy',
    });
    expect(useBlueprintStore.getState().document.title).toBe('Courier, my notes');
  });
});
