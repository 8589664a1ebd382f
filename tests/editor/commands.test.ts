/**
 * Every editing command, checked as given / when / then on execute, undo and redo.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { actions, runAction } from '../../src/editor/actions/registry';
import { computeLaneBands, bandOf } from '../../src/document/geometry';
import { HISTORY_LIMIT, select } from '../../src/editor/store/blueprint';
import type { StepNodeSpec } from '../../src/sim/document';
import { doc, edge, expectOneUndoStep, given, node, sampleDocument, state, when } from './helpers';

beforeEach(() => {
  given();
});

describe('the action registry', () => {
  it('gives every action an id, a label key in the editing catalogue and an undo policy', () => {
    const ids = new Set<string>();
    for (const action of actions) {
      expect(ids.has(action.id)).toBe(false);
      ids.add(action.id);
      expect(action.labelKey).toBe(`editing.action.${action.id}`);
      expect(['record', 'history', 'none']).toContain(action.undo);
    }
    expect(ids).toContain('moveNodes');
    expect(ids).toContain('applyScenarioToBaseline');
  });

  it('binds undo and redo to Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y', () => {
    const undo = actions.find((a) => a.id === 'undo')!;
    const redo = actions.find((a) => a.id === 'redo')!;
    expect(undo.shortcuts).toEqual([{ key: 'z', mod: true }]);
    expect(redo.shortcuts).toEqual([
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ]);
  });

  it('refuses undo and redo with nothing to undo or redo, and says so', () => {
    const undo = when('undo');
    expect(undo).toEqual({ ok: false, refusal: { key: 'editing.notice.nothingToUndo' } });
    expect(state().notice?.key).toBe('editing.notice.nothingToUndo');
    expect(when('redo').ok).toBe(false);
  });

  it('records nothing for an edit that changes nothing', () => {
    when('setNodeField', { id: 's1', field: 'label', value: 'Phones in' });
    expect(state().past).toHaveLength(0);
  });

  it('drops the oldest undo steps past the history limit', () => {
    for (let i = 0; i <= HISTORY_LIMIT + 5; i++) when('setTitle', { title: `Title ${i}` });
    expect(state().past).toHaveLength(HISTORY_LIMIT);
  });

  it('labels each undo step with the action that made it', () => {
    when('setTitle', { title: 'Renamed' });
    when('connect', { source: 'd1', target: 'end' });
    expect(state().past.map((entry) => entry.label)).toEqual(['setTitle', 'connect']);
  });
});

describe('addNode', () => {
  it('adds a step where it is dropped, in the lane of that band', () => {
    const before = doc();
    const outcome = when('addNode', { type: 'step', position: { x: 700, y: 190 } });
    expect(outcome).toEqual({ ok: true, changed: true });
    const added = doc().nodes[doc().nodes.length - 1];
    expect(added).toMatchObject({
      id: 's4',
      type: 'step',
      lane: 'frontstage',
      position: { x: 700, y: 190 },
    });
    expect([...state().selection.nodes]).toEqual(['s4']);
    expectOneUndoStep(before);
  });

  it('adds a failure end with its outcome, in the support band', () => {
    when('addNode', { type: 'end', outcome: 'failure', position: { x: 100, y: 560 } });
    expect(doc().nodes.at(-1)).toMatchObject({
      id: 'end2',
      type: 'end',
      outcome: 'failure',
      lane: 'support',
    });
  });

  it('adds after the selected node, in its lane, and connects it in the same undo step', () => {
    given({
      ...sampleDocument(),
      edges: sampleDocument().edges.filter((e) => e.id !== 'e6'),
    });
    const before = doc();
    when('addNode', { type: 'step', after: 's3' });
    const added = node('s4');
    expect(added.lane).toBe('backstage');
    expect(added.position!.x).toBeGreaterThan(node('s3').position!.x + 180);
    expect(doc().edges.some((e) => e.source === 's3' && e.target === 's4')).toBe(true);
    expectOneUndoStep(before);
  });

  it('still adds the node when the rules refuse the connection', () => {
    when('addNode', { type: 'step', after: 's1' }); // s1 already has its outgoing edge
    expect(node('s4').lane).toBe('customer');
    expect(doc().edges.filter((e) => e.source === 's1')).toHaveLength(1);
  });

  it('refuses a second start', () => {
    const outcome = when('addNode', { type: 'start', position: { x: 0, y: 0 } });
    expect(outcome).toEqual({ ok: false, refusal: { key: 'editing.notice.secondStart' } });
    expect(state().past).toHaveLength(0);
  });

  it('pushes the lanes below down when a node is dropped low in its band', () => {
    const s3Before = node('s3').position!.y;
    // Centre in the frontstage band (160–320) but its bottom far below: the band grows.
    when('addNode', { type: 'step', position: { x: 100, y: 280 } });
    expect(node('s4').lane).toBe('frontstage');
    const bands = computeLaneBands(doc().nodes);
    const s3 = node('s3');
    expect(s3.position!.y).toBeGreaterThan(s3Before);
    expect(s3.position!.y).toBeGreaterThanOrEqual(bandOf(bands, 'backstage').top);
    for (const n of doc().nodes) {
      const band = bandOf(bands, n.lane!);
      expect(n.position!.y, n.id).toBeGreaterThanOrEqual(band.top);
      expect(n.position!.y, n.id).toBeLessThan(band.bottom);
    }
  });
});

describe('deleteSelection', () => {
  it('deletes the selected nodes with every edge touching them', () => {
    const before = doc();
    select(['s2']);
    when('deleteSelection');
    expect(doc().nodes.map((n) => n.id)).not.toContain('s2');
    expect(
      doc()
        .edges.map((e) => e.id)
        .sort(),
    ).toEqual(['e1', 'e4', 'e5', 'e6']);
    expect(state().selection.nodes.size).toBe(0);
    expectOneUndoStep(before);
  });

  it('scales a decision back to a sum of 1 when it loses a branch', () => {
    select([], ['e5']);
    when('deleteSelection');
    expect(edge('e4').probability).toBeCloseTo(1, 12);
  });

  it('drops scenario changes aimed at deleted nodes', () => {
    select(['s1']);
    when('deleteSelection');
    expect(doc().scenarios![0].changes).toEqual([]);
  });

  it('is refused with nothing selected', () => {
    expect(when('deleteSelection')).toEqual({
      ok: false,
      refusal: { key: 'editing.notice.nothingSelected' },
    });
  });
});

describe('connect', () => {
  it('adds a normal edge', () => {
    given({ ...sampleDocument(), edges: sampleDocument().edges.filter((e) => e.id !== 'e6') });
    const before = doc();
    when('connect', { source: 's3', target: 'end' });
    expect(doc().edges.at(-1)).toEqual({ id: 'e8', source: 's3', target: 'end' });
    expectOneUndoStep(before);
  });

  it('splits a decision evenly when it gains a branch, keeping the sum at 1', () => {
    when('connect', { source: 'd1', target: 'end' });
    const branches = doc().edges.filter((e) => e.source === 'd1');
    expect(branches).toHaveLength(3);
    for (const b of branches) expect(b.probability).toBeCloseTo(1 / 3, 15);
    expect(branches.reduce((sum, b) => sum + (b.probability as number), 0)).toBeCloseTo(1, 12);
  });

  it('refuses a second normal edge out of a step, pointing to the failure handle', () => {
    const outcome = when('connect', { source: 's1', target: 'end' });
    expect(outcome).toEqual({
      ok: false,
      refusal: { key: 'editing.notice.stepSecondOut', vars: { node: 'Phones in' } },
    });
    expect(state().notice?.key).toBe('editing.notice.stepSecondOut');
    expect(state().past).toHaveLength(0);
  });

  it('accepts it as a failure edge, but only one per step', () => {
    const before = doc();
    when('connect', { source: 's3', target: 'fail', kind: 'failure' });
    expect(doc().edges.at(-1)).toMatchObject({ source: 's3', target: 'fail', kind: 'failure' });
    expectOneUndoStep(before);
    const second = when('connect', { source: 's3', target: 'end', kind: 'failure' });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.refusal.key).toBe('editing.notice.failureEdgeExists');
  });

  it('allows a failure edge back to the step itself (a retry) but no normal self-loop', () => {
    expect(when('connect', { source: 's3', target: 's3', kind: 'failure' }).ok).toBe(true);
    const self = when('connect', { source: 'd1', target: 'd1' });
    expect(self.ok).toBe(false);
  });

  it.each([
    ['out of an end', { source: 'end', target: 's1' }, 'editing.notice.connectFromEnd'],
    ['into the start', { source: 'd1', target: 'start' }, 'editing.notice.connectToStart'],
    ['twice the same way', { source: 'd1', target: 's3' }, 'editing.notice.connectDuplicate'],
    [
      'a failure edge out of a decision',
      { source: 'd1', target: 'end', kind: 'failure' as const },
      'editing.notice.failureEdgeNotFromStep',
    ],
    [
      'a second edge out of the start',
      { source: 'start', target: 's2' },
      'editing.notice.secondOut',
    ],
    ['to a missing node', { source: 's1', target: 'nowhere' }, 'editing.notice.nodeMissing'],
  ])('refuses an edge %s', (_name, params, key) => {
    const outcome = when('connect', params);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.refusal.key).toBe(key);
    expect(state().past).toHaveLength(0);
  });
});

describe('setNodeField', () => {
  it('sets a reliability as a number, an expression and observed data', () => {
    const before = doc();
    when('setNodeField', { id: 's1', field: 'reliability', value: 0.95 });
    expect((node('s1') as StepNodeSpec).reliability).toBe(0.95);
    expectOneUndoStep(before);
    when('setNodeField', { id: 's1', field: 'reliability', value: 'base * 0.9' });
    expect((node('s1') as StepNodeSpec).reliability).toBe('base * 0.9');
    when('setNodeField', { id: 's1', field: 'reliability', value: { successes: 98, trials: 100 } });
    expect((node('s1') as StepNodeSpec).reliability).toEqual({ successes: 98, trials: 100 });
    when('setNodeField', { id: 's1', field: 'reliability', value: undefined });
    expect('reliability' in node('s1')).toBe(false);
  });

  it('adds, changes and removes a recovery', () => {
    const before = doc();
    when('setNodeField', { id: 's1', field: 'recovery', value: { catch: 0.5 } });
    expect((node('s1') as StepNodeSpec).recovery).toEqual({ catch: 0.5 });
    expectOneUndoStep(before);
    when('setNodeField', { id: 's1', field: 'recovery', value: null });
    expect('recovery' in node('s1')).toBe(false);
  });

  it('sets a duration distribution and a cost', () => {
    const before = doc();
    when('setNodeField', {
      id: 's3',
      field: 'duration',
      value: { dist: 'triangular', min: 2, mode: 3, max: 8 },
    });
    when('setNodeField', { id: 's3', field: 'cost', value: 1.5 });
    expect(node('s3')).toMatchObject({
      duration: { dist: 'triangular', min: 2, mode: 3, max: 8 },
      cost: 1.5,
    });
    expect(state().past).toHaveLength(2);
    when('undo');
    when('undo');
    expect(doc()).toBe(before);
  });

  it('sets and clears a label; empty text removes the key', () => {
    const before = doc();
    when('setNodeField', { id: 'd1', field: 'label', value: 'Address complete?' });
    expect(node('d1').label).toBe('Address complete?');
    expectOneUndoStep(before);
    when('setNodeField', { id: 'd1', field: 'label', value: '  ' });
    expect('label' in node('d1')).toBe(false);
  });

  it('moves a node into the band of its new lane', () => {
    const before = doc();
    when('setNodeField', { id: 's1', field: 'lane', value: 'backstage' });
    const moved = node('s1');
    expect(moved.lane).toBe('backstage');
    const band = bandOf(computeLaneBands(doc().nodes), 'backstage');
    expect(moved.position!.y).toBeGreaterThanOrEqual(band.top);
    expect(moved.position!.y).toBeLessThan(band.bottom);
    expectOneUndoStep(before);
  });

  it("sets a join's k and an end's outcome", () => {
    given({
      ...sampleDocument(),
      nodes: [...sampleDocument().nodes, { id: 'j1', type: 'join', position: { x: 0, y: 400 } }],
    });
    when('setNodeField', { id: 'j1', field: 'k', value: 2 });
    expect(node('j1')).toMatchObject({ k: 2 });
    when('setNodeField', { id: 'end', field: 'outcome', value: 'failure' });
    expect(node('end')).toMatchObject({ outcome: 'failure' });
    when('setNodeField', { id: 'end', field: 'outcome', value: 'success' });
    expect('outcome' in node('end')).toBe(false);
  });

  it('refuses a field that does not apply to the node type', () => {
    const outcome = when('setNodeField', { id: 'd1', field: 'reliability', value: 0.5 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.refusal.key).toBe('editing.notice.fieldNotForType');
  });
});

describe('edges', () => {
  it('sets a decision probability and gives the other of two branches the rest', () => {
    const before = doc();
    when('setEdgeProbability', { id: 'e4', probability: 0.9 });
    expect(edge('e4').probability).toBe(0.9);
    expect(edge('e5').probability).toBe(0.1);
    expectOneUndoStep(before);
  });

  it('refuses a probability on an edge that does not leave a decision', () => {
    expect(when('setEdgeProbability', { id: 'e1', probability: 0.5 }).ok).toBe(false);
  });

  it('marks an edge as a failure edge and back', () => {
    given({ ...sampleDocument(), edges: sampleDocument().edges.filter((e) => e.id !== 'e7') });
    when('connect', { source: 's2', target: 'fail', kind: 'normal' }); // refused: s2 has e3
    expect(state().past).toHaveLength(0);
    const before = doc();
    when('setEdgeKind', { id: 'e6', kind: 'failure' });
    expect(edge('e6').kind).toBe('failure');
    expectOneUndoStep(before);
    when('setEdgeKind', { id: 'e6', kind: 'normal' });
    expect('kind' in edge('e6')).toBe(false);
  });

  it('refuses a second failure edge by changing its kind', () => {
    const outcome = when('setEdgeKind', { id: 'e3', kind: 'failure' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.refusal.key).toBe('editing.notice.failureEdgeExists');
  });

  it('sets an edge label', () => {
    const before = doc();
    when('setEdgeText', { id: 'e4', field: 'label', value: 'complete' });
    expect(edge('e4').label).toBe('complete');
    expectOneUndoStep(before);
  });
});

describe('moveNodes', () => {
  it('moves several nodes as one undo step', () => {
    const before = doc();
    when('moveNodes', { positions: { s1: { x: 150, y: 40 }, s2: { x: 400, y: 210 } } });
    expect(node('s1').position).toEqual({ x: 150, y: 40 });
    expect(node('s2').position).toEqual({ x: 400, y: 210 });
    expect(state().past).toHaveLength(1);
    expectOneUndoStep(before);
  });

  it('gives a node dropped in another band that lane, as part of the same step', () => {
    const before = doc();
    when('moveNodes', { positions: { s1: { x: 120, y: 540 } } });
    expect(node('s1').lane).toBe('support');
    expectOneUndoStep(before);
    when('undo');
    expect(node('s1').lane).toBe('customer');
  });

  it('keeps a node inside its band when dropped across its top edge', () => {
    when('moveNodes', { positions: { s3: { x: 760, y: 330 } } }); // centre 366: backstage
    expect(node('s3').lane).toBe('backstage');
    expect(node('s3').position!.y).toBeGreaterThanOrEqual(320);
  });
});

describe('clipboard', () => {
  it('pastes copies with fresh ids, offset, keeping the edges among them', () => {
    select(['s1', 's2']);
    when('copy');
    expect(state().clipboard?.nodes.map((n) => n.id)).toEqual(['s1', 's2']);
    // e2 (s1→s2) and e7 (s2→s1) are among the copied nodes; e1 and e3 are not.
    expect(state().clipboard?.edges.map((e) => e.id)).toEqual(['e2', 'e7']);
    const before = doc();
    when('paste');
    const ids = doc().nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const pasted = doc().nodes.slice(-2);
    expect(pasted.map((n) => n.id)).toEqual(['s4', 's5']);
    expect(pasted[0].position).toEqual({ x: 160, y: 84 });
    expect(pasted[0].label).toBe('Phones in');
    const newEdges = doc().edges.slice(-2);
    expect(newEdges).toEqual([
      { id: 'e8', source: 's4', target: 's5' },
      { id: 'e9', source: 's5', target: 's4', kind: 'failure' },
    ]);
    expect([...state().selection.nodes]).toEqual(['s4', 's5']);
    expectOneUndoStep(before);
  });

  it('pastes again further along, again with fresh ids', () => {
    select(['s1']);
    when('copy');
    when('paste');
    when('paste');
    expect(node('s5').position!.x - node('s4').position!.x).toBe(40);
    expect(node('s5').label).toBe('Phones in');
  });

  it('cut removes the nodes and paste brings back copies', () => {
    select(['s3']);
    when('cut');
    expect(doc().nodes.some((n) => n.id === 's3')).toBe(false);
    when('paste');
    expect(doc().nodes.at(-1)).toMatchObject({ type: 'step', label: 'Delivers', id: 's3' });
  });

  it('never pastes a second start', () => {
    select(['start', 's1']);
    when('copy');
    when('paste');
    expect(doc().nodes.filter((n) => n.type === 'start')).toHaveLength(1);
  });

  it('refuses to paste an empty clipboard', () => {
    expect(when('paste').ok).toBe(false);
  });
});

describe('automatic layout', () => {
  it('lays every node into its lane band as one undo step', async () => {
    const before = doc();
    const outcome = await runAction('autoLayout');
    expect(outcome).toEqual({ ok: true, changed: true });
    const bands = computeLaneBands(doc().nodes);
    for (const n of doc().nodes) {
      const band = bandOf(bands, n.lane!);
      expect(n.position!.y, n.id).toBeGreaterThanOrEqual(band.top);
      expect(n.position!.y, n.id).toBeLessThan(band.bottom);
    }
    // Left to right: the start comes before the step it leads to.
    expect(node('start').position!.x).toBeLessThan(node('s1').position!.x);
    expect(state().past).toHaveLength(1);
    expectOneUndoStep(before);
  });
});

describe('blueprint properties and parameters', () => {
  it('sets the title and the description', () => {
    const before = doc();
    when('setTitle', { title: 'Courier' });
    expect(doc().title).toBe('Courier');
    expectOneUndoStep(before);
    when('setDescription', { description: 'Ten steps' });
    expect(doc().description).toBe('Ten steps');
  });

  it('sets the notes, and an emptied note leaves no key in the file', () => {
    const before = doc();
    when('setNotes', { notes: 'Import report of “order.bpmn”' });
    expect(doc().notes).toBe('Import report of “order.bpmn”');
    expectOneUndoStep(before);
    when('setNotes', { notes: '  ' });
    expect(doc()).not.toHaveProperty('notes');
  });

  it('adds a parameter with a free name', () => {
    const before = doc();
    when('addParameter', {});
    expect(doc().parameters).toHaveProperty('parameter1', { value: 1 });
    expectOneUndoStep(before);
  });

  it('renames a parameter and every expression that uses it', () => {
    given({
      ...sampleDocument(),
      parameters: { base: { value: 0.99 }, other: { value: 'base * 2' } },
      scenarios: [{ id: 'p', name: 'P', changes: [{ parameter: 'base', value: 0.98 }] }],
    });
    const before = doc();
    when('renameParameter', { name: 'base', newName: 'baseline_r' });
    expect(Object.keys(doc().parameters!)).toEqual(['baseline_r', 'other']);
    expect(doc().parameters!.other.value).toBe('baseline_r * 2');
    expect((node('s2') as StepNodeSpec).reliability).toBe('baseline_r - 0.01');
    expect(doc().scenarios![0].changes[0]).toEqual({ parameter: 'baseline_r', value: 0.98 });
    expect(node('s2').label).toBe('Collects');
    expectOneUndoStep(before);
  });

  it('refuses a rename to a taken or invalid name', () => {
    when('addParameter', { name: 'taken' });
    expect(when('renameParameter', { name: 'base', newName: 'taken' }).ok).toBe(false);
    expect(when('renameParameter', { name: 'base', newName: '2bad' }).ok).toBe(false);
  });

  it('sets a value and a label', () => {
    const before = doc();
    when('setParameter', { name: 'base', value: 0.95, label: 'Base' });
    expect(doc().parameters!.base).toEqual({ value: 0.95, label: 'Base' });
    expectOneUndoStep(before);
  });

  it('refuses to delete a parameter still in use, and deletes an unused one', () => {
    const refused = when('removeParameter', { name: 'base' });
    expect(refused).toEqual({
      ok: false,
      refusal: { key: 'editing.notice.parameterInUse', vars: { name: 'base', count: 1 } },
    });
    when('addParameter', { name: 'spare', value: 3 });
    const before = doc();
    when('removeParameter', { name: 'spare' });
    expect(doc().parameters).not.toHaveProperty('spare');
    expectOneUndoStep(before);
  });
});

describe('scenarios', () => {
  it('creates, renames, describes and deletes a scenario', () => {
    const before = doc();
    when('createScenario', { name: 'Recover step 3' });
    expect(doc().scenarios!.at(-1)).toEqual({
      id: 'recover-step-3',
      name: 'Recover step 3',
      changes: [],
    });
    expectOneUndoStep(before);
    when('renameScenario', { id: 'recover-step-3', name: 'Recover 3' });
    when('setScenarioDescription', { id: 'recover-step-3', description: 'Catch 60%' });
    expect(doc().scenarios!.at(-1)).toMatchObject({ name: 'Recover 3', description: 'Catch 60%' });
    const beforeDelete = doc();
    when('deleteScenario', { id: 'recover-step-3' });
    expect(doc().scenarios!.map((s) => s.id)).toEqual(['better-s1']);
    expectOneUndoStep(beforeDelete);
  });

  it('sets the changes of a scenario', () => {
    const before = doc();
    when('setScenarioChanges', {
      id: 'better-s1',
      changes: [{ edge: 'e4', set: { probability: 0.99 } }],
    });
    expect(doc().scenarios![0].changes).toEqual([{ edge: 'e4', set: { probability: 0.99 } }]);
    expectOneUndoStep(before);
  });

  it('applies a scenario to the baseline, undoably, and removes it from the list', () => {
    const before = doc();
    when('applyScenarioToBaseline', { id: 'better-s1' });
    expect((node('s1') as StepNodeSpec).reliability).toBe(0.999);
    expect(doc().scenarios).toEqual([]);
    expectOneUndoStep(before);
    when('undo');
    expect((node('s1') as StepNodeSpec).reliability).toBe(0.99);
    expect(doc().scenarios).toHaveLength(1);
  });
});

describe('what-if mode', () => {
  it('records value edits into the scenario and leaves the baseline untouched', () => {
    when('setWhatIf', { scenarioId: 'better-s1' });
    const baselineNodes = doc().nodes;
    const before = doc();
    when('setNodeField', { id: 's3', field: 'reliability', value: 0.95 });
    expect(doc().nodes).toBe(baselineNodes);
    expect((node('s3') as StepNodeSpec).reliability).toBe(0.9);
    expect(doc().scenarios![0].changes).toEqual([
      { node: 's1', set: { reliability: 0.999 } },
      { node: 's3', set: { reliability: 0.95 } },
    ]);
    expectOneUndoStep(before);
  });

  it('merges edits of the same node into one change, and drops a value set back to the baseline', () => {
    when('setWhatIf', { scenarioId: 'better-s1' });
    when('setNodeField', { id: 's1', field: 'recovery', value: { catch: 0.5 } });
    expect(doc().scenarios![0].changes).toEqual([
      { node: 's1', set: { reliability: 0.999, recovery: { catch: 0.5 } } },
    ]);
    when('setNodeField', { id: 's1', field: 'reliability', value: 0.99 });
    when('setNodeField', { id: 's1', field: 'recovery', value: null });
    expect(doc().scenarios![0].changes).toEqual([]);
  });

  it('records both branches of a two-way decision', () => {
    when('setWhatIf', { scenarioId: 'better-s1' });
    when('setEdgeProbability', { id: 'e4', probability: 0.99 });
    expect(edge('e4').probability).toBe(0.97);
    expect(doc().scenarios![0].changes.slice(1)).toEqual([
      { edge: 'e4', set: { probability: 0.99 } },
      { edge: 'e5', set: { probability: 0.01 } },
    ]);
  });

  it('records parameter values into the scenario', () => {
    when('setWhatIf', { scenarioId: 'better-s1' });
    when('setParameter', { name: 'base', value: 0.9 });
    expect(doc().parameters!.base.value).toBe(0.99);
    expect(doc().scenarios![0].changes.at(-1)).toEqual({ parameter: 'base', value: 0.9 });
  });

  it('refuses structural edits, but still lets nodes move', () => {
    when('setWhatIf', { scenarioId: 'better-s1' });
    for (const outcome of [
      when('addNode', { type: 'step', position: { x: 0, y: 0 } }),
      when('connect', { source: 'd1', target: 'end' }),
      when('setNodeField', { id: 's1', field: 'label', value: 'New' }),
      when('setEdgeKind', { id: 'e3', kind: 'failure' }),
    ]) {
      expect(outcome).toEqual({ ok: false, refusal: { key: 'editing.notice.whatIfStructure' } });
    }
    expect(when('moveNodes', { positions: { s1: { x: 130, y: 44 } } }).ok).toBe(true);
  });

  it('is toggled on into a new scenario (one undo step) and off again', () => {
    const before = doc();
    when('toggleWhatIf');
    const id = state().whatIfScenarioId!;
    expect(doc().scenarios!.find((s) => s.id === id)).toMatchObject({
      name: 'What-if 2',
      changes: [],
    });
    expectOneUndoStep(before);
    // Undo took the scenario away, and what-if mode with it; redo brought the scenario back.
    expect(state().whatIfScenarioId).toBeNull();
    when('toggleWhatIf');
    expect(state().whatIfScenarioId).toBe(id);
    expect(doc().scenarios).toHaveLength(2);
    when('toggleWhatIf');
    expect(state().whatIfScenarioId).toBeNull();
  });

  it('turns itself off when its scenario is undone away or deleted', () => {
    when('toggleWhatIf');
    when('undo');
    expect(state().whatIfScenarioId).toBeNull();
    when('setWhatIf', { scenarioId: 'better-s1' });
    when('deleteScenario', { id: 'better-s1' });
    expect(state().whatIfScenarioId).toBeNull();
  });
});

describe('loading', () => {
  it('replaces the document and clears the history, the selection and what-if mode', () => {
    when('setTitle', { title: 'Edited' });
    select(['s1']);
    when('setWhatIf', { scenarioId: 'better-s1' });
    expect(state().past.length).toBeGreaterThan(0);
    const loaded = given({ ...sampleDocument(), title: 'Loaded' });
    expect(doc()).toBe(loaded);
    expect(state().past).toEqual([]);
    expect(state().future).toEqual([]);
    expect(state().selection.nodes.size).toBe(0);
    expect(state().whatIfScenarioId).toBeNull();
    expect(when('undo').ok).toBe(false);
  });

  it('lays out a file without positions, without an undo step', async () => {
    const { loadDocument } = await import('../../src/editor/store/load');
    const unplaced = {
      ...sampleDocument(),
      nodes: sampleDocument().nodes.map(({ position: _position, ...rest }) => rest),
    };
    const done = loadDocument(unplaced);
    // A quick layout is there at once...
    expect(doc().nodes.every((n) => n.position)).toBe(true);
    expect(state().layoutPending).toBe(true);
    await done;
    // ...and ELK's replaces it, still without history.
    expect(state().layoutPending).toBe(false);
    expect(state().past).toEqual([]);
    const bands = computeLaneBands(doc().nodes);
    for (const n of doc().nodes) {
      const band = bandOf(bands, n.lane ?? 'backstage');
      expect(n.position!.y, n.id).toBeGreaterThanOrEqual(band.top);
      expect(n.position!.y, n.id).toBeLessThan(band.bottom);
    }
  });
});
