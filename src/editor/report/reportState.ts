/**
 * Whether the report view is open. Small and free of React and of the report itself, so the
 * action registry can open the view without pulling the report code into the app's first load.
 */
import { create } from 'zustand';

export interface ReportState {
  open: boolean;
}

export const useReportState = create<ReportState>(() => ({ open: false }));

/** Opens the report view (Print report…, Ctrl+P). */
export function openReport(): void {
  useReportState.setState({ open: true });
}

/** Closes the report view. */
export function closeReport(): void {
  useReportState.setState({ open: false });
}
