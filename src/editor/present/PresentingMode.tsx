/**
 * Shows the presenting view while the app is in the `present` mode. The view and its styles are
 * loaded the first time it opens, so the first view of the editor does not grow by them.
 */
import { lazy, Suspense } from 'react';
import { useModeState } from '../shell/modeState';

const PresentingView = lazy(() =>
  import('./PresentingView').then((module) => ({ default: module.PresentingView })),
);

export function PresentingMode() {
  const presenting = useModeState((state) => state.mode === 'present');
  if (!presenting) return null;
  return (
    <Suspense fallback={null}>
      <PresentingView />
    </Suspense>
  );
}
