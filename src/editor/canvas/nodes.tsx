/**
 * The node shapes of a service blueprint. Each is memoised and reads, besides its own `data`,
 * only its own heat and problems from the results store, so a new analysis or an edit elsewhere
 * does not re-render it.
 */
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { handOffAnchor } from '../../document/geometry';
import type { NodeType } from '../../sim/model';
import { useLanguage, useT } from '../i18n';
import { useNodeHeat, useNodeProblems, type NodeHeat } from '../store/results';
import { formatPercent } from '../../document/values';
import { HANDLES, type BlueprintFlowNode } from './adapter';
import { LabelEditor, useEditingLabel } from './LabelEditor';

type Props = NodeProps<BlueprintFlowNode>;

/**
 * The hand-off anchors on a node's top and bottom, where the adapter attaches an edge to a node
 * in another lane directly above or below (at `handOffAnchor` of the width, which keeps a
 * step's hand-offs apart from its failure handle at the bottom centre). They are not for
 * connecting and are not drawn.
 */
function HandOffAnchors({ type }: { type: NodeType }) {
  const style = { left: `${handOffAnchor(type) * 100}%` };
  const step = type === 'step';
  return (
    <>
      {type !== 'start' && (
        <Handle
          type="target"
          position={Position.Top}
          id={HANDLES.fromAbove}
          className="fp-handle--anchor"
          style={style}
          isConnectable={false}
        />
      )}
      {type !== 'end' && (
        <Handle
          type="source"
          position={Position.Top}
          id={HANDLES.up}
          className="fp-handle--anchor"
          style={style}
          isConnectable={false}
        />
      )}
      {step && (
        <>
          <Handle
            type="target"
            position={Position.Bottom}
            id={HANDLES.fromBelow}
            className="fp-handle--anchor"
            style={style}
            isConnectable={false}
          />
          <Handle
            type="source"
            position={Position.Bottom}
            id={HANDLES.down}
            className="fp-handle--anchor"
            style={style}
            isConnectable={false}
          />
        </>
      )}
    </>
  );
}

type Problem = ReturnType<typeof useNodeProblems>;

/** The small marks at a node's corner: top fail point, validation problem, changed in scenario. */
function Marks({
  heat,
  problem,
  changed,
}: {
  heat?: NodeHeat;
  problem: Problem;
  changed: boolean;
}) {
  const t = useT();
  const fail =
    heat && heat.rank !== null
      ? t('editing.node.topFailPoint', { rank: heat.rank, share: formatPercent(heat.share, 1) })
      : null;
  if (!fail && !problem && !changed) return null;
  return (
    <div className="fp-node__marks">
      {fail && (
        <span className="fp-mark fp-mark--fail" title={fail} aria-label={fail} role="img">
          F
        </span>
      )}
      {problem && (
        <span
          className="fp-mark fp-mark--problem"
          title={problem.message}
          aria-label={t('editing.node.problems', { count: problem.count })}
          role="img"
        >
          !
        </span>
      )}
      {changed && (
        <span
          className="fp-mark fp-mark--changed"
          title={t('editing.node.changedInScenario')}
          aria-label={t('editing.node.changedInScenario')}
          role="img"
        >
          Δ
        </span>
      )}
    </div>
  );
}

/**
 * The name under a shape: the label, or the type's name when there is none; the in-place
 * editor while the label is being edited.
 */
function Caption({ id, label, fallback }: { id: string; label?: string; fallback: string }) {
  const t = useT();
  const editing = useEditingLabel(id);
  const named = label?.trim() ? label : undefined;
  if (editing) {
    return (
      <div className="fp-caption fp-caption--editing">
        <LabelEditor
          target={{ kind: 'node', id }}
          label={named ?? ''}
          name={t('editing.labelEditor.label', { node: named ?? fallback })}
        />
      </div>
    );
  }
  return <div className="fp-caption">{named ?? fallback}</div>;
}

