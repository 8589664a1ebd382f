/**
 * The accessible names of the canvas's nodes and edges: what a screen reader says when one is
 * focused, and how a browser test finds it ("Step: Customer fills in the waybill, reliability
 * 90 %, recovery 60 %"). React Flow puts them on its node and edge wrappers, the elements
 * that take the keyboard focus.
 */
import type { EdgeSpec, NodeSpec } from '../../sim/document';
import type { EdgeKind } from '../../sim/model';
import type { Language, Translate } from '../i18n';
import { readableNodeNames, type NamedGraph } from '../results/nodeNames';

/** What a name may say about a node beyond its spec: the values its card shows. */
export interface NodeFigures {
  /** Steps: probability, 0–1, or null when it cannot be evaluated. */
  reliability: number | null;
  /** Steps with a recovery: share, 0–1, of failures caught, or null when not evaluable. */
  catchRate: number | null;
}

/** What a name may say about an edge beyond its spec. */
export interface EdgeFigures {
  kind: EdgeKind;
  /** Decision edges: probability, 0–1, or null; other edges: null. */
  probability: number | null;
  /** Whether the edge leaves a decision. */
  decision: boolean;
}

/** Names nodes and edges in one language. */
export interface FlowNames {
  /**
   * `nameOf` names an unlabelled node from where it stands ("Join of ‘A’ and ‘B’"); without
   * it an unlabelled node is called by its id.
   */
  node(spec: NodeSpec, figures: NodeFigures, nameOf?: (id: string) => string): string;
  /** Undefined leaves React Flow's own edge name. */
  edge(
    spec: EdgeSpec,
    figures: EdgeFigures,
    source: NodeSpec | undefined,
    target: NodeSpec | undefined,
    nameOf?: (id: string) => string,
  ): string | undefined;
  /** Readable names of a blueprint's nodes, for `nameOf` (absent: ids stand for themselves). */
  graphNames?: (graph: NamedGraph) => (id: string) => string;
  /** Extra attributes of every node wrapper (its translated role description), shared. */
  nodeAttributes?: { 'aria-roledescription': string };
  /** Extra attributes of every edge wrapper, shared. */
  edgeAttributes?: { 'aria-roledescription': string };
}

/** A node's own text, else its readable name (when known), else its id. */
function ownName(spec: Pick<NodeSpec, 'id' | 'label'>, nameOf?: (id: string) => string): string {
  return spec.label?.trim() || nameOf?.(spec.id) || spec.id;
}

/** Names without a language: a node is called by its label (or id); edges keep React Flow's. */
export const PLAIN_NAMES: FlowNames = {
  node: (spec) => ownName(spec),
  edge: () => undefined,
};

/**
 * A probability as a spoken percentage, written the interface language's way: at most two
 * decimals, no trailing zeros, two significant digits below 1 % (`0.9` → `"90 %"` in English,
 * `"90%"` in Chinese).
 */
export function percentForName(probability: number, language: Language): string {
  const percent = probability * 100;
  const number =
    percent !== 0 && Math.abs(percent) < 1
      ? Number(percent.toPrecision(2))
      : Number(percent.toFixed(2));
  return language === 'zh' ? `${number}%` : `${number} %`;
}

/** Names in the interface language, through the message catalogue. */
export function flowNames(t: Translate, language: Language): FlowNames {
  const percent = (value: number | null) =>
    value === null ? t('editing.node.notEvaluable') : percentForName(value, language);
  const separator = t('editing.name.separator');
  return {
    node(spec, figures, nameOf) {
      const label = ownName(spec, nameOf);
      // An unlabelled split or join has a name that already says what it is.
      const named = !spec.label?.trim() && nameOf !== undefined;
      if (named && spec.type === 'parallel') return label;
      if (named && spec.type === 'join') {
        return spec.k === undefined
          ? t('editing.nodeName.joinNamed', { name: label })
          : t('editing.nodeName.joinNamedAtLeast', { name: label, k: spec.k });
      }
      switch (spec.type) {
        case 'step':
          return spec.recovery
            ? t('editing.nodeName.stepWithRecovery', {
                label,
                reliability: percent(figures.reliability),
                recovery: percent(figures.catchRate),
              })
            : t('editing.nodeName.step', { label, reliability: percent(figures.reliability) });
        case 'decision':
          return t('editing.nodeName.decision', { label });
        case 'parallel':
          return t('editing.nodeName.parallel', { label });
        case 'join':
          return spec.k === undefined
            ? t('editing.nodeName.join', { label })
            : t('editing.nodeName.joinAtLeast', { label, k: spec.k });
        case 'start':
          return t('editing.nodeName.start', { label });
        case 'end':
          return spec.outcome === 'failure'
            ? t('editing.nodeName.failureEnd', { label })
            : t('editing.nodeName.end', { label });
      }
    },
    edge(spec, figures, source, target, nameOf) {
      const ends = {
        source: source ? ownName(source, nameOf) : spec.source,
        target: target ? ownName(target, nameOf) : spec.target,
      };
      const parts = [
        figures.kind === 'failure'
          ? t('editing.edgeName.failure', ends)
          : t('editing.edgeName.normal', ends),
      ];
      if (figures.decision) {
        parts.push(
          figures.probability !== null
            ? percentForName(figures.probability, language)
            : spec.probability !== undefined
              ? String(spec.probability)
              : t('editing.node.notEvaluable'),
        );
      }
      if (spec.label?.trim()) parts.push(spec.label.trim());
      return parts.join(separator);
    },
    graphNames: (graph) => {
      const nameOf = readableNodeNames(graph, t);
      // A node connected to nothing has no neighbours to be named by: its id, which the
      // problems panel uses for it too, tells two such nodes apart.
      const connected = new Set(graph.edges.flatMap((edge) => [edge.source, edge.target]));
      return (id) => (connected.has(id) ? nameOf(id) : id);
    },
    nodeAttributes: { 'aria-roledescription': t('editing.nodeName.role') },
    edgeAttributes: { 'aria-roledescription': t('editing.edgeName.role') },
  };
}
