/**
 * The one edge shape: the route `routeBetween` (document geometry) gives, the same the SVG
 * export draws, with rounded bends; dashed red for failure edges; decision edges carry their
 * probability as a percentage.
 */
import {
  BaseEdge,
  EdgeLabelRenderer,
  Position as HandleSide,
  type EdgeProps,
  type EdgeTypes,
} from '@xyflow/react';
import { memo } from 'react';
import { routeBetween, type Side } from '../../document/geometry';
import type { Position } from '../../sim/document';
import { useLanguage, useT } from '../i18n';
import { useEdgeProblems } from '../store/results';
import type { BlueprintFlowEdge } from './adapter';
import { LabelEditor, useEditingEdgeLabel } from './LabelEditor';

const SIDES: Record<HandleSide, Side> = {
  [HandleSide.Left]: 'left',
  [HandleSide.Right]: 'right',
  [HandleSide.Top]: 'top',
  [HandleSide.Bottom]: 'bottom',
};

/** Radius of the rounded bends, in canvas pixels. */
const BEND_RADIUS = 10;

/** A polyline with rounded bends as an SVG path, and the middle of its second segment. */
function roundedRoute(points: readonly Position[]): { path: string; label: Position } {
  const label = { x: (points[1].x + points[2].x) / 2, y: (points[1].y + points[2].y) / 2 };
  const route = points.filter(
    (p, i) => i === 0 || p.x !== points[i - 1].x || p.y !== points[i - 1].y,
  );
  let path = `M ${route[0].x} ${route[0].y}`;
  for (let i = 1; i < route.length - 1; i++) {
    const [a, corner, b] = [route[i - 1], route[i], route[i + 1]];
    const inLength = Math.hypot(corner.x - a.x, corner.y - a.y);
    const outLength = Math.hypot(b.x - corner.x, b.y - corner.y);
    const r = Math.min(BEND_RADIUS, inLength / 2, outLength / 2);
    const bx = corner.x - ((corner.x - a.x) / inLength) * r;
    const by = corner.y - ((corner.y - a.y) / inLength) * r;
    const ax = corner.x + ((b.x - corner.x) / outLength) * r;
    const ay = corner.y + ((b.y - corner.y) / outLength) * r;
    path += ` L ${bx} ${by} Q ${corner.x} ${corner.y} ${ax} ${ay}`;
  }
  const last = route[route.length - 1];
  return { path: `${path} L ${last.x} ${last.y}`, label };
}

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
  const { path, label: middle } = roundedRoute(
    routeBetween(
      { x: sourceX, y: sourceY },
      SIDES[sourcePosition],
      { x: targetX, y: targetY },
      SIDES[targetPosition],
    ),
  );
  const [labelX, labelY] = [middle.x, middle.y];
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
