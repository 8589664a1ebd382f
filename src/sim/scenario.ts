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
 * Every change a scenario makes, in the order applied: the changes of its options, in the order
 * it lists them, then its own. An option the document does not have adds nothing (validation
 * reports it, BP030).
 */
export function scenarioChanges(
  document: Pick<BlueprintDocument, 'options'>,
  scenario: Pick<ScenarioSpec, 'options' | 'changes'>,
): readonly ChangeSpec[] {
  const listed = scenario.options ?? [];
  if (listed.length === 0) return scenario.changes;
  const byId = new Map((document.options ?? []).map((option) => [option.id, option]));
  return [...listed.flatMap((id) => byId.get(id)?.changes ?? []), ...scenario.changes];
}

/** What one change sets: a field of a node, an edge's probability, or a parameter. */
export interface ChangedField {
  target: { kind: 'node' | 'edge' | 'parameter'; id: string };
  /** The node field, `probability` for an edge, null for a parameter. */
  field: string | null;
}

/** The fields a change sets, one entry per field. */
export function changedFields(change: ChangeSpec): ChangedField[] {
  if ('node' in change) {
    return Object.keys(change.set)
      .filter((field) => field !== 'notes')
      .map((field) => ({ target: { kind: 'node', id: change.node }, field }));
  }
  if ('edge' in change)
    return [{ target: { kind: 'edge', id: change.edge }, field: 'probability' }];
  return [{ target: { kind: 'parameter', id: change.parameter }, field: null }];
}

/** Two options that change the same field of the same thing, which no scenario may combine. */
export interface OptionConflict extends ChangedField {
  first: string;
  second: string;
}

/**
 * The conflicts among the options `ids` of a document: pairs that set the same field of the
 * same node or edge, or the same parameter. Each pair is listed once, at its first shared field.
 */
export function optionConflicts(
  document: Pick<BlueprintDocument, 'options'>,
  ids: readonly string[],
): OptionConflict[] {
  const byId = new Map((document.options ?? []).map((option) => [option.id, option]));
  const owner = new Map<string, string>();
  const seenPairs = new Set<string>();
  const conflicts: OptionConflict[] = [];
  for (const id of new Set(ids)) {
    const option = byId.get(id);
    if (!option) continue;
    const mine = new Set<string>();
    for (const change of option.changes) {
      for (const changed of changedFields(change)) {
        const key = `${changed.target.kind}\u0000${changed.target.id}\u0000${changed.field ?? ''}`;
        if (mine.has(key)) continue;
        mine.add(key);
        const first = owner.get(key);
        if (first === undefined) {
          owner.set(key, id);
          continue;
        }
        const pair = `${first}\u0000${id}`;
        if (seenPairs.has(pair)) continue;
        seenPairs.add(pair);
        conflicts.push({ ...changed, first, second: id });
      }
    }
  }
  return conflicts;
}

/**
 * Applies a scenario's changes (its options' first, see {@link scenarioChanges}), in order, to a
 * copy of a blueprint document. The input is not modified.
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
  const changes = scenarioChanges(document, scenario);
  if (changes.length === 0) return document;
  // One copy of each list, changed in place in the order of the changes, and ids looked up in
  // a table: a scenario of thousands of changes costs the size of the blueprint plus the
  // number of changes, not their product.
  let nodes: NodeSpec[] | null = null;
  let edges: EdgeSpec[] | null = null;
  let parameters: Record<string, ParameterSpec> | null = null;
  let nodePlaces: Map<string, number[]> | null = null;
  let edgePlaces: Map<string, number[]> | null = null;
  for (const change of changes) {
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
