/**
 * The model behind the economics section, the option form and the scenario form's option
 * checklist: message keys per registry field, the checks a field runs while the user types, the
 * problems validation reports on a field or an option, and the conflict sentence (BP031) of a
 * set of ticked options. Pure, so it is tested without a browser.
 */
import { optionName } from '../../document/scenario-options';
import type { BlueprintDocument, NumberOrExpression, OptionSpec } from '../../sim/document';
import { diagnostic, type Diagnostic } from '../../sim/diagnostics';
import type { EconomicsField, EconomicsFieldKey } from '../../sim/money/fields';
import { optionConflicts } from '../../sim/scenario';
import type { MessageRef } from '../actions/messages';
import type { MessageKey } from '../i18n';
import { parseValueText, validateValue, type ValueContext } from '../inspector/validate';

/** The label, unit and hint keys of a field: `economics.field.<key>` and so on. */
export function economicsFieldKeys(key: EconomicsFieldKey): {
  label: MessageKey;
  unit: MessageKey;
  hint: MessageKey;
} {
  return {
    label: `economics.field.${key}`,
    unit: `economics.unit.${key}`,
    hint: `economics.hint.${key}`,
  };
}
// Every registry key has its three messages: a key without one makes this a compile error.
const everyFieldWorded: `economics.${'field' | 'unit' | 'hint'}.${EconomicsFieldKey}` extends MessageKey
  ? true
  : never = true;
void everyFieldWorded;

/** The problem of a value typed into a field of this kind: shares in 0–1, the rest ≥ 0. */
export function economicsFieldProblem(
  field: Pick<EconomicsField, 'kind'>,
  value: NumberOrExpression,
  context: ValueContext,
): MessageRef | null {
  return validateValue(value, context, field.kind === 'share' ? 'probability' : 'nonNegative');
}

/** Whether a problem's path is the value at `path` (`economics.wordOfMouth.told`) or inside it. */
function atPath(problem: Diagnostic, path: string): boolean {
  const at = problem.path;
  return (
    at === path || (at !== undefined && (at.startsWith(`${path}.`) || at.startsWith(`${path}[`)))
  );
}

/** The problems validation reports on one field of the economics (BP029, expressions, …). */
export function economicsFieldDiagnostics(
  problems: readonly Diagnostic[],
  field: Pick<EconomicsField, 'path'>,
): Diagnostic[] {
  const path = ['economics', ...field.path].join('.');
  return problems.filter((problem) => atPath(problem, path));
}

/** The problems of the economics as a whole (a missing field, a misspelt key). */
export function economicsDiagnostics(problems: readonly Diagnostic[]): Diagnostic[] {
  return problems.filter((problem) => problem.path === 'economics');
}

/** The problems validation reports on one option (its costs, its changes, a duplicate id). */
export function optionDiagnostics(problems: readonly Diagnostic[], id: string): Diagnostic[] {
  return problems.filter((problem) => problem.target.kind === 'option' && problem.target.id === id);
}

/**
 * The BP031 problem of a set of ticked options, for the scenario `scenario` (its name), naming
 * the two options by their labels; null when they can be combined.
 */
export function optionsConflict(
  document: Pick<BlueprintDocument, 'options'>,
  scenario: string,
  ids: readonly string[],
): Diagnostic | null {
  const [conflict] = optionConflicts(document, ids);
  if (!conflict) return null;
  const byId = new Map((document.options ?? []).map((option) => [option.id, option]));
  const name = (id: string) => {
    const option = byId.get(id);
    return option ? optionName(option) : id;
  };
  return diagnostic(
    'conflicting-options',
    {
      scenario,
      first: name(conflict.first),
      second: name(conflict.second),
      target: conflict.target,
      field: conflict.field,
    },
    { kind: 'document' },
  );
}

/** What the option form holds while the user types: text as typed. */
export interface OptionDraft {
  label: string;
  id: string;
  description: string;
  costOnce: string;
  costPerYear: string;
}

/** The form's starting text for an option (or a new one). */
export function optionDraft(option?: OptionSpec): OptionDraft {
  return {
    label: option?.label ?? '',
    id: option?.id ?? '',
    description: option?.description ?? '',
    costOnce: option ? String(option.costOnce) : '',
    costPerYear: option?.costPerYear === undefined ? '' : String(option.costPerYear),
  };
}

export interface OptionDraftProblems {
  label?: MessageRef;
  id?: MessageRef;
  costOnce?: MessageRef;
  costPerYear?: MessageRef;
}

/** What stops the option form from saving: no name, a taken id, a missing or bad cost. */
export function optionDraftProblems(
  draft: OptionDraft,
  document: Pick<BlueprintDocument, 'options'>,
  context: ValueContext,
  editingId?: string,
): OptionDraftProblems {
  const problems: OptionDraftProblems = {};
  if (draft.label.trim() === '') problems.label = { key: 'economics.labelRequired' };
  const id = draft.id.trim();
  if (id !== '' && id !== editingId && (document.options ?? []).some((o) => o.id === id)) {
    problems.id = { key: 'economics.idTaken', vars: { id } };
  }
  const cost = (text: string, required: boolean): MessageRef | undefined => {
    const parsed = parseValueText(text);
    if (!parsed.ok) return parsed.problem;
    if (parsed.value === undefined) {
      return required ? { key: 'economics.costRequired' } : undefined;
    }
    return validateValue(parsed.value, context, 'nonNegative') ?? undefined;
  };
  const once = cost(draft.costOnce, true);
  if (once) problems.costOnce = once;
  const yearly = cost(draft.costPerYear, false);
  if (yearly) problems.costPerYear = yearly;
  return problems;
}

/** A typed cost as the document writes it: a number, an expression, or nothing. */
export function draftCost(text: string): NumberOrExpression | undefined {
  const parsed = parseValueText(text);
  return parsed.ok ? parsed.value : undefined;
}
