/**
 * Locks a part of the editor (the palette, the inspector) outside the editing mode: its fields
 * and buttons are disabled, so they read but do not edit. In the editing mode it adds nothing.
 */
import type { ReactNode } from 'react';
import { useModeState } from '../shell/modeState';

export function EditLock({ children }: { children: ReactNode }) {
  const locked = useModeState((state) => state.mode !== 'edit');
  if (!locked) return children;
  return (
    <fieldset className="edit-lock" disabled data-testid="edit-lock">
      {children}
    </fieldset>
  );
}
