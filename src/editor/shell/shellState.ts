/**
 * The shell's own view state: which analysis tab is open, how tall the analysis panel is, and
 * whether the help dialog is showing. The panel height is remembered in the browser.
 */
import { create } from 'zustand';

export const PANEL_TABS = ['results', 'scenarios', 'simulation', 'problems'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

const HEIGHT_KEY = 'failpoint.panelHeight';
export const PANEL_MIN_HEIGHT = 160;
/** The panel's share of the window height until the user resizes it. */
const PANEL_DEFAULT_SHARE = 0.34;
const PANEL_DEFAULT_MAX = 420;

/**
 * The panel height before the user chooses one: about a third of the window, so the canvas
 * keeps the larger part and still shows the four lanes at a readable size (1440 × 900 → 306 px).
 */
export function defaultPanelHeight(windowHeight: number): number {
  return Math.round(
    Math.min(PANEL_DEFAULT_MAX, Math.max(PANEL_MIN_HEIGHT, windowHeight * PANEL_DEFAULT_SHARE)),
  );
}

function storedHeight(): number {
  const fallback = defaultPanelHeight(globalThis.innerHeight || 900);
  try {
    const stored = globalThis.localStorage?.getItem(HEIGHT_KEY);
    const value = stored ? Number(stored) : NaN;
    return Number.isFinite(value) && value >= PANEL_MIN_HEIGHT ? value : fallback;
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

export function setPanelHeight(height: number): void {
  const clamped = Math.max(PANEL_MIN_HEIGHT, Math.round(height));
  useShellState.setState({ panelHeight: clamped, panelCollapsed: false });
}

export function rememberPanelHeight(): void {
  try {
    globalThis.localStorage?.setItem(HEIGHT_KEY, String(useShellState.getState().panelHeight));
  } catch {
    // Not remembered; the panel keeps its height for this visit.
  }
}
