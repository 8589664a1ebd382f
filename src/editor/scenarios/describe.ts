/** One-line descriptions of scenario changes, for the scenario list. */
import type { BlueprintDocument, ChangeSpec, NumberOrExpression } from '../../sim/document';
import type { Translate } from '../i18n';

function show(value: NumberOrExpression | { successes: number; trials: number }): string {
  return typeof value === 'object' ? `${value.successes}/${value.trials}` : String(value);
}

export function describeChange(
  change: ChangeSpec,
  document: BlueprintDocument,
  t: Translate,
): string[] {
  if ('edge' in change) {
    return [
      t('scenarios.describeEdge', { target: change.edge, value: show(change.set.probability) }),
    ];
  }
  if ('parameter' in change) {
    return [
      t('scenarios.describeParameter', { target: change.parameter, value: show(change.value) }),
    ];
  }
  const node = document.nodes.find((candidate) => candidate.id === change.node);
  const target = node?.label?.trim() || change.node;
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
        value: typeof duration === 'object' ? duration.dist : show(duration),
      }),
    );
  }
  if (cost !== undefined) {
    lines.push(
      t('scenarios.describeNode', {
        target,
        field: t('scenarios.fieldCost'),
        value: typeof cost === 'object' ? cost.dist : show(cost),
      }),
    );
  }
  return lines;
}
