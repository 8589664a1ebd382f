/** Hands each analysis answer to the editing core's results store, which colours the canvas. */
import { setResults } from '../store/results';
import type { AnalysisResponse } from './analysisClient';

export function publishAnalysis(response: AnalysisResponse): void {
  if (response.ok) setResults({ status: 'ok', analysis: response.analysis, problems: [] });
  else setResults({ status: 'invalid', problems: response.diagnostics });
}
