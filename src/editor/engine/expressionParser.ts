/**
 * The expression parser (`sim/expression-parser.ts`, mathjs) as the page gets it: fetched apart
 * from the first view, since the blueprints shown first hold plain numbers and names only,
 * which `sim/expressions.ts` judges without it. A blueprint that needs it waits for it before
 * it is analysed on this thread, so no figure is ever computed while it is missing (the
 * engine's worker imports it with the engine and never waits).
 */
import { useSyncExternalStore } from 'react';
import {
  documentNeedsExpressionParser,
  expressionParserReady,
  onExpressionParserReady,
} from '../../sim/expressions';
import { replaceDocumentSilently, useBlueprintStore } from '../store/blueprint';

let loading: Promise<void> | null = null;

/**
 * Fetches the parser, once; importing it installs it into `sim/expressions.ts`. A failed fetch
 * is forgotten, so that the next caller tries again.
 */
export function loadExpressionParser(): Promise<void> {
  if (expressionParserReady()) return Promise.resolve();
  loading ??= import('../../sim/expression-parser').then(
    () => undefined,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Waits for the parser when `document` holds an expression that needs it and it has not
 * arrived. A fetch that fails does not stop the caller: the expressions that need the parser
 * then say that it is missing, in the blueprint's problems.
 */
export async function parserFor(document: unknown): Promise<void> {
  if (expressionParserReady() || !documentNeedsExpressionParser(document)) return;
  await loadExpressionParser().catch(() => undefined);
}

let renewals = 0;
const renewalListeners = new Set<() => void>();

function subscribeRenewals(listener: () => void): () => void {
  renewalListeners.add(listener);
  return () => renewalListeners.delete(listener);
}

/**
 * How many times the views were asked to compute their values afresh: a view that keeps what
 * it computed from an expression (the canvas keeps each node's drawing while its spec is
 * unchanged) starts again when this changes.
 */
export function useViewRenewals(): number {
  return useSyncExternalStore(subscribeRenewals, () => renewals);
}

/**
 * Once the parser arrives after some expression had to be answered without it (typed in the
 * first moment after the page showed), the views computed from that answer are computed
 * again: those that keep their drawings start afresh ({@link useViewRenewals}), and the store
 * is given the same blueprint in new objects (same content, no undo step) so that every view
 * of it renders again. Returns a function that stops waiting.
 */
export function renewViewsWhenParserArrives(): () => void {
  return onExpressionParserReady((waited) => {
    if (!waited) return;
    renewals += 1;
    for (const listener of [...renewalListeners]) listener();
    const { document } = useBlueprintStore.getState();
    replaceDocumentSilently({
      ...document,
      ...(document.parameters ? { parameters: { ...document.parameters } } : {}),
      nodes: document.nodes.map((node) => ({ ...node })),
      edges: document.edges.map((edge) => ({ ...edge })),
    });
  });
}
