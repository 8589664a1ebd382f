/**
 * Where the view goes when a blueprint opens and when the user asks to fit it. Pure geometry:
 * no React, no DOM, so the rules can be checked without a browser.
 *
 * A blueprint is framed as a whole: every node, and the full height of the four lane bands
 * (an empty support lane is still part of the picture, and its name must stay readable).
 * Fitting a long blueprint into a small window gives a zoom at which nothing can be read, so
 * no fit ever goes below {@link READABLE_ZOOM}, the zoom at which node labels are drawn at
 * {@link READABLE_TEXT_SIZE} on screen: what does not fit then starts at the left, where the
 * service starts, and the rest is a pan (or a click on the overview map) away.
 */
import type { Viewport } from '@xyflow/react';
import type { NodeSpec } from '../../sim/document';
import {
  CAPTION_WIDTH,
  NODE_SIZES,
  boundsOf,
  computeLaneBands,
  type LaneBand,
} from '../../document/geometry';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Screen pixels kept free on each side of the framed blueprint. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Width of the lane-name column pinned over the left edge of the canvas, in screen pixels. */
export const LANE_LABEL_COLUMN = 32;

/**
 * Room around the blueprint: the lane names on the left, the zoom controls on the right, a
 * little air above and below the bands.
 */
export const FRAME_PADDING: Readonly<Insets> = {
  top: 12,
  right: 48,
  bottom: 12,
  left: LANE_LABEL_COLUMN + 8,
};

/** Width of the caption under decisions, bars, starts and ends (`.fp-caption` in canvas.css). */
export { CAPTION_WIDTH };

/**
 * Font size of node labels (step cards and the captions of the other shapes), in canvas pixels
 * at zoom 1. canvas.css sets the same size on `.fp-canvas .react-flow__node`.
 */
export const NODE_LABEL_FONT_SIZE = 13;

/** Smallest size at which text on screen still reads, in CSS pixels. */
export const READABLE_TEXT_SIZE = 11;

/**
 * Lowest zoom any fit goes to: node labels are drawn at {@link READABLE_TEXT_SIZE} on screen
 * (13 px labels at 11/13 ≈ 0.846). Zooming out further is the user's own choice.
 */
export const READABLE_ZOOM = READABLE_TEXT_SIZE / NODE_LABEL_FONT_SIZE;

/** Fitting never zooms in further than this: a small blueprint stays at a natural size. */
export const FIT_MAX_ZOOM = 1.25;

type Placed = Pick<NodeSpec, 'id' | 'type' | 'lane' | 'position'>;

/**
 * The canvas rectangle a view should show: the nodes (with the captions that are wider than
 * their shapes) from left to right, and from the top of the first lane band to the bottom of
 * the last (or further, if a node sticks out). Null when no node has a position.
 */
