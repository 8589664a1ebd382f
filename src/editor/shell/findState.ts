/**
 * Whether the find box is open. Kept apart from the box itself so that the action registry can
 * open it (Ctrl/⌘+F) without depending on a component.
 */
import { create } from 'zustand';

export const useFindState = create<{ open: boolean }>(() => ({ open: false }));

export function openFind(): void {
  useFindState.setState({ open: true });
}

export function closeFind(): void {
  useFindState.setState({ open: false });
}
