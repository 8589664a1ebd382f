import { describe, expect, it } from 'vitest';
import { restoreAutosave, AUTOSAVE_KEY } from '../../src/editor/files/autosave';
import { toCsv } from '../../src/editor/files/csv';
import { blueprintFileName, fileStem } from '../../src/editor/files/download';
import { newBlueprint } from '../../src/editor/files/newBlueprint';
import type { BlueprintDocument } from '../../src/sim/document';
import { validateDocument } from '../../src/sim/parse';
import { MemoryStorage } from './memory-storage';

describe('CSV', () => {
  it('quotes what needs quoting and starts with a byte-order mark', () => {
    const csv = toCsv([
      ['Step', 'R'],
      ['Fills in, "carefully"', 0.96],
      ['多行\n标签', null],
    ]);
    expect(csv).toBe('\ufeffStep,R\r\n"Fills in, ""carefully""",0.96\r\n"多行\n标签",\r\n');
  });

  it('keeps a label from running as a spreadsheet formula', () => {
    expect(toCsv([['=HYPERLINK("x")', -0.5]])).toBe('\ufeff"\'=HYPERLINK(""x"")",-0.5\r\n');
  });
});

describe('file names', () => {
  it('come from the title', () => {
    expect(blueprintFileName('Courier pickup and delivery')).toBe(
      'Courier-pickup-and-delivery.blueprint.json',
    );
    expect(blueprintFileName('快递服务流程')).toBe('快递服务流程.blueprint.json');
  });

  it('drop characters file systems refuse, and fall back when nothing is left', () => {
    expect(fileStem('a/b:c*?', 'x')).toBe('a-b-c');
    expect(blueprintFileName('  ')).toBe('blueprint.blueprint.json');
    expect(blueprintFileName(undefined)).toBe('blueprint.blueprint.json');
  });
});

describe('new blueprint', () => {
  it('is valid and has a start connected to a success end', () => {
    const document = newBlueprint({ title: 'T', start: 'Arrive', end: 'Served' });
    const parsed = validateDocument(document);
    expect(parsed.ok).toBe(true);
    expect(document.nodes.map((node) => node.type)).toEqual(['start', 'end']);
    expect(document.edges).toEqual([{ id: 'e1', source: 'start', target: 'end' }]);
  });
});

describe('the localStorage autosave of earlier versions', () => {
  const document: BlueprintDocument = newBlueprint({ title: 'Saved', start: 's', end: 'e' });

  it('gives back what it stored', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(document));
    expect(restoreAutosave(storage)).toEqual({ document, corrupt: false });
  });

  it('keeps an invalid but well-formed blueprint', () => {
    const storage = new MemoryStorage();
    const unfinished = { ...document, edges: [] };
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(unfinished));
    expect(validateDocument(unfinished).ok).toBe(false);
    expect(restoreAutosave(storage).document).toEqual(unfinished);
  });

  it('reports a stored value that is not a blueprint', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, '{"format":"something else"}');
    expect(restoreAutosave(storage)).toEqual({ document: null, corrupt: true });
    storage.setItem(AUTOSAVE_KEY, 'not json');
    expect(restoreAutosave(storage)).toEqual({ document: null, corrupt: true });
    expect(restoreAutosave(new MemoryStorage())).toEqual({ document: null, corrupt: false });
  });
});
