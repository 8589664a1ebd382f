/**
 * The share of customers served as they walk, against the exact R: a line chart whose running
 * share wanders at first and settles on the dashed line of R as customers add up.
 */
import { memo } from 'react';
import { useT, type Language } from '../i18n';
import { formatCount, formatPercent } from '../results/format';
import type { SharePoint } from './player';

const WIDTH = 520;
const HEIGHT = 150;
/** Room for the axis labels: left, right, top, bottom. */
const LEFT = 46;
const RIGHT = 10;
const TOP = 8;
const BOTTOM = 20;

export const ShareChart = memo(function ShareChart({
  points,
  exact,
  label,
  language,
}: {
  points: readonly SharePoint[];
  exact: number | null;
  label: string;
  language: Language;
}) {
  const t = useT();
  const last = points.length > 0 ? points[points.length - 1].customers : 0;
  const xMax = Math.max(10, last);
  // The vertical range holds R and the share's swings, never less than 20 points wide.
  let low = exact ?? 1;
  let high = exact ?? 0;
  for (const p of points) {
    low = Math.min(low, p.share);
    high = Math.max(high, p.share);
  }
  if (high - low < 0.2) {
    const middle = (high + low) / 2;
    low = middle - 0.1;
    high = middle + 0.1;
  }
  low = Math.max(0, low - 0.02);
  high = Math.min(1, high + 0.02);
  const x = (n: number) => LEFT + ((WIDTH - LEFT - RIGHT) * n) / xMax;
  const y = (share: number) =>
    TOP + ((HEIGHT - TOP - BOTTOM) * (high - share)) / Math.max(1e-9, high - low);
  const line = points.map((p) => `${x(p.customers).toFixed(1)},${y(p.share).toFixed(1)}`).join(' ');
  return (
    <svg
      className="teach-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="xMinYMin meet"
      role="img"
      aria-label={label}
    >
      <rect
        x={LEFT}
        y={TOP}
        width={WIDTH - LEFT - RIGHT}
        height={HEIGHT - TOP - BOTTOM}
        className="teach-chart__frame"
      />
      <text x={LEFT - 4} y={TOP + 4} className="teach-chart__tick" textAnchor="end">
        {formatPercent(high, language, 0)}
      </text>
      <text x={LEFT - 4} y={HEIGHT - BOTTOM} className="teach-chart__tick" textAnchor="end">
        {formatPercent(low, language, 0)}
      </text>
      <text x={LEFT} y={HEIGHT - 5} className="teach-chart__tick">
        0
      </text>
      <text x={WIDTH - RIGHT} y={HEIGHT - 5} className="teach-chart__tick" textAnchor="end">
        {`${formatCount(xMax, language)} ${t('teaching.chartCustomers')}`}
      </text>
      {exact === null ? null : (
        <>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(exact)}
            y2={y(exact)}
            className="teach-chart__exact"
            data-testid="teach-chart-exact"
          />
          <text x={LEFT + 4} y={y(exact) - 4} className="teach-chart__r">
            R
          </text>
        </>
      )}
      {points.length > 0 ? (
        <polyline points={line} className="teach-chart__share" data-testid="teach-chart-share" />
      ) : null}
    </svg>
  );
});
