/**
 * The context pad: a small toolbar beside the one selected node, with the commands that make
 * sense for it (add a step, a decision or an end after it, switch its type, connect it, delete
 * it). Every button runs a registered action, so its label, shortcut, undo step and what-if rule
 * are the registry's; a button the rules refuse is disabled and says why.
 *
 * Also here: the banner of a connection started from the pad, and the canvas's clicks that
 * finish it, open the label editor or cancel.
 */
import { NodeToolbar, Position, type Edge, type Node } from '@xyflow/react';
import { memo, useEffect, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { nodeName } from '../../document/values';
import { translateMessage } from '../actions/messages';
import { actionById, checkAction, runAction, runStandaloneAction } from '../actions/registry';
import { formatShortcut } from '../actions/shortcuts';
import type { ActionId } from '../actions/types';
import { useT, type MessageKey } from '../i18n';
import { select, showNotice, useBlueprintStore, type BlueprintState } from '../store/blueprint';
import { cancelConnecting, startLabelEdit, useCanvasModes } from '../store/canvasModes';
import './pad.css';

/** The node the pad is for: exactly one node selected, nothing else, and no drag going on. */
function padNodeId(state: BlueprintState): string | null {
  if (state.dragPositions !== null) return null;
  if (state.selection.nodes.size !== 1 || state.selection.edges.size !== 0) return null;
  const [id] = state.selection.nodes;
  return id;
}

/**
 * Whether an action may run now, as a string that stays the same while the answer does: empty
 * when allowed, else the refusal (key and variables) as JSON.
 */
function useVerdict(id: ActionId): string {
  return useBlueprintStore((state) => {
    const verdict = (checkAction as (id: ActionId, s: BlueprintState) => unknown)(id, state);
    return verdict === true ? '' : JSON.stringify(verdict);
  });
}

function PadButton({
  action,
  name,
  children,
  danger,
}: {
  action: ActionId;
  /** The button's accessible name, short and specific (the action's label is the tooltip). */
  name: MessageKey;
  children: ReactNode;
  danger?: boolean;
}) {
  const t = useT();
  const verdict = useVerdict(action);
  const definition = actionById(action);
  const shortcut = definition.shortcuts[0];
  const label = t(definition.labelKey);
  const tooltip = verdict
    ? translateMessage(t, JSON.parse(verdict) as { key: string })
    : shortcut
      ? `${label} (${formatShortcut(shortcut)})`
      : label;
  return (
    <button
      type="button"
      className={`fp-pad__button${danger ? ' fp-pad__button--danger' : ''}`}
      aria-label={t(name)}
      title={tooltip}
      aria-keyshortcuts={shortcut ? ariaShortcut(shortcut) : undefined}
      disabled={verdict !== ''}
      onClick={() => void runStandaloneAction(action)}
    >
      {children}
    </button>
  );
}

function ariaShortcut(shortcut: { key: string; shift?: boolean; mod?: boolean }): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key;
  return [shortcut.mod && 'Control', shortcut.shift && 'Shift', key].filter(Boolean).join('+');
}

/** The context pad of the one selected node; rendered inside React Flow. */
export const ContextPad = memo(function ContextPad() {
  const t = useT();
  const id = useBlueprintStore(padNodeId);
  const node = useBlueprintStore((s) =>
    id === null ? undefined : s.document.nodes.find((n) => n.id === id),
  );
  const connecting = useCanvasModes((s) => s.connectingFrom !== null);
  const editing = useCanvasModes((s) => s.editing?.kind === 'node' && s.editing.id === id);
  if (!node || connecting || editing) return null;
  const isEnd = node.type === 'end';
  const switchName: MessageKey | null =
    node.type === 'step'
      ? 'editing.pad.toDecision'
      : node.type === 'decision'
        ? 'editing.pad.toStep'
        : node.type === 'end'
          ? node.outcome === 'failure'
            ? 'editing.pad.toSuccessEnd'
            : 'editing.pad.toFailureEnd'
          : null;
  return (
    <NodeToolbar nodeId={node.id} isVisible position={Position.Top} offset={10}>
      <div
        className="fp-pad nodrag nopan"
        role="toolbar"
        aria-label={t('editing.pad.label', { node: nodeName(node) })}
      >
        {!isEnd && (
          <>
            <PadButton action="appendStep" name="editing.pad.appendStep">
              <StepIcon />
            </PadButton>
            <PadButton action="appendDecision" name="editing.pad.appendDecision">
              <DecisionIcon />
            </PadButton>
            <PadButton action="appendEnd" name="editing.pad.appendEnd">
              <EndIcon />
            </PadButton>
            <span className="fp-pad__divider" aria-hidden="true" />
          </>
        )}
        {switchName && (
          <PadButton action="switchNodeType" name={switchName}>
            <SwitchIcon />
          </PadButton>
        )}
        {!isEnd && (
          <PadButton action="connectFrom" name="editing.pad.connect">
            <ConnectIcon />
          </PadButton>
        )}
        <PadButton action="deleteSelection" name="editing.pad.delete" danger>
          <DeleteIcon />
        </PadButton>
      </div>
    </NodeToolbar>
  );
});

