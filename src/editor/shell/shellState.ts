/**
 * The shell's own view state: which analysis tab is open, how tall the analysis panel is, and
 * whether the help dialog is showing. The panel height is remembered in the browser.
 */
import { create } from 'zustand';

export const PANEL_TABS = [
  'results',
  'scenarios',
  'money',
  'simulation',
  'explorer',
  'problems',
] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

const HEIGHT_KEY = 'failpoint.panelHeight';
/** The panel's smallest height while it is open, in CSS pixels (below it: collapse it). */
export const PANEL_MIN_HEIGHT = 160;
/** The panel's share of the window height until the user resizes it. */
const PANEL_DEFAULT_SHARE = 0.27;
const PANEL_DEFAULT_MAX = 380;
/** Toolbar and status bar together, in CSS pixels (`--toolbar-height` + `--status-height`). */
const FRAME_CHROME_HEIGHT = 48 + 24;
/** Height of the panel's tab row, in CSS pixels: the least it shrinks to, so tabs stay reachable. */
const PANEL_HEADER_HEIGHT = 40;
/** The canvas keeps at least this share of the window height, whatever the splitter says. */
export const CANVAS_MIN_SHARE = 0.45;
/** …and never less than this, in CSS pixels. */
export const CANVAS_MIN_HEIGHT = 320;

/**
 * The panel height before the user chooses one: about a quarter of the window, so the canvas
 * keeps most of it and shows the four lanes whole at a readable zoom (1440 × 900 → 243 px).
 */
export function defaultPanelHeight(windowHeight: number): number {
  return clampPanelHeight(
    Math.min(PANEL_DEFAULT_MAX, Math.max(PANEL_MIN_HEIGHT, windowHeight * PANEL_DEFAULT_SHARE)),
    windowHeight,
  );
}

/**
 * The tallest the panel may be in a window `windowHeight` CSS pixels tall: what is left once
 * the toolbar, the status bar and the canvas's minimum height ({@link CANVAS_MIN_SHARE} of the
 * window, at least {@link CANVAS_MIN_HEIGHT}) are taken off. Never negative.
 */
export function maxPanelHeight(windowHeight: number): number {
  const canvasMinimum = Math.max(CANVAS_MIN_HEIGHT, windowHeight * CANVAS_MIN_SHARE);
  return Math.max(0, Math.floor(windowHeight - FRAME_CHROME_HEIGHT - canvasMinimum));
}

/**
 * A panel height, in CSS pixels, that keeps the canvas its minimum: at most
 * {@link maxPanelHeight}, and at least {@link PANEL_MIN_HEIGHT} when the window leaves room for
 * it. The canvas wins in a window too small for both, down to the panel's row of tabs (and the
 * panel can still be collapsed).
 */
export function clampPanelHeight(height: number, windowHeight: number): number {
  const rounded = Number.isFinite(height) ? Math.round(height) : PANEL_MIN_HEIGHT;
  const fitted = Math.min(maxPanelHeight(windowHeight), Math.max(PANEL_MIN_HEIGHT, rounded));
  return Math.max(PANEL_HEADER_HEIGHT, fitted);
}

function windowHeight(): number {
  return globalThis.innerHeight || 900;
}

/** The remembered height, clamped to this window (a height saved in a taller one may not fit). */
function storedHeight(): number {
  const fallback = defaultPanelHeight(windowHeight());
  try {
    const stored = globalThis.localStorage?.getItem(HEIGHT_KEY);
    const value = stored ? Number(stored) : NaN;
    return Number.isFinite(value) ? clampPanelHeight(value, windowHeight()) : fallback;
  } catch {
    return fallback;
  }
}

interface ShellState {
  tab: PanelTab;
  panelHeight: number;
  panelCollapsed: boolean;
  helpOpen: boolean;
}

export const useShellState = create<ShellState>(() => ({
  tab: 'results',
  panelHeight: storedHeight(),
  panelCollapsed: false,
  helpOpen: false,
}));

export function showTab(tab: PanelTab): void {
  useShellState.setState({ tab, panelCollapsed: false });
}

/** Sets the panel height the user asked for, clamped so the canvas keeps its minimum. */
export function setPanelHeight(height: number): void {
  useShellState.setState({
    panelHeight: clampPanelHeight(height, windowHeight()),
    panelCollapsed: false,
  });
}

/**
 * Keeps the panel inside the rule when the window is resized: the remembered height comes back
 * in a taller window, and a shorter one lowers the panel instead of squeezing the canvas.
 * Returns the function that stops listening.
 */
export function followWindowHeight(): () => void {
  const update = () => useShellState.setState({ panelHeight: storedHeight() });
  globalThis.addEventListener?.('resize', update);
  return () => globalThis.removeEventListener?.('resize', update);
}

export function rememberPanelHeight(): void {
  try {
    globalThis.localStorage?.setItem(HEIGHT_KEY, String(useShellState.getState().panelHeight));
  } catch {
    // Not remembered; the panel keeps its height for this visit.
  }
}
