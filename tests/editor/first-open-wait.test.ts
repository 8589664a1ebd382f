/**
 * A first visit opens the example without waiting for the library; a browser that has a library,
 * or that holds an earlier Failpoint's autosave or unsaved changes in localStorage, waits for it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOSAVE_KEY,
  forgetLibraryConnection,
  UNSAVED_PREFIX,
} from '../../src/editor/files/autosave';
import {
  firstOpenWaitMs,
  LIBRARY_KNOWN_KEY,
  rememberLibrary,
} from '../../src/editor/files/firstOpen';
import { MemoryStorage } from './memory-storage';

let storage: MemoryStorage;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  forgetLibraryConnection();
  storage = new MemoryStorage();
});

afterEach(() => forgetLibraryConnection());

describe('how long the first blueprint waits for the library', () => {
  it('does not wait in a browser that has never had a Failpoint library', () => {
    storage.setItem('failpoint.panelHeight', '320');
    expect(firstOpenWaitMs(storage)).toBe(0);
  });

  it('waits as usual once a library has opened in this browser', async () => {
    await rememberLibrary(storage);
    expect(storage.getItem(LIBRARY_KNOWN_KEY)).toBe('1');
    expect(firstOpenWaitMs(storage)).toBeUndefined();
  });

  it('waits when an earlier autosave or unsaved changes are to be moved into the library', () => {
    storage.setItem(AUTOSAVE_KEY, '{}');
    expect(firstOpenWaitMs(storage)).toBeUndefined();
    storage.clear();
    storage.setItem(`${UNSAVED_PREFIX}b-1`, '{}');
    expect(firstOpenWaitMs(storage)).toBeUndefined();
  });

  it('waits when localStorage cannot be read, and without one', () => {
    const refusing = new MemoryStorage();
    refusing.getItem = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    expect(firstOpenWaitMs(refusing)).toBeUndefined();
    // A page without localStorage at all (other test files may have installed one globally).
    vi.stubGlobal('localStorage', undefined);
    try {
      expect(firstOpenWaitMs()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('notes nothing when the library does not open', async () => {
    globalThis.indexedDB = {
      open: () => {
        throw new DOMException('The user denied permission.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    await rememberLibrary(storage);
    expect(storage.getItem(LIBRARY_KNOWN_KEY)).toBeNull();
  });
});
