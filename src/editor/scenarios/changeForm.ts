/**
 * The scenario form's model: a scenario's changes as a flat list of rows (one value each) that
 * a form can edit, and back. Pure, so it is tested without a browser.
 *
 * A row sets one thing: a step's reliability, a step's recovery catch rate, removes a step's
 * recovery, sets a decision edge's probability, or a parameter's value. Whatever else a change
 * carries (a duration, a cost, notes, the rest of a recovery) is kept as it was.
 */
import type {
  BlueprintDocument,
  ChangeSpec,
  NodeChangeSpec,
  NumberOrExpression,
  RecoverySpec,
} from '../../sim/document';

export type ChangeKind = 'node' | 'edge' | 'parameter';
export type NodeChangeField = 'reliability' | 'catch' | 'noRecovery';

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
      const { reliability, recovery } = change.set;
      if (reliability !== undefined) {
        const value =
          typeof reliability === 'object'
            ? reliability.successes / reliability.trials
            : reliability;
        rows.push({
          kind: 'node',
          target: change.node,
          field: 'reliability',
          value: valueText(value),
        });
      }
      if (recovery === null) {
        rows.push({ kind: 'node', target: change.node, field: 'noRecovery', value: '' });
      } else if (recovery !== undefined) {
        rows.push({
          kind: 'node',
          target: change.node,
          field: 'catch',
          value: valueText(recovery.catch),
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

export type RowProblem = { row: number; problem: 'value' | 'target' };

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
      const { reliability: _r, recovery: _c, ...kept } = before?.set ?? {};
      change = { ...(before ?? {}), node: row.target, set: { ...kept } };
      nodeChanges.set(row.target, change);
      changes.push(change);
    }
    if (row.field === 'reliability') change.set.reliability = parseValue(row.value);
    else if (row.field === 'noRecovery') change.set.recovery = null;
    else change.set.recovery = withCatch(row.target, parseValue(row.value), document, previousNode);
  }
  // A step whose rows were all removed but which carried other fields keeps them.
  for (const [node, before] of previousNode) {
    if (nodeChanges.has(node)) continue;
    const { reliability: _r, recovery: _c, ...kept } = before.set;
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
