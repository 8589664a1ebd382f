/**
 * Keyboard shortcuts, straight from the action registry: a key press that matches a standalone
 * action's shortcut runs it. The help dialog lists the same shortcuts with {@link formatShortcut}.
 */
import { useEffect } from 'react';
import { actions, runStandaloneAction } from './registry';
import type { ActionId, AnyActionDefinition, Shortcut } from './types';

/** Whether the user is on a Mac (⌘ instead of Ctrl). */
export function isMacPlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform ??
    '';
  return /mac|iphone|ipad/i.test(platform);
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Whether a key event matches a shortcut. `mod` accepts Ctrl and ⌘ alike, so a shortcut works
 * whatever keyboard the user has. Shift must match exactly for letters (Ctrl+Z is not
 * Ctrl+Shift+Z); for symbols it is ignored, since typing `+` needs Shift on many layouts.
 */
export function matchesShortcut(event: KeyLike, shortcut: Shortcut): boolean {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key !== shortcut.key) return false;
  if ((event.ctrlKey || event.metaKey) !== Boolean(shortcut.mod)) return false;
  if (event.altKey !== Boolean(shortcut.alt)) return false;
  const isLetter = /^[a-z]$/.test(key);
  if ((isLetter || shortcut.shift !== undefined) && event.shiftKey !== Boolean(shortcut.shift)) {
    return false;
  }
  return true;
}

/** The standalone action a key event triggers, if any. */
export function actionForKey(event: KeyLike): AnyActionDefinition | undefined {
  return actions.find((a) => a.standalone && a.shortcuts.some((s) => matchesShortcut(event, s)));
}

const KEY_NAMES: Record<string, { mac: string; other: string }> = {
  Delete: { mac: '⌦', other: 'Del' },
  Backspace: { mac: '⌫', other: 'Backspace' },
  Escape: { mac: 'Esc', other: 'Esc' },
};

/** A shortcut as people write it: `Ctrl+Shift+Z`, or `⇧⌘Z` on a Mac. */
export function formatShortcut(shortcut: Shortcut, mac = isMacPlatform()): string {
  const named = KEY_NAMES[shortcut.key];
  const key = named ? (mac ? named.mac : named.other) : shortcut.key.toUpperCase();
  if (mac) {
    return `${shortcut.alt ? '⌥' : ''}${shortcut.shift ? '⇧' : ''}${shortcut.mod ? '⌘' : ''}${key}`;
  }
  return [shortcut.mod && 'Ctrl', shortcut.alt && 'Alt', shortcut.shift && 'Shift', key]
    .filter(Boolean)
    .join('+');
}

/** Every action that has shortcuts, with them formatted for this platform (for the help dialog). */
export function shortcutList(
  mac = isMacPlatform(),
): { id: ActionId; labelKey: AnyActionDefinition['labelKey']; keys: string[] }[] {
  return actions
    .filter((a) => a.standalone && a.shortcuts.length > 0)
    .map((a) => ({
      id: a.id,
      labelKey: a.labelKey,
      keys: a.shortcuts.map((s) => formatShortcut(s, mac)),
    }));
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
  }
  return false;
}

/** Whether the user has selected text on the page (then Ctrl+C copies that text, not nodes). */
function hasTextSelection(): boolean {
  const selection = typeof window === 'undefined' ? null : window.getSelection();
  return Boolean(selection && !selection.isCollapsed && selection.toString().trim() !== '');
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const action = actionForKey(event);
  if (!action) return;
  // File commands (open, save) answer wherever the focus is, replacing the browser's own.
  // Other keys typed into text fields, or inside dialogs (help, file pickers), are left alone.
  if (action.group !== 'file') {
    if (isEditable(event.target)) return;
    if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
  }
  if ((action.id === 'copy' || action.id === 'cut') && hasTextSelection()) return;
  event.preventDefault();
  void runStandaloneAction(action.id);
}

let mounted = 0;

/**
 * Listens for the registry's shortcuts on the whole window while mounted. Mount it once near the
 * root of the app; mounting it again elsewhere is harmless (one listener serves all). Keys typed
 * into text fields, and keys inside dialogs, are left alone.
 */
export function useShortcuts(): void {
  useEffect(() => {
    if (mounted === 0) window.addEventListener('keydown', onKeyDown);
    mounted += 1;
    return () => {
      mounted -= 1;
      if (mounted === 0) window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
