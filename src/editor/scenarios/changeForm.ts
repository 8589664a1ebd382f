/**
 * The scenario form's model: a scenario's changes as a flat list of rows (one value each) that
 * a form can edit, and back. Pure, so it is tested without a browser.
 *
 * A row sets one thing: a step's reliability (or another probability the field registry lets a
 * scenario set), a step's recovery catch rate, removes a step's recovery, a step's duration or
 * cost as a fixed amount, a decision edge's probability, or a parameter's value. Whatever else a
 * change carries (a duration or cost given as a distribution, notes, the rest of a recovery) is
 * kept as it was.
 */
import {
  NODE_FIELD_REGISTRY,
  SCENARIO_NODE_FIELDS,
  type BlueprintDocument,
  type ChangeSpec,
  type NodeChangeSpec,
  type NumberOrExpression,
  type RecoverySpec,
  type ScenarioNodeFieldKey,
} from '../../sim/document';

import { parameterValues } from '../../document/values';
import type { MessageRef } from '../actions/messages';
import { validateValue, type ValueContext } from '../inspector/validate';

export type ChangeKind = 'node' | 'edge' | 'parameter';

/**
 * The scenario fields of a node the form edits as rows: probabilities one row each, a recovery
 * as its catch rate or its removal, amounts (durations, costs) when they are a fixed number or
 * expression. Every other field a scenario may set is kept as it was.
 */
export const FORM_NODE_FIELDS: readonly ScenarioNodeFieldKey[] = SCENARIO_NODE_FIELDS.filter(
  (key) => {
    const kind = NODE_FIELD_REGISTRY.get(key)?.kind;
    return (
      kind === 'reliability' || kind === 'probability' || kind === 'recovery' || kind === 'quantity'
    );
  },
);

function isAmount(key: ScenarioNodeFieldKey): boolean {
  return NODE_FIELD_REGISTRY.get(key)?.kind === 'quantity';
}

/** Whether a row sets an amount (a duration in minutes, a cost) rather than a probability. */
export function isAmountRow(row: ChangeRow): boolean {
  return (
    row.kind === 'node' &&
    row.field !== 'catch' &&
    row.field !== 'noRecovery' &&
    isAmount(row.field)
  );
}

/** Whether the form shows this value of a field as a row (a distribution it keeps instead). */
function shownAsRow(key: ScenarioNodeFieldKey, value: unknown): boolean {
  return !isAmount(key) || typeof value === 'number' || typeof value === 'string';
}

/** What a node row sets: a value field of the form, a recovery's catch rate, or its removal. */
export type NodeChangeField = Exclude<ScenarioNodeFieldKey, 'recovery'> | 'catch' | 'noRecovery';

/** The choices of a node row's field, in the order of the registry. */
export function nodeRowFields(): NodeChangeField[] {
  return FORM_NODE_FIELDS.flatMap((key): NodeChangeField[] =>
    key === 'recovery' ? ['catch', 'noRecovery'] : [key],
  );
}

/** A change's fields without the ones the form shows as rows. */
function withoutFormFields(set: NodeChangeSpec['set']): NodeChangeSpec['set'] {
  const kept: Record<string, unknown> = { ...set };
  for (const key of FORM_NODE_FIELDS) if (shownAsRow(key, kept[key])) delete kept[key];
  return kept as NodeChangeSpec['set'];
}

export interface ChangeRow {
  kind: ChangeKind;
  /** Node id, edge id or parameter name. */
  target: string;
  /** For node rows: what is set. Ignored for edges and parameters. */
  field: NodeChangeField;
  /** As typed: a number or an expression. Unused for `noRecovery`. */
  value: string;
}

/** What a row can point at in a given blueprint. */
export interface ChangeTargets {
  steps: { id: string; label: string }[];
  edges: { id: string; label: string }[];
  parameters: { id: string; label: string }[];
}

export function changeTargets(document: BlueprintDocument): ChangeTargets {
  const labelOf = new Map(document.nodes.map((node) => [node.id, node.label?.trim() || node.id]));
  const decisions = new Set(
    document.nodes.filter((node) => node.type === 'decision').map((node) => node.id),
  );
  return {
    steps: document.nodes
      .filter((node) => node.type === 'step')
      .map((node) => ({ id: node.id, label: labelOf.get(node.id) ?? node.id })),
    edges: document.edges
      .filter((edge) => decisions.has(edge.source))
      .map((edge) => ({
        id: edge.id,
        label: `${labelOf.get(edge.source) ?? edge.source} → ${labelOf.get(edge.target) ?? edge.target}`,
      })),
    parameters: Object.keys(document.parameters ?? {}).map((name) => ({
      id: name,
      label: document.parameters?.[name]?.label ?? name,
    })),
  };
}

/** A new row pointing at the first thing of its kind, or empty when there is none. */
export function emptyRow(targets: ChangeTargets, kind: ChangeKind = 'node'): ChangeRow {
  const list =
    kind === 'node' ? targets.steps : kind === 'edge' ? targets.edges : targets.parameters;
  return { kind, target: list[0]?.id ?? '', field: 'reliability', value: '' };
}

function valueText(value: NumberOrExpression | undefined): string {
  return value === undefined ? '' : String(value);
}

/** Reads a typed value: a plain number stays a number; anything else is an expression. */
export function parseValue(text: string): NumberOrExpression {
  const trimmed = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  return trimmed;
}

