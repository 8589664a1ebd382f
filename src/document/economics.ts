/**
 * Editing what failures cost (a blueprint's `economics`) and the priced improvement options a
 * scenario can be built from (SPEC §9). Pure functions from a document to a new document or a
 * coded refusal, like `commands.ts`; the action registry wraps them with labels and undo.
 *
 * Values are checked as far as they can be here: a number (or an expression that evaluates over
 * the blueprint's parameters) outside its kind's range is refused (a negative count or amount, a
 * share outside 0–1). An expression that does not evaluate yet is kept, and validation names
 * the problem (BP029 and the expression diagnostics) on the field.
 */
import type {
  BlueprintDocument,
  ChangeSpec,
  EconomicsSpec,
  NumberOrExpression,
  OptionSpec,
  ScenarioSpec,
} from '../sim/document';
import {
  ECONOMICS_FIELDS,
  economicsValueProblem,
  type EconomicsField,
  type EconomicsFieldKey,
  type EconomicsFieldKind,
} from '../sim/money/fields';
import { composeCommands, type OpResult } from './commands';
import { scenarioIdFor } from './ids';
import { isRefusal, refuse, type Refusal } from './refusals';
import { conflictRefusal, findOption, optionMissing } from './scenario-options';
import { parameterValues, resolveValue, sameValue } from './values';

/**
 * The economics a blueprint starts with when the user adds them. The figures are the training
 * material's: a customer worth 5 a visit × 48 visits a year × 10 years = 2,400 (seed 004); a
 * dissatisfied customer tells ten people, 20 % of whom are lost (seed 002); 10,000 customers a
 * year and 30 % of failed customers leaving are the courier example's. Handling a failure costs
 * nothing until the user says otherwise, and one-off costs are weighed over three years.
 */
export const DEFAULT_ECONOMICS: EconomicsSpec = {
  currency: 'CNY',
  customersPerYear: 10000,
  customerValue: 2400,
  lostShare: 0.3,
  wordOfMouth: { told: 10, lostShare: 0.2 },
  failureCost: 0,
  horizonYears: 3,
};

/** How a customer's value is written: one amount, or spending per visit × visits × years. */
export type CustomerValueForm = 'amount' | 'spending';

/** The form the economics give a customer's value in. */
export function customerValueForm(economics: EconomicsSpec): CustomerValueForm {
  return typeof economics.customerValue === 'object' ? 'spending' : 'amount';
}

/** The registry entry of a field key. */
export function economicsField(key: EconomicsFieldKey): EconomicsField {
  const field = ECONOMICS_FIELDS.find((candidate) => candidate.key === key);
  if (!field) throw new Error(`Unknown economics field ${key}`);
  return field;
}

/**
 * The fields the economics show, in the registry's order: the customer value as one amount or
 * as its three factors, whichever form the economics use.
 */
export function shownEconomicsFields(economics: EconomicsSpec): readonly EconomicsField[] {
  const spending = customerValueForm(economics) === 'spending';
  return ECONOMICS_FIELDS.filter((field) =>
    field.key === 'customerValue'
      ? !spending
      : field.key.startsWith('customerValue.')
        ? spending
        : true,
  );
}

/** The value written at a field of the economics, or undefined when the file leaves it out. */
export function economicsValue(
  economics: EconomicsSpec,
  key: EconomicsFieldKey,
): NumberOrExpression | undefined {
  let at: unknown = economics;
  for (const segment of economicsField(key).path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[segment];
  }
  return typeof at === 'number' || typeof at === 'string' ? at : undefined;
}

