/**
 * What the app is being used for: editing a blueprint (the default), teaching with it (customers
 * walk the blueprint, editing locked) or presenting it (a full-screen view for a projector).
 * One value, so the modes exclude each other: a link with `&mode=teach`, the toolbar and the
 * keyboard all go through {@link setAppMode}.
 */
import { create } from 'zustand';

export const APP_MODES = ['edit', 'teach', 'present'] as const;
export type AppMode = (typeof APP_MODES)[number];

interface ModeState {
  mode: AppMode;
}

export const useModeState = create<ModeState>(() => ({ mode: 'edit' }));

/** Switches the app to `mode`; switching to the mode already on changes nothing. */
export function setAppMode(mode: AppMode): void {
  if (useModeState.getState().mode !== mode) useModeState.setState({ mode });
}

/** The mode now on. */
export function appMode(): AppMode {
  return useModeState.getState().mode;
}

/** Whether the blueprint may be edited: only in the editing mode. */
export function editingAllowed(): boolean {
  return useModeState.getState().mode === 'edit';
}