export function blueprintFrame(
  nodes: readonly Placed[],
  bands: readonly LaneBand[] = computeLaneBands(nodes),
): Rect | null {
  const bounds = boundsOf(nodes);
  if (!bounds) return null;
  let left = bounds.x;
  let right = bounds.x + bounds.width;
  for (const node of nodes) {
    if (!node.position || node.type === 'step') continue;
    const overhang = Math.max(0, (CAPTION_WIDTH - NODE_SIZES[node.type].width) / 2);
    left = Math.min(left, node.position.x - overhang);
    right = Math.max(right, node.position.x + NODE_SIZES[node.type].width + overhang);
  }
  const top = Math.min(bounds.y, bands[0]?.top ?? bounds.y);
  const bottom = Math.max(bounds.y + bounds.height, bands[bands.length - 1]?.bottom ?? -Infinity);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export interface FitOptions {
  padding: Insets;
  minZoom: number;
  maxZoom: number;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** The screen area left for the frame once the padding is taken off (never less than 1 px). */
function available(size: { width: number; height: number }, padding: Insets) {
  return {
    width: Math.max(1, size.width - padding.left - padding.right),
    height: Math.max(1, size.height - padding.top - padding.bottom),
  };
}

/**
 * Where one axis of the frame lands on screen at `zoom`: centred when it fits; otherwise the
 * window of length `room / zoom` around `anchor`, kept inside the frame.
 */
function place(
  start: number,
  length: number,
  zoom: number,
  room: number,
  before: number,
  anchor: number,
): number {
  if (length * zoom <= room) return before + (room - length * zoom) / 2 - start * zoom;
  const visible = room / zoom;
  const first = clamp(anchor - visible / 2, start, start + length - visible);
  return before - first * zoom;
}

/**
 * The view of `size` screen pixels that shows the frame centred, as large as fits between
 * `minZoom` and `maxZoom`. When even `minZoom` is too large for the frame, the view stays at
 * `minZoom` (as much as can be read at once) and shows the frame's left part, where the
 * service starts, and, if the bands do not fit either, the part around `anchorY` (a canvas y,
 * such as the start node's centre; default: the top).
 */
export function viewportForFrame(
  frame: Rect,
  size: { width: number; height: number },
  options: FitOptions & { anchorY?: number },
): Viewport {
  const room = available(size, options.padding);
  const zoom = clamp(
    Math.min(room.width / frame.width, room.height / frame.height),
    options.minZoom,
    options.maxZoom,
  );
  const anchorY = options.anchorY ?? frame.y;
  return {
    x: place(frame.x, frame.width, zoom, room.width, options.padding.left, frame.x),
    y: place(frame.y, frame.height, zoom, room.height, options.padding.top, anchorY),
    zoom,
  };
}

/** A fitted view, and whether it shows the whole frame. */
export interface FittedView {
  viewport: Viewport;
  /** True when the whole frame is on screen; false when part of it is a pan away. */
  whole: boolean;
}

/**
 * The fit of a blueprint's frame into a canvas of `size` screen pixels: everything when that
 * is readable, otherwise the readable floor (`options.minZoom`, normally
 * {@link READABLE_ZOOM}), fitted to the height of the lanes when that fits, starting at the
 * left end, with `whole` false so the canvas can say that the rest is still there.
 */
export function fitBlueprint(
  frame: Rect,
  size: { width: number; height: number },
  options: FitOptions & { anchorY?: number },
): FittedView {
  const viewport = viewportForFrame(frame, size, options);
  const room = available(size, options.padding);
  // A hair of tolerance: the zoom that fits exactly may round a fraction of a pixel over.
  const whole =
    frame.width * viewport.zoom <= room.width + 0.5 &&
    frame.height * viewport.zoom <= room.height + 0.5;
  return { viewport, whole };
}

/**
 * Whether the whole frame can be shown with its labels readable in a canvas of `size` screen
 * pixels. When it cannot, the canvas shows the overview map until the user hides it.
 */
export function fitsReadably(
  frame: Rect,
  size: { width: number; height: number },
  padding: Insets = FRAME_PADDING,
): boolean {
  const room = available(size, padding);
  return Math.min(room.width / frame.width, room.height / frame.height) >= READABLE_ZOOM;
}

/** Smallest height of a lane name on screen, in CSS pixels: two lines of 11 px text. */
export const LANE_LABEL_MIN_HEIGHT = 40;

/** Where one lane name sits on screen, in CSS pixels from the top of the canvas. */
export interface LabelSlot {
  top: number;
  height: number;
  /** True when the band is too thin on screen for its name, which is then stacked below it. */
  stacked: boolean;
}

/**
 * The screen positions of the lane names beside bands that sit at `bands` (screen pixels, top
 * to bottom) in a canvas `viewHeight` pixels tall. A band at least
 * {@link LANE_LABEL_MIN_HEIGHT} tall has its name beside it, over its whole height. Thinner
 * bands (zoomed far out, say on a 1,000-node blueprint) give their names that height all the
 * same, stacked one below the other from the first band down, so the names keep a fixed,
 * readable size at any zoom; the stack is pulled up to stay inside the canvas while the bands
 * are in it.
 */
export function laneLabelSlots(
  bands: readonly { top: number; height: number }[],
  viewHeight: number,
  minHeight: number = LANE_LABEL_MIN_HEIGHT,
): LabelSlot[] {
  const slots: LabelSlot[] = [];
  let previousBottom = -Infinity;
  for (const band of bands) {
    const height = Math.max(band.height, minHeight);
    const top = Math.max(band.top, previousBottom);
    slots.push({ top, height, stacked: band.height < minHeight });
    previousBottom = top + height;
  }
  const last = bands[bands.length - 1];
  if (!last) return slots;
  // Pull the stack up so it ends inside the canvas, unless the bands themselves reach lower.
  let limit = Math.max(viewHeight, last.top + last.height);
  for (let i = slots.length - 1; i >= 0; i--) {
    const slot = slots[i];
    slot.top = Math.min(slot.top, limit - slot.height);
    limit = slot.top;
  }
  return slots;
}
