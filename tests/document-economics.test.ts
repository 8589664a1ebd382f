/**
 * Editing the economics and the improvement options of a blueprint: the pure commands of
 * `src/document/economics.ts`, checked against the validation of `parseBlueprint` so that what
 * the commands write is a file Failpoint reads without problems.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveScenario, type OpResult } from '../src/document/commands';
import {
  DEFAULT_ECONOMICS,
  addEconomics,
  addOption,
  customerValueForm,
  deleteOption,
  economicsValue,
  removeEconomics,
  renameOption,
  saveOption,
  setCustomerValueForm,
  setEconomicsCurrency,
  setEconomicsField,
  setOptionChanges,
  setOptionCost,
  setOptionText,
  shownEconomicsFields,
} from '../src/document/economics';
import { setScenarioOptions } from '../src/document/scenario-options';
import { isRefusal, type Refusal } from '../src/document/refusals';
import type { BlueprintDocument } from '../src/sim/document';
import { yearlyLoss } from '../src/sim/money';
import { parseBlueprint } from '../src/sim/parse';

function example(file: string): BlueprintDocument {
  return JSON.parse(readFileSync(`examples/${file}`, 'utf8')) as BlueprintDocument;
}

function done(result: OpResult): BlueprintDocument {
  if (isRefusal(result))
    throw new Error(`refused: ${result.code} ${JSON.stringify(result.params)}`);
  return result.document;
}

function refused(result: OpResult): Refusal {
  if (!isRefusal(result)) throw new Error('expected a refusal');
  return result;
}

/** The document parses without any problem. */
function expectValid(document: BlueprintDocument): void {
  const parsed = parseBlueprint(JSON.stringify(document));
  expect(parsed.ok ? [] : parsed.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
}

describe('economics', () => {
  it('adds the source material’s figures to a blueprint without economics, and they parse', () => {
    const bank = example('bank-loan.blueprint.json');
    expect(bank.economics).toBeUndefined();
    const added = done(addEconomics(bank));
    expect(added.economics).toEqual(DEFAULT_ECONOMICS);
    expect(added.economics?.customerValue).toBe(2400);
    expect(added.economics?.wordOfMouth).toEqual({ told: 10, lostShare: 0.2 });
    expectValid(added);
    expect(bank.economics).toBeUndefined();
    expect(refused(addEconomics(added)).code).toBe('ED026');
  });

  it('sets a field by its registry key, as a number or an expression', () => {
    const doc = done(addEconomics(example('bank-loan.blueprint.json')));
    const more = done(setEconomicsField(doc, 'customersPerYear', 25000));
    expect(more.economics?.customersPerYear).toBe(25000);
    const withParameter = {
      ...more,
      parameters: { ...more.parameters, visitors: { value: 300 } },
    };
    const expression = done(setEconomicsField(withParameter, 'customersPerYear', 'visitors * 12'));
    expect(expression.economics?.customersPerYear).toBe('visitors * 12');
    expectValid(expression);
    // Setting the value it already has records nothing.
    expect(done(setEconomicsField(more, 'customersPerYear', 25000))).toBe(more);
  });

  it('refuses negative counts and shares outside [0, 1], with a code and the field', () => {
    const doc = done(addEconomics(example('bank-loan.blueprint.json')));
    const negative = refused(setEconomicsField(doc, 'customersPerYear', -5));
    expect(negative).toEqual({
      code: 'ED029',
      params: { field: 'customersPerYear', value: -5, problem: 'negative' },
    });
    expect(refused(setEconomicsField(doc, 'lostShare', 1.2)).params?.problem).toBe('share');
    expect(refused(setEconomicsField(doc, 'wordOfMouth.lostShare', -0.1)).code).toBe('ED029');
    // An expression is checked by its value.
    expect(refused(setEconomicsField(doc, 'lostShare', '0.5 + 0.6')).code).toBe('ED029');
    expect(done(setEconomicsField(doc, 'lostShare', 1)).economics?.lostShare).toBe(1);
  });

  it('leaves optional fields out and refuses to leave out required ones', () => {
    const doc = done(addEconomics(example('bank-loan.blueprint.json')));
    expect(refused(setEconomicsField(doc, 'customersPerYear', undefined)).code).toBe('ED028');
    expect(refused(setEconomicsField(doc, 'lostShare', '  ')).code).toBe('ED028');
    const noHorizon = done(setEconomicsField(doc, 'horizonYears', undefined));
    expect(noHorizon.economics && 'horizonYears' in noHorizon.economics).toBe(false);
    expectValid(noHorizon);
    // Word of mouth is a pair: clearing one half writes 0, clearing both removes the pair.
    const noneTold = done(setEconomicsField(doc, 'wordOfMouth.told', undefined));
    expect(noneTold.economics?.wordOfMouth).toEqual({ told: 0, lostShare: 0.2 });
    const noWord = done(setEconomicsField(noneTold, 'wordOfMouth.lostShare', undefined));
    expect(noWord.economics?.wordOfMouth).toBeUndefined();
    expectValid(noWord);
    const back = done(setEconomicsField(noWord, 'wordOfMouth.told', 26));
    expect(back.economics?.wordOfMouth).toEqual({ told: 26, lostShare: 0 });
    expectValid(back);
  });

  it('switches a customer’s value between one amount and spending, keeping its value', () => {
    const doc = done(addEconomics(example('bank-loan.blueprint.json')));
    const spending = done(setCustomerValueForm(doc, 'spending'));
    expect(customerValueForm(spending.economics!)).toBe('spending');
    expect(spending.economics?.customerValue).toEqual({
      spendPerVisit: 2400,
      visitsPerYear: 1,
      years: 1,
    });
    expect(shownEconomicsFields(spending.economics!).map((f) => f.key)).toContain(
      'customerValue.visitsPerYear',
    );
    expect(refused(setEconomicsField(spending, 'customerValue', 5)).code).toBe('ED027');
    const refined = done(
      setEconomicsField(
        done(
          setEconomicsField(
            done(setEconomicsField(spending, 'customerValue.spendPerVisit', 5)),
            'customerValue.visitsPerYear',
            48,
          ),
        ),
        'customerValue.years',
        10,
      ),
    );
    expectValid(refined);
    const amount = done(setCustomerValueForm(refined, 'amount'));
    expect(amount.economics?.customerValue).toBe(2400);
    const expressed = done(
      setCustomerValueForm(
        done(setEconomicsField(refined, 'customerValue.years', '5 + 5')),
        'amount',
      ),
    );
    expect(expressed.economics?.customerValue).toBe('5 * 48 * (5 + 5)');
    expect(economicsValue(expressed.economics!, 'customerValue')).toBe('5 * 48 * (5 + 5)');
    expectValid(expressed);
  });

  it('changes the money the engine works out', () => {
    const doc = done(addEconomics(example('bank-loan.blueprint.json')));
    const parsed = (d: BlueprintDocument) => {
      const result = parseBlueprint(JSON.stringify(d));
      if (!result.ok) throw new Error(result.diagnostics[0].message);
      return result.blueprint;
    };
    const before = parsed(doc);
    const after = parsed(done(setEconomicsField(doc, 'customersPerYear', 20000)));
    const r = 0.9;
    const lossBefore = yearlyLoss(before.economics!, r, 0);
    const lossAfter = yearlyLoss(after.economics!, r, 0);
    expect(lossAfter.failedPerYear).toBeCloseTo(2 * lossBefore.failedPerYear, 9);
  });

  it('sets the currency, refuses an empty one, and removes the economics', () => {
    const doc = done(addEconomics(example('bank-loan.blueprint.json')));
    expect(done(setEconomicsCurrency(doc, ' EUR ')).economics?.currency).toBe('EUR');
    expect(refused(setEconomicsCurrency(doc, '')).code).toBe('ED028');
    const removed = done(removeEconomics(doc));
    expect('economics' in removed).toBe(false);
    expect(refused(removeEconomics(removed)).code).toBe('ED027');
    expect(refused(setEconomicsField(removed, 'lostShare', 0.1)).code).toBe('ED027');
  });
});

describe('improvement options', () => {
  const s7Reliability = [{ node: 's7', set: { reliability: 0.99 } }];

  it('adds an option with an id from its label, costs and changes, and it parses', () => {
    const courier = example('courier.blueprint.json');
    const result = addOption(courier, {
      label: 'Step 7 to 0.99 by training',
      costOnce: 400000,
      costPerYear: 'catchRate * 100000',
      changes: s7Reliability,
    });
    const doc = done(result);
    expect(result).toMatchObject({ id: 'step-7-to-0-99-by-training' });
    const option = doc.options?.at(-1);
    expect(option).toEqual({
      id: 'step-7-to-0-99-by-training',
      label: 'Step 7 to 0.99 by training',
      costOnce: 400000,
      costPerYear: 'catchRate * 100000',
      changes: s7Reliability,
    });
    expectValid(doc);
    const again = addOption(doc, { label: 'Step 7 to 0.99 by training' });
    expect(again).toMatchObject({ id: 'step-7-to-0-99-by-training-2' });
    expect(addOption(doc, { label: '' })).toMatchObject({ id: 'option' });
    expect(refused(addOption(doc, { label: 'x', id: 'scan-loading' })).code).toBe('ED032');
  });

  it('refuses a negative cost and requires the one-off cost', () => {
    const courier = example('courier.blueprint.json');
    expect(refused(setOptionCost(courier, 'scan-loading', 'costOnce', -1)).code).toBe('ED029');
    expect(refused(setOptionCost(courier, 'scan-loading', 'costOnce', undefined)).code).toBe(
      'ED028',
    );
    const free = done(setOptionCost(courier, 'scan-loading', 'costPerYear', undefined));
    expect(free.options?.find((o) => o.id === 'scan-loading')).not.toHaveProperty('costPerYear');
    expect(refused(setOptionCost(courier, 'nope', 'costOnce', 1)).code).toBe('ED030');
  });

  it('renames an option and every scenario listing it follows', () => {
    const courier = example('courier.blueprint.json');
    const renamed = done(renameOption(courier, 'check-loading', 'manifest-check'));
    expect(renamed.options?.some((o) => o.id === 'check-loading')).toBe(false);
    expect(renamed.scenarios?.find((s) => s.id === 'recover-7')?.options).toEqual([
      'manifest-check',
    ]);
    expect(renamed.scenarios?.find((s) => s.id === 'recover-3-and-7')?.options).toEqual([
      'check-waybill',
      'manifest-check',
    ]);
    expectValid(renamed);
    expect(refused(renameOption(courier, 'check-loading', 'check-waybill')).code).toBe('ED032');
    expect(refused(renameOption(courier, 'check-loading', ' ')).code).toBe('ED031');
    const labelled = done(setOptionText(courier, 'check-loading', 'description', ''));
    expect(labelled.options?.find((o) => o.id === 'check-loading')).not.toHaveProperty(
      'description',
    );
  });

  it('deletes an option and takes it out of the scenarios that list it, in one step', () => {
    const courier = example('courier.blueprint.json');
    const doc = done(deleteOption(courier, 'check-loading'));
    expect(doc.options?.map((o) => o.id)).not.toContain('check-loading');
    const recover7 = doc.scenarios?.find((s) => s.id === 'recover-7');
    expect(recover7).not.toHaveProperty('options');
    expect(doc.scenarios?.find((s) => s.id === 'recover-3-and-7')?.options).toEqual([
      'check-waybill',
    ]);
    expectValid(doc);
    expect(refused(deleteOption(doc, 'check-loading')).code).toBe('ED030');
  });

  it('refuses a scenario option list that combines two changes of the same field', () => {
    const courier = example('courier.blueprint.json');
    const ok = done(setScenarioOptions(courier, 'recover-7', ['check-loading', 'waybill-app']));
    expect(ok.scenarios?.find((s) => s.id === 'recover-7')?.options).toEqual([
      'check-loading',
      'waybill-app',
    ]);
    expectValid(ok);
    // check-waybill and waybill-app both change step 3 (its recovery against its reliability
    // is allowed); scan-loading and a second reliability change of step 7 are not.
    const withTraining = done(
      addOption(courier, { label: 'Training', id: 'training', changes: s7Reliability }),
    );
    const conflict = refused(
      setScenarioOptions(withTraining, 'recover-7', ['scan-loading', 'training']),
    );
    expect(conflict).toEqual({
      code: 'ED033',
      params: {
        scenario: 'Recover step 7',
        first: 'Barcode scanning at loading (step 7 to 0.99)',
        second: 'Training',
        targetKind: 'node',
        target: 's7',
        field: 'reliability',
      },
    });
    expect(refused(setScenarioOptions(courier, 'recover-7', ['nope'])).code).toBe('ED030');
    expect(refused(setScenarioOptions(courier, 'nope', [])).code).toBe('ED021');
    const none = done(setScenarioOptions(courier, 'recover-7', []));
    expect(none.scenarios?.find((s) => s.id === 'recover-7')).not.toHaveProperty('options');
  });

  it('refuses option changes that would make a scenario combine two changes of one field', () => {
    const courier = example('courier.blueprint.json');
    // recover-3-and-7 lists check-waybill (step 3's recovery) and check-loading (step 7's).
    const refusal = refused(
      setOptionChanges(courier, 'check-loading', [
        { node: 's3', set: { recovery: { catch: 0.5 } } },
      ]),
    );
    expect(refusal.code).toBe('ED033');
    expect(refusal.params?.field).toBe('recovery');
    const fine = done(setOptionChanges(courier, 'check-loading', s7Reliability));
    expectValid(fine);
  });

  it('saves the option form in one command: new, then edited and renamed', () => {
    const courier = example('courier.blueprint.json');
    const created = done(
      saveOption(courier, {
        label: 'Training',
        description: 'Loaders trained',
        costOnce: 1000,
        costPerYear: undefined,
        changes: s7Reliability,
      }),
    );
    expect(created.options?.at(-1)).toEqual({
      id: 'training',
      label: 'Training',
      description: 'Loaders trained',
      costOnce: 1000,
      changes: s7Reliability,
    });
    const withScenario = done(setScenarioOptions(created, 'recover-7', ['training']));
    const edited = done(
      saveOption(withScenario, {
        id: 'training',
        newId: 'loader-training',
        label: 'Loader training',
        description: '',
        costOnce: 2000,
        costPerYear: 500,
        changes: s7Reliability,
      }),
    );
    expect(edited.options?.at(-1)).toEqual({
      id: 'loader-training',
      label: 'Loader training',
      costOnce: 2000,
      costPerYear: 500,
      changes: s7Reliability,
    });
    expect(edited.scenarios?.find((s) => s.id === 'recover-7')?.options).toEqual([
      'loader-training',
    ]);
    expectValid(edited);
    // A refused part leaves the whole form unsaved.
    expect(
      refused(
        saveOption(withScenario, {
          id: 'training',
          label: 'Loader training',
          description: '',
          costOnce: -2,
          costPerYear: 500,
          changes: s7Reliability,
        }),
      ).code,
    ).toBe('ED029');
  });

  it('saves a scenario with its options, refusing a conflicting set', () => {
    const courier = example('courier.blueprint.json');
    const created = done(
      saveScenario(courier, {
        name: 'Scan and check',
        changes: [],
        options: ['scan-loading', 'check-waybill'],
      }),
    );
    const scenario = created.scenarios?.at(-1);
    expect(scenario).toMatchObject({
      id: 'scan-and-check',
      options: ['scan-loading', 'check-waybill'],
    });
    expectValid(created);
    const withTraining = done(
      addOption(created, { label: 'Training', id: 'training', changes: s7Reliability }),
    );
    expect(
      refused(
        saveScenario(withTraining, {
          id: 'scan-and-check',
          name: 'Scan and check',
          changes: [],
          options: ['scan-loading', 'training'],
        }),
      ).code,
    ).toBe('ED033');
    // Without `options`, an edited scenario keeps its own.
    const renamed = done(
      saveScenario(created, { id: 'scan-and-check', name: 'Renamed', changes: [] }),
    );
    expect(renamed.scenarios?.at(-1)?.options).toEqual(['scan-loading', 'check-waybill']);
  });
});
