/**
 * The view maths of the canvas: the readable floor of every fit, when a blueprint counts as
 * seen whole, where the lane names go at any zoom, and how tall the analysis panel may be.
 */
import { describe, expect, it } from 'vitest';
import {
  FIT_MAX_ZOOM,
  FRAME_PADDING,
  LANE_LABEL_MIN_HEIGHT,
  NODE_LABEL_FONT_SIZE,
  READABLE_TEXT_SIZE,
  READABLE_ZOOM,
  fitBlueprint,
  fitsReadably,
  laneLabelSlots,
} from '../../src/editor/canvas/viewport';
import {
  CANVAS_MIN_HEIGHT,
  PANEL_MIN_HEIGHT,
  clampPanelHeight,
  maxPanelHeight,
} from '../../src/editor/shell/shellState';

const options = { padding: FRAME_PADDING, minZoom: READABLE_ZOOM, maxZoom: FIT_MAX_ZOOM };
const canvas = { width: 944, height: 585 };
const room = {
  width: canvas.width - FRAME_PADDING.left - FRAME_PADDING.right,
  height: canvas.height - FRAME_PADDING.top - FRAME_PADDING.bottom,
};

describe('the readable zoom', () => {
  it('draws node labels at 11 CSS px or more', () => {
    expect(READABLE_TEXT_SIZE).toBe(11);
    expect(NODE_LABEL_FONT_SIZE * READABLE_ZOOM).toBeGreaterThanOrEqual(11 - 1e-9);
  });
});

describe('fitting a blueprint', () => {
  it('shows a short blueprint whole, above the readable zoom', () => {
    const frame = { x: 0, y: 0, width: 700, height: 500 };
    const { viewport, whole } = fitBlueprint(frame, canvas, options);
    expect(whole).toBe(true);
    expect(viewport.zoom).toBeGreaterThan(READABLE_ZOOM);
    expect(viewport.zoom).toBeCloseTo(Math.min(room.width / 700, room.height / 500), 9);
  });

  it('stops at the readable zoom for a long blueprint, fits its height and starts at the left', () => {
    const frame = { x: -40, y: 0, width: 40_000, height: 640 };
    const { viewport, whole } = fitBlueprint(frame, canvas, options);
    expect(whole).toBe(false);
    expect(viewport.zoom).toBe(READABLE_ZOOM);
    expect(frame.x * viewport.zoom + viewport.x).toBeCloseTo(FRAME_PADDING.left, 9);
    // The four bands are whole on screen.
    expect(viewport.y).toBeGreaterThanOrEqual(FRAME_PADDING.top);
    expect((frame.y + frame.height) * viewport.zoom + viewport.y).toBeLessThanOrEqual(
      canvas.height - FRAME_PADDING.bottom,
    );
  });

  it('counts a blueprint that fits exactly at the readable zoom as whole', () => {
    const frame = {
      x: 0,
      y: 0,
      width: room.width / READABLE_ZOOM,
      height: room.height / READABLE_ZOOM,
    };
    expect(fitBlueprint(frame, canvas, options).whole).toBe(true);
    expect(fitsReadably(frame, canvas)).toBe(true);
    expect(fitsReadably({ ...frame, width: frame.width + 10 }, canvas)).toBe(false);
    expect(fitsReadably({ ...frame, height: frame.height + 10 }, canvas)).toBe(false);
  });
});

describe('the lane names', () => {
  const view = 500;

  it('sit beside bands tall enough for them, over their whole height', () => {
    const bands = [
      { top: 10, height: 120 },
      { top: 130, height: 120 },
      { top: 250, height: 120 },
      { top: 370, height: 120 },
    ];
    expect(laneLabelSlots(bands, view)).toEqual(bands.map((band) => ({ ...band, stacked: false })));
  });

  it('stack as a legend at a fixed height when the bands are too thin, without overlapping', () => {
    // Four 160 px bands at the lowest zoom the canvas allows (0.02).
    const bands = [0, 1, 2, 3].map((i) => ({ top: 200 + i * 3.2, height: 3.2 }));
    const slots = laneLabelSlots(bands, view);
    expect(slots[0].top).toBe(200);
    for (let i = 0; i < slots.length; i++) {
      expect(slots[i].height).toBe(LANE_LABEL_MIN_HEIGHT);
      expect(slots[i].stacked).toBe(true);
      if (i > 0) expect(slots[i].top).toBe(slots[i - 1].top + slots[i - 1].height);
    }
  });

  it('are pulled up to stay inside the canvas when the bands sit near its bottom', () => {
    const bands = [0, 1, 2, 3].map((i) => ({ top: 480 + i * 4, height: 4 }));
    const slots = laneLabelSlots(bands, view);
    expect(slots[3].top + slots[3].height).toBe(view);
    expect(slots[0].top).toBe(view - 4 * LANE_LABEL_MIN_HEIGHT);
  });

  it('follow bands that reach below the canvas instead of being pulled up', () => {
    const bands = [0, 1, 2, 3].map((i) => ({ top: 300 + i * 200, height: 200 }));
    const slots = laneLabelSlots(bands, view);
    expect(slots.map((slot) => slot.top)).toEqual([300, 500, 700, 900]);
  });
});

describe('the analysis panel', () => {
  it('leaves the canvas 45 % of the window, at least 320 px', () => {
    expect(maxPanelHeight(900)).toBe(900 - 72 - 405);
    expect(maxPanelHeight(600)).toBe(600 - 72 - CANVAS_MIN_HEIGHT);
  });

  it('is clamped however tall it is asked to be, and never below its minimum when it fits', () => {
    expect(clampPanelHeight(5_000, 900)).toBe(maxPanelHeight(900));
    expect(clampPanelHeight(10, 900)).toBe(PANEL_MIN_HEIGHT);
    expect(clampPanelHeight(300.4, 900)).toBe(300);
    expect(clampPanelHeight(Number.NaN, 900)).toBe(PANEL_MIN_HEIGHT);
    // A height remembered in a tall window is lowered in a short one.
    expect(clampPanelHeight(600, 1400)).toBe(600);
    expect(clampPanelHeight(600, 800)).toBe(maxPanelHeight(800));
    expect(800 - 72 - clampPanelHeight(600, 800)).toBeGreaterThanOrEqual(0.45 * 800);
  });
});
