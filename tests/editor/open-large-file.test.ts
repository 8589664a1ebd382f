/**
 * A large plain file opened on the page itself (no engine worker to read it): the quick reader
 * is not part of the first view, so opening fetches it first, and the file is read by it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openBlueprintFile } from '../../src/editor/files/openFile';
import { generateBlueprint, toBlueprintDocument } from '../../src/sim/generate';
import { installPlainReader, PLAIN_READ_MIN_LENGTH } from '../../src/sim/parse';
import { readPlainBlueprint } from '../../src/sim/read/plain';

describe('a large file opened on the page', () => {
  // The test files share one module graph: whatever happens here, the quick reader is back after.
  afterEach(() => {
    installPlainReader(readPlainBlueprint);
  });

  it('is read by the quick reader, fetched for it', async () => {
    const text = JSON.stringify(
      toBlueprintDocument(generateBlueprint({ nodes: 6_000, seed: 3 }), 'Large'),
    );
    expect(text.length).toBeGreaterThanOrEqual(PLAIN_READ_MIN_LENGTH);
    // As on a page whose first view has no quick reader: every file goes to the full parser.
    installPlainReader(() => null);
    const opened = await openBlueprintFile(new File([text], 'large.blueprint.json'));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.document.title).toBe('Large');
    // The quick reader leaves the document's nodes to be read when first asked for.
    expect(Object.getOwnPropertyDescriptor(opened.document, 'nodes')?.get).toBeTypeOf('function');
    expect(opened.document.nodes).toHaveLength(6_000);
  });
});
