/**
 * What the canvas does with React Flow's events: selection and drags go to the store, a drag's
 * end and every connection go through the action registry. Kept apart from the component so
 * that tests can drive it exactly as React Flow does.
 */
import type {
  Connection,
  EdgeChange,
  FinalConnectionState,
  IsValidConnection,
  NodeChange,
} from '@xyflow/react';
import type { Position } from '../../sim/document';
import { checkAction, runAction } from '../actions/registry';
import {
  setDragPositions,
  setSelection,
  showNotice,
  useBlueprintStore,
  type BlueprintState,
} from '../store/blueprint';
import { HANDLES, type BlueprintFlowEdge, type BlueprintFlowNode } from './adapter';

function applySelectionChanges(
  state: BlueprintState,
  changes: readonly (NodeChange<BlueprintFlowNode> | EdgeChange<BlueprintFlowEdge>)[],
  kind: 'nodes' | 'edges',
): void {
  let set: Set<string> | null = null;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    set ??= new Set(state.selection[kind]);
    if (change.selected) set.add(change.id);
    else set.delete(change.id);
  }
  if (set) setSelection({ ...state.selection, [kind]: set });
}

export function onNodesChange(changes: NodeChange<BlueprintFlowNode>[]): void {
  const state = useBlueprintStore.getState();
  applySelectionChanges(state, changes, 'nodes');
  let live: Map<string, Position> | null = null;
  let done: Map<string, Position> | null = null;
  for (const change of changes) {
    if (change.type !== 'position' || !change.position) continue;
    if (change.dragging) {
      live ??= new Map(useBlueprintStore.getState().dragPositions ?? []);
      live.set(change.id, change.position);
    } else {
      done ??= new Map();
      done.set(change.id, change.position);
    }
  }
  if (live) setDragPositions(live);
  if (done) {
    // The end of a drag (or a keyboard move): one command, one undo step, for all moved nodes.
    runAction('moveNodes', { positions: done });
    setDragPositions(null);
  }
}

export function onEdgesChange(changes: EdgeChange<BlueprintFlowEdge>[]): void {
  applySelectionChanges(useBlueprintStore.getState(), changes, 'edges');
}

function connectionKind(connection: { sourceHandle?: string | null }): 'normal' | 'failure' {
  return connection.sourceHandle === HANDLES.failure ? 'failure' : 'normal';
}

export const isValidConnection: IsValidConnection = (connection) => {
  const params = {
    source: connection.source,
    target: connection.target,
    kind: connectionKind(connection),
  };
  // The registry's check covers what-if mode as well as the connection rules.
  return checkAction('connect', useBlueprintStore.getState(), params) === true;
};

export function onConnect(connection: Connection): void {
  runAction('connect', {
    source: connection.source,
    target: connection.target,
    kind: connectionKind(connection),
  });
}

/** A connection dropped on a node that refused it: say why, instead of doing nothing. */
export function onConnectEnd(_event: MouseEvent | TouchEvent, state: FinalConnectionState): void {
  if (state.isValid !== false || !state.fromNode || !state.toNode) return;
  const source = state.fromHandle?.type === 'target' ? state.toNode.id : state.fromNode.id;
  const target = state.fromHandle?.type === 'target' ? state.fromNode.id : state.toNode.id;
  const sourceHandle =
    state.fromHandle?.type === 'target' ? state.toHandle?.id : state.fromHandle?.id;
  const store = useBlueprintStore.getState();
  const params = { source, target, kind: connectionKind({ sourceHandle }) };
  const verdict = checkAction('connect', store, params);
  if (verdict !== true) showNotice(verdict);
}