function StepNodeView({ id, data }: Props) {
  const t = useT();
  const heat = useNodeHeat(id);
  const problem = useNodeProblems(id, useLanguage());
  const editing = useEditingLabel(id);
  const spec = data.spec;
  const label = spec.label?.trim() ? spec.label : t('editing.node.untitledStep');
  const reliability =
    data.reliability === null ? t('editing.node.notEvaluable') : formatPercent(data.reliability);
  const style = { '--fp-heat': heat.intensity } as CSSProperties;
  return (
    <div
      className={`fp-node fp-step${problem ? ' fp-node--invalid' : ''}${heat.intensity > 0 ? ' fp-step--hot' : ''}`}
      style={style}
      // The whole label on hover: a long one is cut to four lines on the card.
      title={
        heat.share > 0
          ? `${label}\n${t('editing.node.failShare', { share: formatPercent(heat.share, 1) })}`
          : label
      }
    >
      <Handle type="target" position={Position.Left} id={HANDLES.in} />
      {editing ? (
        <LabelEditor
          target={{ kind: 'node', id }}
          label={spec.label?.trim() ? spec.label : ''}
          name={t('editing.labelEditor.label', { node: label })}
          multiline
        />
      ) : (
        <div className={`fp-step__label${spec.label?.trim() ? '' : ' fp-step__label--empty'}`}>
          {label}
        </div>
      )}
      <div className="fp-step__meta">
        <span
          className="fp-step__reliability"
          aria-label={t('editing.node.reliabilityIs', { value: reliability })}
        >
          {reliability}
        </span>
        {data.hasRecovery && (
          <span
            className="fp-badge fp-badge--recovery"
            title={t('editing.node.recoveryBadge', {
              rate: data.catchRate === null ? '?' : formatPercent(data.catchRate, 1),
            })}
          >
            ↺ {data.catchRate === null ? '?' : formatPercent(data.catchRate, 1)}
          </span>
        )}
      </div>
      <Marks heat={heat} problem={problem} changed={data.changed} />
      <Handle type="source" position={Position.Right} id={HANDLES.out} />
      <Handle
        type="source"
        position={Position.Bottom}
        id={HANDLES.failure}
        className="fp-handle--failure"
        title={t('editing.node.failureHandle')}
      />
      <HandOffAnchors type="step" />
    </div>
  );
}

function DecisionNodeView({ id, data }: Props) {
  const t = useT();
  const problem = useNodeProblems(id, useLanguage());
  return (
    <div className={`fp-node fp-decision${problem ? ' fp-node--invalid' : ''}`}>
      <Handle type="target" position={Position.Left} id={HANDLES.in} />
      <svg className="fp-decision__shape" viewBox="0 0 64 64" aria-hidden="true">
        <polygon points="32,2 62,32 32,62 2,32" />
        <text x="32" y="37" textAnchor="middle">
          ?
        </text>
      </svg>
      <Marks problem={problem} changed={data.changed} />
      <Caption id={id} label={data.spec.label} fallback={t('editing.nodeType.decision')} />
      <Handle type="source" position={Position.Right} id={HANDLES.out} />
      <HandOffAnchors type="decision" />
    </div>
  );
}

function BarNodeView({ id, data }: Props) {
  const t = useT();
  const problem = useNodeProblems(id, useLanguage());
  const heat = useNodeHeat(id);
  const spec = data.spec;
  const isJoin = spec.type === 'join';
  const k = spec.type === 'join' ? spec.k : undefined;
  return (
    <div className={`fp-node fp-bar fp-bar--${spec.type}${problem ? ' fp-node--invalid' : ''}`}>
      <Handle type="target" position={Position.Left} id={HANDLES.in} />
      {isJoin && (
        <span className="fp-bar__k" title={t('editing.node.joinRule')}>
          {k === undefined ? t('editing.node.joinAll') : `≥${k}`}
        </span>
      )}
      <Marks heat={isJoin ? heat : undefined} problem={problem} changed={data.changed} />
      <Caption
        id={id}
        label={spec.label}
        fallback={t(`editing.nodeType.${spec.type === 'join' ? 'join' : 'parallel'}`)}
      />
      <Handle type="source" position={Position.Right} id={HANDLES.out} />
      <HandOffAnchors type={spec.type} />
    </div>
  );
}

function StartNodeView({ id, data }: Props) {
  const t = useT();
  const problem = useNodeProblems(id, useLanguage());
  return (
    <div className={`fp-node fp-circle fp-start${problem ? ' fp-node--invalid' : ''}`}>
      <div className="fp-circle__shape" aria-hidden="true">
        ▶
      </div>
      <Marks problem={problem} changed={data.changed} />
      <Caption id={id} label={data.spec.label} fallback={t('editing.nodeType.start')} />
      <Handle type="source" position={Position.Right} id={HANDLES.out} />
      <HandOffAnchors type="start" />
    </div>
  );
}

function EndNodeView({ id, data }: Props) {
  const t = useT();
  const problem = useNodeProblems(id, useLanguage());
  const heat = useNodeHeat(id);
  const spec = data.spec;
  const failure = spec.type === 'end' && spec.outcome === 'failure';
  return (
    <div
      className={`fp-node fp-circle fp-end${failure ? ' fp-end--failure' : ''}${problem ? ' fp-node--invalid' : ''}`}
    >
      <Handle type="target" position={Position.Left} id={HANDLES.in} />
      <div className="fp-circle__shape" aria-hidden="true">
        {failure ? '✕' : '✓'}
      </div>
      <Marks heat={failure ? heat : undefined} problem={problem} changed={data.changed} />
      <Caption
        id={id}
        label={spec.label}
        fallback={t(failure ? 'editing.nodeType.failureEnd' : 'editing.nodeType.end')}
      />
      <HandOffAnchors type="end" />
    </div>
  );
}

/** Node components by type, defined once at module level as React Flow asks. */
export const nodeTypes: NodeTypes = {
  step: memo(StepNodeView),
  decision: memo(DecisionNodeView),
  parallel: memo(BarNodeView),
  join: memo(BarNodeView),
  start: memo(StartNodeView),
  end: memo(EndNodeView),
};
