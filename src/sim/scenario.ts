/**
 * Scenarios: named what-ifs applied to a copy of the baseline blueprint.
 */
import type {
  BlueprintDocument,
  ChangeSpec,
  EdgeSpec,
  NodeChangeSpec,
  NodeSpec,
  ParameterSpec,
  ScenarioSpec,
} from './document';
import { SCENARIO_NODE_FIELDS } from './document';

function applyNodeChange(node: NodeSpec, set: NodeChangeSpec['set']): NodeSpec {
  // Written as a loose record: a scenario may (wrongly) aim a step field at another type of node,
  // and the result must show that field so that validation can name the mistake.
  const changed: Record<string, unknown> = { ...node };
  for (const field of SCENARIO_NODE_FIELDS) {
    const value = set[field];
    // `null` removes the field (a recovery); `undefined` leaves the node's own value.
    if (value === null) delete changed[field];
    else if (value !== undefined) changed[field] = value;
  }
  return changed as NodeSpec;
}

/** Where each id appears in a list (ids are unique in a valid blueprint, but not yet here). */
function placesById(list: readonly { id: string }[]): Map<string, number[]> {
  const places = new Map<string, number[]>();
  list.forEach((item, i) => {
    const known = places.get(item.id);
    if (known) known.push(i);
    else places.set(item.id, [i]);
  });
  return places;
}

/**
 * Applies a scenario's changes, in order, to a copy of a blueprint document. The input is not
 * modified.
 *
 * - `{ node, set }` replaces the named fields of every node with that id. `set.recovery`
 *   replaces the whole recovery object (fields not given are not kept from the old recovery);
 *   `set.recovery: null` removes the recovery.
 * - `{ edge, set: { probability } }` replaces the edge's probability.
 * - `{ parameter, value }` replaces the parameter's value, keeping its label and notes.
 *
 * A change aimed at a node, edge or parameter that does not exist changes nothing; validation
 * reports it (BP023). The `notes` of a change or of its `set` describe the change and are not
 * copied onto the node.
 *
 * @example
 * const improved = applyScenario(document, {
 *   id: 'recover-3',
 *   name: 'Recover step 3',
 *   changes: [{ node: 's3', set: { recovery: { catch: 0.6 } } }],
 * });
 */
export function applyScenario(
  document: BlueprintDocument,
  scenario: ScenarioSpec,
): BlueprintDocument {
  if (scenario.changes.length === 0) return document;
  // One copy of each list, changed in place in the order of the changes, and ids looked up in
  // a table: a scenario of thousands of changes costs the size of the blueprint plus the
  // number of changes, not their product.
  let nodes: NodeSpec[] | null = null;
  let edges: EdgeSpec[] | null = null;
  let parameters: Record<string, ParameterSpec> | null = null;
  let nodePlaces: Map<string, number[]> | null = null;
  let edgePlaces: Map<string, number[]> | null = null;
  for (const change of scenario.changes as readonly ChangeSpec[]) {
    if ('node' in change) {
      nodes ??= [...document.nodes];
      nodePlaces ??= placesById(document.nodes);
      for (const i of nodePlaces.get(change.node) ?? []) {
        nodes[i] = applyNodeChange(nodes[i], change.set);
      }
    } else if ('edge' in change) {
      edges ??= [...document.edges];
      edgePlaces ??= placesById(document.edges);
      for (const i of edgePlaces.get(change.edge) ?? []) {
        edges[i] = { ...edges[i], probability: change.set.probability };
      }
    } else if (Object.hasOwn(document.parameters ?? {}, change.parameter)) {
      parameters ??= { ...document.parameters };
      parameters[change.parameter] = { ...parameters[change.parameter], value: change.value };
    }
  }
  return {
    ...document,
    nodes: nodes ?? document.nodes,
    edges: edges ?? document.edges,
    ...(parameters === null ? {} : { parameters }),
  };
}
