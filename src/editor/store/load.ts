/**
 * Opening a blueprint: the one way a document enters the editor from outside (a file, an
 * example, the autosave).
 */
import type { BlueprintDocument } from '../../sim/document';
import { needsLayout, quickLayout, withPositions } from '../../document/layout';
import { layoutEngine } from '../layout';
import { resetBudget } from '../money/budgetState';
import {
  replaceDocumentSilently,
  requestFitView,
  setLayoutPending,
  setLoadedDocument,
  useBlueprintStore,
} from './blueprint';

/**
 * Replaces the document, and the selection and what-if mode with it. With `recordAs` the
 * replaced blueprint stays one undo step away; without it the undo history starts again.
 *
 * A document in which some node has no position is laid out: at once with a quick layered
 * layout (so there is something to see), then with the app's layout engine (ELK). Its result
 * replaces the quick one without an undo step, unless the user has edited or opened something
 * else in the meantime.
 *
 * @returns a promise that settles when the layout (if any) has been applied; the document itself
 * is in the store as soon as the function returns.
 */
export function loadDocument(document: BlueprintDocument, recordAs?: string): Promise<void> {
  // Another blueprint's options cost something else: its budget starts again.
  resetBudget();
  if (!needsLayout(document)) {
    setLoadedDocument(document, recordAs);
    setLayoutPending(false);
    return Promise.resolve();
  }
  const placed = withPositions(document, quickLayout(document));
  setLoadedDocument(placed, recordAs);
  setLayoutPending(true);
  const { revision, loadCount } = useBlueprintStore.getState();
  return layoutEngine()
    .layout(placed)
    .then((positions) => {
      const state = useBlueprintStore.getState();
      if (state.revision !== revision || state.loadCount !== loadCount) return;
      replaceDocumentSilently(withPositions(state.document, positions));
      requestFitView();
    })
    .catch(() => {
      // The quick layout stays; it is a complete layout in its own right.
    })
    .finally(() => {
      // A file opened in the meantime has its own layout under way (or none).
      if (useBlueprintStore.getState().loadCount === loadCount) setLayoutPending(false);
    });
}
