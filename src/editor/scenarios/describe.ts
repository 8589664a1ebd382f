/**
 * One-line descriptions of scenario changes, for the scenario list: each value as written and,
 * where it is an expression or a probability, what it comes to (`catchRate = 60%`). Targets
 * are named as a reader knows them, never by id: a node by its label (or a name from where it
 * stands, as the charts do), an edge by its label or its two ends, a parameter by its label
 * beside its name.
 */
import { formatPercent, parameterValues, resolveValue } from '../../document/values';
import type { BlueprintDocument, ChangeSpec, NumberOrExpression } from '../../sim/document';
import type { Translate } from '../i18n';
import { readableNodeNames } from '../results/nodeNames';

export function describeChange(
  change: ChangeSpec,
  document: BlueprintDocument,
  t: Translate,
): string[] {
  const parameters = parameterValues(document);
  /** A value as written, followed by its value where it is an expression. */
  const shown = (value: NumberOrExpression, probability: boolean): string => {
    const resolved = resolveValue(value, parameters);
    const text =
      resolved === null ? null : probability ? formatPercent(resolved) : String(resolved);
    if (typeof value === 'number') return probability && text !== null ? text : String(value);
    return text === null ? value : `${value} = ${text}`;
  };
  const show = (value: NumberOrExpression | { successes: number; trials: number }): string =>
    typeof value === 'object'
      ? `${value.successes}/${value.trials} = ${formatPercent(value.successes / value.trials)}`
      : shown(value, true);
  const nodeName = readableNodeNames(document, t);
  if ('edge' in change) {
    const edge = document.edges.find((candidate) => candidate.id === change.edge);
    const target = !edge
      ? change.edge
      : edge.label?.trim() ||
        t('scenarios.edgeEnds', { source: nodeName(edge.source), target: nodeName(edge.target) });
    return [t('scenarios.describeEdge', { target, value: show(change.set.probability) })];
  }
  if ('parameter' in change) {
    const label = document.parameters?.[change.parameter]?.label?.trim();
    return [
      t('scenarios.describeParameter', {
        target: label
          ? t('scenarios.parameterWithLabel', { name: change.parameter, label })
          : change.parameter,
        value: shown(change.value, false),
      }),
    ];
  }
  const target = nodeName(change.node);
  const lines: string[] = [];
  const { reliability, recovery, duration, cost } = change.set;
  if (reliability !== undefined) {
    lines.push(
      t('scenarios.describeNode', {
        target,
        field: t('scenarios.fieldReliability'),
        value: show(reliability),
      }),
    );
  }
  if (recovery === null) lines.push(t('scenarios.describeRemoveRecovery', { target }));
  else if (recovery !== undefined) {
    lines.push(
      t('scenarios.describeNode', {
        target,
        field: t('scenarios.fieldCatch'),
        value: show(recovery.catch),
      }),
    );
  }
  if (duration !== undefined) {
    lines.push(
      t('scenarios.describeNode', {
        target,
        field: t('scenarios.fieldDuration'),
        value: typeof duration === 'object' ? duration.dist : shown(duration, false),
      }),
    );
  }
  if (cost !== undefined) {
    lines.push(
      t('scenarios.describeNode', {
        target,
        field: t('scenarios.fieldCost'),
        value: typeof cost === 'object' ? cost.dist : shown(cost, false),
      }),
    );
  }
  return lines;
}
