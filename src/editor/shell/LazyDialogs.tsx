/**
 * The dialogs nobody sees on opening the app (the BPMN import and its report, a refused file, the
 * library), loaded the first time one of them is needed. Their code and sentences (the BPMN
 * notes in both languages, the library's lists) then stay out of the first view, which draws the
 * blueprint and R sooner. Once loaded a dialog stays mounted, so its native `<dialog>` closes the
 * usual way and gives focus back where it was.
 */
import { lazy, Suspense, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { useBpmnImport } from '../bpmn/bpmnImport';
import { useFileState } from '../files/fileActions';
import { useLibraryDialog } from '../library/dialogState';

const BpmnDialogs = lazy(() =>
  import('../bpmn/BpmnDialogs').then((module) => ({ default: module.BpmnDialogs })),
);
const RejectedFileDialog = lazy(() =>
  import('./RejectedFileDialog').then((module) => ({ default: module.RejectedFileDialog })),
);
const LibraryDialog = lazy(() =>
  import('../library/LibraryDialog').then((module) => ({ default: module.LibraryDialog })),
);

/** Mounts `Dialog` from the first time `needed` is true on. */
function WhenFirstNeeded({
  needed,
  Dialog,
}: {
  needed: boolean;
  Dialog: LazyExoticComponent<ComponentType>;
}) {
  const [mounted, setMounted] = useState(needed);
  // Adjusting state while rendering (React's documented pattern): mounted follows needed once.
  if (needed && !mounted) setMounted(true);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <Dialog />
    </Suspense>
  );
}

export function LazyDialogs() {
  const bpmn = useBpmnImport((state) => state.pending !== null || state.report !== null);
  const rejected = useFileState((state) => state.rejection !== null);
  const library = useLibraryDialog((state) => state.open);
  return (
    <>
      <WhenFirstNeeded needed={rejected} Dialog={RejectedFileDialog} />
      <WhenFirstNeeded needed={bpmn} Dialog={BpmnDialogs} />
      <WhenFirstNeeded needed={library} Dialog={LibraryDialog} />
    </>
  );
}
