/**
 * Commands that belong together are one undo step with the name the user sees: a batch of
 * recording actions, and the named commands built from several edits (save scenario, reset a
 * field in a scenario, replace the open blueprint). Given / when / then, each checked on
 * execute, undo and redo.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { NODE_SIZES, edgeAt, overlaps } from '../../src/document/geometry';
import { redoLabel, undoLabel } from '../../src/document/history';
import type { BlueprintDocument, NodeSpec, Position } from '../../src/sim/document';
import { actionById, runBatch } from '../../src/editor/actions/registry';
import { select } from '../../src/editor/store/blueprint';
import { doc, expectOneUndoStep, given, sampleDocument, state, when } from './helpers';

beforeEach(() => {
  given();
});

function scenario(id: string) {
  return doc().scenarios?.find((s) => s.id === id);
}

describe('a batch of commands', () => {
  it('is one undo step, named by its label', () => {
    const before = doc();
    const outcome = runBatch('saveScenario', [
      ['renameScenario', { id: 'better-s1', name: 'Phone line fixed' }],
      ['setScenarioChanges', { id: 'better-s1', changes: [] }],
    ]);
    expect(outcome).toEqual({ ok: true, changed: true });
    expect(scenario('better-s1')).toMatchObject({ name: 'Phone line fixed', changes: [] });
    expect(state().past).toHaveLength(1);
    expect(undoLabel(state())).toBe('saveScenario');
    expect(actionById('saveScenario').labelKey).toBe('editing.action.saveScenario');
    expectOneUndoStep(before);
    when('undo');
    expect(redoLabel(state())).toBe('saveScenario');
  });

  it('changes nothing when one of its steps is refused, and says why', () => {
    const before = doc();
    const outcome = runBatch('saveScenario', [
      ['renameScenario', { id: 'better-s1', name: 'Renamed first' }],
      ['setScenarioChanges', { id: 'no-such-scenario', changes: [] }],
    ]);
    expect(outcome).toEqual({
      ok: false,
      refusal: { key: 'editing.notice.scenarioMissing', vars: { id: 'no-such-scenario' } },
    });
    expect(doc()).toBe(before);
    expect(state().past).toHaveLength(0);
    expect(state().notice?.key).toBe('editing.notice.scenarioMissing');
  });

  it('lets each step see what the step before it did', () => {
    const before = doc();
    runBatch('addNode', [
      ['addNode', { type: 'step', lane: 'support', label: 'Extra check' }],
      ['setTitle', { title: 'With an extra check' }],
    ]);
    const added = doc().nodes.find((n) => n.label === 'Extra check');
    expect(added?.type).toBe('step');
    expect(doc().title).toBe('With an extra check');
    expect(state().past).toHaveLength(1);
    // The selection the first step asked for survives the batch.
    expect([...state().selection.nodes]).toEqual([added!.id]);
    expectOneUndoStep(before);
  });

  it('refuses to batch a command that does not record an undo step', () => {
    expect(() => runBatch('setTitle', [['copy', undefined]])).toThrow(/cannot be batched/);
    expect(state().past).toHaveLength(0);
  });
});

describe('saving a scenario from the form', () => {
  it('renames an existing scenario and replaces its changes in one step', () => {
    const before = doc();
    const changes = [{ node: 's3', set: { reliability: 0.95 } }];
    expect(when('saveScenario', { id: 'better-s1', name: 'Deliveries improved', changes })).toEqual(
      { ok: true, changed: true },
    );
    expect(scenario('better-s1')).toMatchObject({ name: 'Deliveries improved', changes });
    expect(undoLabel(state())).toBe('saveScenario');
    expectOneUndoStep(before);
  });

  it('creates a scenario when it has no id yet', () => {
    const before = doc();
    when('saveScenario', {
      name: 'Fix step 3',
      changes: [{ node: 's3', set: { reliability: 1 } }],
    });
    expect(doc().scenarios?.map((s) => s.name)).toContain('Fix step 3');
    expectOneUndoStep(before);
  });
});

describe('resetting a field in a scenario', () => {
  it('takes one field of a node out of the scenario and keeps the others', () => {
    when('saveScenario', {
      id: 'better-s1',
      name: 'Two fields',
      changes: [{ node: 's3', set: { reliability: 0.95, cost: 4 } }],
    });
    const before = doc();
    when('resetScenarioField', { scenarioId: 'better-s1', target: { node: 's3', field: 'cost' } });
    expect(scenario('better-s1')?.changes).toEqual([{ node: 's3', set: { reliability: 0.95 } }]);
    expect(undoLabel(state())).toBe('resetScenarioField');
    expectOneUndoStep(before);
  });

  it('drops a node change left with nothing to set, and an edge change whole', () => {
    when('saveScenario', {
      id: 'better-s1',
      name: 'Node and edge',
      changes: [
        { node: 's3', set: { reliability: 0.95 } },
        { edge: 'e5', set: { probability: 0.99 } },
      ],
    });
    when('resetScenarioField', {
      scenarioId: 'better-s1',
      target: { node: 's3', field: 'reliability' },
    });
    when('resetScenarioField', { scenarioId: 'better-s1', target: { edge: 'e5' } });
    expect(scenario('better-s1')?.changes).toEqual([]);
  });

  it('is refused for a scenario that does not exist', () => {
    const outcome = when('resetScenarioField', { scenarioId: 'gone', target: { edge: 'e5' } });
    expect(outcome).toEqual({
      ok: false,
      refusal: { key: 'editing.notice.scenarioMissing', vars: { id: 'gone' } },
    });
  });
});

describe('replacing the open blueprint', () => {
  it('is one undo step that brings the replaced blueprint back, whole', () => {
    when('setTitle', { title: 'Edited' });
    const edited = doc();
    select(['s1']);
    const next = { ...sampleDocument(), title: 'Another blueprint' };
    expect(when('replaceBlueprint', { document: next })).toEqual({ ok: true, changed: true });
    expect(doc()).toBe(next);
    expect(state().selection.nodes.size).toBe(0);
    expect(undoLabel(state())).toBe('replaceBlueprint');
    expect(actionById('replaceBlueprint').labelKey).toBe('editing.action.replaceBlueprint');

    when('undo');
    expect(doc()).toBe(edited);
    // The edit before the replacement is still one more step back.
    expect(undoLabel(state())).toBe('setTitle');
    when('redo');
    expect(doc()).toBe(next);
  });

  it('starts a new history for the first blueprint of a session', () => {
    when('setTitle', { title: 'Edited' });
    const first = { ...sampleDocument(), title: 'First' };
    when('replaceBlueprint', { document: first, startsHistory: true });
    expect(doc()).toBe(first);
    expect(state().past).toEqual([]);
    expect(when('undo').ok).toBe(false);
  });
});

describe('what-if mode switched on and off', () => {
  it('leaves no empty scenario and no undo step behind when nothing was edited', () => {
    const before = doc();
    when('toggleWhatIf');
    expect(doc().scenarios).toHaveLength(2);
    when('toggleWhatIf');
    expect(state().whatIfScenarioId).toBeNull();
    expect(doc()).toBe(before);
    expect(state().past).toEqual([]);
    expect(state().future).toEqual([]);
  });

  it('keeps the scenario once something was recorded into it', () => {
    when('toggleWhatIf');
    const id = state().whatIfScenarioId!;
    when('setNodeField', { id: 's3', field: 'reliability', value: 0.95 });
    when('toggleWhatIf');
    expect(scenario(id)?.changes).toEqual([{ node: 's3', set: { reliability: 0.95 } }]);
  });

  it('keeps an empty scenario the user made and chose', () => {
    when('createScenario', { name: 'Empty on purpose' });
    const id = doc().scenarios!.find((s) => s.name === 'Empty on purpose')!.id;
    when('setWhatIf', { scenarioId: id });
    when('toggleWhatIf');
    expect(scenario(id)).toBeDefined();
  });
});

describe('inserting a node', () => {
  /** start → a → end, in one lane, with room to spare only far to the right. */
  function chain(): BlueprintDocument {
    return {
      format: 'failpoint.blueprint',
      version: 2,
      nodes: [
        { id: 'start', type: 'start', lane: 'customer', position: { x: 0, y: 58 } },
        { id: 'a', type: 'step', lane: 'customer', label: 'A', position: { x: 100, y: 44 } },
        { id: 'end', type: 'end', lane: 'customer', position: { x: 340, y: 58 } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'a' },
        { id: 'e2', source: 'a', target: 'end', label: 'done' },
      ],
    };
  }

  function overlapping(document: BlueprintDocument): string[] {
    const placed = document.nodes.filter((n) => n.position) as (NodeSpec & {
      position: Position;
    })[];
    const pairs: string[] = [];
    placed.forEach((a, i) =>
      placed.slice(i + 1).forEach((b) => {
        if (overlaps(a, b, 0)) pairs.push(`${a.id}/${b.id}`);
      }),
    );
    return pairs;
  }

  it('after a node whose way out is taken, splices it into that edge', () => {
    const before = given(chain());
    when('addNode', { type: 'step', after: 'a', label: 'B' });
    const b = doc().nodes.find((n) => n.label === 'B')!;
    // start → a → B → end: the old edge keeps its id and label and now ends at B.
    expect(doc().edges).toEqual([
      { id: 'e1', source: 'start', target: 'a' },
      { id: 'e2', source: 'a', target: b.id, label: 'done' },
      { id: 'e3', source: b.id, target: 'end' },
    ]);
    expect(b.lane).toBe('customer');
    expect(overlapping(doc())).toEqual([]);
    // The end made room: it is right of B now.
    const end = doc().nodes.find((n) => n.id === 'end')!;
    expect(end.position!.x).toBeGreaterThan(b.position!.x + NODE_SIZES.step.width);
    expectOneUndoStep(before);
  });

  it('dropped onto an edge, splices it into that edge', () => {
    const before = given(chain());
    // The middle of e2's route, between a's right side and the end's left side.
    const point = { x: 310, y: 80 };
    expect(edgeAt(doc(), point)).toBe('e2');
    when('addNode', {
      type: 'decision',
      position: { x: point.x - 32, y: point.y - 32 },
      intoEdge: 'e2',
    });
    const d = doc().nodes.at(-1)!;
    expect(d.type).toBe('decision');
    expect(doc().edges.map((e) => `${e.source}→${e.target}`)).toEqual([
      'start→a',
      `a→${d.id}`,
      `${d.id}→end`,
    ]);
    expect(overlapping(doc())).toEqual([]);
    expectOneUndoStep(before);
  });

  it('never lands on another node', () => {
    given(chain());
    when('addNode', { type: 'step', position: { x: 110, y: 50 } });
    expect(overlapping(doc())).toEqual([]);
    // An end cannot be passed through, so it is not spliced into the edge it was dropped on.
    when('addNode', { type: 'end', position: { x: 290, y: 58 }, intoEdge: 'e2' });
    expect(doc().edges.find((e) => e.id === 'e2')?.target).toBe('end');
    expect(overlapping(doc())).toEqual([]);
  });

  it('after a decision, adds a branch instead of splicing', () => {
    given();
    const edges = doc().edges.length;
    when('addNode', { type: 'step', after: 'd1' });
    const added = doc().nodes.at(-1)!;
    expect(doc().edges).toHaveLength(edges + 1);
    expect(doc().edges.at(-1)).toMatchObject({ source: 'd1', target: added.id });
  });
});

describe('connecting the selection from the keyboard', () => {
  it('connects two selected nodes left to right, as one undo step', () => {
    const before = given();
    select(['end', 'd1']);
    expect(when('connectSelection')).toEqual({ ok: true, changed: true });
    expect(doc().edges.at(-1)).toMatchObject({ source: 'd1', target: 'end' });
    expectOneUndoStep(before);
  });

  it('connects the other way when only that is allowed, and asks for two nodes', () => {
    given({
      format: 'failpoint.blueprint',
      version: 2,
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 400 } },
        { id: 'done', type: 'end', position: { x: 100, y: 400 } },
        { id: 'late', type: 'step', label: 'Late step', position: { x: 300, y: 390 } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'done' }],
    });
    // The end is on the left, but an end has no way out: the step leads into it.
    select(['done', 'late']);
    expect(when('connectSelection')).toEqual({ ok: true, changed: true });
    expect(doc().edges.at(-1)).toMatchObject({ source: 'late', target: 'done' });
    select(['late']);
    expect(when('connectSelection')).toEqual({
      ok: false,
      refusal: { key: 'editing.notice.selectTwoNodes' },
    });
  });
});
