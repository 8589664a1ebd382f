import type { Model } from '../sim/model';
import type { Blueprint } from '../sim/parse';
import { UsageError } from './io';

/** The model a command works on: the baseline, or the scenario named by `--scenario`. */
export function pickModel(blueprint: Blueprint, scenarioId: string | undefined): Model {
  if (scenarioId === undefined || scenarioId === 'baseline') return blueprint.model;
  const scenario = blueprint.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) {
    const ids = blueprint.scenarios.map((s) => s.id);
    throw new UsageError(
      ids.length > 0
        ? `The blueprint has no scenario "${scenarioId}"; its scenarios are ${ids.map((id) => `"${id}"`).join(', ')}.`
        : `The blueprint has no scenario "${scenarioId}"; it has no scenarios at all.`,
      ids.length > 0
        ? `蓝图中没有方案“${scenarioId}”；它的方案有 ${ids.map((id) => `“${id}”`).join('、')}。`
        : `蓝图中没有方案“${scenarioId}”；它还没有任何方案。`,
    );
  }
  return scenario.model;
}
