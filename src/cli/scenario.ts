import type { Model } from '../sim/model';
import type { Blueprint } from '../sim/parse';
import { UsageError } from './io';

/** The model a command works on: the baseline, or the scenario named by `--scenario`. */
export function pickModel(blueprint: Blueprint, scenarioId: string | undefined): Model {
  if (scenarioId === undefined || scenarioId === 'baseline') return blueprint.model;
  const scenario = blueprint.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) {
    const known = blueprint.scenarios.map((s) => `"${s.id}"`).join(', ');
    throw new UsageError(
      known
        ? `The blueprint has no scenario "${scenarioId}"; its scenarios are ${known}.`
        : `The blueprint has no scenario "${scenarioId}"; it has no scenarios at all.`,
    );
  }
  return scenario.model;
}
