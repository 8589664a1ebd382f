/**
 * The four bands of the service blueprint behind the nodes, the three lines between them, and
 * their names, kept readable at the left edge of the canvas however the view is panned or
 * zoomed.
 */
import { ViewportPortal, useStore, type ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../i18n';
import { LANE_LINES, type LaneBand } from '../../document/geometry';
import { laneLabelSlots } from './viewport';

/** How far the bands reach beyond the outermost nodes, in canvas pixels. */
const BAND_OVERHANG = 50_000;

interface BandsProps {
  bands: readonly LaneBand[];
  /** Left and right edge of the content. */
  minX: number;
  maxX: number;
}

function lineY(bands: readonly LaneBand[], lower: string): number {
  return bands.find((b) => b.lane === lower)?.top ?? 0;
}

/** Bands and lines in canvas coordinates, drawn under edges and nodes. */
export const LaneBands = memo(function LaneBands({ bands, minX, maxX }: BandsProps) {
  const left = minX - BAND_OVERHANG;
  const width = maxX - minX + 2 * BAND_OVERHANG;
  return (
    <ViewportPortal>
      <div className="fp-lanes" aria-hidden="true">
        {bands.map((band) => (
          <div
            key={band.lane}
            className={`fp-lane fp-lane--${band.lane}`}
            style={{ left, top: band.top, width, height: band.bottom - band.top }}
          />
        ))}
        {LANE_LINES.map((line) => (
          <div
            key={line.name}
            className={`fp-lane-line fp-lane-line--${line.name}`}
            style={{ left, top: lineY(bands, line.between[1]), width }}
          />
        ))}
      </div>
    </ViewportPortal>
  );
});

const transformSelector = (s: ReactFlowState) => s.transform;
const heightSelector = (s: ReactFlowState) => s.height;

/**
 * Lane names and line names in screen space, pinned to the left edge of the canvas at a fixed
 * size. When the bands grow too thin on screen for their names (far out), the names stack below
 * the first band as a legend, and the line names, which would sit on top of them, are left out.
 */
export const LaneLabels = memo(function LaneLabels({ bands }: { bands: readonly LaneBand[] }) {
  const t = useT();
  const [, ty, zoom] = useStore(transformSelector);
  const viewHeight = useStore(heightSelector);
  const slots = laneLabelSlots(
    bands.map((band) => ({ top: band.top * zoom + ty, height: (band.bottom - band.top) * zoom })),
    viewHeight,
  );
  const stacked = slots.some((slot) => slot.stacked);
  return (
    <div className={`fp-lane-labels${stacked ? ' fp-lane-labels--stacked' : ''}`}>
      {bands.map((band, index) => (
        <div
          key={band.lane}
          className={`fp-lane-label fp-lane-label--${band.lane}`}
          style={{ top: slots[index].top, height: slots[index].height }}
        >
          <span>{t(`editing.lane.${band.lane}`)}</span>
        </div>
      ))}
      {stacked
        ? null
        : LANE_LINES.map((line) => (
            <div
              key={line.name}
              className="fp-lane-line-label"
              style={{ top: lineY(bands, line.between[1]) * zoom + ty }}
            >
              {t(`editing.laneLine.${line.name}`)}
            </div>
          ))}
    </div>
  );
});
