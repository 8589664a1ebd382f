/**
 * The counters on every node while teaching: arrivals, failures not caught, failures caught
 * by the recovery, and customers lost at the node. One layer follows the flow's viewport (its
 * transform is set directly, not through React); the badges themselves re-render only when
 * the counters are published.
 */
import { useStoreApi } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { nodeSize } from '../../document/geometry';
import { formatCount } from '../results/format';
import { useLanguage, useT, type Language } from '../i18n';
import type { NodeType } from '../../sim/model';
import { selectEffectiveDocument, useBlueprintStore } from '../store/blueprint';
import { useTeachingStore } from './session';
import { usePositionsOnScreen } from './positions';

export function NodeBadges() {
  const t = useT();
  const language = useLanguage();
  const layer = useRef<HTMLUListElement>(null);
  const flow = useStoreApi();
  const nodeIds = useTeachingStore((s) => s.nodeIds);
  const counts = useTeachingStore((s) => s.snapshot?.counts ?? null);
  const document = useBlueprintStore(selectEffectiveDocument);
  const positions = usePositionsOnScreen();

  useEffect(() => {
    const apply = (transform: [number, number, number]) => {
      const [x, y, zoom] = transform;
      const element = layer.current;
      if (!element) return;
      element.style.transform = `translate(${x}px, ${y}px) scale(${zoom})`;
      // Badges keep a readable size when the view is zoomed out.
      element.style.setProperty('--teach-unzoom', String(Math.max(1, 1 / zoom)));
    };
    apply(flow.getState().transform);
    return flow.subscribe((state, previous) => {
      if (state.transform !== previous.transform) apply(state.transform);
    });
  }, [flow]);

  const specs = new Map(document.nodes.map((n) => [n.id, n]));
  return (
    <div className="teach-badges" aria-hidden={counts === null}>
      <ul ref={layer} className="teach-badges__layer" aria-label={t('teaching.bar')}>
        {counts === null
          ? null
          : nodeIds.map((id, i) => {
              const spec = specs.get(id);
              const position = positions.get(id) ?? spec?.position;
              if (!spec || !position) return null;
              return (
                <Badge
                  key={id}
                  id={id}
                  name={spec.label?.trim() || id}
                  type={spec.type}
                  recovery={'recovery' in spec && spec.recovery != null}
                  x={position.x + nodeSize(spec.type).width / 2}
                  y={position.y - 6}
                  arrived={counts.arrived[i]}
                  failed={counts.failed[i]}
                  recovered={counts.recovered[i]}
                  lost={counts.failPoints[i]}
                  language={language}
                />
              );
            })}
      </ul>
    </div>
  );
}

interface BadgeProps {
  id: string;
  name: string;
  type: NodeType;
  /** The step has a recovery that may catch its failures. */
  recovery: boolean;
  /** Where the badge sits: above the node's middle, flow coordinates. */
  x: number;
  y: number;
  arrived: number;
  failed: number;
  recovered: number;
  lost: number;
  language: Language;
}

/** One node's counters; re-rendered only when one of them changes. */
const Badge = memo(function Badge(props: BadgeProps) {
  const t = useT();
  const { id, name, type, x, y, arrived, failed, recovered, lost, language } = props;
  const f = (n: number) => formatCount(n, language);
  const step = type === 'step';
  return (
    <li
      className="teach-badge"
      style={{ left: x, top: y }}
      data-node-id={id}
      data-arrived={arrived}
      data-failed={failed}
      data-recovered={recovered}
      data-lost={lost}
      aria-label={t('teaching.badge', {
        node: name,
        arrived: f(arrived),
        failed: f(failed),
        recovered: f(recovered),
        lost: f(lost),
      })}
    >
      <span className="teach-badge__arrived" aria-hidden>
        → {f(arrived)}
      </span>
      {step || failed > 0 ? (
        <span className="teach-badge__failed" aria-hidden>
          ✗ {f(failed)}
        </span>
      ) : null}
      {step && (recovered > 0 || props.recovery) ? (
        <span className="teach-badge__recovered" aria-hidden>
          ↺ {f(recovered)}
        </span>
      ) : null}
      {lost > 0 && !step ? (
        <span className="teach-badge__lost" aria-hidden>
          ✗ {f(lost)}
        </span>
      ) : null}
    </li>
  );
});
