/**
 * Exporting the canvas as a picture. The whole blueprint is drawn, not just what the view
 * shows: the React Flow viewport is rendered off screen with a transform that fits the given
 * bounds into the picture, at one screen pixel per canvas pixel up to a size limit.
 */
import { getViewportForBounds, type Rect } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

export type ImageFormat = 'png' | 'svg';

/** Pictures larger than this on either side are scaled down. */
const MAX_SIDE = 4096;
const PADDING = 40;

export interface CanvasPicture {
  dataUrl: string;
  width: number;
  height: number;
}

/**
 * Renders the React Flow viewport element (`.react-flow__viewport`) so that `bounds` (canvas
 * coordinates) fill the picture.
 */
export async function renderCanvas(
  viewport: HTMLElement,
  bounds: Rect,
  format: ImageFormat,
  background: string,
): Promise<CanvasPicture> {
  const scale = Math.min(
    2,
    MAX_SIDE / (bounds.width + 2 * PADDING),
    MAX_SIDE / (bounds.height + 2 * PADDING),
  );
  const width = Math.max(1, Math.round((bounds.width + 2 * PADDING) * Math.min(1, scale)));
  const height = Math.max(1, Math.round((bounds.height + 2 * PADDING) * Math.min(1, scale)));
  const view = getViewportForBounds(bounds, width, height, 0.05, 2, `${PADDING}px`);
  const options = {
    backgroundColor: background,
    width,
    height,
    pixelRatio: 1,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})`,
    },
  };
  const dataUrl =
    format === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options);
  return { dataUrl, width, height };
}
