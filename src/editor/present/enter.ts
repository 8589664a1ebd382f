/**
 * Entering and leaving the presenting view. Entering switches the app to the `present` mode and
 * asks the browser for full screen; a browser that refuses (no user gesture, an iframe without
 * permission, a kiosk) still gets the view, filling the window. Leaving returns to editing and
 * gives the screen back.
 *
 * Small and free of React, so the action registry can import it without pulling the view itself
 * into the first load of the app.
 */
import { appMode, setAppMode } from '../shell/modeState';

/**
 * Whether this presentation asked for full screen and got it: only then does leaving full
 * screen (the browser's own Escape, F11) also leave the presenting view.
 */
let ownsFullscreen = false;

/** Switches to the presenting view and asks for full screen. Must run in a user's click or key press. */
export function enterPresenting(): void {
  setAppMode('present');
  const root = typeof document === 'undefined' ? null : document.documentElement;
  if (!root || document.fullscreenElement || typeof root.requestFullscreen !== 'function') return;
  if (document.fullscreenEnabled === false) return;
  root.requestFullscreen().then(
    () => {
      ownsFullscreen = true;
      // Left again before the browser answered: give the screen back at once.
      if (appMode() !== 'present') void exitFullscreen();
    },
    // Refused: the view fills the window instead, which is all a projector needs.
    () => undefined,
  );
}

/** Leaves the presenting view for editing, and full screen if the view had asked for it. */
export function leavePresenting(): void {
  if (appMode() === 'present') setAppMode('edit');
  void exitFullscreen();
}

/**
 * Called when the browser leaves full screen by itself (its own Escape handling): the view
 * closes with it, as a slide show does.
 */
export function onFullscreenChange(): void {
  if (document.fullscreenElement) return;
  if (ownsFullscreen) {
    ownsFullscreen = false;
    if (appMode() === 'present') setAppMode('edit');
  }
}

async function exitFullscreen(): Promise<void> {
  if (!ownsFullscreen || typeof document === 'undefined' || !document.fullscreenElement) return;
  ownsFullscreen = false;
  try {
    await document.exitFullscreen();
  } catch {
    // Already left (the user pressed Escape at the same moment): nothing to give back.
  }
}
