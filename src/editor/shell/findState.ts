/**
 * Whether the find box is open. Kept apart from the box itself so that the action registry can
 * open it (Ctrl/⌘+F) without depending on a component.
 */
import { create } from 'zustand';

export const useFindState = create<{
  open: boolean;
  /** Grows with every Ctrl/⌘+F, so that the open box takes the focus back each time. */
  requests: number;
}>(() => ({ open: false, requests: 0 }));

export function openFind(): void {
  useFindState.setState((s) => ({ open: true, requests: s.requests + 1 }));
}

export function closeFind(): void {
  useFindState.setState({ open: false });
}
