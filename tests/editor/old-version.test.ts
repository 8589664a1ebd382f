/**
 * Blueprints of format version 1 in the app: a draft with problems still opens as a draft, and
 * an old autosave is restored, both brought to version 2 by the parser's migration.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, restoreAutosave } from '../../src/editor/files/autosave';
import { openBlueprintText } from '../../src/editor/files/openFile';
import { BLUEPRINT_VERSION } from '../../src/sim/document';
import { upgradeDocument } from '../../src/sim/parse';
import { MemoryStorage } from './memory-storage';

const V1_DRAFT = readFileSync(
  'tests/fixtures/broken/BP012-probabilities-do-not-sum-to-one.blueprint.json',
  'utf8',
);

describe('format version 1 in the app', () => {
  it('opens a version-1 file with problems as a draft of the current version', () => {
    expect(JSON.parse(V1_DRAFT).version).toBe(1);
    const opened = openBlueprintText('old.blueprint.json', V1_DRAFT);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.document.version).toBe(BLUEPRINT_VERSION);
    expect(opened.problems?.map((d) => d.code)).toContain('BP012');
  });

  it('restores a version-1 autosave', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, V1_DRAFT);
    const restored = restoreAutosave(storage);
    expect(restored.corrupt).toBe(false);
    expect(restored.document?.version).toBe(BLUEPRINT_VERSION);
  });

  it('leaves values that are not an older blueprint as they are, for the schema to refuse', () => {
    const newer = { format: 'failpoint.blueprint', version: 9 };
    expect(upgradeDocument(newer)).toBe(newer);
    expect(upgradeDocument('text')).toBe('text');
    const input = JSON.parse(V1_DRAFT) as { version: number };
    upgradeDocument(input);
    expect(input.version).toBe(1);
  });
});
