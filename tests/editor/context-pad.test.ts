/**
 * The context pad's commands and the rule behind "change type", as given / when / then on
 * execute, undo and redo, with the refusals asserted by code.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { actions, checkAction } from '../../src/editor/actions/registry';
import { useCanvasModes } from '../../src/editor/store/canvasModes';
import { findNodes } from '../../src/editor/shell/FindBox';
import { useFindState } from '../../src/editor/shell/findState';
import { select } from '../../src/editor/store/blueprint';
import { changeNodeType } from '../../src/document/commands';
import { isRefusal } from '../../src/document/refusals';
import { doc, edge, expectOneUndoStep, given, node, sampleDocument, state, when } from './helpers';

beforeEach(() => {
  given();
  useCanvasModes.setState({ editing: null, connectingFrom: null });
  useFindState.setState({ open: false, requests: 0 });
});

describe('changeNodeType', () => {
  it('turns a success end into a failure end and back, one undo step each', () => {
    const before = doc();
    expect(when('changeNodeType', { id: 'end', type: 'end', outcome: 'failure' }).ok).toBe(true);
    expect(node('end')).toMatchObject({ type: 'end', outcome: 'failure', label: 'Delivered' });
    const failed = expectOneUndoStep(before);
    when('changeNodeType', { id: 'end', type: 'end' });
    expect(node('end')).not.toHaveProperty('outcome');
    expectOneUndoStep(failed);
  });

  it('turns a step into a decision: keeps label, lane, position and notes, drops its values', () => {
    const start = sampleDocument();
    start.nodes = start.nodes.map((n) => (n.id === 's3' ? { ...n, notes: 'Last mile' } : n));
    given(start);
    const before = doc();
    when('changeNodeType', { id: 's3', type: 'decision' });
    expect(node('s3')).toEqual({
      id: 's3',
      type: 'decision',
      label: 'Delivers',
      lane: 'backstage',
      position: { x: 760, y: 364 },
      notes: 'Last mile',
    });
    // Its one way out is now a branch, and carries the whole probability.
    expect(edge('e6')).toEqual({ id: 'e6', source: 's3', target: 'end', probability: 1 });
    expectOneUndoStep(before);
  });

  it('drops the scenario changes of a step that becomes a decision', () => {
    when('changeNodeType', { id: 's1', type: 'decision' });
    expect(doc().scenarios?.[0].changes).toEqual([]);
    expect(edge('e2').probability).toBe(1);
  });

  it('turns a decision with one branch into a step, and its branch into a plain edge', () => {
    when('deleteElements', { edges: ['e5'] });
    const before = doc();
    expect(edge('e4').probability).toBe(1);
    when('changeNodeType', { id: 'd1', type: 'step' });
    expect(node('d1')).toEqual({
      id: 'd1',
      type: 'step',
      label: 'Address ok?',
      lane: 'backstage',
      position: { x: 600, y: 368 },
    });
    expect(edge('e4')).toEqual({ id: 'e4', source: 'd1', target: 's3' });
    expectOneUndoStep(before);
  });

  it('refuses a decision with two branches becoming a step (ED025), and changes nothing', () => {
    const before = doc();
    const outcome = when('changeNodeType', { id: 'd1', type: 'step' });
    expect(outcome).toEqual({
      ok: false,
      refusal: {
        key: 'editing.notice.typeChangeBranches',
        vars: { node: 'Address ok?', count: 2 },
      },
    });
    expect(doc()).toBe(before);
    expect(state().past).toHaveLength(0);
  });

  it('refuses a step with a failure edge becoming a decision (ED024)', () => {
    const result = changeNodeType(doc(), { id: 's2', type: 'decision' });
    expect(isRefusal(result) && result.code).toBe('ED024');
  });

  it('refuses changes with no counterpart (ED023): start, step to end, end to step', () => {
    for (const params of [
      { id: 'start', type: 'step' },
      { id: 's1', type: 'end' },
      { id: 'end', type: 'step' },
    ] as const) {
      const result = changeNodeType(doc(), params);
      expect(isRefusal(result) && result.code).toBe('ED023');
    }
  });

  it('refuses an unknown node (ED001) and records nothing for the same type', () => {
    const result = changeNodeType(doc(), { id: 'nope', type: 'step' });
    expect(isRefusal(result) && result.code).toBe('ED001');
    when('changeNodeType', { id: 's1', type: 'step' });
    expect(state().past).toHaveLength(0);
  });

  it('is blocked in what-if mode, which changes values only', () => {
    when('toggleWhatIf');
    const verdict = checkAction('changeNodeType', state(), { id: 'end', type: 'end' });
    expect(verdict).toEqual({ key: 'editing.notice.whatIfStructure' });
  });
});

describe('the context pad commands', () => {
  it('refuses every pad command without exactly one selected node', () => {
    for (const id of ['appendStep', 'switchNodeType', 'connectFrom', 'editLabel'] as const) {
      expect(checkAction(id, state())).toEqual({ key: 'editing.notice.selectOneNode' });
    }
    select(['s1', 's2']);
    expect(checkAction('appendStep', state())).toEqual({ key: 'editing.notice.selectOneNode' });
  });

  it('appends a step after a step by splitting its way out, and selects the new step', () => {
    select(['s3']);
    const before = doc();
    expect(when('appendStep').ok).toBe(true);
    const added = doc().nodes.at(-1)!;
    expect(added).toMatchObject({ type: 'step', lane: 'backstage' });
    expect(edge('e6')).toMatchObject({ source: 's3', target: added.id });
    expect(doc().edges.at(-1)).toMatchObject({ source: added.id, target: 'end' });
    expect([...state().selection.nodes]).toEqual([added.id]);
    expectOneUndoStep(before);
  });

  it('appends a decision after a step: its one branch so far carries the whole probability', () => {
    select(['s1']);
    when('appendDecision');
    const added = doc().nodes.at(-1)!;
    expect(added.type).toBe('decision');
    expect(edge('e2')).toEqual({ id: 'e2', source: 's1', target: added.id });
    expect(doc().edges.at(-1)).toMatchObject({ source: added.id, target: 's2', probability: 1 });
  });

  it('appends a decision branch after a decision, splitting the probabilities evenly', () => {
    select(['d1']);
    when('appendEnd');
    const added = doc().nodes.at(-1)!;
    const branches = doc().edges.filter((e) => e.source === 'd1');
    expect(branches.map((e) => e.target)).toEqual(['s3', 'fail', added.id]);
    expect(branches.every((e) => e.probability === 1 / 3)).toBe(true);
  });

  it('refuses an end after a step whose way out is taken (ED012), and anything after an end', () => {
    select(['s3']);
    expect(checkAction('appendEnd', state())).toMatchObject({
      key: 'editing.notice.stepSecondOut',
    });
    select(['end']);
    expect(checkAction('appendStep', state())).toMatchObject({
      key: 'editing.notice.connectFromEnd',
    });
  });

  it('switches the selected failure end to a success end', () => {
    select(['fail']);
    const before = doc();
    when('switchNodeType');
    expect(node('fail')).not.toHaveProperty('outcome');
    expect(state().past.at(-1)?.label).toBe('switchNodeType');
    expectOneUndoStep(before);
  });

  it('says why the selected start cannot switch type', () => {
    select(['start']);
    expect(checkAction('switchNodeType', state())).toMatchObject({
      key: 'editing.notice.typeChangeNotAllowed',
    });
  });

  it('starts a connection from the selected node, and the label editor, without an undo step', () => {
    select(['s1']);
    when('connectFrom');
    expect(useCanvasModes.getState().connectingFrom).toBe('s1');
    when('editLabel');
    expect(useCanvasModes.getState()).toEqual({
      editing: { kind: 'node', id: 's1' },
      connectingFrom: null,
    });
    expect(state().past).toHaveLength(0);
  });

  it('opens the find box with Ctrl/⌘+F', () => {
    const find = actions.find((a) => a.id === 'find')!;
    expect(find.shortcuts).toEqual([{ key: 'f', mod: true }]);
    when('find');
    expect(useFindState.getState()).toEqual({ open: true, requests: 1 });
    when('find');
    expect(useFindState.getState().requests).toBe(2);
  });
});

describe('finding nodes by label', () => {
  const labels = (query: string) => findNodes(doc(), query).map((n) => n.id);

  it('ignores case and character width, and keeps the blueprint order', () => {
    expect(labels('DELIVER')).toEqual(['s3', 'end']);
    expect(labels('ｄｅｌｉｖｅｒ')).toEqual(['s3', 'end']);
    expect(labels('  phones ')).toEqual(['s1']);
  });

  it('finds Chinese labels by part of a word, and nothing for an empty query', () => {
    const start = sampleDocument();
    start.nodes = start.nodes.map((n) => (n.id === 's2' ? { ...n, label: '上门接收货物' } : n));
    given(start);
    expect(labels('接收')).toEqual(['s2']);
    expect(labels('')).toEqual([]);
    expect(labels('   ')).toEqual([]);
    expect(labels('无此节点')).toEqual([]);
  });
});
