/**
 * The live analysis as the panels read it: selectors of the one results store
 * (`../store/results.ts`), under the name the panels of the shell and the scenarios use.
 */
export { useResultsStore as useLiveResults, type ValidAnalysis } from '../store/results';
