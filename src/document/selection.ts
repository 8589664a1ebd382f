/**
 * What the user has picked and copied: plain data, so the commands can take a selection and
 * hand one back without knowing about the canvas.
 */
import type { EdgeSpec, NodeSpec } from '../sim/document';

/** Ids of the selected nodes and edges. */
export interface Selection {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

export const EMPTY_SELECTION: Selection = { nodes: new Set(), edges: new Set() };

/** A selection of exactly these nodes and edges. */
export function selectionOf(nodes: Iterable<string> = [], edges: Iterable<string> = []): Selection {
  return { nodes: new Set(nodes), edges: new Set(edges) };
}

/** Keeps only selected ids that still exist in the nodes and edges given. */
export function pruneSelection(
  selection: Selection,
  document: { nodes: readonly NodeSpec[]; edges: readonly EdgeSpec[] },
): Selection {
  if (selection.nodes.size === 0 && selection.edges.size === 0) return selection;
  const nodeIds = new Set(document.nodes.map((n) => n.id));
  const edgeIds = new Set(document.edges.map((e) => e.id));
  const nodes = [...selection.nodes].filter((id) => nodeIds.has(id));
  const edges = [...selection.edges].filter((id) => edgeIds.has(id));
  if (nodes.length === selection.nodes.size && edges.length === selection.edges.size) {
    return selection;
  }
  return { nodes: new Set(nodes), edges: new Set(edges) };
}

/** Nodes and the edges among them, as copied. */
export interface ClipboardContent {
  nodes: NodeSpec[];
  edges: EdgeSpec[];
}
