/**
 * The shell's own view state: which analysis tab is open, how tall the analysis panel is, and
 * whether the help dialog is showing. The panel height is remembered in the browser.
 */
import { create } from 'zustand';

export const PANEL_TABS = ['results', 'scenarios', 'simulation', 'problems'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

const HEIGHT_KEY = 'failpoint.panelHeight';
export const PANEL_MIN_HEIGHT = 160;
export const PANEL_DEFAULT_HEIGHT = 340;

function storedHeight(): number {
  try {
    const value = Number(globalThis.localStorage?.getItem(HEIGHT_KEY));
    return Number.isFinite(value) && value >= PANEL_MIN_HEIGHT ? value : PANEL_DEFAULT_HEIGHT;
  } catch {
    return PANEL_DEFAULT_HEIGHT;
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
