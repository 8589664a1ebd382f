/**
 * What the live analysis last produced, for the panels of this folder and the scenarios and
 * simulation panels. The canvas reads its heat from the editing core's results store, which
 * {@link publishAnalysis} fills from the same answers.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../../sim/diagnostics';
import type { AnalysisResponse } from './analysisClient';

export type ValidAnalysis = Extract<AnalysisResponse, { ok: true }>;

export interface LiveResultsState {
  /** `idle` until the first answer, `ok` for a valid blueprint, `invalid` otherwise. */
  status: 'idle' | 'ok' | 'invalid';
  /** The latest answer for a valid blueprint; cleared as soon as the blueprint is invalid. */
  result: ValidAnalysis | null;
  problems: Diagnostic[];
  /** A failure of the analysis itself (not of the blueprint), as a sentence. */
  error: string | null;
  /** Milliseconds from the edit to the answer on screen, for the latest answer. */
  latency: number | null;
}

export const useLiveResults = create<LiveResultsState>(() => ({
  status: 'idle',
  result: null,
  problems: [],
  error: null,
  latency: null,
}));

/** Records an answer of the analysis. */
export function recordAnalysis(response: AnalysisResponse, latency: number): void {
  if (response.ok) {
    useLiveResults.setState({ status: 'ok', result: response, problems: [], error: null, latency });
  } else {
    useLiveResults.setState({
      status: 'invalid',
      result: null,
      problems: response.diagnostics,
      error: null,
      latency,
    });
  }
}

export function recordAnalysisError(error: unknown): void {
  useLiveResults.setState({
    error: error instanceof Error ? error.message : String(error),
  });
}
