/**
 * ELK, loaded on first use. In the browser it runs in its own web worker so a layout of a large
 * blueprint never blocks the page; where there are no workers (tests in Node) it runs in-process.
 * The app's production build always has workers, so the in-process copy of ELK (1.4 MB) is left
 * out of it rather than shipped unused.
 */
import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import type { BlueprintDocument, Position } from '../../sim/document';
import { NODE_SIZES } from '../../document/geometry';
import { placeInLanes, stageColumns, type LayoutEngine } from '../../document/layout';

let elk: Promise<ELK> | null = null;

function loadElk(): Promise<ELK> {
  elk ??= (async () => {
    if (import.meta.env.PROD || (typeof Worker !== 'undefined' && typeof window !== 'undefined')) {
      const [{ default: ElkApi }, { default: workerUrl }] = await Promise.all([
        import('elkjs/lib/elk-api.js'),
        import('elkjs/lib/elk-worker.min.js?url'),
      ]);
      return new ElkApi({ workerFactory: () => new Worker(workerUrl) });
    }
    const { default: ElkBundled } = await import('elkjs/lib/elk.bundled.js');
    return new ElkBundled();
  })();
  return elk;
}

/**
 * Options for ELK's layered algorithm. Edge routes are not used (React Flow draws its own), so
 * the cheap polyline routing is enough; past a few hundred nodes the slower, more thorough
 * crossing reduction would take seconds, so it is turned down.
 */
function layoutOptions(nodeCount: number): Record<string, string> {
  const options: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'POLYLINE',
    'elk.layered.spacing.nodeNodeBetweenLayers': '64',
    'elk.spacing.nodeNode': '40',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  };
  if (nodeCount > 300) {
    options['elk.layered.thoroughness'] = '1';
    options['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF';
  }
  return options;
}

/** Lays the blueprint out with ELK and places every node in its lane's band. */
export async function elkLayout(document: BlueprintDocument): Promise<Map<string, Position>> {
  const ids = new Set(document.nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'blueprint',
    layoutOptions: layoutOptions(document.nodes.length),
    children: document.nodes.map((node) => ({ id: node.id, ...NODE_SIZES[node.type] })),
    edges: document.edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const engine = await loadElk();
  const result = await engine.layout(graph);
  // ELK's layers, read back from where it put the nodes: a layer ends where the next node
  // starts right of everything in it (layers never overlap across the flow).
  const children = [...(result.children ?? [])].sort((a, b) => (a.x ?? 0) - (b.x ?? 0));
  const layers = new Map<string, number>();
  const order = new Map<string, number>();
  let layer = -1;
  let layerRight = -Infinity;
  for (const child of children) {
    const x = child.x ?? 0;
    if (x >= layerRight) layer++;
    layerRight = Math.max(x >= layerRight ? -Infinity : layerRight, x + (child.width ?? 0));
    layers.set(child.id, layer);
    order.set(child.id, child.y ?? 0);
  }
  // ELK's columns are then drawn as a service blueprint's stages: hand-offs share a column.
  const columns = stageColumns(document, layers, order);
  return placeInLanes(document.nodes, columns);
}

/** ELK's layered layout as the app's {@link LayoutEngine}. */
export const elkLayoutEngine: LayoutEngine = { name: 'elk', layout: elkLayout };