function isBlank(value: NumberOrExpression | undefined): value is undefined | '' {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A value of `kind` that evaluates out of its range, as a refusal naming `field`. */
function rangeRefusal(
  document: BlueprintDocument,
  field: string,
  kind: EconomicsFieldKind,
  value: NumberOrExpression,
): Refusal | null {
  const resolved = resolveValue(value, parameterValues(document));
  if (resolved === null) return null;
  const problem = economicsValueProblem(kind, resolved);
  return problem === null ? null : refuse('ED029', { field, value: resolved, problem });
}

function withEconomics(document: BlueprintDocument, economics: EconomicsSpec): OpResult {
  if (document.economics && sameValue(document.economics, economics)) return { document };
  return { document: { ...document, economics } };
}

/** Adds economics with {@link DEFAULT_ECONOMICS}; refused when the blueprint has them. */
export function addEconomics(
  document: BlueprintDocument,
  economics: EconomicsSpec = DEFAULT_ECONOMICS,
): OpResult {
  if (document.economics) return refuse('ED026');
  return { document: { ...document, economics } };
}

/** Removes the economics; options and the scenarios' option lists stay. */
export function removeEconomics(document: BlueprintDocument): OpResult {
  if (!document.economics) return refuse('ED027');
  const { economics: _removed, ...rest } = document;
  return { document: rest };
}

/** Sets the currency (a code or a name shown beside every amount, e.g. `CNY`). */
export function setEconomicsCurrency(document: BlueprintDocument, currency: string): OpResult {
  const economics = document.economics;
  if (!economics) return refuse('ED027');
  const trimmed = currency.trim();
  if (trimmed === '') return refuse('ED028', { field: 'currency' });
  return withEconomics(document, { ...economics, currency: trimmed });
}

/**
 * Sets one number of the economics by its registry key: a number or an expression over the
 * parameters. `undefined` (or blank text) leaves an optional field out, so it takes its value
 * when absent; a required field cannot be left out. Setting a factor of the spending form
 * while the value is one amount (or the other way round) is refused as a missing field: the
 * form is switched first with {@link setCustomerValueForm}.
 */
export function setEconomicsField(
  document: BlueprintDocument,
  key: EconomicsFieldKey,
  value: NumberOrExpression | undefined,
): OpResult {
  const economics = document.economics;
  if (!economics) return refuse('ED027');
  const field = economicsField(key);
  if (!shownEconomicsFields(economics).includes(field)) return refuse('ED027');
  if (isBlank(value)) {
    if (field.required) return refuse('ED028', { field: key });
    return withEconomics(document, clearedField(economics, field));
  }
  const written = typeof value === 'string' ? value.trim() : value;
  const refusal = rangeRefusal(document, key, field.kind, written);
  if (refusal) return refusal;
  return withEconomics(document, writtenField(economics, field, written));
}

function writtenField(
  economics: EconomicsSpec,
  field: EconomicsField,
  value: NumberOrExpression,
): EconomicsSpec {
  const [head, leaf] = field.path;
  if (leaf === undefined) return { ...economics, [head]: value };
  if (head === 'wordOfMouth') {
    // The file gives word of mouth as a pair; the half not given yet takes its value when absent.
    const current = economics.wordOfMouth ?? {
      told: absentOf('wordOfMouth.told'),
      lostShare: absentOf('wordOfMouth.lostShare'),
    };
    return { ...economics, wordOfMouth: { ...current, [leaf]: value } };
  }
  const spending = economics.customerValue as Extract<EconomicsSpec['customerValue'], object>;
  return { ...economics, customerValue: { ...spending, [leaf]: value } };
}

function absentOf(key: EconomicsFieldKey): number {
  return economicsField(key).absent ?? 0;
}

function clearedField(economics: EconomicsSpec, field: EconomicsField): EconomicsSpec {
  const [head, leaf] = field.path;
  const copy = { ...economics } as Record<string, unknown>;
  if (leaf === undefined || head !== 'wordOfMouth') {
    delete copy[head];
    return copy as EconomicsSpec;
  }
  // Word of mouth is written as a pair: clearing one half writes its value when absent, and
  // the pair goes once neither half says anything beyond that.
  const current = economics.wordOfMouth;
  if (!current) return economics;
  const other = leaf === 'told' ? 'lostShare' : 'told';
  const otherAbsent = absentOf(`wordOfMouth.${other}`);
  if (current[other] === otherAbsent) {
    delete copy.wordOfMouth;
    return copy as EconomicsSpec;
  }
  return {
    ...economics,
    wordOfMouth: { ...current, [leaf]: absentOf(field.key) },
  };
}

/** `a × b × c` written as one expression, each factor in brackets when it is itself one. */
function productExpression(factors: readonly NumberOrExpression[]): NumberOrExpression {
  if (factors.every((factor) => typeof factor === 'number')) {
    return (factors as number[]).reduce((product, factor) => product * factor, 1);
  }
  return factors
    .map((factor) => (typeof factor === 'number' ? String(factor) : `(${factor})`))
    .join(' * ');
}

/**
 * Switches how a customer's value is written. One amount becomes spending of that amount per
 * visit, one visit a year, for one year (so the value is unchanged and the user refines the
 * three factors); spending becomes one amount, their product (an expression when a factor is
 * one).
 */
export function setCustomerValueForm(
  document: BlueprintDocument,
  form: CustomerValueForm,
): OpResult {
  const economics = document.economics;
  if (!economics) return refuse('ED027');
  const value = economics.customerValue;
  if (customerValueForm(economics) === form) return { document };
  if (typeof value === 'object') {
    return withEconomics(document, {
      ...economics,
      customerValue: productExpression([value.spendPerVisit, value.visitsPerYear, value.years]),
    });
  }
  return withEconomics(document, {
    ...economics,
    customerValue: { spendPerVisit: value, visitsPerYear: 1, years: 1 },
  });
}

// ---------------------------------------------------------------------------------------------
// Improvement options

function replaceOption(document: BlueprintDocument, id: string, next: OptionSpec): OpResult {
  const current = findOption(document, id);
  if (current && sameValue(current, next)) return { document };
  return {
    document: {
      ...document,
      options: (document.options ?? []).map((option) => (option.id === id ? next : option)),
    },
  };
}

/**
 * Adds an option with a one-off cost of 0 and no changes yet. Its id comes from its label
 * (`"Step 7 to 0.99"` → `step-7-to-0-99`), made unique among the options.
 */
export function addOption(
  document: BlueprintDocument,
  params: {
    label: string;
    id?: string;
    description?: string;
    costOnce?: NumberOrExpression;
    costPerYear?: NumberOrExpression;
    changes?: ChangeSpec[];
  },
): OpResult & { id?: string } {
  const taken = new Set((document.options ?? []).map((option) => option.id));
  // A label with no letter or digit (or none) gives `option`, `option-2`, …
  const base = /[\p{L}\p{N}]/u.test(params.label) ? params.label : 'option';
  const id = params.id?.trim() || scenarioIdFor(base, taken);
  if (taken.has(id)) return refuse('ED032', { id });
  const label = params.label.trim();
  const option: OptionSpec = {
    id,
    ...(label ? { label } : {}),
    ...(params.description?.trim() ? { description: params.description.trim() } : {}),
    costOnce: 0,
    changes: [],
  };
  const added: BlueprintDocument = { ...document, options: [...(document.options ?? []), option] };
  const result = composeCommands(added, [
    (d) =>
      params.costOnce === undefined
        ? { document: d }
        : setOptionCost(d, id, 'costOnce', params.costOnce),
    (d) =>
      params.costPerYear === undefined
        ? { document: d }
        : setOptionCost(d, id, 'costPerYear', params.costPerYear),
    (d) =>
      params.changes === undefined ? { document: d } : setOptionChanges(d, id, params.changes),
  ]);
  return isRefusal(result) ? result : { ...result, id };
}

/** Sets an option's label or description; blank text leaves the key out of the file. */
export function setOptionText(
  document: BlueprintDocument,
  id: string,
  field: 'label' | 'description',
  value: string,
): OpResult {
  const option = findOption(document, id);
  if (!option) return optionMissing(id);
  const next = { ...option };
  if (value.trim() === '') delete next[field];
  else next[field] = value.trim();
  return replaceOption(document, id, next);
}

/** Gives an option another id; every scenario that lists it follows. */
export function renameOption(document: BlueprintDocument, id: string, newId: string): OpResult {
  const option = findOption(document, id);
  if (!option) return optionMissing(id);
  const to = newId.trim();
  if (to === id) return { document };
  if (to === '') return refuse('ED031', { id: newId });
  if (findOption(document, to)) return refuse('ED032', { id: to });
  const options = (document.options ?? []).map((o) => (o.id === id ? { ...o, id: to } : o));
  const scenarios = document.scenarios?.map((scenario) =>
    scenario.options?.includes(id)
      ? { ...scenario, options: scenario.options.map((listed) => (listed === id ? to : listed)) }
      : scenario,
  );
  return { document: { ...document, options, ...(scenarios ? { scenarios } : {}) } };
}

/**
 * Sets an option's one-off or yearly cost (currency units): a number or an expression. A blank
 * yearly cost leaves it out (0); the one-off cost is required.
 */
export function setOptionCost(
  document: BlueprintDocument,
  id: string,
  field: 'costOnce' | 'costPerYear',
  value: NumberOrExpression | undefined,
): OpResult {
  const option = findOption(document, id);
  if (!option) return optionMissing(id);
  const next = { ...option };
  if (isBlank(value)) {
    if (field === 'costOnce') return refuse('ED028', { field });
    delete next.costPerYear;
  } else {
    const written = typeof value === 'string' ? value.trim() : value;
    const refusal = rangeRefusal(document, field, 'money', written);
    if (refusal) return refusal;
    next[field] = written;
  }
  return replaceOption(document, id, next);
}

/** The first conflict among the options a scenario lists, as a refusal naming both options. */
/**
 * Replaces an option's changes (written as a scenario's). Refused when a scenario that lists
 * the option would then combine two options changing the same thing.
 */
export function setOptionChanges(
  document: BlueprintDocument,
  id: string,
  changes: ChangeSpec[],
): OpResult {
  const option = findOption(document, id);
  if (!option) return optionMissing(id);
  const result = replaceOption(document, id, { ...option, changes });
  if (isRefusal(result)) return result;
  for (const scenario of result.document.scenarios ?? []) {
    if (!scenario.options?.includes(id)) continue;
    const refusal = conflictRefusal(result.document, scenario, scenario.options);
    if (refusal) return refusal;
  }
  return result;
}

/** The scenarios that list an option. */
export function scenariosUsingOption(document: BlueprintDocument, id: string): ScenarioSpec[] {
  return (document.scenarios ?? []).filter((scenario) => scenario.options?.includes(id));
}

/**
 * Deletes an option and takes it out of every scenario that lists it, in the same step (the
 * scenario keeps its own changes and its other options).
 */
export function deleteOption(document: BlueprintDocument, id: string): OpResult {
  if (!findOption(document, id)) return optionMissing(id);
  const options = document.options!.filter((option) => option.id !== id);
  const scenarios = document.scenarios?.map((scenario) => {
    if (!scenario.options?.includes(id)) return scenario;
    const rest = scenario.options.filter((listed) => listed !== id);
    const { options: _listed, ...withoutOptions } = scenario;
    return rest.length > 0 ? { ...scenario, options: rest } : withoutOptions;
  });
  return { document: { ...document, options, ...(scenarios ? { scenarios } : {}) } };
}

/** What the option form saves: every field of one option, as one step. */
export interface SaveOptionParams {
  /** The option being edited; a new one when left out. */
  id?: string;
  /** Its id afterwards (a new option's id is derived from its label when left out). */
  newId?: string;
  label: string;
  description: string;
  costOnce: NumberOrExpression;
  costPerYear: NumberOrExpression | undefined;
  changes: ChangeSpec[];
}

/** Creates an option or rewrites one from the option form: one command, so one undo step. */
export function saveOption(document: BlueprintDocument, params: SaveOptionParams): OpResult {
  if (params.id === undefined) {
    return addOption(document, {
      label: params.label,
      ...(params.newId?.trim() ? { id: params.newId } : {}),
      description: params.description,
      costOnce: params.costOnce,
      ...(isBlank(params.costPerYear) ? {} : { costPerYear: params.costPerYear }),
      changes: params.changes,
    });
  }
  const id = params.id;
  const to = params.newId?.trim() || id;
  return composeCommands(document, [
    (d) => setOptionText(d, id, 'label', params.label),
    (d) => setOptionText(d, id, 'description', params.description),
    (d) => setOptionCost(d, id, 'costOnce', params.costOnce),
    (d) => setOptionCost(d, id, 'costPerYear', params.costPerYear),
    (d) => setOptionChanges(d, id, params.changes),
    (d) => renameOption(d, id, to),
  ]);
}
