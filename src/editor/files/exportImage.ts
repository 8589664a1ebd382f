/**
 * Exporting the canvas as a picture. Both pictures come from one drawing of the blueprint
 * document (`document/drawing.ts`), not from the page: the SVG is that drawing as a file, the PNG
 * that drawing rasterised by the browser, so the two always agree and the SVG also opens outside
 * a browser.
 */
import type { Drawing } from '../../document/drawing';

export type ImageFormat = 'png' | 'svg';

/** Pixels per canvas pixel in the PNG: sharp on high-density screens and in print. */
export const PNG_SCALE = 2;
/** Longest side of a PNG, in pixels; browsers refuse larger canvases. */
const MAX_SIDE = 16_384;
/** Largest PNG area, in pixels (64 megapixels, 256 MB of canvas memory). */
const MAX_AREA = 64_000_000;

/** The scale a drawing of this size is rasterised at: {@link PNG_SCALE}, less for huge drawings. */
export function pngScale(width: number, height: number): number {
  return Math.min(
    PNG_SCALE,
    MAX_SIDE / Math.max(1, width),
    MAX_SIDE / Math.max(1, height),
    Math.sqrt(MAX_AREA / Math.max(1, width * height)),
  );
}

/** The SVG as a file's content. */
export function svgBlob(drawing: Drawing): Blob {
  return new Blob([drawing.svg], { type: 'image/svg+xml;charset=utf-8' });
}

/**
 * Rasterises a drawing into a PNG on white at {@link pngScale}. The SVG is loaded as an image
 * (it holds no external references, so the canvas is never tainted) and drawn onto a canvas.
 */
export async function pngBlob(drawing: Drawing): Promise<Blob> {
  const scale = pngScale(drawing.width, drawing.height);
  const width = Math.max(1, Math.round(drawing.width * scale));
  const height = Math.max(1, Math.round(drawing.height * scale));
  const url = URL.createObjectURL(svgBlob(drawing));
  try {
    const image = new Image(width, height);
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('the browser gave no 2D canvas to draw the picture on');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) =>
          blob
            ? resolve(blob)
            : reject(new Error(`the browser could not encode a ${width}×${height} PNG`)),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
