/**
 * Whether the report view is open. Small and free of React and of the report itself, so the
 * action registry can open the view without pulling the report code into the app's first load.
 */
import { create } from 'zustand';

export interface ReportState {
  open: boolean;
  /** Counts the times Print report was asked for while the view was open: each one prints. */
  printRequests: number;
}

export const useReportState = create<ReportState>(() => ({ open: false, printRequests: 0 }));

/**
 * Print report… (Ctrl+P): opens the report view, or, when it is open already, prints it, as
 * Ctrl+P does in any other page.
 */
export function openReport(): void {
  const { open, printRequests } = useReportState.getState();
  useReportState.setState(open ? { printRequests: printRequests + 1 } : { open: true });
}

/** Closes the report view. */
export function closeReport(): void {
  useReportState.setState({ open: false });
}