/** The rows of existing changes, for editing a scenario. */
export function rowsFromChanges(changes: readonly ChangeSpec[]): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const change of changes) {
    if ('node' in change) {
      for (const key of FORM_NODE_FIELDS) {
        const value = change.set[key];
        if (value === undefined || !shownAsRow(key, value)) continue;
        if (key === 'recovery') {
          const recovery = value as RecoverySpec | null;
          rows.push(
            recovery === null
              ? { kind: 'node', target: change.node, field: 'noRecovery', value: '' }
              : {
                  kind: 'node',
                  target: change.node,
                  field: 'catch',
                  value: valueText(recovery.catch),
                },
          );
          continue;
        }
        // Observed data shows as the probability it gives.
        const probability =
          typeof value === 'object' && value !== null && 'trials' in value
            ? value.successes / value.trials
            : (value as NumberOrExpression);
        rows.push({
          kind: 'node',
          target: change.node,
          field: key as NodeChangeField,
          value: valueText(probability),
        });
      }
    } else if ('edge' in change) {
      rows.push({
        kind: 'edge',
        target: change.edge,
        field: 'reliability',
        value: valueText(change.set.probability),
      });
    } else {
      rows.push({
        kind: 'parameter',
        target: change.parameter,
        field: 'reliability',
        value: valueText(change.value),
      });
    }
  }
  return rows;
}

export type RowProblem =
  | { row: number; problem: 'value' | 'target' }
  /** The value is there but the engine would refuse it (out of range, unknown parameter, …). */
  | { row: number; problem: 'invalid'; message: MessageRef };

/** The parameters a scenario's values may use, as the inspector checks them. */
export function scenarioValueContext(document: BlueprintDocument): ValueContext {
  return {
    names: new Set(Object.keys(document.parameters ?? {})),
    values: parameterValues(document),
  };
}

/**
 * Rows whose value the engine would refuse, checked as the inspector checks a field:
 * probabilities (a step's reliability or catch rate, a decision edge) must lie in [0, 1],
 * durations and costs cannot be negative,
 * expressions must only use the blueprint's parameters, and a parameter's value must evaluate.
 */
export function rowValueProblems(rows: readonly ChangeRow[], context: ValueContext): RowProblem[] {
  const problems: RowProblem[] = [];
  rows.forEach((row, index) => {
    if (row.value.trim() === '' || (row.kind === 'node' && row.field === 'noRecovery')) return;
    const range =
      row.kind === 'parameter'
        ? 'any'
        : row.kind === 'node' &&
            row.field !== 'catch' &&
            isAmount(row.field as ScenarioNodeFieldKey)
          ? 'nonNegative'
          : 'probability';
    const message = validateValue(parseValue(row.value), context, range);
    if (message) problems.push({ row: index, problem: 'invalid', message });
  });
  return problems;
}

/** Rows that cannot be saved: a missing target, or a missing value. */
export function rowProblems(rows: readonly ChangeRow[]): RowProblem[] {
  const problems: RowProblem[] = [];
  rows.forEach((row, index) => {
    if (row.target === '') problems.push({ row: index, problem: 'target' });
    else if (!(row.kind === 'node' && row.field === 'noRecovery') && row.value.trim() === '') {
      problems.push({ row: index, problem: 'value' });
    }
  });
  return problems;
}

/**
 * The changes the rows describe. Rows on the same step merge into one change; fields of the
 * `previous` changes that the form does not show (durations, costs, notes, a recovery's label,
 * time and cost) are kept. A catch rate keeps the rest of the step's baseline recovery.
 */
export function changesFromRows(
  rows: readonly ChangeRow[],
  document: BlueprintDocument,
  previous: readonly ChangeSpec[] = [],
): ChangeSpec[] {
  const previousNode = new Map<string, NodeChangeSpec>();
  for (const change of previous) if ('node' in change) previousNode.set(change.node, change);

  const changes: ChangeSpec[] = [];
  const nodeChanges = new Map<string, NodeChangeSpec>();
  for (const row of rows) {
    if (row.kind === 'edge') {
      changes.push({ edge: row.target, set: { probability: parseValue(row.value) } });
      continue;
    }
    if (row.kind === 'parameter') {
      changes.push({ parameter: row.target, value: parseValue(row.value) });
      continue;
    }
    let change = nodeChanges.get(row.target);
    if (!change) {
      const before = previousNode.get(row.target);
      change = { ...(before ?? {}), node: row.target, set: withoutFormFields(before?.set ?? {}) };
      nodeChanges.set(row.target, change);
      changes.push(change);
    }
    if (row.field === 'noRecovery') change.set.recovery = null;
    else if (row.field === 'catch') {
      change.set.recovery = withCatch(row.target, parseValue(row.value), document, previousNode);
    } else (change.set as Record<string, unknown>)[row.field] = parseValue(row.value);
  }
  // A step whose rows were all removed but which carried other fields keeps them.
  for (const [node, before] of previousNode) {
    if (nodeChanges.has(node)) continue;
    const kept = withoutFormFields(before.set);
    if (Object.keys(kept).some((key) => key !== 'notes')) changes.push({ ...before, set: kept });
  }
  return changes;
}

function withCatch(
  nodeId: string,
  value: NumberOrExpression,
  document: BlueprintDocument,
  previousNode: ReadonlyMap<string, NodeChangeSpec>,
): RecoverySpec {
  const earlier = previousNode.get(nodeId)?.set.recovery;
  if (earlier) return { ...earlier, catch: value };
  const node = document.nodes.find((candidate) => candidate.id === nodeId);
  const baseline = node?.type === 'step' ? node.recovery : undefined;
  return baseline ? { ...baseline, catch: value } : { catch: value };
}
