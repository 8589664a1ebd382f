/**
 * The document room on its own, without the editor: the undo history as data, commands composed
 * into one transition, and coded refusals.
 */
import { describe, expect, it } from 'vitest';
import {
  composeCommands,
  connect,
  renameInExpression,
  saveScenario,
  setDocumentText,
} from '../src/document/commands';
import {
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  recordChange,
  redoLabel,
  stepBack,
  stepForward,
  undoLabel,
} from '../src/document/history';
import { REFUSALS, isRefusal, refusalName } from '../src/document/refusals';
import type { BlueprintDocument } from '../src/sim/document';
import { sampleDocument } from './editor/helpers';

function titled(title: string): BlueprintDocument {
  return { ...sampleDocument(), title };
}

describe('the undo history', () => {
  it('steps back and forward through named changes', () => {
    const a = titled('A');
    const b = titled('B');
    const c = titled('C');
    let history = recordChange(EMPTY_HISTORY, 'setTitle', a);
    history = recordChange(history, 'saveScenario', b);
    expect(undoLabel(history)).toBe('saveScenario');
    expect(redoLabel(history)).toBeNull();

    const back = stepBack(history, c)!;
    expect(back.document).toBe(b);
    expect(back.label).toBe('saveScenario');
    expect(undoLabel(back.history)).toBe('setTitle');
    expect(redoLabel(back.history)).toBe('saveScenario');

    const forward = stepForward(back.history, back.document)!;
    expect(forward.document).toBe(c);
    expect(forward.history.past.map((e) => e.label)).toEqual(['setTitle', 'saveScenario']);
    expect(stepForward(forward.history, c)).toBeNull();
    expect(stepBack(EMPTY_HISTORY, c)).toBeNull();
  });

  it('ends the redo branch with a new change and keeps at most the limit', () => {
    const back = stepBack(recordChange(EMPTY_HISTORY, 'setTitle', titled('A')), titled('B'))!;
    expect(recordChange(back.history, 'connect', titled('A')).future).toEqual([]);
    let history = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 3; i++)
      history = recordChange(history, `edit${i}`, titled(`${i}`));
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0].label).toBe('edit3');
  });
});

describe('composed commands', () => {
  it('are one transition, each command seeing what the one before left', () => {
    const document = sampleDocument();
    const result = composeCommands(document, [
      (d) => setDocumentText(d, 'title', 'Renamed'),
      (d) => connect(d, { source: 'd1', target: 'end' }),
    ]);
    if (isRefusal(result)) throw new Error('refused');
    expect(result.document.title).toBe('Renamed');
    expect(result.document.edges.some((e) => e.source === 'd1' && e.target === 'end')).toBe(true);
    // The connect's selection (the new edge) survives the composition.
    expect(result.selection?.edges.size).toBe(1);
  });

  it('stop at the first refusal and change nothing', () => {
    const document = sampleDocument();
    const result = composeCommands(document, [
      (d) => setDocumentText(d, 'title', 'Renamed'),
      (d) => connect(d, { source: 's1', target: 's1' }),
    ]);
    expect(result).toEqual({ code: 'ED005', params: { node: 'Phones in' } });
    expect(document.title).toBe('Sample');
  });

  it('save a scenario as create, or as rename and new changes', () => {
    const created = saveScenario(sampleDocument(), { name: 'Faster', changes: [] });
    if (isRefusal(created)) throw new Error('refused');
    expect(created.document.scenarios?.map((s) => s.name)).toContain('Faster');
    expect(saveScenario(sampleDocument(), { id: 'nope', name: 'X', changes: [] })).toEqual({
      code: 'ED021',
      params: { id: 'nope' },
    });
  });
});

describe('refusals', () => {
  it('carry a stable code with a name, and nothing else passes for one', () => {
    expect(refusalName('ED008')).toBe('ED008 connect-duplicate');
    expect(Object.keys(REFUSALS)).toHaveLength(new Set(Object.values(REFUSALS)).size);
    expect(isRefusal({ code: 'ED001' })).toBe(true);
    expect(isRefusal({ code: 'BP001' })).toBe(false);
    expect(isRefusal({ key: 'editing.notice.nodeMissing' })).toBe(false);
    expect(isRefusal({ document: sampleDocument() })).toBe(false);
  });
});

describe('renaming a parameter in an expression', () => {
  it('touches whole names only, whatever their script', () => {
    expect(renameInExpression('rate + rates * rate_2', 'rate', 'r')).toBe('r + rates * rate_2');
    expect(renameInExpression('捕获率 * 2 + 捕获率高', '捕获率', '补救率')).toBe(
      '补救率 * 2 + 捕获率高',
    );
    // "कम" followed by a combining vowel sign is the longer name "कमी", not a use of "कम".
    expect(renameInExpression('कम + कमी', 'कम', 'k')).toBe('k + कमी');
  });
});