/**
 * What to do while a connection from the pad waits for its target, in a live region; Escape or
 * the Cancel button ends it. Ends by itself when its node is gone (an undo).
 */
export function ConnectBanner() {
  const t = useT();
  const from = useCanvasModes((s) => s.connectingFrom);
  const node = useBlueprintStore((s) =>
    from === null ? undefined : s.document.nodes.find((n) => n.id === from),
  );
  useEffect(() => {
    if (from !== null && !node) cancelConnecting();
  }, [from, node]);
  useEffect(() => {
    if (from === null) return;
    // Captured before the shortcuts: Escape ends the connection, not the selection.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      cancelConnecting();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [from]);
  return (
    <div className="fp-connect-region" role="status" aria-live="polite">
      {node && (
        <div className="fp-connect-banner">
          <span>{t('editing.pad.connecting', { node: nodeName(node) })}</span>
          <button type="button" className="fp-connect-banner__cancel" onClick={cancelConnecting}>
            {t('editing.pad.cancelConnect')}
          </button>
        </div>
      )}
    </div>
  );
}

/** A click on a node: the target of a connection started from the pad, if one waits. */
export function onPadNodeClick(_event: ReactMouseEvent, node: Node): void {
  const from = useCanvasModes.getState().connectingFrom;
  if (from === null) return;
  const outcome = runAction('connect', { source: from, target: node.id });
  // A refused target leaves the connection waiting (the notice says why): another may do.
  if (!(outcome instanceof Promise) && outcome.ok) cancelConnecting();
}

/** A click on the empty canvas cancels a connection that waits for its target. */
export function onPadPaneClick(): void {
  if (useCanvasModes.getState().connectingFrom !== null) cancelConnecting();
}

/** A double click on a node edits its label in place (through the registry's rules). */
export function onNodeLabelDoubleClick(event: ReactMouseEvent, node: Node): void {
  event.preventDefault();
  select([node.id]);
  void runStandaloneAction('editLabel');
}

/**
 * A double click on an edge that has a label edits that label in place. Edges without one are
 * left alone: most carry none, and a label is given to them in the inspector.
 */
export function onEdgeLabelDoubleClick(event: ReactMouseEvent, flowEdge: Edge): void {
  const state = useBlueprintStore.getState();
  const edge = state.document.edges.find((e) => e.id === flowEdge.id);
  if (!edge?.label?.trim()) return;
  event.preventDefault();
  const verdict = checkAction('setEdgeText', state, {
    id: edge.id,
    field: 'label',
    value: edge.label,
  });
  if (verdict !== true) {
    showNotice(verdict);
    return;
  }
  select([], [edge.id]);
  startLabelEdit({ kind: 'edge', id: edge.id });
}

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

function Plus() {
  return <path d="M18 2v8M14 6h8" strokeWidth="2" stroke="currentColor" fill="none" />;
}

function StepIcon() {
  return (
    <Icon>
      <rect
        x="2"
        y="9"
        width="13"
        height="10"
        rx="2"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      />
      <Plus />
    </Icon>
  );
}

function DecisionIcon() {
  return (
    <Icon>
      <path d="M8.5 7.5l6.5 6.5-6.5 6.5L2 14z" fill="none" stroke="currentColor" strokeWidth="2" />
      <Plus />
    </Icon>
  );
}

function EndIcon() {
  return (
    <Icon>
      <circle cx="8.5" cy="14" r="6" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <Plus />
    </Icon>
  );
}

function SwitchIcon() {
  return (
    <Icon>
      <path
        d="M4 8h14l-4-4M20 16H6l4 4"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </Icon>
  );
}

function ConnectIcon() {
  return (
    <Icon>
      <circle cx="5" cy="12" r="3" fill="currentColor" />
      <path
        d="M8 12h12m-4-4 4 4-4 4"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </Icon>
  );
}

function DeleteIcon() {
  return (
    <Icon>
      <path
        d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </Icon>
  );
}
