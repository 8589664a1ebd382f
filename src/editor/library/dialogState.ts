/**
 * Whether the Library dialog is showing. Kept apart from the library's data and operations so
 * the action registry can open the dialog without depending on the database.
 */
import { create } from 'zustand';

export const useLibraryDialog = create<{ open: boolean }>(() => ({ open: false }));

/** Shows the Library dialog (the `openLibrary` command). */
export function openLibraryDialog(): void {
  useLibraryDialog.setState({ open: true });
}

export function closeLibraryDialog(): void {
  useLibraryDialog.setState({ open: false });
}
