/**
 * The local library on an in-memory IndexedDB (fake-indexeddb): what is kept on autosave, Save
 * and snapshot, the limits, rename and delete, the move of an earlier localStorage autosave, and
 * a browser that refuses, reported as a failure rather than thrown.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Library, SNAPSHOT_INTERVAL_MS, SNAPSHOTS_KEPT } from '../../src/editor/library/database';
import {
  AUTOSAVE_KEY,
  claimNextOpen,
  currentBlueprintId,
  migrateLegacyAutosave,
  recoverUnsaved,
  UNSAVED_PREFIX,
  settled,
  startLibraryAutosave,
} from '../../src/editor/files/autosave';
import { commitDocument, undo, useBlueprintStore } from '../../src/editor/store/blueprint';
import { loadDocument } from '../../src/editor/store/load';
import { describeStorageFailure } from '../../src/editor/library/store';
import { translator } from '../../src/editor/i18n';
import { MemoryStorage } from './memory-storage';
import { blueprint, MINUTE, T0, value } from './library-fixtures';

let library: Library;

beforeEach(async () => {
  // A fresh, empty browser storage for every test.
  globalThis.indexedDB = new IDBFactory();
  library = value(await Library.open());
});

afterEach(() => {
  library.close();
});

describe('versions', () => {
  it('keeps the working copy and a first snapshot when a blueprint is first written', async () => {
    const first = blueprint('Courier');
    expect(value(await library.autosave('a', first, T0))).toEqual({ snapshot: true });
    const versions = value(await library.versions('a'));
    expect(versions.map((v) => [v.kind, v.time, v.title])).toEqual([
      ['autosave', T0, 'Courier'],
      ['snapshot', T0, 'Courier'],
    ]);
    expect(value(await library.workingCopy('a'))).toEqual(first);
  });

  it('takes a snapshot only when the interval has passed since the last one', async () => {
    await library.autosave('a', blueprint('v1'), T0);
    expect(value(await library.autosave('a', blueprint('v2'), T0 + MINUTE))).toEqual({
      snapshot: false,
    });
    expect(
      value(await library.autosave('a', blueprint('v3'), T0 + SNAPSHOT_INTERVAL_MS - 1)),
    ).toEqual({ snapshot: false });
    expect(value(await library.autosave('a', blueprint('v4'), T0 + SNAPSHOT_INTERVAL_MS))).toEqual({
      snapshot: true,
    });
    const versions = value(await library.versions('a'));
    // Newest first: the working copy (v4), then the snapshots of v4 and v1.
    expect(versions.map((v) => `${v.kind}:${v.title}`)).toEqual([
      'autosave:v4',
      'snapshot:v4',
      'snapshot:v1',
    ]);
  });

  it('records a Save as a version of its own, and the working copy with it', async () => {
    await library.autosave('a', blueprint('draft'), T0);
    value(await library.recordVersion('a', blueprint('final'), 'saved', T0 + MINUTE));
    const versions = value(await library.versions('a'));
    expect(versions.map((v) => `${v.kind}:${v.title}`)).toEqual([
      'autosave:final',
      'saved:final',
      'snapshot:draft',
    ]);
    const [summary] = value(await library.listBlueprints());
    expect(summary).toMatchObject({ id: 'a', title: 'final', versions: 3, created: T0 });
    expect(summary.edited).toBe(T0 + MINUTE);
  });

  it(`keeps the latest ${SNAPSHOTS_KEPT} snapshots and every Save`, async () => {
    const rounds = SNAPSHOTS_KEPT + 5;
    for (let i = 0; i < rounds; i += 1) {
      const time = T0 + i * SNAPSHOT_INTERVAL_MS;
      await library.autosave('a', blueprint(`edit ${i}`), time);
      value(await library.recordVersion('a', blueprint(`save ${i}`), 'saved', time + 1));
    }
    const versions = value(await library.versions('a'));
    const snapshots = versions.filter((v) => v.kind === 'snapshot');
    const saves = versions.filter((v) => v.kind === 'saved');
    expect(snapshots).toHaveLength(SNAPSHOTS_KEPT);
    expect(snapshots.at(-1)?.title).toBe(`edit ${rounds - SNAPSHOTS_KEPT}`);
    expect(saves).toHaveLength(rounds);
    expect(value(await library.listBlueprints())[0].versions).toBe(SNAPSHOTS_KEPT + rounds + 1);
  });

  it('keeps each blueprint apart', async () => {
    await library.autosave('a', blueprint('A'), T0);
    await library.autosave('b', blueprint('B'), T0 + MINUTE);
    expect(value(await library.versions('a')).every((v) => v.blueprintId === 'a')).toBe(true);
    expect(value(await library.workingCopy('b'))?.title).toBe('B');
    expect(value(await library.workingCopy('none'))).toBeNull();
  });
});

describe('the blueprint reopened on the next visit', () => {
  it('is the one written or opened last', async () => {
    expect(value(await library.latest())).toBeNull();
    await library.autosave('a', blueprint('A'), T0);
    await library.autosave('b', blueprint('B'), T0 + MINUTE);
    expect(value(await library.latest())?.blueprintId).toBe('b');
    value(await library.touch('a', T0 + 2 * MINUTE));
    expect(value(await library.latest())).toEqual({ blueprintId: 'a', document: blueprint('A') });
    expect(value(await library.listBlueprints()).map((entry) => entry.id)).toEqual(['a', 'b']);
  });
});

describe('rename and delete', () => {
  it('renames the blueprint and its working copy, not the versions kept', async () => {
    await library.autosave('a', blueprint('Old name'), T0);
    value(await library.rename('a', 'New name', T0 + MINUTE));
    expect(value(await library.listBlueprints())[0].title).toBe('New name');
    expect(value(await library.workingCopy('a'))?.title).toBe('New name');
    const snapshot = value(await library.versions('a')).find((v) => v.kind === 'snapshot');
    expect(snapshot?.title).toBe('Old name');
  });

  it('refuses to rename a blueprint it does not have', async () => {
    const result = await library.rename('missing', 'X', T0);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/missing/);
  });

  it('deletes a blueprint with every version, and leaves the others', async () => {
    await library.autosave('a', blueprint('A'), T0);
    value(await library.recordVersion('a', blueprint('A'), 'saved', T0 + 1));
    await library.autosave('b', blueprint('B'), T0 + 2);
    value(await library.remove('a'));
    expect(value(await library.listBlueprints()).map((entry) => entry.id)).toEqual(['b']);
    expect(value(await library.versions('a'))).toEqual([]);
    expect(value(await library.versions('b'))).toHaveLength(2);
  });
});

describe('the localStorage autosave of earlier versions', () => {
  it('is moved into the library once, then removed from localStorage', async () => {
    const storage = new MemoryStorage();
    const legacy = blueprint('Kept in localStorage');
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(legacy));
    const id = value(await migrateLegacyAutosave(library, T0, storage));
    expect(id).toMatch(/^bp-[0-9a-f]{24}$/);
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
    expect(value(await library.latest())).toEqual({ blueprintId: id, document: legacy });
    expect(value(await migrateLegacyAutosave(library, T0 + MINUTE, storage))).toBeNull();
    expect(value(await library.listBlueprints())).toHaveLength(1);
  });

  it('leaves an unreadable one where it is', async () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, 'not json');
    expect(value(await migrateLegacyAutosave(library, T0, storage))).toBeNull();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe('not json');
    expect(value(await library.listBlueprints())).toEqual([]);
  });

  it('stays in localStorage when the library refuses it', async () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(blueprint('Kept')));
    library.close();
    const result = await migrateLegacyAutosave(library, T0, storage);
    expect(result.ok).toBe(false);
    expect(storage.getItem(AUTOSAVE_KEY)).not.toBeNull();
  });
});

describe('changes left in localStorage by a page that closed', () => {
  it('go into their blueprint on the next visit, and are removed', async () => {
    await library.autosave('a', blueprint('Before closing'), T0);
    const storage = new MemoryStorage();
    storage.setItem(
      `${UNSAVED_PREFIX}a`,
      JSON.stringify({ time: T0 + MINUTE, document: blueprint('Typed just before closing') }),
    );
    storage.setItem(`${UNSAVED_PREFIX}b`, '{"time": 1, "document": {"format": "other"}}');
    storage.setItem('failpoint.panelHeight', '300');
    expect(value(await recoverUnsaved(library, storage))).toBe(1);
    expect(value(await library.workingCopy('a'))?.title).toBe('Typed just before closing');
    expect(value(await library.latest())?.blueprintId).toBe('a');
    expect(storage.length).toBe(1);
    expect(value(await recoverUnsaved(library, storage))).toBe(0);
  });
});

describe('changes left behind that are older than the library', () => {
  it('are kept as a snapshot, not over the newer working copy', async () => {
    await library.autosave('a', blueprint('Newer, from another tab'), T0 + 2 * MINUTE);
    const storage = new MemoryStorage();
    storage.setItem(
      `${UNSAVED_PREFIX}a`,
      JSON.stringify({ time: T0 + MINUTE, document: blueprint('Older, left behind') }),
    );
    expect(value(await recoverUnsaved(library, storage))).toBe(1);
    expect(value(await library.workingCopy('a'))?.title).toBe('Newer, from another tab');
    const kinds = value(await library.versions('a')).map((v) => `${v.kind}:${v.title}`);
    expect(kinds).toContain('snapshot:Older, left behind');
  });
});

describe('a browser that will not keep anything', () => {
  it('reports a database that cannot be opened, without throwing', async () => {
    const refusing = new IDBFactory();
    refusing.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    globalThis.indexedDB = refusing;
    const result = await Library.open('refusing');
    expect(result).toEqual({
      ok: false,
      reason: 'SecurityError: The user denied permission to access the database.',
    });
  });

  it('reports a browser without IndexedDB', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser where the API is missing altogether.
    delete globalThis.indexedDB;
    try {
      const result = await Library.open();
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/not available/);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('reports a write the database refuses, and every call after it', async () => {
    library.close();
    const written = await library.autosave('a', blueprint('A'), T0);
    expect(written.ok).toBe(false);
    if (!written.ok) expect(written.reason).toMatch(/^InvalidStateError/);
    expect((await library.listBlueprints()).ok).toBe(false);
  });

  it('says why in words, in both languages', () => {
    const en = translator('en');
    const zh = translator('zh');
    expect(describeStorageFailure('QuotaExceededError: quota exceeded', en)).toBe(
      'its storage is full',
    );
    expect(describeStorageFailure('SecurityError: denied', zh)).toBe('存储已被关闭或处于隐私模式');
    expect(describeStorageFailure('TimeoutError: the storage did not answer', en)).toBe(
      'its storage did not answer',
    );
    expect(en('library.failed', { reason: describeStorageFailure('QuotaExceededError', en) })).toBe(
      'This browser would not keep the blueprint (its storage is full); your work stays in this tab: Save a file to keep it.',
    );
  });
});

describe('the autosave of the open blueprint', () => {
  it('writes each edit to the blueprint it was made on, even after an Open is undone', async () => {
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
    const failures: string[] = [];
    const stop = startLibraryAutosave({
      written: () => undefined,
      failed: (reason) => failures.push(reason),
      changedElsewhere: () => undefined,
    });
    const pause = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await settled();
    };
    try {
      claimNextOpen();
      await loadDocument(blueprint('First'));
      await pause();
      const first = currentBlueprintId();
      claimNextOpen();
      await loadDocument(blueprint('Second'), 'replaceBlueprint');
      await pause();
      const second = currentBlueprintId();
      expect(first).not.toBeNull();
      expect(second).not.toBe(first);

      // Undo brings back the first blueprint; its edit must not land on the second.
      undo();
      const { document } = useBlueprintStore.getState();
      commitDocument('setTitle', { ...document, title: 'First, edited' });
      await pause();
      expect(currentBlueprintId()).toBe(first);
      expect(value(await library.workingCopy(first!))?.title).toBe('First, edited');
      expect(value(await library.workingCopy(second!))?.title).toBe('Second');
      expect(failures).toEqual([]);
    } finally {
      stop();
      vi.unstubAllGlobals();
    }
  });
});
