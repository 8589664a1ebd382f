/**
 * The one edge shape: a rounded orthogonal line; dashed red for failure edges; decision edges
 * carry their probability as a percentage.
 */
import {
  BaseEdge,
  EdgeLabelRenderer,
  getSmoothStepPath,
  type EdgeProps,
  type EdgeTypes,
} from '@xyflow/react';
import { memo } from 'react';
import { useLanguage, useT } from '../i18n';
import { useEdgeProblems } from '../store/results';
import type { BlueprintFlowEdge } from './adapter';
import { LabelEditor, useEditingEdgeLabel } from './LabelEditor';

function BlueprintEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected,
  markerEnd,
}: EdgeProps<BlueprintFlowEdge>) {
  const t = useT();
  const problem = useEdgeProblems(id, useLanguage());
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
    borderRadius: 10,
    offset: 18,
  });
  const failure = data?.kind === 'failure';
  const classes = [
    'fp-edge',
    failure && 'fp-edge--failure',
    selected && 'fp-edge--selected',
    problem && 'fp-edge--invalid',
    data?.changed && 'fp-edge--changed',
  ]
    .filter(Boolean)
    .join(' ');
  const label = [data?.probabilityText, data?.text].filter(Boolean).join(' · ');
  const editing = useEditingEdgeLabel(id);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={classes}
        interactionWidth={16}
      />
      {(label || failure || problem) && (
        <EdgeLabelRenderer>
          <div
            className={`fp-edge-label${failure ? ' fp-edge-label--failure' : ''}${problem ? ' fp-edge-label--invalid' : ''}${selected ? ' fp-edge-label--selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={problem?.message}
          >
            {editing ? (
              <LabelEditor
                target={{ kind: 'edge', id }}
                label={data?.text ?? ''}
                name={t('editing.labelEditor.edgeLabel')}
              />
            ) : (
              <>
                {failure && !label ? t('editing.edge.failureShort') : label}
                {problem && !label && !failure ? '!' : null}
              </>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/** Edge components by type, defined once at module level. */
export const edgeTypes: EdgeTypes = {
  blueprint: memo(BlueprintEdgeView),
};
