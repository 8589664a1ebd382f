/**
 * Which improvement options a scenario is built from (SPEC §9): finding and naming options, and
 * the rule that two options of one scenario may not change the same field of the same thing.
 * Shared by the scenario commands (`saveScenario`) and the option commands (`economics.ts`), so
 * both refuse a conflicting pair with the same sentence.
 */
import type { BlueprintDocument, OptionSpec, ScenarioSpec } from '../sim/document';
import { optionConflicts } from '../sim/scenario';
import type { OpResult } from './commands';
import { refuse, type Refusal } from './refusals';
import { sameValue } from './values';

/** The blueprint's option with this id, if there is one. */
export function findOption(document: BlueprintDocument, id: string): OptionSpec | undefined {
  return document.options?.find((option) => option.id === id);
}

/** The refusal for an option id the blueprint does not have. */
export function optionMissing(id: string): Refusal {
  return refuse('ED030', { id });
}

/** How a scenario or the form names an option: its label, or its id when it has none. */
export function optionName(option: Pick<OptionSpec, 'id' | 'label'>): string {
  return option.label?.trim() ? option.label : option.id;
}

/** The first conflict among the options a scenario lists, as a refusal naming both options. */
export function conflictRefusal(
  document: BlueprintDocument,
  scenario: Pick<ScenarioSpec, 'id' | 'name'>,
  ids: readonly string[],
): Refusal | null {
  const [conflict] = optionConflicts(document, ids);
  if (!conflict) return null;
  const name = (id: string) => {
    const option = findOption(document, id);
    return option ? optionName(option) : id;
  };
  return refuse('ED033', {
    scenario: scenario.name,
    first: name(conflict.first),
    second: name(conflict.second),
    targetKind: conflict.target.kind,
    target: conflict.target.id,
    field: conflict.field ?? '',
  });
}

/**
 * Sets which options a scenario is built from (in the order given). Refused when an option is
 * unknown or when two of them change the same field of the same thing (the BP031 rule).
 */
export function setScenarioOptions(
  document: BlueprintDocument,
  scenarioId: string,
  ids: readonly string[],
): OpResult {
  const scenario = document.scenarios?.find((s) => s.id === scenarioId);
  if (!scenario) return refuse('ED021', { id: scenarioId });
  const unique = [...new Set(ids)];
  const unknown = unique.find((id) => !findOption(document, id));
  if (unknown !== undefined) return optionMissing(unknown);
  const refusal = conflictRefusal(document, scenario, unique);
  if (refusal) return refusal;
  if (sameValue(scenario.options ?? [], unique)) return { document };
  const { options: _old, ...rest } = scenario;
  const next: ScenarioSpec = unique.length > 0 ? { ...rest, options: unique } : rest;
  return {
    document: {
      ...document,
      scenarios: document.scenarios!.map((s) => (s.id === scenarioId ? next : s)),
    },
  };
}
