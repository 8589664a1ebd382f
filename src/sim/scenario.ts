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

function applyChange(document: BlueprintDocument, change: ChangeSpec): BlueprintDocument {
  if ('node' in change) {
    return {
      ...document,
      nodes: document.nodes.map((node) =>
        node.id === change.node ? applyNodeChange(node, change.set) : node,
      ),
    };
  }
  if ('edge' in change) {
    return {
      ...document,
      edges: document.edges.map((edge): EdgeSpec =>
        edge.id === change.edge ? { ...edge, probability: change.set.probability } : edge,
      ),
    };
  }
  const parameters = document.parameters ?? {};
  if (!Object.hasOwn(parameters, change.parameter)) return document;
  const parameter: ParameterSpec = { ...parameters[change.parameter], value: change.value };
  return { ...document, parameters: { ...parameters, [change.parameter]: parameter } };
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
  return scenario.changes.reduce(applyChange, document);
}
