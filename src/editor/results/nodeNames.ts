/**
 * Readable names of nodes for charts, tables and screen-reader text: a node's label when it has
 * one, otherwise a name made from where it stands, never its id. A parallel split and a join
 * are often left unlabelled (the palette adds them without text, a BPMN gateway rarely has
 * one), and a join is a fail point of its own when its block fails, so "j2" would otherwise
 * turn up in the Pareto chart and the Monte Carlo counts.
 *
 * - a parallel split: "Parallel split after ‘Pick up the parcel’" (its one predecessor), or
 *   "Parallel split into ‘A’ and ‘B’";
 * - a join: "Join of ‘A’ and ‘B’" (the last steps of its branches);
 * - any other unlabelled node: "Decision after ‘A’", "Failure end after ‘A’", or its kind.
 *
 * A neighbour is named by its label, or by its kind when it has none ("Join of ‘Identity
 * verified’ and an unlabelled join"), so names stay short and never nest.
 */
import { useMemo } from 'react';
import type { EdgeSpec, NodeSpec } from '../../sim/document';
import { useT, type Translate } from '../i18n';
import { useBlueprintStore } from '../store/blueprint';

/** What naming needs of a blueprint. */
export interface NamedGraph {
  nodes: readonly NodeSpec[];
  edges: readonly Pick<EdgeSpec, 'source' | 'target'>[];
}

/** Neighbours listed by name before "and n more". */
const LISTED = 3;

/**
 * Returns a function naming the nodes of `graph` in the language of `t`. An id that is not in
 * the blueprint (a node deleted since a run) gets `fallback(id)` when given, else the id.
 *
 * @example
 * const nameOf = readableNodeNames(document, t);
 * nameOf('j1'); // "Join of ‘Check the identity’ and ‘Check the income’"
 */
export function readableNodeNames(
  graph: NamedGraph,
  t: Translate,
  fallback?: (id: string) => string | undefined,
): (id: string) => string {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const before = new Map<string, string[]>();
  const after = new Map<string, string[]>();
  for (const edge of graph.edges) {
    push(before, edge.target, edge.source);
    push(after, edge.source, edge.target);
  }
  const cache = new Map<string, string>();
  const comma = t('results.nodeName.comma');
  /** A neighbour: its label in quotes, or "an unlabelled join". */
  const ref = (id: string) => {
    const node = byId.get(id);
    const label = node?.label?.trim();
    if (label) return t('results.nodeName.quoted', { name: label });
    if (!node) return fallback?.(id) || id;
    const kind = kindOf(node, t);
    return t('results.nodeName.unlabelled', {
      kind: kind.charAt(0).toLowerCase() + kind.slice(1),
    });
  };
  const labelled = (id: string) => Boolean(byId.get(id)?.label?.trim());
  const list = (ids: readonly string[]) => {
    const names = ids.map(ref);
    if (names.length > LISTED) {
      return t('results.nodeName.more', {
        names: names.slice(0, LISTED).join(comma),
        count: names.length - LISTED,
      });
    }
    if (names.length === 1) return names[0];
    return t('results.nodeName.and', {
      first: names.slice(0, -1).join(comma),
      last: names[names.length - 1],
    });
  };

  function name(id: string): string {
    const node = byId.get(id);
    if (!node) return fallback?.(id) || id;
    const label = node.label?.trim();
    if (label) return label;
    const cached = cache.get(id);
    if (cached) return cached;
    const kind = kindOf(node, t);
    const from = unique(before.get(id) ?? []);
    const to = unique(after.get(id) ?? []);
    let result = kind;
    if (node.type === 'join' && from.length > 0) {
      result = t('results.nodeName.joinOf', { names: list(from) });
    } else if (
      node.type === 'parallel' &&
      to.length > 0 &&
      !(from.length === 1 && labelled(from[0]))
    ) {
      // Its branches say more than an unlabelled or shared predecessor would.
      result = t('results.nodeName.splitInto', { names: list(to) });
    } else if (from.length === 1) {
      result = t('results.nodeName.after', { kind, name: ref(from[0]) });
    }
    cache.set(id, result);
    return result;
  }

  return name;
}

function kindOf(node: NodeSpec, t: Translate): string {
  switch (node.type) {
    case 'parallel':
      return t('results.nodeName.parallel');
    case 'join':
      return t('results.nodeName.join');
    case 'decision':
      return t('results.nodeName.decision');
    case 'step':
      return t('results.nodeName.step');
    case 'start':
      return t('results.nodeName.start');
    case 'end':
      return node.outcome === 'failure'
        ? t('results.nodeName.failureEnd')
        : t('results.nodeName.end');
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * The readable names of the blueprint on screen, in the interface language; `fallback` names a
 * node the blueprint no longer has (figures of an earlier revision).
 */
export function useReadableNodeNames(
  fallback?: (id: string) => string | undefined,
): (id: string) => string {
  const t = useT();
  const document = useBlueprintStore((state) => state.document);
  return useMemo(() => readableNodeNames(document, t, fallback), [document, t, fallback]);
}
