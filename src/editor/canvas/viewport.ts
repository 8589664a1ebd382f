/**
 * Where the view goes when a blueprint opens and when the user asks to fit it. Pure geometry:
 * no React, no DOM, so the rules can be checked without a browser.
 *
 * A blueprint is framed as a whole: every node, and the full height of the four lane bands
 * (an empty support lane is still part of the picture, and its name must stay readable).
 * Fitting a long blueprint into a small window gives a zoom at which nothing can be read, so
 * the view a blueprint opens on never goes below {@link READABLE_ZOOM}: what does not fit
 * then starts at the left, where the service starts, and the rest is a pan away.
 */
import type { Viewport } from '@xyflow/react';
import type { NodeSpec } from '../../sim/document';
import { NODE_SIZES, boundsOf, computeLaneBands, type LaneBand } from '../../document/geometry';

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
export const LANE_LABEL_COLUMN = 116;

/**
 * Room around the blueprint: the lane names on the left, the zoom controls on the right, a
 * little air above and below the bands.
 */
export const FRAME_PADDING: Readonly<Insets> = {
  top: 12,
  right: 64,
  bottom: 12,
  left: LANE_LABEL_COLUMN + 24,
};

/** Width of the caption under decisions, bars, starts and ends (`.fp-caption` in canvas.css). */
export const CAPTION_WIDTH = 140;

/** Lowest zoom a blueprint opens at: step labels (12 px) stay at about 9 px on screen. */
export const READABLE_ZOOM = 0.75;

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
