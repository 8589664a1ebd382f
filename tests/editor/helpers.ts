/**
 * Shared fixtures and steps for the editing-core tests: a small blueprint with every lane and
 * node type, and given / when / then helpers around the store and the action registry.
 */
import { expect } from 'vitest';
import { runAction } from '../../src/editor/actions/registry';
import type { ActionArgs, ActionId, ActionOutcome } from '../../src/editor/actions/types';
import {
  resetBlueprintStore,
  useBlueprintStore,
  type BlueprintState,
} from '../../src/editor/store/blueprint';
import { loadDocument } from '../../src/editor/store/load';
import type { BlueprintDocument, NodeSpec } from '../../src/sim/document';
import { generateBlueprint } from '../../src/sim/generate';

/**
 * start → s1 → s2 → d1 ─97%→ s3 → end
 *                    └─3%─→ fail
 * s2 ─failure→ s1 (rework); s3 has a recovery; s2's reliability is an expression.
 * Bands (derived): customer 0–160, frontstage 160–320, backstage 320–480, support 480–640.
 */
export function sampleDocument(): BlueprintDocument {
  return {
    format: 'failpoint.blueprint',
    version: 2,
    title: 'Sample',
    parameters: { base: { value: 0.99, label: 'Base reliability' } },
    nodes: [
      { id: 'start', type: 'start', lane: 'customer', label: 'Arrives', position: { x: 0, y: 58 } },
      {
        id: 's1',
        type: 'step',
        lane: 'customer',
        label: 'Phones in',
        reliability: 0.99,
        position: { x: 120, y: 44 },
      },
      {
        id: 's2',
        type: 'step',
        lane: 'frontstage',
        label: 'Collects',
        reliability: 'base - 0.01',
        position: { x: 360, y: 204 },
      },
      {
        id: 'd1',
        type: 'decision',
        lane: 'backstage',
        label: 'Address ok?',
        position: { x: 600, y: 368 },
      },
      {
        id: 's3',
        type: 'step',
        lane: 'backstage',
        label: 'Delivers',
        reliability: 0.9,
        recovery: { catch: 0.6, label: 'Check' },
        position: { x: 760, y: 364 },
      },
      {
        id: 'end',
        type: 'end',
        lane: 'backstage',
        label: 'Delivered',
        position: { x: 1000, y: 378 },
      },
      {
        id: 'fail',
        type: 'end',
        lane: 'support',
        outcome: 'failure',
        label: 'Gives up',
        position: { x: 760, y: 530 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 's1' },
      { id: 'e2', source: 's1', target: 's2' },
      { id: 'e3', source: 's2', target: 'd1' },
      { id: 'e4', source: 'd1', target: 's3', probability: 0.97 },
      { id: 'e5', source: 'd1', target: 'fail', probability: 0.03 },
      { id: 'e6', source: 's3', target: 'end' },
      { id: 'e7', source: 's2', target: 's1', kind: 'failure' },
    ],
    scenarios: [
      {
        id: 'better-s1',
        name: 'Better phone line',
        changes: [{ node: 's1', set: { reliability: 0.999 } }],
      },
    ],
  };
}

/** Given: the editor holds this document, with an empty history. */
export function given(document: BlueprintDocument = sampleDocument()): BlueprintDocument {
  resetBlueprintStore();
  void loadDocument(document);
  return useBlueprintStore.getState().document;
}

export function state(): BlueprintState {
  return useBlueprintStore.getState();
}

export function doc(): BlueprintDocument {
  return useBlueprintStore.getState().document;
}

/** When: an action runs (synchronously). */
export function when<K extends ActionId>(id: K, ...args: ActionArgs<K>): ActionOutcome {
  const outcome = runAction(id, ...args);
  if (outcome instanceof Promise)
    throw new Error(`The action ${id} unexpectedly ran asynchronously.`);
  return outcome;
}

export function node(id: string) {
  const found = doc().nodes.find((n) => n.id === id);
  if (!found) throw new Error(`The test expected a node "${id}".`);
  return found;
}

export function edge(id: string) {
  const found = doc().edges.find((e) => e.id === id);
  if (!found) throw new Error(`The test expected an edge "${id}".`);
  return found;
}

/**
 * Then: the action was one undo step from `before` to the current document, undo brings back
 * exactly `before`, and redo exactly the edited document.
 */
export function expectOneUndoStep(before: BlueprintDocument): BlueprintDocument {
  const after = doc();
  expect(after).not.toBe(before);
  const depth = state().past.length;
  expect(depth).toBeGreaterThan(0);
  expect(when('undo')).toEqual({ ok: true, changed: false });
  expect(doc()).toBe(before);
  expect(state().past.length).toBe(depth - 1);
  when('redo');
  expect(doc()).toBe(after);
  expect(state().past.length).toBe(depth);
  return after;
}

/** A generated blueprint as a document without positions. */
export function generatedDocument(nodes: number, seed: number): BlueprintDocument {
  const input = generateBlueprint({ nodes, seed });
  return {
    format: 'failpoint.blueprint',
    version: 2,
    nodes: input.nodes.map((n) => {
      const spec: Record<string, unknown> = { id: n.id, type: n.type };
      if (n.lane) spec.lane = n.lane;
      if (n.label) spec.label = n.label;
      if (n.type === 'step' && n.reliability !== undefined) spec.reliability = n.reliability;
      if (n.type === 'join' && n.k !== undefined) spec.k = n.k;
      if (n.type === 'end' && n.outcome) spec.outcome = n.outcome;
      return spec as NodeSpec;
    }),
    edges: input.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.kind === 'failure' ? { kind: 'failure' as const } : {}),
      ...(e.probability !== undefined ? { probability: e.probability } : {}),
    })),
  };
}
