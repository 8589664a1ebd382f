/**
 * Shortcuts of the file commands. They belong to the shell rather than the editing registry
 * (they act on files, not on the blueprint), so the shell listens for them itself and the help
 * dialog lists them with the registry's.
 */
import { useEffect } from 'react';
import { matchesShortcut } from '../actions/shortcuts';
import type { Shortcut } from '../actions/types';

export const FILE_SHORTCUTS = {
  open: { key: 'o', mod: true },
  save: { key: 's', mod: true },
} as const satisfies Record<string, Shortcut>;

/** Ctrl/⌘+O opens a file, Ctrl/⌘+S saves, wherever the focus is (the browser's own are replaced). */
export function useFileShortcuts(handlers: { open: () => void; save: () => void }): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (matchesShortcut(event, FILE_SHORTCUTS.open)) {
        event.preventDefault();
        handlers.open();
      } else if (matchesShortcut(event, FILE_SHORTCUTS.save)) {
        event.preventDefault();
        handlers.save();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [handlers]);
}
