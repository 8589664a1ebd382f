/**
 * The counters on every node while teaching: arrivals, failures not caught, failures caught
 * by the recovery, and customers lost at the node. One layer follows the flow's viewport (its
 * transform is set directly, not through React); the badges themselves re-render only when
 * the counters are published.
 */
import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { nodeSize } from '../../document/geometry';
import { formatCount } from '../results/format';
import { useLanguage, useT } from '../i18n';
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
              const { width } = nodeSize(spec.type);
              const arrived = counts.arrived[i];
              const failed = counts.failed[i];
              const recovered = counts.recovered[i];
              const lost = counts.failPoints[i];
              const step = spec.type === 'step';
              const name = spec.label?.trim() || id;
              const f = (n: number) => formatCount(n, language);
              return (
                <li
                  key={id}
                  className="teach-badge"
                  style={{ left: position.x + width / 2, top: position.y - 6 }}
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
                  {spec.type === 'step' && (recovered > 0 || specHasRecovery(spec)) ? (
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
            })}
      </ul>
    </div>
  );
}

/** Whether a step has a recovery that may catch its failures. */
function specHasRecovery(spec: { recovery?: unknown }): boolean {
  return spec.recovery !== undefined && spec.recovery !== null;
}
